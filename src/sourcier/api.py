"""The Python API: ``analyze`` one article, ``analyze_many`` a stream of them."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sourcier.analyse.assemble import assemble
from sourcier.analyse.limits import check_cost
from sourcier.analyse.pipeline import get_nlp
from sourcier.analyse.textprep import OffsetMap, prepare
from sourcier.batching import batched
from sourcier.errors import InputError, SourcierError, UnreadableInput, coded
from sourcier.ingest.document import check_size
from sourcier.model import Analysis, ArticleMeta, Document

log = logging.getLogger(__name__)

ErrorHandler = Callable[[str, Exception], None]
Input = str | os.PathLike | Document


def analyze(text_or_path: Input, *, meta: ArticleMeta | None = None) -> Analysis:
    """Analyse one article.

    Args:
        text_or_path: the article's text, a path to a ``.txt``/``.html`` file (see
            :func:`looks_like_path` for how a string is told apart), or a
            :class:`~sourcier.model.Document` from :mod:`sourcier.ingest`.
        meta: metadata for a text given as a string (title, URL, outlet, …).

    RETURNS (Analysis): the ``sourcier.analysis/1`` analysis; ``.to_dict()``/``.to_json()``.

    Raises:
        InputError: the input cannot be read, is empty, too large or not French.
    """
    [result] = analyze_many([_to_document(text_or_path, meta)], on_error=lambda _o, _e: None)
    if isinstance(result, SourcierError):
        raise result
    return result


def analyze_many(
    items: Iterable[Input],
    *,
    batch_size: int = 16,
    on_error: ErrorHandler | None = None,
) -> Iterator[Analysis | SourcierError]:
    """Analyse a stream of articles, lazily, parsing them in batches with ``nlp.pipe``.

    Results stay aligned with the inputs: one result per input, in input order. A
    document that cannot be read or analysed yields, in its place, the coded
    :class:`~sourcier.errors.SourcierError` that says why; it is also reported to
    ``on_error(origin, error)`` (default: logged as a warning). The stream goes on.
    Keep only the analyses with ``[r for r in results if isinstance(r, Analysis)]``.

    The model loads when the first readable document reaches it: unreadable inputs at
    the head of the stream are reported before that.

    Args:
        items: texts, paths or :class:`~sourcier.model.Document` objects (an
            :class:`~sourcier.errors.InputError` in the stream, as yielded by
            :func:`sourcier.ingest.iter_documents`, is reported and yielded in place).
        batch_size: documents per ``nlp.pipe`` batch.
        on_error: called with the document's origin and the error.

    YIELDS (Analysis | SourcierError): one per input, in input order.
    """
    notify = on_error or _log_error
    failed: dict[int, SourcierError] = {}

    def report(index: int, origin: str, err: BaseException) -> None:
        failed[index] = coded(err, origin)
        notify(origin, failed[index])

    def docs() -> Iterator[tuple[Doc, tuple[int, Document, OffsetMap]]]:
        for index, item in enumerate(items):
            if isinstance(item, InputError):  # as yielded by sourcier.ingest.iter_documents
                report(index, item.origin or "<input>", item)
                continue
            origin = getattr(item, "origin", None) or str(item)[:80]
            try:  # every step of every document inside its own error boundary
                yield _tokenized(get_nlp(), index, _to_document(item, None))
            except Exception as err:  # noqa: BLE001 - one bad document must not stop the stream
                report(index, getattr(err, "origin", None) or origin, err)

    def failures_before(index: int) -> Iterator[SourcierError]:
        for earlier in sorted(i for i in failed if i < index):
            yield failed.pop(earlier)

    for doc, (index, document, offsets) in _pipe(docs(), batch_size, report):
        yield from failures_before(index)
        try:
            yield assemble(doc, document, offsets)
        except Exception as err:  # noqa: BLE001
            report(index, document.origin, err)
            yield failed.pop(index)
    yield from failures_before(sys.maxsize)


def _tokenized(nlp: Language, index: int, document: Document) -> tuple[Doc, tuple[int, Document, OffsetMap]]:
    """The model's copy of ``document``, tokenized and checked against the cost limits."""
    check_size(len(document.text), document.origin)  # a Document built by hand skipped the readers
    copy, offsets = prepare(document.text, document.paragraphs)
    doc = nlp.make_doc(copy)
    check_cost(doc, copy, document.origin)
    doc._.sourcier_meta = document.meta
    doc.user_data["sourcier_text"] = copy  # see records.text_of
    return doc, (index, document, offsets)


def _pipe(pairs: Iterator[tuple[Doc, Any]], batch_size: int, report: Callable[[int, str, BaseException], None]):
    """``nlp.pipe`` batch by batch; when a batch fails, its documents are redone one by one
    so that only the document at fault is reported and skipped."""
    for batch in batched(pairs, batch_size):
        nlp = get_nlp()
        try:
            yield from list(nlp.pipe(batch, as_tuples=True, batch_size=batch_size))
            continue
        except Exception:  # noqa: BLE001  (one bad document must not stop the batch)
            log.debug("batch failed, redoing it document by document", exc_info=True)
        for doc, context in batch:
            fresh = nlp.make_doc(doc.text)
            fresh.user_data.update(doc.user_data)
            try:
                yield nlp(fresh), context
            except Exception as err:  # noqa: BLE001
                index, document, _offsets = context
                report(index, document.origin, err)


def _to_document(item: Input, meta: ArticleMeta | None) -> Document:
    from sourcier.ingest import read_path, read_text

    if isinstance(item, Document):
        return item
    if isinstance(item, os.PathLike) or looks_like_path(item):
        path = Path(os.fspath(item).strip() if isinstance(item, str) else item)
        if not os.path.lexists(path):  # before the file type: "typo.txt" is missing, not unsupported
            raise UnreadableInput("no such file (or a broken link)", origin=str(path))
        return read_path(path)
    return read_text(item, meta=meta)


#: File names ``analyze`` reads; a short one-line string ending so is a path, never text.
PATH_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".gz", ".xml", ".rss", ".atom", ".warc")
MAX_PATH_CHARS = 4096


def looks_like_path(item: str) -> bool:
    """Whether a string given to :func:`analyze` names a file rather than holding an article.

    The rule: a string with no line break and at most 4,096 characters is a path when it
    names an existing file, ends with a file suffix Sourcier reads (``.txt``, ``.html``…),
    or is one word holding a path separator (``corpus/a1``). Such a path that does not
    exist raises the coded "no such file" error instead of being analysed as text.
    """
    if "\n" in item or len(item) > MAX_PATH_CHARS:
        return False
    stripped = item.strip()
    if stripped.lower().endswith(PATH_SUFFIXES):
        return True
    if stripped and not any(c.isspace() for c in stripped) and ("/" in stripped or os.sep in stripped):
        return True
    try:
        return Path(item).is_file()
    except OSError:  # a long sentence is "a file name too long", not a file
        return False


def _log_error(origin: str, err: Exception) -> None:
    log.warning("skipped %s: %s", origin, err)
