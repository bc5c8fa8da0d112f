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
import re
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
        "\n": " ",
        "\u2028": " ",
        "\u2029": " ",
        "\x0b": " ",
        "\x0c": " ",
        "\x85": " ",
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
    # Inside a paragraph a newline is a line wrap: a space (in _CHAR_MAP). Between
    # paragraphs, newlines the sentence splitter can see. Offsets do not move.
    flat = text.translate(_CHAR_MAP)
    pieces, last = [], 0
    for prev, para in zip(paragraphs, paragraphs[1:]):
        pieces += [flat[last : prev.end], "\n" * (para.start - prev.end)]
        last = para.start
    pieces.append(flat[last:])
    return _space_guillemets("".join(pieces))


_TIGHT_GUILLEMET = re.compile(r"«(?=\S)|(?<=\S)»")


def _space_guillemets(flat: str) -> tuple[str, OffsetMap]:
    pieces: list[str] = []
    inserted: list[int] = []
    last = 0
    for match in _TIGHT_GUILLEMET.finditer(flat):
        cut = match.end() if match.group() == "«" else match.start()
        pieces.append(flat[last:cut])
        inserted.append(cut + len(inserted))  # its position in the copy
        pieces.append(" ")
        last = cut
    pieces.append(flat[last:])
    return "".join(pieces), OffsetMap(inserted)
