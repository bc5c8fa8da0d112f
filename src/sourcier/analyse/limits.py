"""How much one document may cost the analysis: checked on the tokenized copy, before the parse.

The model's cost grows with the number of tokens (time, and about 17 KB of memory per token in
``tok2vec``, whatever the text); our components are linear in the length of the text, but a
text made of quotation marks alone is no article, and pairing marks nested without end costs
a pass over the paragraph per level. A document over a limit is refused with
:class:`~sourcier.errors.InputTooComplex` (``E108``) and skipped, never analysed halfway.

Characters are bounded earlier, by the readers (``sourcier.ingest.MAX_TEXT_CHARS``, the
model's own default ``max_length``); the pipeline's ``max_length`` is set to
:data:`MAX_COPY_CHARS` so that spaCy never refuses a text the readers accepted.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sourcier.errors import InputTooComplex
from sourcier.ingest.document import MAX_TEXT_CHARS

#: Most tokens of one document (about 40,000 words, 80 pages): analysed in about 14 s of CPU
#: and 0.9 GB of memory above the loaded model on the development machine.
MAX_TOKENS = 50_000
#: Most quotation marks of one document (a long article has a few hundred).
MAX_QUOTE_MARKS = 5_000
#: Most quotation marks open at once in one paragraph (real quotes nest two or three deep).
MAX_QUOTE_NESTING = 16
#: The model's copy adds at most one space per character (around guillemets).
MAX_COPY_CHARS = 2 * MAX_TEXT_CHARS

_QUOTE_MARKS = '«»“”„‹›"'
_PAIRED_MARK = re.compile("[«»“”„‹›\n]")  # straight quotes open and close alike: not counted
_CLOSES = {"»": "«", "”": "“", "›": "‹"}


def check_cost(doc: Doc, text: str, origin: str) -> None:
    """Refuse a tokenized (not yet parsed) document that would cost more than one may.

    ``text`` is the string ``doc`` was made from (``doc.text`` would rebuild it token by token).
    """
    if len(doc) > MAX_TOKENS:
        raise InputTooComplex(
            f"{len(doc):,} tokens, over the limit of {MAX_TOKENS:,} for one document; split it", origin=origin
        )
    marks = sum(text.count(mark) for mark in _QUOTE_MARKS)
    if marks > MAX_QUOTE_MARKS:
        raise InputTooComplex(
            f"{marks:,} quotation marks, over the limit of {MAX_QUOTE_MARKS:,} for one document", origin=origin
        )
    if (depth := _deepest_nesting(text)) > MAX_QUOTE_NESTING:
        raise InputTooComplex(
            f"{depth} quotation marks open at once in one paragraph, over the limit of {MAX_QUOTE_NESTING}",
            origin=origin,
        )


def _deepest_nesting(text: str) -> int:
    """The most quotation marks of one kind open at once within a paragraph ("„" opens "“")."""
    open_marks: dict[str, int] = {}
    deepest = 0
    for found in _PAIRED_MARK.finditer(text):
        mark = found.group()
        if mark == "\n":
            open_marks.clear()
        elif mark in _CLOSES:
            kind = _CLOSES[mark]
            open_marks[kind] = max(0, open_marks.get(kind, 0) - 1)
        else:
            kind = "“" if mark == "„" else mark
            open_marks[kind] = open_marks.get(kind, 0) + 1
            deepest = max(deepest, open_marks[kind])
    return deepest
