"""The model's copy of an article's text, and the map back to the original.

The parser reads a normalised copy: typographic apostrophes become ``'``, the
many Unicode spaces become ``' '``, a newline inside a paragraph becomes a
space (paragraphs are separated by ``\\n\\n``), and guillemets get the spaces
French typography puts inside them ("«Oui»" → "« Oui »"), because the tokenizer
splits on ``' '`` only and the model was trained on such text; "a t-il" gets its hyphen
("a-t-il", one character for one). A sentence glued to
the next one ("… Léopold II.Surnommé …", "… jeudi.\"Nous …": text scraped from pages
whose paragraphs lost their separators) gets back its paragraph break (a newline), or
a space when the glue is inside a quotation; so does a subheading between dashes glued to the
sentences around it ("… jeudi.- Des messes prudentes -C'est …"), and a paragraph that lost its
full stop too ("… circulerontLes prévisions pour lundiPour lundi, …"), or a quoted subheading
('… "Un plan excessif"Le ministère a …').

Every edit is recorded in an :class:`OffsetMap`, so any span the model finds in
the copy maps back to code-point offsets in the original text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from sourcier.analyse.quotes.marks import find_quotations, paragraphs_of
from sourcier.model import Paragraph

# One-for-one substitutions: they keep offsets unchanged.
_CHAR_MAP: dict[str, str] = {
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
    flat = _substitute(text)
    pieces, last = [], 0
    for prev, para in zip(paragraphs, paragraphs[1:]):
        pieces += [flat[last : prev.end], "\n" * (para.start - prev.end)]
        last = para.start
    pieces.append(flat[last:])
    flat = _EUPHONIC_T.sub("-", "".join(pieces))
    is_open = _open_quotations(flat)
    breaks = [*_glued_sentence_breaks(flat, is_open), *_glued_subheadings(flat, is_open),
              *_glued_words(flat, is_open), *_glued_closing_quotes(flat, is_open)]
    return _insert(flat, sorted(_guillemet_spaces(flat) + _elision_spaces(flat) + breaks))


def _substitute(text: str) -> str:
    """``text`` with the substitutions of :data:`_CHAR_MAP` made: one ``str.replace`` per character
    present is many times cheaper than ``str.translate`` with a dict, which visits every character."""
    for char, replacement in _CHAR_MAP.items():
        if char in text:
            text = text.replace(char, replacement)
    return text


def _insert(flat: str, edits: list[tuple[int, str]]) -> tuple[str, OffsetMap]:
    """``flat`` with one character inserted before each offset of ``edits``, and the map back."""
    pieces: list[str] = []
    inserted: list[int] = []
    last = 0
    for cut, char in edits:
        pieces.append(flat[last:cut])
        inserted.append(cut + len(inserted))  # its position in the copy
        pieces.append(char)
        last = cut
    pieces.append(flat[last:])
    return "".join(pieces), OffsetMap(inserted)


# "a t-il ajouté" typed for "a-t-il ajouté": the space becomes the hyphen (one for one: offsets
# do not move), so that the tokenizer reads the inverted subject.
_EUPHONIC_T = re.compile(r"(?<=[aeé]) (?=t-(?:il|elle|ils|elles|on)\b)")
_GUILLEMET = re.compile("[«»]")


#: Elided words ("qu'", "d'"): the pipeline keeps each as one token before a space.
ELIDED_WORDS = ("qu'", "d'", "l'", "j'", "m'", "n'", "s'", "t'", "c'", "lorsqu'", "puisqu'", "jusqu'", "quoiqu'")
# "propose qu'« on … »", "proposant d'"isoler …"": the tokenizer leaves an elision glued to a
# quotation mark in one token (or splits "qu" from its apostrophe), so neither the "que" nor the
# quotation is seen; a space after the apostrophe lets it read both.
_ELISION_MARKS = ('"', "«", "“")
_GLUED_ELISION = re.compile(r"(?i)(?<![\w'])(?:%s)(?=[%s])" % ("|".join(ELIDED_WORDS), "".join(_ELISION_MARKS)))


def _elision_spaces(flat: str) -> list[tuple[int, str]]:
    if not any("'" + mark in flat for mark in _ELISION_MARKS):  # the usual case: skips the slow regex scan
        return []
    return [(m.end(), " ") for m in _GLUED_ELISION.finditer(flat)]


def _guillemet_spaces(flat: str) -> list[tuple[int, str]]:
    """A space after each "«" and before each "»" glued to a word (the marks are found first:
    a pattern with a look-behind would be tried at every character)."""
    edits = []
    for m in _GUILLEMET.finditer(flat):
        at = m.start()
        if m.group() == "«" and at + 1 < len(flat) and not flat[at + 1].isspace():
            edits.append((at + 1, " "))
        elif m.group() == "»" and at > 0 and not flat[at - 1].isspace():
            edits.append((at, " "))
    return edits


# A sentence end glued to a capitalised word, or to a quotation that opens with one: after a
# word of two characters or more ("II.Surnommé", "jeudi.Le"; not the initial of "M.Dupont") or
# a closing mark or bracket ('"ferme".Le', "(AFP).Le").
_GLUED = re.compile(r"(?:(?<=\w\w)|(?<=[»\")]))[.!?…]+[\"»]?(?=[\"«]?[A-ZÀ-ÖØ-Þ](?:[a-zà-öø-ÿ'\- ]|$))")
# A subheading between dashes glued to the sentences around it: "… jeudi.- Des messes prudentes -C'est …".
_SUBHEADING = re.compile(r"(?<=[.!?…\"»)])- [^\n]{2,80}? -(?=[\"«]?[A-ZÀ-ÖØ-Þ])")
# A paragraph that lost its full stop with its break, glued to the next one: a lower-case word,
# then a capitalised word that opens French sentences ("… circulerontLes prévisions pour lundiPour
# lundi, …"); names in camel case ("McLaren", "DiCaprio", "LeBron") do not match.
_GLUED_WORD = re.compile(
    r"(?<=[a-zà-öø-ÿ]{2})(?=(?:Le|La|Les|L|Un|Une|Des|Du|De|D|Pour|Dans|En|Depuis|Selon|Mais|Il|Elle|Ils|Elles|"
    r"On|Ce|Cette|Ces|Après|Avant|Lors|Au|Aux|Sur|Si|Alors|Déjà|Enfin|Ainsi|Par|Quant|Pourtant|Cependant|Face|"
    r"Malgré|Avec|Sans|Outre|Entre|Côté)[ '])")
_GLUED_CLOSING = re.compile(r"(?<=[\w)])\"(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'])")


def _glued_sentence_breaks(flat: str, is_open: Callable[[int], bool]) -> list[tuple[int, str]]:
    """A newline (a paragraph break) after each glued sentence end, or a space inside a quotation."""
    edits: list[tuple[int, str]] = []
    for match in _GLUED.finditer(flat):
        cut = match.end()
        if match.group().endswith('"') and cut < len(flat) and flat[cut].isupper() and not is_open(cut - 1):
            cut -= 1  # '."Nous': the mark opens the next quotation
        edits.append((cut, " " if is_open(cut) else "\n"))
    return edits


def _glued_subheadings(flat: str, is_open: Callable[[int], bool]) -> list[tuple[int, str]]:
    """A newline before and after each glued subheading: a paragraph of its own."""
    edits: list[tuple[int, str]] = []
    for match in _SUBHEADING.finditer(flat):
        if not is_open(match.start()):
            edits += [(match.start(), "\n"), (match.end(), "\n")]
    return edits


def _glued_closing_quotes(flat: str, is_open: Callable[[int], bool]) -> list[tuple[int, str]]:
    """A newline after a straight quotation glued to a capitalised word ('… "les priorités"Emmanuel
    Macron a …': a quoted subheading), when the mark closes an open quotation; a newline before
    one that opens a quotation of a sentence or more ('… à tenir leurs promesses"Nous avons
    de l'argent, beaucoup"': a paragraph that lost its full stop and its break), not before a
    short title ('le film"Titanic"')."""
    edits = []
    for m in _GLUED_CLOSING.finditer(flat):
        if is_open(m.start()):
            edits.append((m.end(), "\n"))
        elif _quoted_words(flat, m.end()) >= _SENTENCE_WORDS:
            edits.append((m.start(), "\n"))
    return edits


_SENTENCE_WORDS = 5


def _quoted_words(flat: str, start: int) -> int:
    """The words of the straight quotation that opens before ``start``, up to its closing mark."""
    close = flat.find('"', start)
    words = flat[start : close if close >= 0 else len(flat)]
    return 0 if close < 0 or "\n" in words else len(words.split())


def _glued_words(flat: str, is_open: Callable[[int], bool]) -> list[tuple[int, str]]:
    return [(m.start(), " " if is_open(m.start()) else "\n") for m in _GLUED_WORD.finditer(flat)]


def _open_quotations(flat: str) -> Callable[[int], bool]:
    """Whether a quotation is open at a position (after its opening mark, up to its closing one
    included), with the marks paired as the quote extractor pairs them (:mod:`.quotes.marks`)."""
    spans = sorted((q.open if q.open is not None else q.start, q.close if q.close is not None else q.end)
                   for q in find_quotations(flat, paragraphs_of(flat)))
    starts = [a for a, _ in spans]

    def is_open(pos: int) -> bool:
        k = bisect.bisect_left(starts, pos) - 1  # the last quotation that opens before pos
        return k >= 0 and pos <= spans[k][1]

    return is_open
