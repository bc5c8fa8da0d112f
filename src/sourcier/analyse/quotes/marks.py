"""Quotation marks: pairing them, paragraph by paragraph, into quotations.

French news quotes in « », “ ”, ‹ › and, in some outlets (BBC Afrique, OrangeSum), straight
quotes that both open and close. A straight quote is read by its shape: glued to the word
after it (a space or the paragraph start before) it opens, glued to the word before it it
closes, otherwise it toggles; so one stray mark (a quotation the writer never closed, or a
closing mark without its opening) does not turn every later quotation of the paragraph inside
out. A quotation never crosses a paragraph: one that
runs over several paragraphs reopens « at each (and closes only in the last), so
an unclosed quotation ends with its paragraph and is marked ``runs_on``. Marks
inside a quotation are nested quotes and stay part of its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Stray opening marks looked past in one paragraph (each costs a pass over it); beyond, the
#: paragraph's first unclosed mark is taken to open a quotation, as when nothing is nested.
MAX_STRAY_MARKS = 16

_OPENERS = {"«": "»", "“": "”", "‹": "›", "„": "”"}
_CLOSERS = {"»": "«", "”": "“", "›": "‹"}
_STRAIGHT = '"'
_MARKS = re.compile("[%s]" % re.escape("".join(sorted({_STRAIGHT, *_OPENERS, *_CLOSERS}))))


@dataclass(slots=True)
class Quotation:
    """Words between quotation marks: ``text[start:end]``, the marks excluded, spaces trimmed."""

    start: int
    end: int
    open: int | None  # offset of the opening mark (None: the quotation continues a previous paragraph)
    close: int | None  # offset of the closing mark (None: it runs on to the next paragraph)
    paragraph: int  # index of its paragraph

    @property
    def runs_on(self) -> bool:
        return self.close is None

    @property
    def outer(self) -> tuple[int, int]:
        """The quotation with its marks."""
        start = self.open if self.open is not None else self.start
        end = self.close + 1 if self.close is not None else self.end
        return start, end


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of the model's copy (paragraphs are separated by newlines)."""
    spans, start = [], 0
    i = text.find("\n")
    while i >= 0:  # str.find, not a loop over every character: this runs on every article
        if i > start:
            spans.append((start, i))
        start = i + 1
        i = text.find("\n", start)
    if len(text) > start:
        spans.append((start, len(text)))
    return spans


def find_quotations(text: str, paragraphs: list[tuple[int, int]]) -> list[Quotation]:
    """The outermost quotations of each paragraph, in text order."""
    found: list[Quotation] = []
    carried = False  # the previous paragraph ended inside a quotation
    for index, (start, end) in enumerate(paragraphs):
        quotations = _paragraph_quotations(text, start, end, index, carried)
        found.extend(quotations)
        carried = bool(quotations) and quotations[-1].runs_on
    return [q for q in found if q.end > q.start]


def _paragraph_quotations(
    text: str, start: int, end: int, index: int, carried: bool, ignored: frozenset[int] = frozenset()
) -> list[Quotation]:
    out: list[Quotation] = []
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    nested = False  # a quotation closed inside another one
    for mark in _MARKS.finditer(text, start, end):  # only the marks: other characters change nothing
        i, ch = mark.start(), mark.group()
        if i in ignored:
            continue
        if ch == _STRAIGHT:
            shape = _straight_shape(text, i, start, end)
            if stack and stack[-1][0] == _STRAIGHT:
                if shape == "open" and _unclosed(text, i, end):
                    stack[-1] = (ch, i)  # the mark open before was never closed: a stray one
                elif shape == "open":
                    stack.append((ch, i))  # a straight quotation nested in another
                else:
                    nested = nested or len(stack) > 1
                    _close(text, stack, out, i, index)
            elif shape == "close" and not stack:
                if not out and _can_open_straight(text, i, start) and not any(text[k] in _OPENERS or text[k] == _STRAIGHT for k in range(start, i)):
                    out.append(_trimmed(text, start, i, None, i, index))  # like a "»" that closes nothing
            elif _can_open_straight(text, i, start):
                stack.append((ch, i))
        elif ch in _OPENERS and not _typo_closer(text, i, start, end, stack):
            stack.append((ch, i))
        elif ch == "«":  # "« … France« .": an opening mark typed for the closing one
            nested = nested or len(stack) > 1
            while stack[-1][0] != "«":
                stack.pop()
            _close(text, stack, out, i, index)
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if any(mark == opener for mark, _ in stack):
                while stack[-1][0] != opener:
                    stack.pop()  # an unbalanced nested mark: dropped
                nested = nested or len(stack) > 1
                _close(text, stack, out, i, index)
            elif not stack and not out and ch == "»":
                # A quotation that this paragraph does not (re)open: a continued one, or a typo.
                out.append(_trimmed(text, start, i, None, i, index))
    if stack:
        mark, pos = stack[0]
        if nested and len(ignored) < MAX_STRAY_MARKS:
            # An opening mark never closed, around balanced quotations: a stray mark
            # (often a pasted article's), not a quotation over the whole paragraph.
            return _paragraph_quotations(text, start, end, index, carried, ignored | {pos})
        if mark != _STRAIGHT or pos == start:
            out.append(_trimmed(text, pos + 1, end, pos, None, index))
    return out


def _typo_closer(text: str, i: int, start: int, end: int, stack: list[tuple[str, int]]) -> bool:
    """A "«" glued to the word before it and followed by a space or punctuation, while a "«" is open."""
    return (text[i] == "«" and i > start and text[i - 1].isalnum() and (i + 1 == end or text[i + 1] in " .,;:!?\n")
            and any(mark == "«" for mark, _ in stack))


def _close(text: str, stack: list[tuple[str, int]], out: list[Quotation], i: int, index: int) -> None:
    _, pos = stack.pop()
    if not stack:
        out.append(_trimmed(text, pos + 1, i, pos, i, index))


_BEFORE_OPENING = " \t([{—–-'’:/"  # what may come right before a straight quote that opens


def _straight_shape(text: str, i: int, start: int, end: int) -> str | None:
    """"open" for a straight quote glued to the word after it and not to the one before ('dit "non'),
    "close" for one glued to the word before it and not to the one after ('non" hier', 'non".'),
    None when its spacing says nothing (' " ', 'là"."Je')."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    opens = before in _BEFORE_OPENING and (after.isalnum() or after in "«“'’(…[")
    closes = not before.isspace() and before not in "([{" and (after.isspace() or after in ".,;:!?)]…»”-–—")
    if opens != closes:
        return "open" if opens else "close"
    return None


def _unclosed(text: str, i: int, end: int) -> bool:
    """A straight quote that opens at ``i`` while another is open: the other was never closed,
    unless two closing marks follow before the next opening one (a quotation nested in it)."""
    closers = 0
    for k in range(i + 1, end):
        if text[k] != _STRAIGHT:
            continue
        shape = _straight_shape(text, k, 0, end)
        if shape == "open":
            break
        closers += 1
        if closers == 2:
            return False
    return True


def _can_open_straight(text: str, i: int, start: int) -> bool:
    """A straight quote opens anywhere but after a digit ('un écran de 12"')."""
    return not (i > start and text[i - 1].isdigit())


def _trimmed(text: str, start: int, end: int, open_: int | None, close: int | None, index: int) -> Quotation:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quotation(start, end, open_, close, index)
