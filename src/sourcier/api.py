"""The Python API: ``analyze`` one article, ``analyze_many`` a stream of them."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from sourcier.analyse.assemble import assemble
from sourcier.analyse.pipeline import get_nlp
from sourcier.analyse.textprep import prepare
from sourcier.errors import InputError, SourcierError
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
            try:
                document = item if isinstance(item, Document) else _to_document(item, None)
            except InputError as err:
                report(err.origin or str(item)[:80], err)
                continue
            if isinstance(document, InputError):
                report(document.origin or "<input>", document)
                continue
            copy, offsets = prepare(document.text, document.paragraphs)
            doc = nlp.make_doc(copy)
            doc._.sourcier_meta = document.meta
            doc.user_data["sourcier_origin"] = document.origin
            yield doc, (document, offsets)

    def handle(name: str, proc: object, failed: list[Doc], err: Exception) -> None:
        for doc in failed:
            report(doc.user_data.get("sourcier_origin", "<document>"), err)

    previous = nlp.default_error_handler
    nlp.set_error_handler(handle)
    try:
        for doc, (document, offsets) in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
            try:
                yield assemble(doc, document, offsets)
            except SourcierError as err:
                report(document.origin, err)
    finally:
        nlp.set_error_handler(previous)


def _to_document(item: Input, meta: ArticleMeta | None) -> Document:
    from sourcier.ingest import read_path, read_text

    if isinstance(item, Document):
        return item
    if isinstance(item, os.PathLike) or _looks_like_path(item):
        return read_path(Path(item))
    return read_text(item, meta=meta)


def _looks_like_path(item: str) -> bool:
    return "\n" not in item and len(item) < 1024 and Path(item).is_file()


def _log_error(origin: str, err: Exception) -> None:
    log.warning("skipped %s: %s", origin, err)
