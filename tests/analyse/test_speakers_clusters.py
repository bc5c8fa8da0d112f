"""The article's people and organisations as one model per article (issue 8, items 1 and 2):
names the recogniser missed, descriptions that stand for a named person or body, names cut short."""

from __future__ import annotations

import pytest

from sourcier import analyze


def speakers(text: str) -> list[tuple[str, str | None]]:
    analysis = analyze(text)
    for q in analysis.quotes:
        assert analysis.text[q.start : q.end] == q.text
    return [(q.text, q.speaker.name if q.speaker else None) for q in analysis.quotes]


@pytest.mark.slow
def test_a_name_the_recogniser_missed_after_an_inverted_title_is_the_speaker():
    text = (
        "« Nous serons prêts », a rappelé la ministre de la Santé Amélie Vernier jeudi 6 août, "
        "alors que l'été commence.\n\n"
        "« Rien ne sera laissé au hasard », a-t-elle ajouté. « Les familles seront prévenues », a assuré la ministre."
    )
    assert [s for _, s in speakers(text)] == ["Amélie Vernier"] * 3
