"""The model's copy of an article's text, and the map back to the original.

The parser reads a normalised copy: typographic apostrophes become ``'``, the
many Unicode spaces become ``' '``, a newline inside a paragraph becomes a
space (paragraphs are separated by ``\\n\\n``), and guillemets get the spaces
French typography puts inside them ("«Oui»" → "« Oui »"), because the tokenizer
splits on ``' '`` only and the model was trained on such text.

Every edit is recorded in an :class:`OffsetMap`, so any span the model finds in
the copy maps back to code-point offsets in the original text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from sourcier.model import Paragraph

# One-for-one substitutions: they keep offsets unchanged.
_CHAR_MAP = str.maketrans(
    {
        "\u2019": "'",  # ’ right single quotation mark, the usual French apostrophe
        "\u02bc": "'",  # ʼ modifier letter apostrophe
        "\u2018": "'",  # ‘
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space (before ; : ! ? » in French)
        "\u2009": " ",  # thin space
        "\u2007": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u200a": " ",
        "\t": " ",
        "\r": " ",
        "\u00ad": " ",  # soft hyphen: invisible in print, a word break for the model
        "\ufeff": " ",
        "\u200b": " ",  # zero-width space
    }
)


@dataclass(slots=True)
class OffsetMap:
    """Maps offsets in a normalised copy back to offsets in the original text.

    The copy differs from the original by insertions only (a space added inside a
    guillemet), kept as sorted positions in the copy. Lookups are O(log n).
    """

    inserted: list[int]  # positions, in the copy, of characters absent from the original

    def to_original(self, pos: int) -> int:
        """The original offset of copy offset ``pos`` (a start or an end)."""
        return pos - bisect.bisect_left(self.inserted, pos)

    def to_original_end(self, pos: int) -> int:
        """The original offset of an exclusive end ``pos``, not counting an insertion just before it."""
        return pos - bisect.bisect_right(self.inserted, pos - 1)

    def to_copy(self, pos: int) -> int:
        """The copy offset of original offset ``pos`` (never an inserted character)."""
        k = 0
        while k < len(self.inserted) and self.inserted[k] <= pos + k:
            k += 1
        return pos + k

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a copy span to the original, never growing it over an inserted space."""
        return self.to_original(start), max(self.to_original(start), self.to_original_end(end))


def prepare(text: str, paragraphs: list[Paragraph]) -> tuple[str, OffsetMap]:
    """Build the model's copy of ``text`` and its offset map.

    Args:
        text: the article text as reported.
        paragraphs: its paragraphs (non-overlapping, in order).

    RETURNS (tuple[str, OffsetMap]): the copy, in which paragraphs are separated by
        blank lines and contain no newline, and the map back to ``text``.
    """
    flat = text.translate(_CHAR_MAP)
    chars = list(flat)
    # Inside a paragraph a newline is a line wrap: a space. Between paragraphs, a
    # separator the sentence splitter can see. Offsets do not move.
    for i, ch in enumerate(chars):
        if ch in "\n\u2028\u2029\x0b\x0c\x85":
            chars[i] = " "
    for prev, para in zip(paragraphs, paragraphs[1:]):
        gap = range(prev.end, para.start)
        for i in gap:
            chars[i] = "\n"
    flat = "".join(chars)
    return _space_guillemets(flat)


def _space_guillemets(flat: str) -> tuple[str, OffsetMap]:
    out: list[str] = []
    inserted: list[int] = []
    n = len(flat)
    for i, ch in enumerate(flat):
        if ch == "»" and i > 0 and not flat[i - 1].isspace():
            inserted.append(len(out))
            out.append(" ")
        out.append(ch)
        if ch == "«" and i + 1 < n and not flat[i + 1].isspace():
            inserted.append(len(out))
            out.append(" ")
    return "".join(out), OffsetMap(inserted)
