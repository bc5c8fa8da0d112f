"""Exporting a corpus: JSONL analyses, or one CSV / Parquet file per table.

Every format carries the publications: the ``publications`` table in CSV and Parquet,
and in JSONL a ``publications`` array on each analysis (every outlet, URL and date that
published its text, first seen first), which ``sourcier ingest`` reads back as as many
publications of one text.

Rows are streamed in chunks, so an export of a large corpus does not hold it in
memory. The ``analysis`` column is left out of the tables (it is the JSONL export),
and the ``text`` column is kept. ``quotes`` has the shape of ``sourcier quotes``
(:class:`~sourcier.store.queries.QuoteHit`: ``speaker``, ``cue``, ``via``), with the
article's id only: flattened in CSV (``speaker_id``, ``cue_start``…), nested in Parquet.
Parquet keeps lists and structures native (``via`` is a list of structs, ``roles`` a
list of strings) and integers nullable; CSV writes them as JSON text. CSV cells that a
spreadsheet would run as a formula get a leading apostrophe (see :mod:`sourcier.safe_text`).
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal

import sqlalchemy as sa

from sourcier.errors import StoreError
from sourcier.safe_text import csv_cell
from sourcier.store import queries, schema
from sourcier.store.db import Store, analysis_from_row, require_extra

__all__ = ["FORMATS", "export"]

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

_CHUNK = 2000
# Left out of the per-table exports: the whole analysis is what the JSONL export is for.
_SKIP_COLUMNS = {("articles", "analysis")}


def export(store: Store, fmt: Format, out: str | Path) -> dict[str, int]:
    """Write the corpus to ``out`` and return the number of rows written per file.

    ``jsonl``: ``out`` is a file (``.gz`` compresses, ``-`` is stdout), one
    ``sourcier.analysis/1`` object per line. ``csv`` / ``parquet``: ``out`` is a
    directory (created if needed) receiving ``<table>.csv`` / ``<table>.parquet``
    for every table.
    """
    if fmt == "jsonl":
        return {str(out): _export_jsonl(store, out)}
    if fmt not in ("csv", "parquet"):
        raise StoreError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        require_extra("pyarrow", "parquet", "Parquet export")
    directory = Path(out)
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"{directory} is a file; {fmt} export writes one file per table into a directory")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the export directory {directory}: {exc.strerror}") from exc
    writer = _write_csv if fmt == "csv" else _write_parquet
    paths = [directory / f"{table.name}.{fmt}" for table in schema.TABLES]
    with _staged(paths) as partials:
        return {str(path): writer(store, table, partial)
                for table, path, partial in zip(schema.TABLES, paths, partials)}


@contextmanager
def _staged(paths: list[Path]) -> Iterator[list[Path]]:
    """Temporary files next to ``paths``, renamed onto them only once all are written.

    An export that fails half-way (a damaged database, a full disk) leaves neither partial
    files nor a mix of old and new tables: what was there before stays as it was.
    """
    partials = [path.with_name(f".{path.name}.partial") for path in paths]
    try:
        yield partials
    except BaseException:
        for partial in partials:
            partial.unlink(missing_ok=True)
        raise
    try:
        for partial, path in zip(partials, paths):
            os.replace(partial, path)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}") from exc


# --------------------------------------------------------------------------- JSONL


@contextmanager
def _open_text(out: str | Path) -> Iterator[IO[str]]:
    if str(out) == "-":
        yield sys.stdout
        return
    path = Path(out)
    with _staged([path]) as (partial,):
        try:
            if path.suffix == ".gz":
                with gzip.open(partial, "wt", encoding="utf-8") as fh:
                    yield fh
            else:
                with partial.open("w", encoding="utf-8") as fh:
                    yield fh
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc.strerror}") from exc


def _export_jsonl(store: Store, out: str | Path) -> int:
    a = schema.articles
    stmt = sa.select(a.c.id, a.c.analysis, a.c.text).order_by(a.c.ingested_at, a.c.id)
    n = 0
    with _open_text(out) as fh, store.connect() as conn, store.connect() as side:
        for chunk in conn.execution_options(yield_per=_CHUNK).execute(stmt).partitions():
            published = _publications_of(side, [row.id for row in chunk])
            for row in chunk:
                data = analysis_from_row(row.analysis, row.text).to_dict()
                data["publications"] = published.get(row.id, [])
                fh.write(json.dumps(data, ensure_ascii=False))
                fh.write("\n")
                n += 1
    return n


def _publications_of(conn: sa.Connection, article_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The publications of these articles, as the JSONL export writes them, first seen first."""
    p = schema.publications
    columns = (p.c.url, p.c.canonical_url, p.c.external_id, p.c.outlet, p.c.published, p.c.first_seen)
    stmt = (sa.select(p.c.article_id, *columns).where(p.c.article_id.in_(article_ids))
            .order_by(p.c.article_id, p.c.first_seen, p.c.id))
    found: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(stmt).mappings():
        record = {c.name: row[c.name] for c in columns}
        record["first_seen"] = row["first_seen"].isoformat() if row["first_seen"] else None
        found.setdefault(row["article_id"], []).append(record)
    return found


# --------------------------------------------------------------------------- tables


def _columns(table: sa.Table) -> list[sa.Column[Any]]:
    return [c for c in table.columns if (table.name, c.name) not in _SKIP_COLUMNS]


def _is_json(column: sa.Column[Any]) -> bool:
    return isinstance(column.type, sa.JSON)


def _rows(store: Store, table: sa.Table, *, flat: bool = False) -> Iterator[list[dict[str, Any]]]:
    """Chunks of rows (as dicts) of ``table``, in primary-key order. Quotes come in their
    corpus shape, nested or (``flat``) as CSV columns, with their article's id only."""
    if table is schema.quotes:
        for hits in _quote_hits(store):
            if flat:
                yield [{k: v for k, v in h.flat().items() if k == "article_id" or not k.startswith("article_")}
                       for h in hits]
            else:
                yield [{"article_id": h.article.id, **{k: v for k, v in h.to_dict().items() if k != "article"}}
                       for h in hits]
        return
    cols = _columns(table)
    stmt = sa.select(*cols).order_by(*table.primary_key.columns)
    with store.connect() as conn:
        for chunk in conn.execution_options(yield_per=_CHUNK).execute(stmt).mappings().partitions():
            yield [dict(r) for r in chunk]


def _quote_hits(store: Store) -> Iterator[list[queries.QuoteHit]]:
    q, e, a = schema.quotes, schema.entities, schema.articles
    stmt = (sa.select(*queries.QUOTE_COLUMNS, *queries.REF_COLUMNS)
            .join(a, a.c.id == q.c.article_id).outerjoin(e, e.c.id == q.c.speaker_entity_id)
            .order_by(q.c.id))
    with store.connect() as conn:
        for chunk in conn.execution_options(yield_per=_CHUNK).execute(stmt).partitions():
            yield [queries.quote_hit(r) for r in chunk]


def _write_csv(store: Store, table: sa.Table, path: Path) -> int:
    if table is schema.quotes:  # flattened by QuoteHit.flat, ``via`` already JSON text
        names, json_cols, bool_cols = [c for c in queries.QUOTE_FLAT_COLUMNS if c == "article_id"
                                       or not c.startswith("article_")], set(), set()
    else:
        cols = _columns(table)
        names = [c.name for c in cols]
        json_cols = {c.name for c in cols if _is_json(c)}
        bool_cols = {c.name for c in cols if isinstance(c.type, sa.Boolean)}
    n = 0
    try:
        fh = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}") from exc
    with fh:
        writer = csv.DictWriter(fh, fieldnames=names)
        writer.writeheader()
        for chunk in _rows(store, table, flat=True):
            for row in chunk:
                for name in json_cols:
                    row[name] = json.dumps(row[name], ensure_ascii=False)
                for name in bool_cols:
                    # "true"/"false": what pandas and DuckDB read back as booleans.
                    if row[name] is not None:
                        row[name] = "true" if row[name] else "false"
                writer.writerow({name: csv_cell(value) for name, value in row.items()})
                n += 1
    return n


def _arrow_type(column: sa.Column[Any]) -> Any:
    import pyarrow as pa

    t = column.type
    if isinstance(t, sa.JSON):
        return _ARROW_JSON.get((column.table.name, column.name), pa.string)()
    if isinstance(t, sa.Boolean):
        return pa.bool_()
    if isinstance(t, sa.Integer):
        return pa.int64()
    if isinstance(t, sa.Float):
        return pa.float64()
    if isinstance(t, sa.DateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(t, sa.Date):
        return pa.date32()
    return pa.string()


def _span_type() -> Any:
    import pyarrow as pa

    return pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])


def _strings() -> Any:
    import pyarrow as pa

    return pa.list_(pa.string())


def _spans() -> Any:
    import pyarrow as pa

    return pa.list_(_span_type())


# JSON columns whose shape is fixed get native Arrow types; the others (a relation's
# payload, whose keys depend on its type) stay JSON text.
_ARROW_JSON = {
    ("entities", "variants"): _strings,
    ("entities", "roles"): _strings,
    ("entities", "countries"): _strings,
    ("sources", "mentions"): _spans,
}


def _quote_schema() -> Any:
    import pyarrow as pa

    speaker = pa.struct([("name", pa.string()), ("id", pa.int64()), ("entity", pa.string()),
                         ("as_written", pa.string()), ("mention", _span_type())])
    via = pa.list_(pa.struct([("name", pa.string()), ("source", pa.string())]))
    return pa.schema([
        ("article_id", pa.string()), ("id", pa.string()), ("type", pa.string()), ("start", pa.int64()),
        ("end", pa.int64()), ("text", pa.string()), ("speaker", speaker), ("cue", _span_type()), ("via", via),
        ("confidence", pa.float64()),
    ])


def _write_parquet(store: Store, table: sa.Table, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if table is schema.quotes:
        arrow_schema, text_cols = _quote_schema(), []
    else:
        cols = _columns(table)
        arrow_schema = pa.schema([pa.field(c.name, _arrow_type(c), nullable=True) for c in cols])
        text_cols = [c.name for c in cols if _is_json(c) and (table.name, c.name) not in _ARROW_JSON]
    n = 0
    try:
        writer = pq.ParquetWriter(str(path), arrow_schema, compression="zstd")
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc}") from exc
    with writer:
        for chunk in _rows(store, table):
            for row in chunk:
                for name in text_cols:
                    row[name] = json.dumps(row[name], ensure_ascii=False)
            writer.write_table(pa.Table.from_pylist(chunk, schema=arrow_schema))
            n += len(chunk)
        if n == 0:
            # An empty table still gets a file with its schema.
            writer.write_table(arrow_schema.empty_table())
    return n
