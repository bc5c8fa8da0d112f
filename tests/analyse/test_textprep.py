"""The model's copy of the text and the offset map back: no model needed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from sourcier.analyse.textprep import prepare
from sourcier.model import Paragraph


def paragraphs_of(text: str) -> list[Paragraph]:
    return [Paragraph(m.start(), m.end()) for m in re.finditer(r"\S(?:.*\S)?", text)]


def test_textprep_normalises_apostrophes_and_spaces():
    text = "L’URSS a\u00a0dit\u202f: «Oui»."
    copy, offsets = prepare(text, paragraphs_of(text))
    assert copy == "L'URSS a dit : « Oui »."
    # "Oui" in the copy maps back to "Oui" in the original
    start = copy.index("Oui")
    s, e = offsets.span(start, start + 3)
    assert text[s:e] == "Oui"


def test_textprep_inserted_space_never_reported():
    text = "«Non»"
    copy, offsets = prepare(text, paragraphs_of(text))
    assert copy == "« Non »"
    assert offsets.span(0, len(copy)) == (0, len(text))
    assert offsets.span(1, 2) == (1, 1)  # the inserted space alone maps to nothing
    assert offsets.span(2, 5) == (1, 4)


def test_textprep_newlines_inside_and_between_paragraphs():
    text = "Première ligne\ncoupée.\n\nSecond paragraphe."
    paras = [Paragraph(0, 22), Paragraph(24, len(text))]
    copy, _ = prepare(text, paras)
    assert copy == "Première ligne coupée.\n\nSecond paragraphe."


@given(st.text(alphabet="ab «»’\u00a0\n.", max_size=60), st.data())
def test_textprep_offsets_round_trip(text, data):
    copy, offsets = prepare(text, paragraphs_of(text))
    assert len(copy) == len(text) + len(offsets.inserted)
    for i, ch in enumerate(text):
        j = offsets.to_copy(i)
        assert offsets.to_original(j) == i
        if ch.isspace():
            assert copy[j].isspace()  # a space, or a newline between paragraphs
        else:
            assert copy[j] == ch.translate({0x2019: "'"})
    a = data.draw(st.integers(0, len(copy)))
    b = data.draw(st.integers(a, len(copy)))
    s, e = offsets.span(a, b)
    assert 0 <= s <= e <= len(text)
    # every original character of the copy span is inside the mapped span
    kept = [offsets.to_original(j) for j in range(a, b) if j not in offsets.inserted]
    assert all(s <= k < e for k in kept)
