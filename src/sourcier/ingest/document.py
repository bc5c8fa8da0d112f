"""The last step of every reader: checks and the assembled :class:`Document`.

Readers differ in how they get text; they all end here, so the limits, the
emptiness check and the language check are the same whatever the input format.
"""

from __future__ import annotations

from sourcier.errors import BinaryInput, EmptyInput, InputTooLarge
from sourcier.ingest.language import ensure_french
from sourcier.ingest.paragraphs import split_paragraphs
from sourcier.ingest.sanitize import clean_meta, normalise_text
from sourcier.model import ArticleMeta, Document, Paragraph

#: Most characters of text a document may have (about 150 pages of prose): the spaCy model's
#: default ``max_length``, which the pipeline keeps in step (see ``sourcier.analyse.limits``).
MAX_TEXT_CHARS = 1_000_000
#: Most bytes read from a text file: ``MAX_TEXT_CHARS`` of 4-byte UTF-8 plus a BOM.
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS + 4
#: Most bytes read from one HTML page (markup is bulky; real pages stay far below).
MAX_HTML_BYTES = 20_000_000


def check_size(n_chars: int, origin: str | None) -> None:
    if n_chars > MAX_TEXT_CHARS:
        raise InputTooLarge(
            f"{n_chars:,} characters of text, over the limit of {MAX_TEXT_CHARS:,}; "
            "split the document",
            origin=origin,
        )


def make_document(
    text: str,
    *,
    meta: ArticleMeta | None = None,
    origin: str = "<string>",
    warnings: list[str] | None = None,
    paragraphs: list[Paragraph] | None = None,
) -> Document:
    """Check ``text`` (size, emptiness, NUL, language) and wrap it in a Document.

    ``paragraphs`` is computed with :func:`split_paragraphs` unless the reader
    already knows them (HTML, where they come from the markup). Invalid Unicode is
    replaced, the text normalised to NFC and a URL that does not parse dropped, each
    with a warning (see :mod:`sourcier.ingest.sanitize`).
    """
    check_size(len(text), origin)
    warnings = list(warnings or [])
    text, paragraphs, text_warnings = normalise_text(text, paragraphs)
    warnings += text_warnings
    if "\x00" in text:
        raise BinaryInput("NUL characters in the text: this is not text", origin=origin)
    if not text.strip():
        raise EmptyInput("no text (the input is empty or only whitespace)", origin=origin)
    meta = clean_meta(meta if meta is not None else ArticleMeta(), warnings)
    meta.language = ensure_french(text, origin)
    if meta.language != "fr":
        warnings.append("language not determined (text too short to judge); analysed as French")
    if paragraphs is None:
        paragraphs = split_paragraphs(text)
    if meta.title is None:
        meta.title = headline(text, paragraphs)
    return Document(text=text, paragraphs=paragraphs, meta=meta, origin=origin, warnings=warnings)


def headline(text: str, paragraphs: list[Paragraph]) -> str | None:
    """A plain-text article's title: a short first paragraph that is not a sentence.

    The title stays in the text (offsets refer to the file as it is); it is also
    reported as ``meta.title`` when nothing else gives one.
    """
    if len(paragraphs) < 2:
        return None
    first = text[paragraphs[0].start : paragraphs[0].end]
    if len(first) > 200 or "\n" in first or first.endswith((".", "!", "?", ";", ",")):
        return None
    return first
