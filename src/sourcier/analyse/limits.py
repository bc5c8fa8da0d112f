"""How much one document may cost the analysis: checked on the tokenized copy, before the parse.

The model's cost grows with the number of tokens (time, and about 17 KB of memory per token in
``tok2vec``, whatever the text); our components are linear in the length of the text, but a
text made of quotation marks alone is no article. A document over a limit is refused with
:class:`~sourcier.errors.InputTooComplex` (``E108``) and skipped, never analysed halfway.

Characters are bounded earlier, by the readers (``sourcier.ingest.MAX_TEXT_CHARS``, the
model's own default ``max_length``); the pipeline's ``max_length`` is set to
:data:`MAX_COPY_CHARS` so that spaCy never refuses a text the readers accepted.
"""

from __future__ import annotations

from spacy.tokens import Doc

from sourcier.errors import InputTooComplex
from sourcier.ingest.document import MAX_TEXT_CHARS

#: Most tokens of one document (about 40,000 words, 80 pages: ~1 GB of model memory, ~8 s).
MAX_TOKENS = 50_000
#: Most quotation marks of one document (a long article has a few hundred).
MAX_QUOTE_MARKS = 5_000
#: The model's copy adds at most one space per character (around guillemets).
MAX_COPY_CHARS = 2 * MAX_TEXT_CHARS

_QUOTE_MARKS = '«»“”„‹›"'


def check_cost(doc: Doc, origin: str) -> None:
    """Refuse a tokenized (not yet parsed) document that would cost more than one may."""
    if len(doc) > MAX_TOKENS:
        raise InputTooComplex(
            f"{len(doc):,} tokens, over the limit of {MAX_TOKENS:,} for one document; split it", origin=origin
        )
    marks = sum(doc.text.count(mark) for mark in _QUOTE_MARKS)
    if marks > MAX_QUOTE_MARKS:
        raise InputTooComplex(
            f"{marks:,} quotation marks, over the limit of {MAX_QUOTE_MARKS:,} for one document", origin=origin
        )
