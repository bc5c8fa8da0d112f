"""`sourcier ingest --engine ray`: the local ingest's store logic, with the analysis on Ray.

Two passes over the documents that Ray Data reads (kept in Ray's object store between them):

1. **Triage**, on the driver, in input order: known publications are passed by, new
   publications of known texts are recorded, exactly as the local engine does (the same
   :class:`~sourcier.store.ingest._Run`). What is left is the set of new texts.
2. **Analysis** of the new texts only, in ``map_batches`` actors (:mod:`.engine`); the driver
   writes the results in input order, ``batch_size`` analyses per transaction.

The driver is the only writer, so SQLite works as well as PostgreSQL, and the global
entities come out as the local engine makes them. A worker that dies is restarted by Ray
and its batch redone; a driver that dies leaves whole batches only, and running the same
command again analyses only what is missing (pass 1 finds the rest stored).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from sourcier.batching import batched
from sourcier.errors import InputError
from sourcier.model import Analysis, Document
from sourcier.scale import engine as ray_engine
from sourcier.scale.rows import row_document, row_result
from sourcier.scale.tables import with_tables
from sourcier.store.db import Store
from sourcier.store.ingest import DEFAULT_ANALYZER, DOCUMENT_TIME_LIMIT_S, IngestSummary, Reporter, _Run

Select = Callable[[Iterator[Document | InputError]], Iterator[Document | InputError]]


def ingest_on_ray(
    paths: Iterable[str],
    store: Store,
    *,
    actors: int = 1,
    batch_size: int = 50,
    analyzer: str = DEFAULT_ANALYZER,
    time_limit: float | None = DOCUMENT_TIME_LIMIT_S,
    reporter: Reporter | None = None,
    total: int | None = None,
    select: Select | None = None,
    tables: Path | None = None,
) -> IngestSummary:
    """Analyse ``paths`` on the connected Ray cluster (see :func:`.engine.connect`) and store
    them as :func:`sourcier.store.ingest.ingest` does. ``select`` filters the documents
    before the triage (the CLI leaves known skips out with it); with ``tables``, the Parquet
    tables of the new analyses are written there too (:mod:`.tables`)."""
    from ray.data.expressions import col

    started = time.monotonic()
    run = _Run(store, reporter)
    if reporter is not None:
        reporter.started(total)
    try:
        documents = ray_engine.read_documents(paths).materialize()
        fresh = _triage(run, documents, batch_size, select or (lambda items: items))
        if fresh:
            todo = documents.filter(expr=_place(col("unit"), col("item")).is_in(sorted(fresh)),
                                    num_cpus=ray_engine.LIGHT_CPUS)
            analysed = ray_engine.analyse(todo, actors=actors, analyzer=analyzer, time_limit=time_limit)
            for seq, rows in enumerate(batched(with_tables(analysed, tables).iter_rows(), batch_size)):
                outcomes = [row_result(row) for row in rows]
                run.done(seq, [r for r in outcomes if isinstance(r, Analysis)],
                         [r for r in outcomes if not isinstance(r, Analysis)])
        run.record_waiting()
    finally:
        run.summary.seconds = time.monotonic() - started
    return run.summary


def _triage(run: _Run, documents: Any, batch_size: int, select: Select) -> set[int]:
    """Pass 1: the places (:func:`_place`) of the documents whose text is new to the store."""
    fresh: set[int] = set()
    for rows in batched(documents.iter_rows(), batch_size):
        place = {}
        items = []
        for row in rows:
            item = row_document(row)
            place[id(item)] = _place(row["unit"], row["item"])
            items.append(item)
        fresh.update(place[id(doc)] for doc in run.triage(list(select(iter(items)))))
    return fresh


def _place(unit: Any, item: Any) -> Any:
    """One number for a document's place in the input (of two numbers or two columns)."""
    return unit * (1 << 32) + item
