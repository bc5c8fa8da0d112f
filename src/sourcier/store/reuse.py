"""The reuse index kept in the store: ``sourcier reprints --db`` matches only new publications.

The first call indexes every publication and stores, per publication, its MinHash signature
and sampled 5-grams (``reuse_sketches``), and every match found (``reuse_matches``). A later
call reads them back into a :class:`~sourcier.link.reuse.ReuseIndex` without sketching,
matching or verifying anything old, then adds the publications stored since: only their
pairs are aligned, and they are stored in turn.

Matches are stored as judged under the loosest ``--min-similarity`` (:data:`LOOSEST`), with
all their spans, and judged again under the threshold asked for: the same result as
verifying under it. The other settings are the index's: when they change (a new version's
defaults), the stored index is dropped and rebuilt.

What an incremental index does not redo: a pair verified earlier keeps the boilerplate
judgement of its time (the 5-grams carried by more than ``max_gram_docs`` texts then), as
batches of :func:`~sourcier.link.reprints.find_reprints` do.
"""

from __future__ import annotations

import dataclasses
import fcntl
import json
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from sourcier.link.reprints import BATCH, ReprintItem, ReprintReport, find_reprints, store_publications
from sourcier.link.reuse import Match, ReuseIndex, ReuseSettings, Span, Sketches, judge, sketch
from sourcier.store.schema import reuse_matches, reuse_settings, reuse_sketches

log = logging.getLogger(__name__)

#: The ``min_similarity`` stored matches are judged under (the lowest ``--min-similarity`` allows).
LOOSEST = 0.05
#: PostgreSQL advisory lock held while a process indexes (not the store's write lock: readers of
#: the store and writers of articles go on meanwhile).
_PG_INDEXING_LOCK = 0x52_65_75_73_65  # "Reuse"


def fingerprint(settings: ReuseSettings) -> str:
    """The settings a stored index depends on (all but ``min_similarity``, applied when reading)."""
    fields = {k: v for k, v in dataclasses.asdict(settings).items() if k != "min_similarity"}
    return json.dumps(fields, sort_keys=True)


#: How a batch of new texts joins the index: their sketches, and their matches with the texts
#: indexed before them and with each other (:meth:`ReuseIndex.add`'s).
AddTexts = Callable[[ReuseIndex, list[str]], tuple[Sketches, list[Match]]]


def _add_here(index: ReuseIndex, texts: list[str]) -> tuple[Sketches, list[Match]]:
    """:data:`AddTexts` in this process."""
    sketches = sketch(texts, index.settings)
    return sketches, index.add(texts, sketches)


def stored_reprints(store, settings: ReuseSettings | None = None, *, persist: bool = True,
                    keep_texts: bool = True, add: AddTexts | None = None) -> ReprintReport:
    """Reprints among every publication of ``store`` (as :func:`find_reprints` over
    :func:`~sourcier.link.reprints.store_items`), indexing only the publications the stored
    index lacks; with ``persist``, what they add is stored for the next call (a store this
    process may not write is read, not updated). ``add`` indexes each batch of them
    (default: in this process; ``sourcier.scale.reprints.add_on_ray`` on a Ray cluster)."""
    settings = settings or ReuseSettings()
    if settings.min_similarity < LOOSEST:
        return find_reprints((item for _, item in store_publications(store)), settings, keep_texts=keep_texts)
    indexing = replace(settings, min_similarity=LOOSEST)
    rows = list(store_publications(store))
    known, stored = _read(store, indexing)
    with ExitStack() as held:
        if persist and any(pid not in known for pid, _ in rows):
            # Processes starting together on one store (the helpers of two server workers)
            # index one at a time: the one that waited reads back what the first stored.
            held.enter_context(indexing_lock(store))
            known, stored = _read(store, indexing)
        return _indexed_reprints(store, rows, known, stored, settings, indexing, persist=persist,
                                 keep_texts=keep_texts, add=add)


def _indexed_reprints(store, rows: list[tuple[int, ReprintItem]], known: dict[int, tuple[bytes, bytes]],
                      stored: list[tuple[int, int, Match]], settings: ReuseSettings, indexing: ReuseSettings,
                      *, persist: bool, keep_texts: bool, add: AddTexts | None) -> ReprintReport:
    """:func:`stored_reprints` once the stored index is read: ``known`` sketches and ``stored``
    matches, by publication id, judged under the ``indexing`` settings."""
    old = [k for k, (pid, _) in enumerate(rows) if pid in known]
    new = [k for k, (pid, _) in enumerate(rows) if pid not in known]
    index = ReuseIndex(indexing)
    if old:
        index.restore([rows[k][1].text for k in old], Sketches.from_records([known[rows[k][0]] for k in old], indexing))
    found: list[Match] = []
    records: list[tuple[bytes, bytes]] = []
    for start in range(0, len(new), BATCH):
        sketches, matches = (add or _add_here)(index, [rows[k][1].text for k in new[start : start + BATCH]])
        records += sketches.records()
        found += matches
    order = old + new  # the item behind each position of the index
    pids = [rows[k][0] for k in order]
    fresh = [(pids[m.a], pids[m.b], m) for m in found]
    if persist and new:
        _write(store, indexing, [(pids[len(old) + n], r) for n, r in enumerate(records)], fresh)
    position = {pid: k for k, (pid, _) in enumerate(rows)}
    matches = [_oriented(m, position[a], position[b]) for a, b, m in stored + fresh]
    judged = sorted((m for m in (judge(m, settings) for m in matches) if m is not None), key=lambda m: (m.a, m.b))
    items = [item if keep_texts else replace(item, text="") for _, item in rows]
    slot = {k: n for n, k in enumerate(order)}
    return ReprintReport(items, judged, [], None if keep_texts else (lambda i: index.text(slot[i])))


@contextmanager
def indexing_lock(store) -> Iterator[None]:
    """Held while this process adds publications to the stored index, so that two processes
    never index the same ones. PostgreSQL: a session advisory lock; SQLite: a lock on the file
    ``DATABASE.reuse-lock`` beside the database (kept there: removing it would let a third
    process lock another file). None for a database in memory (no other process sees it) or
    opened read-only (this process stores nothing), nor where the lock file cannot be created."""
    if store.dialect == "postgresql":
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.select(sa.func.pg_advisory_lock(_PG_INDEXING_LOCK)))
            try:
                yield
            finally:
                conn.execute(sa.select(sa.func.pg_advisory_unlock(_PG_INDEXING_LOCK)))
        return
    database = store.engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    try:
        handle = Path(database + ".reuse-lock").open("a")
    except OSError as exc:
        log.warning("indexing without a lock (%s): another process may index the same texts", exc)
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield


def _oriented(match: Match, a: int, b: int) -> Match:
    """The match between items ``a`` and ``b`` (positions in the report), the lower first."""
    if a < b:
        return replace(match, a=a, b=b)
    spans = tuple(Span(s.b_start, s.b_end, s.a_start, s.a_end, s.words) for s in match.spans)
    return replace(match, a=b, b=a, coverage_a=match.coverage_b, coverage_b=match.coverage_a, spans=spans)


def _read(store, settings: ReuseSettings) -> tuple[dict[int, tuple[bytes, bytes]], list[tuple[int, int, Match]]]:
    """The stored sketches by publication id and the stored matches, when they were made with
    these settings (else nothing: the index is rebuilt)."""
    with store.engine.connect() as conn:
        if conn.execute(sa.select(reuse_settings.c.fingerprint)).scalar() != fingerprint(settings):
            return {}, []
        known = {r.publication_id: (bytes(r.signature), bytes(r.grams)) for r in conn.execute(sa.select(reuse_sketches))}
        stored = [(r.publication_a, r.publication_b, _match(r)) for r in conn.execute(sa.select(reuse_matches))]
    return known, stored


def _match(row) -> Match:
    spans = json.loads(row.spans) if isinstance(row.spans, str) else row.spans
    return Match(0, 0, "", max(row.coverage_a, row.coverage_b), row.coverage_a, row.coverage_b,
                 tuple(Span(*s) for s in spans))


def _write(store, settings: ReuseSettings, sketches: Sequence[tuple[int, tuple[bytes, bytes]]],
           matches: Sequence[tuple[int, int, Match]]) -> None:
    """Store the new publications' sketches and matches, unless another process indexed
    them meanwhile or the store may only be read."""
    from sourcier.store.db import _write_transaction

    try:
        with _write_transaction(store.engine) as conn:
            current = conn.execute(sa.select(reuse_settings.c.fingerprint)).scalar()
            if current != fingerprint(settings):
                for table in (reuse_matches, reuse_sketches, reuse_settings):
                    conn.execute(sa.delete(table))
                conn.execute(sa.insert(reuse_settings), [{"fingerprint": fingerprint(settings)}])
            # Another process that indexed these publications meanwhile stored the first of them too.
            first = sketches[0][0]
            if conn.execute(sa.select(reuse_sketches.c.publication_id).where(reuse_sketches.c.publication_id == first)).first():
                return
            conn.execute(sa.insert(reuse_sketches),
                         [{"publication_id": pid, "signature": sig, "grams": grams} for pid, (sig, grams) in sketches])
            if matches:
                conn.execute(sa.insert(reuse_matches), [
                    {"publication_a": a, "publication_b": b, "coverage_a": m.coverage_a, "coverage_b": m.coverage_b,
                     "spans": [[s.a_start, s.a_end, s.b_start, s.b_end, s.words] for s in m.spans]}
                    for a, b, m in matches])
    except (sa.exc.OperationalError, sa.exc.ProgrammingError) as exc:
        log.warning("the reuse index was not stored (%s): the next call indexes these publications again",
                    str(exc).splitlines()[0])

