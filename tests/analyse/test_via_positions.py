"""The position lookups that keep the via step linear give what a scan of the whole text gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sourcier.analyse.components.via import _previous_paragraph_start


def scanned_previous_paragraph_start(text: str, pos: int) -> int:
    starts = [m.start() for m in re.finditer(r"[^\n]+", text) if m.start() <= pos]
    return starts[-2] if len(starts) > 1 else 0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n", max_size=40), st.integers(min_value=0, max_value=45))
def test_previous_paragraph_start_equals_a_scan(text, pos):
    assert _previous_paragraph_start(text, pos) == scanned_previous_paragraph_start(text, pos)


def test_previous_paragraph_start_skips_blank_lines():
    text = "Un.\n\nDeux.\n\nTrois, a-t-il dit."
    assert _previous_paragraph_start(text, text.index("Trois") + 3) == text.index("Deux")
    assert _previous_paragraph_start(text, 1) == 0
