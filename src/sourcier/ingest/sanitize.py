"""Text and metadata every reader hands on: valid Unicode, one normal form, URLs that parse.

Hostile or broken sources give strings no later stage can handle: a lone surrogate
(``"\\ud800"`` is valid JSON) cannot be encoded to UTF-8 for hashing or storing; a NUL
is refused by PostgreSQL; ``http://x:99999/`` makes ``urllib`` raise when its port is
read. They are repaired here, once, with a warning on the document, so that they cost
that document a character or a URL and never the batch.

The text is normalised to NFC: the same article typed with decomposed accents
("e" + U+0301) and with composed ones ("é") is one text, one hash, one article.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from sourcier.model import ArticleMeta, Paragraph

REPLACEMENT = "\ufffd"
_UNENCODABLE = re.compile("[\ud800-\udfff]")  # lone surrogates (json.loads pairs the valid ones)
_UNSTORABLE_IN_META = re.compile("[\x00\ud800-\udfff]")
_URL_SCHEMES = ("http", "https")


def replace_invalid(text: str, pattern: re.Pattern[str] = _UNENCODABLE) -> tuple[str, int]:
    """``text`` with every match of ``pattern`` (lone surrogates) replaced by U+FFFD, and how many."""
    return pattern.subn(REPLACEMENT, text)


def normalise_text(text: str, paragraphs: list[Paragraph] | None) -> tuple[str, list[Paragraph] | None, list[str]]:
    """Valid, NFC-normalised text, the paragraphs moved with it, and warnings.

    Paragraph offsets stay exact: each paragraph and each gap between two is
    normalised on its own (NFC never composes across a newline, which is what
    separates them), so the new offsets are the sums of the new lengths.
    """
    warnings: list[str] = []
    text, invalid = replace_invalid(text)
    if invalid:
        warnings.append(f"{invalid} invalid Unicode code point(s) (lone surrogates) replaced by U+FFFD")
    if unicodedata.is_normalized("NFC", text):
        return text, paragraphs, warnings
    warnings.append("text normalised to Unicode NFC (composed accents)")
    if paragraphs is None:
        return unicodedata.normalize("NFC", text), None, warnings
    pieces: list[str] = []
    moved: list[Paragraph] = []
    last = 0
    for para in paragraphs:
        pieces.append(unicodedata.normalize("NFC", text[last : para.start]))
        start = sum(map(len, pieces))
        pieces.append(unicodedata.normalize("NFC", text[para.start : para.end]))
        moved.append(Paragraph(start, start + len(pieces[-1])))
        last = para.end
    pieces.append(unicodedata.normalize("NFC", text[last:]))
    return "".join(pieces), moved, warnings


def checked_url(url: str | None) -> tuple[str | None, str | None]:
    """``(url, None)`` for an absolute http(s) URL that parses completely (host and port
    included), else ``(None, why)``: a bad URL costs the document its URL, nothing more."""
    if url is None:
        return None, None
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError on a port out of range or not a number
    except ValueError as exc:
        return None, f"URL ignored ({exc}): {url[:200]!r}"
    if parts.scheme.lower() not in _URL_SCHEMES or not parts.hostname:
        return None, f"URL ignored (not an absolute http(s) URL): {url[:200]!r}"
    return url, None


def clean_meta(meta: ArticleMeta, warnings: list[str]) -> ArticleMeta:
    """Metadata strings with NUL and lone surrogates replaced, and a URL that parses."""
    repaired = 0
    for field in ("title", "url", "outlet", "published", "external_id"):
        value = getattr(meta, field)
        if isinstance(value, str):
            value, n = replace_invalid(value, _UNSTORABLE_IN_META)
            setattr(meta, field, value)
            repaired += n
    for field in ("authors", "photo_credits"):
        values = [replace_invalid(v, _UNSTORABLE_IN_META) for v in getattr(meta, field)]
        setattr(meta, field, [v for v, _ in values])
        repaired += sum(n for _, n in values)
    if repaired:
        warnings.append(f"{repaired} invalid character(s) in the metadata replaced by U+FFFD")
    meta.url, why = checked_url(meta.url)
    if why:
        warnings.append(why)
    return meta
