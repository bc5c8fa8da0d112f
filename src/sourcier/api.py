"""The Python API: ``analyze`` one article, ``analyze_many`` a stream of them."""

from __future__ import annotations

import logging
import os
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
from sourcier.errors import InputError, coded
from sourcier.ingest.document import check_size
from sourcier.model import Analysis, ArticleMeta, Document

log = logging.getLogger(__name__)

ErrorHandler = Callable[[str, Exception], None]
Input = str | os.PathLike | Document


def analyze(text_or_path: Input, *, meta: ArticleMeta | None = None) -> Analysis:
    """Analyse one article.

    Args:
        text_or_path: the article's text, a path to a ``.txt``/``.html`` file, or a
            :class:`~sourcier.model.Document` from :mod:`sourcier.ingest`.
        meta: metadata for a text given as a string (title, URL, outlet, …).

    RETURNS (Analysis): the ``sourcier.analysis/1`` analysis; ``.to_dict()``/``.to_json()``.

    Raises:
        InputError: the input cannot be read, is empty, too large or not French.
    """
    errors: list[Exception] = []
    results = list(analyze_many([_to_document(text_or_path, meta)], on_error=lambda _o, e: errors.append(e)))
    if errors:
        raise errors[0]
    return results[0]


def analyze_many(
    items: Iterable[Input],
    *,
    batch_size: int = 16,
    on_error: ErrorHandler | None = None,
) -> Iterator[Analysis]:
    """Analyse a stream of articles, lazily, parsing them in batches with ``nlp.pipe``.

    A document that cannot be read or analysed is reported to ``on_error(origin, error)``
    (default: logged) and skipped; the stream goes on.

    Args:
        items: texts, paths or :class:`~sourcier.model.Document` objects (an
            :class:`~sourcier.errors.InputError` in the stream, as yielded by
            :func:`sourcier.ingest.iter_documents`, is reported and skipped).
        batch_size: documents per ``nlp.pipe`` batch.
        on_error: called with the document's origin and the error.

    YIELDS (Analysis): one analysis per readable document, in input order.
    """
    report = on_error or _log_error
    nlp = get_nlp()

    def docs() -> Iterator[tuple[Doc, tuple[Document, object]]]:
        for item in items:
            if isinstance(item, InputError):  # as yielded by sourcier.ingest.iter_documents
                report(item.origin or "<input>", item)
                continue
            origin = getattr(item, "origin", None) or str(item)[:80]
            try:  # every step of every document inside its own error boundary
                yield _tokenized(nlp, _to_document(item, None))
            except Exception as err:  # noqa: BLE001 - one bad document must not stop the stream
                report(getattr(err, "origin", None) or origin, coded(err, origin))

    for doc, (document, offsets) in _pipe(nlp, docs(), batch_size, report):
        try:
            yield assemble(doc, document, offsets)
        except Exception as err:  # noqa: BLE001
            report(document.origin, coded(err, document.origin))


def _tokenized(nlp: Language, document: Document) -> tuple[Doc, tuple[Document, OffsetMap]]:
    """The model's copy of ``document``, tokenized and checked against the cost limits."""
    check_size(len(document.text), document.origin)  # a Document built by hand skipped the readers
    copy, offsets = prepare(document.text, document.paragraphs)
    doc = nlp.make_doc(copy)
    check_cost(doc, document.origin)
    doc._.sourcier_meta = document.meta
    doc.user_data["sourcier_text"] = copy  # see records.text_of
    return doc, (document, offsets)


def _pipe(nlp: Language, pairs: Iterator[tuple[Doc, Any]], batch_size: int, report: ErrorHandler):
    """``nlp.pipe`` batch by batch; when a batch fails, its documents are redone one by one
    so that only the document at fault is reported and skipped."""
    for batch in batched(pairs, batch_size):
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
                report(context[0].origin, coded(err, context[0].origin))


def _to_document(item: Input, meta: ArticleMeta | None) -> Document:
    from sourcier.ingest import read_path, read_text

    if isinstance(item, Document):
        return item
    if isinstance(item, os.PathLike) or _looks_like_path(item):
        return read_path(Path(item))
    return read_text(item, meta=meta)


def _looks_like_path(item: str) -> bool:
    if "\n" in item or len(item) > 4096:
        return False
    try:
        return Path(item).is_file()
    except OSError:  # a long sentence is "a file name too long", not a file
        return False


def _log_error(origin: str, err: Exception) -> None:
    log.warning("skipped %s: %s", origin, err)
