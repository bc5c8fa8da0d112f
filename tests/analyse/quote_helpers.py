"""What the quote tests share: a background paragraph and the quotes of a text."""

from __future__ import annotations

from sourcier import analyze

BACKGROUND = "Le ministre des Affaires étrangères du Mali, Abdoulaye Diop, était à Moscou mardi.\n\n"


def quotes(text: str) -> list[tuple[str, str, str | None]]:
    """(type, text, speaker name) of each quote of ``text``, offsets checked."""
    analysis = analyze(text)
    for q in analysis.quotes:
        assert analysis.text[q.start : q.end] == q.text
    return [(q.type, q.text, q.speaker.name) for q in analysis.quotes]
