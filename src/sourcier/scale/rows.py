"""Documents, analyses and failures as flat rows: what travels between Ray's workers.

Ray Data moves Arrow tables, so every row holds plain columns: numbers and strings, the
nested parts (metadata, paragraphs, a whole analysis) as JSON text. ``unit`` (the input
file's rank) and ``item`` (the document's rank inside it) give every document its place in
the input order, which the local engine follows and the Ray engine restores.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sourcier import errors
from sourcier.errors import InputError, UnexpectedFailure
from sourcier.model import Analysis, ArticleMeta, Document, Paragraph
from sourcier.store.ingest import Failure

Row = dict[str, Any]


def document_row(unit: int, item: int, result: Document | InputError) -> Row:
    """A document read from an input, or the error that took its place."""
    if isinstance(result, InputError):
        return {"unit": unit, "item": item, "origin": result.origin or "<input>", "text": "", "meta": "",
                "paragraphs": "", "warnings": "", "error": error_json(result)}
    return {
        "unit": unit,
        "item": item,
        "origin": result.origin,
        "text": result.text,
        "meta": json.dumps(asdict(result.meta), ensure_ascii=False),
        "paragraphs": json.dumps([[p.start, p.end] for p in result.paragraphs]),
        "warnings": json.dumps(result.warnings, ensure_ascii=False),
        "error": "",
    }


def row_document(row: Row) -> Document | InputError:
    """The :class:`Document` (or input error) of a :func:`document_row`."""
    if row["error"]:
        return error_from_json(row["error"], row["origin"])
    return Document(
        text=row["text"],
        paragraphs=[Paragraph(start, end) for start, end in json.loads(row["paragraphs"])],
        meta=ArticleMeta(**json.loads(row["meta"])),
        origin=row["origin"],
        warnings=json.loads(row["warnings"]),
    )


def analysis_row(unit: int, item: int, origin: str, result: Analysis | Failure) -> Row:
    """One document's outcome: its analysis (compact JSON) or why it failed."""
    if isinstance(result, Failure):
        return {"unit": unit, "item": item, "origin": origin, "id": "", "analysis": "",
                "reason": result.reason, "message": result.message}
    return {"unit": unit, "item": item, "origin": origin, "id": result.id,
            "analysis": result.to_json(indent=None), "reason": "", "message": ""}


def row_result(row: Row) -> Analysis | Failure:
    """The :class:`Analysis` or :class:`Failure` of an :func:`analysis_row`."""
    if row["reason"]:
        return Failure(row["origin"], row["reason"], row["message"])
    return Analysis.from_dict(json.loads(row["analysis"]))


def failure_error(failure: Failure) -> InputError:
    """The coded error a failure row stands for, as the local engine reports it."""
    _code, _, name = failure.reason.partition(" ")
    return _rebuild(name, failure.message, failure.origin)


def error_json(exc: InputError) -> str:
    """An input error as JSON text (its class name and message)."""
    return json.dumps({"type": type(exc).__name__, "message": exc.message}, ensure_ascii=False)


def error_from_json(data: str, origin: str) -> InputError:
    """The input error of :func:`error_json`, at ``origin``."""
    fields = json.loads(data)
    return _rebuild(fields["type"], fields["message"], origin)


def _rebuild(name: str, message: str, origin: str) -> InputError:
    """The error class of that name (an InputError of :mod:`sourcier.errors`), else E110."""
    cls = getattr(errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, InputError)):
        cls = UnexpectedFailure
    return cls(message, origin=origin)
