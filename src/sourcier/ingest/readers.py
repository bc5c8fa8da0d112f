"""Public entry points: files, strings and streams to :class:`Document`\\ s.

Single-document readers (:func:`read_path`, :func:`read_text`,
:func:`~sourcier.ingest.html.read_html`) return a Document or raise an
:class:`~sourcier.errors.InputError`. Multi-document readers (:func:`read_jsonl`,
:func:`read_feed`, :func:`read_warc`, :func:`iter_documents`) are lazy
generators that *yield* each failure as an InputError instead of raising it, so
that one bad article never stops a batch; they hold one article in memory at a
time (a feed file is the exception: feedparser parses it whole).
"""

from __future__ import annotations

import fnmatch
import glob
import gzip
import io
import json
import os
import re
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

from sourcier.errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    UnexpectedFailure,
    UnreadableInput,
    UnsupportedInput,
)
from sourcier.ingest.credits import credit_line, dedupe
from sourcier.ingest.dates import normalise_published
from sourcier.ingest.document import MAX_HTML_BYTES, MAX_TEXT_BYTES, make_document
from sourcier.ingest.encoding import decode_bytes
from sourcier.ingest.warc_records import Oversized, iter_records
from sourcier.ingest.html import blocks_to_paragraphs, fragment_paragraphs, join_paragraphs, read_html, split_authors
from sourcier.model import SCHEMA_ID, ArticleMeta, Document

Result = Document | InputError
Source = str | os.PathLike[str] | IO[bytes]  # a path or an open binary stream

#: Most bytes of one JSONL line (an article with its HTML fits well below).
MAX_LINE_BYTES = MAX_HTML_BYTES
#: Most bytes of an RSS/Atom file (feedparser reads it whole).
MAX_FEED_BYTES = 50_000_000

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = (".parquet",)
#: Companion files that sit next to inputs and are not inputs themselves.
COMPANION_SUFFIXES = (".meta.json", ".expected.json", ".gold.json", ".rel.json")

_KINDS = (
    (WARC_SUFFIXES, "warc"),
    (JSONL_SUFFIXES, "jsonl"),
    (HTML_SUFFIXES, "html"),
    (TEXT_SUFFIXES, "text"),
    (FEED_SUFFIXES, "feed"),
    (PARQUET_SUFFIXES, "parquet"),
)


def input_kind(name: str | os.PathLike[str]) -> str | None:
    """``"text"``, ``"html"``, ``"jsonl"``, ``"feed"``, ``"warc"``, ``"parquet"`` from a file name, or None."""
    lower = os.fspath(name).lower()
    if lower.endswith(COMPANION_SUFFIXES):
        return None
    for suffixes, kind in _KINDS:
        if lower.endswith(suffixes):
            return kind
    return None


# --------------------------------------------------------------------------- byte reading


def _unreadable(exc: OSError, origin: str) -> UnreadableInput:
    if isinstance(exc, IsADirectoryError):
        return UnreadableInput("is a directory, not a file", origin=origin)
    if isinstance(exc, FileNotFoundError):
        return UnreadableInput("no such file (or a broken link)", origin=origin)
    if isinstance(exc, PermissionError):
        return UnreadableInput("permission denied", origin=origin)
    return UnreadableInput(f"cannot read ({exc.strerror or exc})", origin=origin)


def _read_capped(stream: IO[bytes], limit: int, origin: str, what: str) -> bytes:
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputTooLarge(f"{what} larger than {limit:,} bytes", origin=origin)
    return data


def _read_file(path: str, limit: int, what: str) -> bytes:
    """Read a whole file, refusing it *before* reading if it is over ``limit`` bytes."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise InputTooLarge(f"{what} of {size:,} bytes, over the limit of {limit:,}", origin=path)
            return _read_capped(handle, limit, path, what)
    except OSError as exc:
        raise _unreadable(exc, path) from None


class _Prefixed(io.RawIOBase):
    """A raw stream that replays ``prefix`` then reads on from ``stream``: lets us
    sniff the head of stdin and still stream the whole of it."""

    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self._prefix = memoryview(prefix)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _with_head(stream: IO[bytes], size: int = 65536) -> tuple[bytes, IO[bytes]]:
    """The first ``size`` bytes of ``stream`` and a stream that still starts at byte 0."""
    head = stream.read(size)
    return head, io.BufferedReader(_Prefixed(head, stream))


def _gunzip_if_needed(stream: IO[bytes]) -> IO[bytes]:
    peek = getattr(stream, "peek", None)
    if peek is not None:
        head = peek(2)[:2]
    else:
        head, stream = _with_head(stream, 2)
    return gzip.GzipFile(fileobj=stream) if head == b"\x1f\x8b" else stream  # type: ignore[return-value]


# --------------------------------------------------------------------------- metadata records


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def meta_from_record(record: Mapping[str, Any], warnings: list[str]) -> ArticleMeta:
    """ArticleMeta from a JSON object (a JSONL line or a ``.meta.json`` sidecar).

    Accepts Sourcier's field names and OrangeSum's (``date`` for ``published``;
    ``heading``, the lead, as the title only when there is no ``title``).
    Fields of the wrong type are ignored with a warning.
    """
    meta = ArticleMeta()
    for field, keys in (
        ("title", ("title", "heading")),
        ("url", ("url", "link")),
        ("outlet", ("outlet", "sitename", "site_name")),
        ("published", ("published", "date")),
    ):
        for key in keys:
            raw = record.get(key)
            if raw is None:
                continue
            value = _as_str(raw)
            if value is None:
                if not isinstance(raw, str):
                    warnings.append(f"field {key!r} ignored: expected a string")
                continue
            setattr(meta, field, value)
            break
    meta.published = normalise_published(meta.published, warnings)
    authors = record.get("authors", record.get("author"))
    if isinstance(authors, str):
        meta.authors = split_authors(authors)
    elif isinstance(authors, list) and all(isinstance(a, str) for a in authors):
        meta.authors = [a.strip() for a in authors if a.strip()]
    elif authors is not None:
        warnings.append("field 'authors' ignored: expected a string or a list of strings")
    return meta


def _merge(into: ArticleMeta, given: ArticleMeta) -> ArticleMeta:
    """Fields the caller gave win over those found in the document."""
    for field in ("title", "url", "outlet", "published", "external_id"):
        if getattr(given, field):
            setattr(into, field, getattr(given, field))
    if given.authors:
        into.authors = list(given.authors)
    if given.photo_credits:
        into.photo_credits = dedupe(given.photo_credits + into.photo_credits)
    return into


def _sidecar(path: Path, warnings: list[str]) -> ArticleMeta | None:
    """``NAME.meta.json`` next to ``NAME.txt``; a broken sidecar is a warning, not an error."""
    sidecar = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
    if not sidecar.is_file():
        return None
    try:
        record = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        warnings.append(f"metadata file {sidecar.name} ignored: {exc}")
        return None
    if not isinstance(record, dict):
        warnings.append(f"metadata file {sidecar.name} ignored: expected a JSON object")
        return None
    return meta_from_record(record, warnings)


def _credit_lines(document: Document) -> Document:
    """Photo credits stated as a paragraph of their own ("Crédit Photo : X")."""
    credits = [
        credit
        for p in document.paragraphs
        if p.end - p.start <= 200 and (credit := credit_line(document.text[p.start : p.end]))
    ]
    document.meta.photo_credits = dedupe(document.meta.photo_credits + credits)
    return document


# --------------------------------------------------------------------------- single documents


def read_text(text: str, *, meta: ArticleMeta | None = None, origin: str = "<string>") -> Document:
    """A Document from a Python string; the text is kept as given (a leading BOM
    character, which is not text, is dropped with a warning)."""
    if not isinstance(text, str):
        raise TypeError(f"read_text expects a str, not {type(text).__name__}")
    warnings = []
    if text.startswith("\ufeff"):
        text = text[1:]
        warnings.append("UTF-8 BOM removed")
    meta = meta if meta is not None else ArticleMeta()
    return _credit_lines(make_document(text, meta=meta, origin=origin, warnings=warnings))


def _text_document(data: bytes, origin: str, meta: ArticleMeta | None, warnings: list[str]) -> Document:
    text, decode_warnings = decode_bytes(data, origin)
    document = make_document(
        text, meta=meta or ArticleMeta(), origin=origin, warnings=decode_warnings + warnings
    )
    return _credit_lines(document)


def read_path(path: str | os.PathLike[str]) -> Document:
    """Read one ``.txt`` or ``.html`` file.

    A ``.txt`` file's text is the decoded file unchanged; a ``NAME.meta.json``
    sidecar (``title``, ``url``, ``outlet``, ``published``, ``authors``) fills
    its metadata. Raises an :class:`InputError` subclass on failure.
    """
    name = os.fspath(path)
    kind = input_kind(name)
    if kind == "text":
        data = _read_file(name, MAX_TEXT_BYTES, "text file")
        warnings: list[str] = []
        meta = _sidecar(Path(name), warnings)
        return _text_document(data, name, meta, warnings)
    if kind == "html":
        return read_html(_read_file(name, MAX_HTML_BYTES, "HTML file"), name)
    if kind is not None:
        raise UnsupportedInput(
            f"a {kind.upper()} file holds several articles: read it with iter_documents() "
            f"(or read_{kind}())",
            origin=name,
        )
    raise UnsupportedInput(
        "unsupported file type; expected .txt, .html/.htm, .jsonl(.gz), .xml/.rss/.atom "
        "or .warc(.gz)",
        origin=name,
    )


# --------------------------------------------------------------------------- JSONL


def _lines(stream: IO[Any], origin: str) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, bytes) for each line of a binary or text stream, over-long lines
    as InputTooLarge (skipped without holding them in memory)."""
    number = 0
    newline = "\n" if isinstance(stream, io.TextIOBase) else b"\n"
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(newline):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(newline):
                pass
            yield number, InputTooLarge(
                f"line {number} is longer than {MAX_LINE_BYTES:,} bytes; skipped", origin=f"{origin}:{number}"
            )
            continue
        yield number, line.encode("utf-8", "surrogatepass") if isinstance(line, str) else line


def _article_record(record: dict[str, Any]) -> dict[str, Any]:
    """A line of ``sourcier export --format jsonl`` (a whole analysis) as an article record:
    the metadata of its ``article`` object, and its ``external_id`` as the id (the analysis
    id is a hash of the text, recomputed anyway). Other records are returned unchanged."""
    article = record.get("article")
    if record.get("schema") != SCHEMA_ID or not isinstance(article, dict):
        return record
    return {**article, "id": article.get("external_id"), "text": record.get("text")}


def _other_publications(record: dict[str, Any], document: Document) -> Iterator[Document]:
    """The same text again for each publication that a ``sourcier export --format jsonl`` line
    lists besides its own article: ingest records them as publications of one text (another
    outlet, URL or date) without analysing it twice."""
    publications = record.get("publications")
    if record.get("schema") != SCHEMA_ID or not isinstance(publications, list):
        return
    own = (document.meta.url, document.meta.external_id, document.meta.outlet)
    for k, entry in enumerate(publications):
        if not isinstance(entry, dict):
            continue
        meta = meta_from_record(entry, [])
        meta.external_id = _as_str(entry.get("external_id"))
        meta.title = document.meta.title
        if (meta.url, meta.external_id, meta.outlet) != own:
            yield Document(document.text, document.paragraphs, meta, f"{document.origin}/publication{k + 1}")


def _record_document(record: dict[str, Any], origin: str, number: int, name: str) -> Document:
    record = _article_record(record)
    warnings: list[str] = []
    meta = meta_from_record(record, warnings)
    if "id" in record and record["id"] is not None:
        raw_id = record["id"]
        meta.external_id = raw_id if isinstance(raw_id, str) else json.dumps(raw_id, ensure_ascii=False)
    text = record.get("text", record.get("article"))
    html = record.get("html")
    if isinstance(text, str):
        document = read_text(text, meta=meta, origin=origin)
    elif isinstance(html, str):
        document = read_html(html, origin, url=meta.url, published=meta.published)
        document.meta = _merge(document.meta, meta)
    else:
        raise MalformedInput(
            f"line {number}: no article: expected a string field 'text', 'article' or 'html'",
            origin=origin,
        )
    document.warnings.extend(warnings)
    return document


def read_jsonl(source: Source, *, origin: str | None = None) -> Iterator[Result]:
    """Articles from JSON Lines (optionally gzip-compressed), one object per line.

    Fields: ``text`` (or OrangeSum's ``article``) or ``html``; optional ``id``
    (kept verbatim as ``meta.external_id``), ``url``, ``title``, ``published``
    (or ``date``), ``outlet``, ``authors``. Lines written by ``sourcier export --format jsonl``
    (``sourcier.analysis/1`` objects) are read too, their metadata from ``article``. ``source`` is a path or an open
    binary or text stream. A bad line yields a MalformedInput naming its line
    number, and reading goes on.
    """
    if isinstance(source, (str, os.PathLike)):
        name = origin or os.fspath(source)
        try:
            handle = open(source, "rb")  # noqa: SIM115 - closed below, generator-safe
        except OSError as exc:
            yield _unreadable(exc, name)
            return
        with handle:
            yield from _jsonl_records(_gunzip_if_needed(handle), name)
    elif isinstance(source, io.TextIOBase):
        yield from _jsonl_records(source, origin or "<stream>")
    else:
        yield from _jsonl_records(_gunzip_if_needed(source), origin or "<stream>")


def _jsonl_records(stream: IO[Any], name: str) -> Iterator[Result]:
    try:
        for number, line in _lines(stream, name):
            if isinstance(line, InputError):
                yield line
                continue
            where = f"{name}:{number}"
            try:
                text = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield MalformedInput(f"line {number}: not UTF-8 ({exc.reason} at byte {exc.start})", origin=where)
                continue
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                yield MalformedInput(f"line {number}: invalid JSON ({exc.msg}, column {exc.colno})", origin=where)
                continue
            if not isinstance(record, dict):
                yield MalformedInput(f"line {number}: expected a JSON object, got {type(record).__name__}", origin=where)
                continue
            record_id = record.get("id")
            origin = f"{name}#{record_id}" if isinstance(record_id, (str, int)) and record_id != "" else where
            result = _guarded_call(lambda: _record_document(record, origin, number, name), origin)
            yield result
            if isinstance(result, Document):
                yield from _other_publications(record, result)
    except (OSError, EOFError, zlib.error) as exc:  # a truncated or corrupt .gz
        yield MalformedInput(f"cannot read further ({exc}); the rest of the file is skipped", origin=name)


def read_parquet(path: str | os.PathLike[str]) -> Iterator[Result]:
    """Articles from a Parquet file, one a row, with the columns of a JSONL record (``text``,
    ``article`` or ``html``; ``id``, ``url``, ``title``, ``published``…). Read a row group at a
    time; a row's origin is ``PATH#ID``, else ``PATH:ROW`` (rows counted from 1). Needs the
    ``parquet`` extra (pyarrow)."""
    name = os.fspath(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield UnsupportedInput("reading Parquet needs pyarrow: pip install 'sourcier[parquet]'", origin=name)
        return
    try:
        parquet = pq.ParquetFile(name)
        number = 0
        for group in range(parquet.num_row_groups):
            for record in parquet.read_row_group(group).to_pylist():
                number += 1
                record_id = record.get("id")
                origin = f"{name}#{record_id}" if isinstance(record_id, (str, int)) and record_id != "" else f"{name}:{number}"
                yield _guarded_call(lambda: _record_document(record, origin, number, name), origin)
    except OSError as exc:
        yield _unreadable(exc, name)
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors for a damaged file are of many kinds
        yield MalformedInput(f"cannot read the Parquet file ({exc}); the rest of it is skipped", origin=name)


# --------------------------------------------------------------------------- feeds


def _iso_date(value: str | None, parsed: time.struct_time | None) -> str | None:
    """ISO 8601 for a feed date: kept if already ISO, converted from RFC 822 otherwise."""
    if value:
        value = value.strip()
        if value[:4].isdigit() and value[4:5] == "-":
            return value
        try:
            return parsedate_to_datetime(value).isoformat()
        except (TypeError, ValueError, IndexError):
            pass
    if parsed is not None:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return value or None


def _entry_content(entry: Any) -> tuple[str, str]:
    """(content, MIME type) of a feed entry: the fullest of content:encoded/content/summary."""
    candidates = [(c.get("value") or "", c.get("type") or "text/html") for c in entry.get("content", [])]
    summary = entry.get("summary_detail") or {}
    if entry.get("summary"):
        candidates.append((entry.get("summary") or "", summary.get("type") or "text/html"))
    if not candidates:
        return "", "text/plain"
    return max(candidates, key=lambda c: len(c[0]))


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _entry_document(entry: Any, index: int, name: str, outlet: str | None) -> Document:
    origin = f"{name}#item{index}"
    content, mime = _entry_content(entry)
    if "html" in mime or "xml" in mime:
        paragraphs = fragment_paragraphs(content)
    else:
        paragraphs = blocks_to_paragraphs(block.splitlines() for block in _BLANK_LINE.split(content))
    if not paragraphs:
        raise EmptyInput("the feed item has no content or summary", origin=origin)
    authors = [a.get("name") for a in entry.get("authors", []) if a.get("name")]
    meta = ArticleMeta(
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        outlet=outlet,
        published=_iso_date(entry.get("published") or entry.get("updated"),
                            entry.get("published_parsed") or entry.get("updated_parsed")),
        authors=authors or split_authors(entry.get("author")),
    )
    text, spans = join_paragraphs(paragraphs)
    return _credit_lines(make_document(text, meta=meta, origin=origin, paragraphs=spans))


_DECLARES_ENTITIES = re.compile(rb"<!ENTITY\b", re.IGNORECASE)


def read_feed(source: Source, *, origin: str | None = None) -> Iterator[Result]:
    """Articles from an RSS or Atom file: each item's ``content:encoded``, content
    or summary (HTML or text), with its title, link, date and author."""
    import feedparser  # imported here: only feeds need it

    if isinstance(source, (str, os.PathLike)):
        name = origin or os.fspath(source)
        try:
            data = _read_file(os.fspath(source), MAX_FEED_BYTES, "feed file")
        except InputError as exc:
            yield exc
            return
    else:
        name = origin or "<stream>"
        try:
            data = _read_capped(source, MAX_FEED_BYTES, name, "feed")
        except InputError as exc:
            yield exc
            return
    if isinstance(data, str):  # from a text stream; a str would be taken for a URL
        data = data.encode("utf-8")
    if _DECLARES_ENTITIES.search(data):
        # Entities defined in the feed itself are the "billion laughs" bomb; no feed needs them.
        yield MalformedInput("the feed declares XML entities (<!ENTITY …>), which are never expanded; "
                             "refused", origin=name)
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield MalformedInput(f"not a readable RSS/Atom feed ({reason})", origin=name)
        else:
            yield EmptyInput("the feed has no items", origin=name)
        return
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries, start=1):
        yield _guarded_call(lambda: _entry_document(entry, index, name, outlet), f"{name}#item{index}")


# --------------------------------------------------------------------------- WARC


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def read_warc(source: Source, *, origin: str | None = None) -> Iterator[Result]:
    """Articles from a WARC (``.warc`` or ``.warc.gz``): every ``response`` record
    with status 200 and an HTML content type. Other records are skipped silently.
    A truncated or damaged record yields an error and is not read; reading resumes at
    the next record (see :mod:`sourcier.ingest.warc_records`)."""
    if isinstance(source, (str, os.PathLike)):
        name = origin or os.fspath(source)
        try:
            handle: IO[bytes] = open(source, "rb")  # noqa: SIM115
        except OSError as exc:
            yield _unreadable(exc, name)
            return
    else:
        name, handle = origin or "<stream>", source
    try:
        head, stream = _peek(handle, 2)
        count = 0
        for item in iter_records(stream, name, compressed=head == b"\x1f\x8b"):
            if isinstance(item, InputError):
                yield item
                continue
            record = _html_response(item, name)
            if record is None:
                continue
            count += 1
            yield _guarded_call(lambda: _warc_document(record, name, count), f"{name}#record{count}")
    finally:
        if handle is not source:
            handle.close()


def _peek(stream: IO[bytes], size: int) -> tuple[bytes, IO[bytes]]:
    """The first ``size`` bytes and a stream still at byte 0 (the file itself when seekable)."""
    try:
        if stream.seekable():
            head = stream.read(size)
            stream.seek(0)
            return head, stream
    except (AttributeError, OSError, ValueError):
        pass
    return _with_head(stream, size)


def _html_response(item: bytes | Oversized, name: str) -> Any:
    """The warcio record of a 200 HTML response, or None for any other record."""
    from warcio.archiveiterator import ArchiveIterator

    data = item.head if isinstance(item, Oversized) else item
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(data))))
    except Exception:  # noqa: BLE001 - headers warcio cannot parse: no article there
        return None
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    return item if isinstance(item, Oversized) else record


def _warc_document(record: Any, name: str, count: int) -> Document:
    if isinstance(record, Oversized):
        raise InputTooLarge(
            f"the HTML record at byte {record.offset} is larger than {MAX_HTML_BYTES:,} bytes", origin=name
        )
    uri = record.rec_headers.get_header("WARC-Target-URI")
    date = record.rec_headers.get_header("WARC-Date")
    where = f"{name}#{uri}" if uri else f"{name}#record{count}"
    payload = _read_capped(record.content_stream(), MAX_HTML_BYTES, where, "HTML record")
    content_type = record.http_headers.get_header("Content-Type") or ""
    return read_html(payload, where, url=uri, encoding=_charset(content_type), published=date)


# --------------------------------------------------------------------------- batches


def _guarded_call(read: Callable[[], Document], origin: str) -> Result:
    """Run a single-document reader; any failure becomes an InputError value."""
    try:
        return read()
    except InputError as exc:
        return exc
    except Exception as exc:  # a bug or a library choking on hostile input: never stop the batch
        return UnexpectedFailure(f"unexpected error while reading: {type(exc).__name__}: {exc}", origin=origin)


def _guarded_iter(read: Callable[[], Iterator[Result]], origin: str) -> Iterator[Result]:
    try:
        yield from read()
    except InputError as exc:
        yield exc
    except Exception as exc:
        yield UnexpectedFailure(f"unexpected error while reading: {type(exc).__name__}: {exc}", origin=origin)


def _regular_file(path: str) -> UnreadableInput | None:
    """An error for what is not a regular file (a named pipe would block the run forever)."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _unreadable(exc, path)
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return UnreadableInput("not a regular file (a named pipe, a socket or a device); skipped", origin=path)


def _read_one_file(path: str) -> Iterator[Result]:
    kind = input_kind(path)
    if kind in ("text", "html"):
        yield _guarded_call(lambda: read_path(path), path)
    elif kind == "jsonl":
        yield from _guarded_iter(lambda: read_jsonl(path), path)
    elif kind == "feed":
        yield from _guarded_iter(lambda: read_feed(path), path)
    elif kind == "warc":
        yield from _guarded_iter(lambda: read_warc(path), path)
    elif kind == "parquet":
        yield from read_parquet(path)
    else:
        yield _guarded_call(lambda: read_path(path), path)  # raises UnsupportedInput


def _walk(root: str, recursive: bool) -> Iterator[str | InputError]:
    """Known input files under ``root``, in sorted order; hidden files and folders skipped;
    what is not a regular file (a named pipe would block the run forever) as an error."""
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        while errors:
            failed = errors.pop(0)
            yield _unreadable(failed, failed.filename or folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        for file in sorted(files):
            if not file.startswith(".") and input_kind(file) is not None:
                path = os.path.join(folder, file)
                yield _regular_file(path) or path
    for failed in errors:
        yield _unreadable(failed, failed.filename or root)


def _read_stdin() -> Iterator[Result]:
    """Sniff what is piped in (gzip, WARC, JSONL, feed, HTML or text) and read it."""
    origin = "<stdin>"
    stdin = sys.stdin
    if stdin is None:
        yield UnreadableInput("there is no standard input", origin=origin)
        return
    stream: IO[bytes] = getattr(stdin, "buffer", None) or io.BytesIO(stdin.read().encode("utf-8"))
    head, stream = _with_head(stream)
    if head.startswith(b"\x1f\x8b"):
        head, stream = _with_head(gzip.GzipFile(fileobj=stream))  # type: ignore[arg-type]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = start[:2048].lower()
    if start.startswith(b"WARC/"):
        yield from _guarded_iter(lambda: read_warc(stream, origin=origin), origin)
    elif start.startswith(b"{"):
        yield from _guarded_iter(lambda: read_jsonl(stream, origin=origin), origin)
    elif start.startswith(b"<") and any(tag in lower for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
        yield from _guarded_iter(lambda: read_feed(stream, origin=origin), origin)
    elif start.startswith(b"<"):
        yield _guarded_call(
            lambda: read_html(_read_capped(stream, MAX_HTML_BYTES, origin, "HTML input"), origin), origin
        )
    else:
        yield _guarded_call(
            lambda: _text_document(_read_capped(stream, MAX_TEXT_BYTES, origin, "text input"), origin, None, []),
            origin,
        )


def _is_glob(pattern: str) -> bool:
    return any(ch in pattern for ch in "*?[")


def expand_glob(pattern: str) -> list[str]:
    """The paths ``pattern`` matches, sorted. ``**`` matches any number of folders, without
    following symbolic links to folders (``glob`` follows them, forever on a link loop)."""
    head, sep, tail = pattern.partition("**")
    if not sep:
        return sorted(glob.glob(pattern))
    found: set[str] = set()
    for root in glob.glob(head) if head else [os.curdir]:
        if not os.path.isdir(root):
            continue
        for folder, dirs, files in os.walk(root):  # followlinks=False
            for entry in dirs + files:
                path = os.path.join(folder, entry)
                shown = path if head else os.path.relpath(path)
                if fnmatch.fnmatch(shown, pattern) or fnmatch.fnmatch(shown, pattern.replace("**" + os.sep, "")):
                    found.add(shown)
    return sorted(found)


def input_files(inputs: Iterable[str | os.PathLike[str]], *, recursive: bool = True) -> Iterator[str | InputError]:
    """What :func:`iter_documents` reads, in its order, without reading it: the path of
    each file (``"-"`` for standard input), and an InputError for each input that cannot be
    read. :func:`read_file` reads one; a distributed engine spreads them over its workers."""
    for item in inputs:
        name = os.fspath(item)
        if name == "-" or (os.path.lexists(name) and not os.path.isdir(name)):
            yield name
        elif os.path.isdir(name):
            yield from _walk(name, recursive)
        elif _is_glob(name):
            matches = expand_glob(name)
            if not matches:
                yield UnreadableInput("no file matches this pattern", origin=name)
            for match in matches:
                if os.path.isdir(match):
                    yield from _walk(match, recursive)
                elif input_kind(match) is not None:
                    yield _regular_file(match) or match
                elif not match.lower().endswith(COMPANION_SUFFIXES):
                    yield UnsupportedInput("unsupported file type", origin=match)
        else:
            yield UnreadableInput("no such file or directory", origin=name)


def read_file(path: str) -> Iterator[Result]:
    """The documents of one file named by :func:`input_files` (``"-"``: standard input)."""
    yield from _read_stdin() if path == "-" else _read_one_file(path)


def iter_documents(inputs: Iterable[str | os.PathLike[str]], *, recursive: bool = True) -> Iterator[Result]:
    """Every article of ``inputs``, lazily, as Documents or InputErrors (never raised).

    Each input is a file, a directory (walked in sorted order for known file
    types; ``*.meta.json`` and ``*.expected.json`` skipped), a glob pattern, or
    ``"-"`` for standard input.
    """
    for item in input_files(inputs, recursive=recursive):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
