"""Split a text into paragraphs without touching it: offsets are sacred.

A paragraph is a ``Paragraph(start, end)`` such that ``text[start:end]`` is a
block with no leading or trailing whitespace. Paragraphs are in order, never
overlap and are never empty; what lies between them is whitespace only.

Two shapes of text are common:

* blank-line separated blocks (hand-written files, Wikinews, most dumps): each
  block is a paragraph, and a single newline inside one is only a line wrap;
* one paragraph per line with no blank line at all (scraped text): each line is a
  paragraph, except that a line continuing a sentence (the previous line does not
  end a sentence and this one starts in lower case) is joined to it, because no
  sentence may cross a paragraph boundary later.
"""

from __future__ import annotations

import re

from sourcier.model import Paragraph

# Line breaks we split on. Only CR, LF and CRLF: other separators (form feed,
# U+2028) are rare in news text and count as whitespace inside a line.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

# A line ending like this closes its sentence (closing quotes and brackets allowed).
_SENTENCE_END = re.compile(r"[.!?…:;][\s\"'»”’)\]]*$|[»”\"]$")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, line break excluded."""
    spans = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        if start == end:  # the empty match at the very end of the text
            break
        content = match.group().rstrip("\r\n")
        spans.append((start, start + len(content)))
    return spans


def _trim(text: str, start: int, end: int) -> Paragraph | None:
    """The paragraph ``text[start:end]`` without surrounding whitespace, or None if blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Paragraph(start, end) if start < end else None


def continues_sentence(previous: str, line: str) -> bool:
    """Does ``line`` carry on the sentence of ``previous`` (a soft line wrap)?"""
    head = line.lstrip()
    return bool(head) and head[0].islower() and not _SENTENCE_END.search(previous.rstrip())


def split_paragraphs(text: str) -> list[Paragraph]:
    """Partition ``text`` into paragraphs (see the module docstring for the rules)."""
    lines = _lines(text)
    blank = [text[s:e].isspace() or s == e for s, e in lines]
    paragraphs: list[Paragraph] = []

    if any(blank):
        # Blocks are maximal runs of non-blank lines.
        block_start: int | None = None
        block_end = 0
        for (start, end), is_blank in zip(lines, blank, strict=True):
            if is_blank:
                if block_start is not None:
                    if (p := _trim(text, block_start, block_end)) is not None:
                        paragraphs.append(p)
                    block_start = None
            else:
                if block_start is None:
                    block_start = start
                block_end = end
        if block_start is not None and (p := _trim(text, block_start, block_end)) is not None:
            paragraphs.append(p)
        return paragraphs

    # No blank line: one paragraph per line, soft wraps joined.
    for start, end in lines:
        p = _trim(text, start, end)
        if p is None:
            continue
        if paragraphs and continues_sentence(
            text[paragraphs[-1].start : paragraphs[-1].end], text[p.start : p.end]
        ):
            paragraphs[-1] = Paragraph(paragraphs[-1].start, p.end)
        else:
            paragraphs.append(p)
    return paragraphs
