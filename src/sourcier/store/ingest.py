"""The ingest pipeline: documents in, analysed in worker processes, stored in batches.

    documents ──▶ skip what is stored ──▶ task queue ──▶ N workers (analyse)
        (main process, streaming)                          │
    store ◀── one transaction per batch, in input order ◀──┘ result queue

* The main process reads the documents lazily and never holds more than
  ``2 × workers`` batches in flight: memory stays flat on a large corpus.
* A publication already in the database (same canonical URL, else same external
  id) is skipped *before* analysis, and a known text under a new URL is recorded
  as a new publication of it without analysing it again: a rerun only analyses
  what is missing.
* Each batch is written in one transaction, in input order (so the global
  entities come out the same whatever the number of workers). A process killed
  at any moment leaves whole batches only; running it again completes the
  corpus, every article stored once.
* Workers load the spaCy model once each and stop by themselves if the main
  process dies.
"""

from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa

from sourcier.batching import batched
from sourcier.errors import DocumentTimeout, InputError, SourcierError, StoreError, coded
from sourcier.model import Analysis, Document
from sourcier.store.db import BatchResult, Store, publication_key
from sourcier.store.urls import content_hash

__all__ = [
    "DEFAULT_ANALYZER",
    "AnalyseStage",
    "DOCUMENT_TIME_LIMIT_S",
    "Failure",
    "IngestAborted",
    "IngestSummary",
    "Reporter",
    "estimate_total",
    "ingest",
    "ingest_paths",
]

#: ``module:function`` of the analyser: ``f(documents, *, batch_size, on_error) -> Iterator[Analysis]``.
DEFAULT_ANALYZER = "sourcier:analyze_many"

_POLL_S = 1.0  # how often the main process checks on its workers while waiting
#: Most seconds one document's analysis may take in ``ingest`` (a 50,000-token document,
#: the largest accepted, takes about 14 s of CPU on one core).
DOCUMENT_TIME_LIMIT_S = 120.0


class IngestAborted(SourcierError):
    """A worker process died; what was committed before stays committed."""

    code = "E301"


@dataclass(frozen=True, slots=True)
class Failure:
    """A document that could not be stored: where it came from and why."""

    origin: str
    reason: str  # "E105 NotFrench": the error code and class, what failures are grouped by
    message: str


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0  # new texts, analysed and stored
    already_present: int = 0  # publications already recorded (same canonical URL or external id)
    new_publications: int = 0  # new publications of texts already stored: recorded, not analysed again
    failed: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        return self.ingested + self.already_present + self.new_publications + len(self.failed)

    def failures_by_reason(self) -> dict[str, list[Failure]]:
        """Failures grouped by reason, most frequent first."""
        groups: dict[str, list[Failure]] = defaultdict(list)
        for f in self.failed:
            groups[f.reason].append(f)
        return dict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))


class Reporter(Protocol):
    """Progress display (the CLI's rich progress bar implements it)."""

    def started(self, total: int | None) -> None: ...

    def advanced(self, summary: IngestSummary) -> None: ...


def failure(origin: str, exc: BaseException) -> Failure:
    exc = coded(exc, origin)
    return Failure(origin, f"{exc.code} {type(exc).__name__}", exc.message)


# --------------------------------------------------------------------------- analysis


def _resolve(path: str) -> Callable[..., Iterator[Analysis]]:
    module, _, attr = path.partition(":")
    if not attr:
        raise ValueError(f"analyzer must be 'module:function', got {path!r}")
    return getattr(importlib.import_module(module), attr)


class _OverBudget(BaseException):
    """Raised by the alarm when analysis runs past its time budget. A BaseException: the
    analyser's own per-document boundaries (``except Exception``) must not swallow it."""


@contextmanager
def _deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_OverBudget` in this thread after ``seconds`` of wall time (no limit when
    ``seconds`` is None or when not in the main thread, where signals cannot be delivered)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _analyses(results: Iterable[Any]) -> list[Analysis]:
    """The analyses among an analyser's results: failed documents, yielded in place as
    errors by :func:`sourcier.analyze_many`, were reported through ``on_error``."""
    return [r for r in results if isinstance(r, Analysis)]


def _analyse(
    analyze: Callable[..., Iterator[Analysis]], docs: Sequence[Document], time_limit: float | None = None
) -> tuple[list[Analysis], list[Failure]]:
    """Analyses of ``docs`` and the failures. When the batch as a whole fails (a bug, a
    crash in the model) or runs past ``time_limit`` seconds per document, its documents
    are redone one by one, so that only the document at fault is reported."""
    failures: list[Failure] = []
    report = lambda origin, exc: failures.append(failure(origin, exc))  # noqa: E731
    try:
        with _deadline(time_limit and time_limit * len(docs)):
            return _analyses(analyze(docs, batch_size=16, on_error=report)), failures
    except (Exception, _OverBudget):  # noqa: BLE001 - a bug in analysis must not stop the corpus
        pass
    analyses: list[Analysis] = []
    failures.clear()
    for doc in docs:
        try:
            with _deadline(time_limit):
                analyses.extend(_analyses(analyze([doc], batch_size=1, on_error=report)))
        except _OverBudget:
            report(doc.origin, DocumentTimeout(
                f"analysis took more than {time_limit:g} s (the per-document time budget); skipped",
                origin=doc.origin))
        except Exception as exc:  # noqa: BLE001
            report(doc.origin, exc)
    return analyses, failures


def _warm_up(analyzer: str) -> None:
    """Load the model now, once per process, rather than inside the first batch."""
    if analyzer == DEFAULT_ANALYZER:
        from sourcier.analyse.pipeline import get_nlp

        get_nlp()


class AnalyseStage:
    """The per-text stage as a batch → batch function with an explicit set-up.

    Building it is the set-up (the analyser resolved, the model loaded, once per process);
    calling it on a batch of documents returns their analyses and failures, and nothing
    else: no state is kept between batches. The same object runs in this process
    (``workers=0``), in each worker of the local pool and in each Ray actor
    (:mod:`sourcier.scale`), so every engine gives the same analyses.
    """

    def __init__(self, analyzer: str = DEFAULT_ANALYZER, time_limit: float | None = DOCUMENT_TIME_LIMIT_S) -> None:
        self.analyze = _resolve(analyzer)
        self.time_limit = time_limit
        _warm_up(analyzer)

    def __call__(self, docs: Sequence[Document]) -> tuple[list[Analysis], list[Failure]]:
        return _analyse(self.analyze, docs, self.time_limit)


def _exit_with_parent(parent: Any) -> None:
    """Watchdog thread of a worker: end the process as soon as the main process is gone
    (killed with SIGKILL, nobody would read our results or send us work)."""
    parent.join()
    os._exit(0)


def _worker(analyzer: str, tasks: Any, out: Any, time_limit: float | None = None) -> None:
    """Worker process: analyse batches from ``tasks``, send results on the pipe ``out``."""
    parent = mp.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    stage = AnalyseStage(analyzer, time_limit)
    while (task := tasks.get()) is not None:
        seq, docs = task
        # A pipe send is synchronous: once it returns, the result survives this process.
        out.send((seq, *stage(docs)))
    out.close()


class _Pool:
    """N worker processes: one bounded task queue, one result pipe per worker."""

    def __init__(self, workers: int, analyzer: str, time_limit: float | None = None) -> None:
        # spawn: no inherited locks or threads (the progress bar runs one), same on every OS.
        ctx = mp.get_context("spawn")
        self.capacity = 2 * workers
        self.tasks = ctx.Queue(maxsize=self.capacity)
        self.procs: list[Any] = []
        self.readers: dict[Any, Any] = {}
        for i in range(workers):
            reader, writer = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_worker, args=(analyzer, self.tasks, writer, time_limit), daemon=True,
                               name=f"sourcier-worker-{i}")
            proc.start()
            writer.close()  # ours: so that the reader sees EOF when the worker is gone
            self.procs.append(proc)
            self.readers[reader] = proc

    def submit(self, seq: int, docs: list[Document]) -> None:
        self.tasks.put((seq, docs))

    def receive(self) -> tuple[int, list[Analysis], list[Failure]]:
        while True:
            ready = wait([*self.readers, *(p.sentinel for p in self.procs)], timeout=_POLL_S)
            for reader in [r for r in ready if r in self.readers]:
                try:
                    return reader.recv()
                except EOFError:
                    del self.readers[reader]
            dead = [p for p in self.procs if p.exitcode is not None]
            if dead:
                codes = ", ".join(f"{p.name} exit code {p.exitcode}" for p in dead)
                raise IngestAborted(
                    f"a worker process died ({codes}); batches already written are kept, "
                    "run the same command again to resume"
                )

    def close(self, *, graceful: bool) -> None:
        if graceful:
            for _ in self.procs:
                self.tasks.put(None)
            for p in self.procs:
                p.join(timeout=30)
        for p in self.procs:
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)
        for reader in self.readers:
            reader.close()
        self.tasks.close()
        self.tasks.cancel_join_thread()  # undelivered tasks of dead workers must not block our exit


# --------------------------------------------------------------------------- main loop


class _Run:
    """State of one ingest: dedup sets, summary, in-order writing."""

    def __init__(self, store: Store, reporter: Reporter | None) -> None:
        self.store = store
        self.reporter = reporter
        self.summary = IngestSummary()
        self.seen_keys: set[str] = set()
        self.seen_contents: set[str] = set()
        self.waiting: list[Document] = []
        self.pending: dict[int, tuple[list[Analysis], list[Failure]]] = {}
        self.next_to_write = 0

    def _report(self) -> None:
        if self.reporter is not None:
            self.reporter.advanced(self.summary)

    # --- publications: what is new, what is a known text, what is known (keep this block whole)

    def triage(self, chunk: list[Document | InputError]) -> list[Document]:
        """Record input errors, known publications and new publications of known texts;
        return the documents whose text is new, to analyse."""
        docs: list[Document] = []
        contents: list[str] = []
        keys: list[str] = []
        for item in chunk:
            origin = getattr(item, "origin", None) or "<input>"
            if not isinstance(item, Document):
                self.summary.failed.append(failure(origin, item))
                continue
            try:
                content = content_hash(item.text)
                key = publication_key(item.meta, content)
            except Exception as exc:  # noqa: BLE001 - e.g. text that cannot be encoded: this one only
                self.summary.failed.append(failure(origin, exc))
                continue
            docs.append(item)
            contents.append(content)
            keys.append(key)
        known_keys = self.store.existing_publications(keys)
        _, known_contents = self.store.existing([], contents)
        fresh: list[Document] = []
        known_text: list[Document] = []
        for doc, c, key in zip(docs, contents, keys, strict=True):
            if key in known_keys or key in self.seen_keys:
                self.summary.already_present += 1
                continue
            self.seen_keys.add(key)
            if c in known_contents:
                known_text.append(doc)
            elif c in self.seen_contents:
                self.waiting.append(doc)  # its text is being analysed: recorded once it is stored
            else:
                self.seen_contents.add(c)
                fresh.append(doc)
        if known_text:
            self.summary.new_publications += self.store.add_publications(known_text)
        self._report()
        return fresh

    def record_waiting(self) -> None:
        """Publications of texts first seen in this run, now that those texts are stored."""
        if self.waiting:
            self.summary.new_publications += self.store.add_publications(self.waiting)
            self.waiting.clear()
            self._report()

    # --- end of the publications block

    def _write(self, analyses: list[Analysis]) -> None:
        try:
            result = self.store.add_batch(analyses)
        except StoreError as exc:
            if not isinstance(exc.__cause__, (sa.exc.IntegrityError, sa.exc.DataError)):
                raise  # the database itself is failing: stop, the next run resumes
            # One analysis the schema rejects must not cost the batch or the run: store
            # the others one by one (each still all-or-nothing) and report that one.
            inserted = present = 0
            for analysis in analyses:
                try:
                    one = self.store.add_batch([analysis])
                except StoreError as single:
                    if not isinstance(single.__cause__, (sa.exc.IntegrityError, sa.exc.DataError)):
                        raise
                    origin = analysis.article.url or analysis.article.external_id or analysis.id
                    self.summary.failed.append(failure(origin, single))
                    continue
                inserted += one.inserted
                present += one.already_present
            result = BatchResult(inserted, present)
        self.summary.ingested += result.inserted
        self.summary.already_present += result.already_present
        self.summary.new_publications += result.new_publications

    def done(self, seq: int, analyses: list[Analysis], failures: list[Failure]) -> int:
        """Buffer a finished batch; write every batch that is next in order. Returns
        how many batches were written."""
        self.pending[seq] = (analyses, failures)
        written = 0
        while self.next_to_write in self.pending:
            analyses, failures = self.pending.pop(self.next_to_write)
            self._write(analyses)
            self.summary.failed.extend(failures)
            self.next_to_write += 1
            written += 1
            self._report()
        return written


def ingest(
    items: Iterable[Document | InputError],
    store: Store,
    *,
    workers: int = 1,
    batch_size: int = 50,
    analyzer: str = DEFAULT_ANALYZER,
    reporter: Reporter | None = None,
    total: int | None = None,
    time_limit: float | None = DOCUMENT_TIME_LIMIT_S,
) -> IngestSummary:
    """Analyse and store a stream of documents (as yielded by ``iter_documents``).

    ``workers=0`` analyses in this process (no multiprocessing: handy to debug).
    ``batch_size`` documents make one batch, analysed by one worker and written in
    one transaction. ``analyzer`` is a ``module:function`` path with the signature
    of :func:`sourcier.analyze_many`. Raises :class:`IngestAborted` if a worker
    dies and :class:`~sourcier.errors.StoreError` if a batch cannot be written;
    batches written before stay written. A document whose analysis takes more than
    ``time_limit`` seconds (None: no limit) is reported (``E109``) and skipped.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.monotonic()
    run = _Run(store, reporter)
    if reporter is not None:
        reporter.started(total)
    try:
        if workers <= 0:
            stage = AnalyseStage(analyzer, time_limit)
            for seq, chunk in enumerate(_fresh_chunks(run, items, batch_size)):
                run.done(seq, *stage(chunk))
        else:
            _ingest_parallel(run, items, workers, batch_size, analyzer, time_limit)
        run.record_waiting()
        if run.summary.ingested:
            store.refresh_statistics()
    finally:
        run.summary.seconds = time.monotonic() - started
    return run.summary


def _fresh_chunks(
    run: _Run, items: Iterable[Document | InputError], batch_size: int
) -> Iterator[list[Document]]:
    """Batches of ``batch_size`` documents still to analyse (known ones dropped)."""
    buffer: list[Document] = []
    for chunk in batched(items, batch_size):
        buffer.extend(run.triage(chunk))
        while len(buffer) >= batch_size:
            yield buffer[:batch_size]
            buffer = buffer[batch_size:]
    if buffer:
        yield buffer


def _ingest_parallel(
    run: _Run, items: Iterable[Document | InputError], workers: int, batch_size: int, analyzer: str,
    time_limit: float | None,
) -> None:
    pool: _Pool | None = None
    clean = False
    try:
        in_flight = 0
        for seq, chunk in enumerate(_fresh_chunks(run, items, batch_size)):
            if pool is None:
                # Started on the first batch to analyse: a rerun over a corpus already
                # stored loads no model at all.
                pool = _Pool(workers, analyzer, time_limit)
            # Never more than `capacity` batches between submit and write: bounded memory,
            # and the queues can never fill up (so neither side blocks the other).
            while in_flight >= pool.capacity:
                in_flight -= run.done(*pool.receive())
            pool.submit(seq, chunk)
            in_flight += 1
        while in_flight:
            assert pool is not None
            in_flight -= run.done(*pool.receive())
        clean = True
    finally:
        if pool is not None:
            pool.close(graceful=clean)


# --------------------------------------------------------------------------- paths


def ingest_paths(inputs: Sequence[str | Path], store: Store, **kwargs: Any) -> IngestSummary:
    """:func:`ingest` over files, directories, globs, JSONL, feeds and WARC files, read
    by :func:`sourcier.ingest.iter_documents`."""
    from sourcier.ingest import iter_documents

    return ingest(iter_documents([str(p) for p in inputs]), store, **kwargs)


_ONE_DOC_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}
_MANY_DOC_SUFFIXES = {".warc", ".gz", ".xml", ".rss", ".atom", ".arc", ".parquet"}  # count unknown without parsing
_COMPANIONS = (".meta.json", ".expected.json")  # read with their article, not documents themselves


def estimate_total(inputs: Sequence[str | Path]) -> int | None:
    """How many documents the inputs hold, when cheap to know (one-document files
    and JSONL lines), else ``None`` (WARC, feeds: the progress bar then shows no ETA)."""
    import glob

    from sourcier.ingest.readers import expand_glob

    def count(path: Path, *, explicit: bool) -> int | None:
        suffix = path.suffix.lower()
        if path.name.lower().endswith(_COMPANIONS):
            return 0
        if suffix in _ONE_DOC_SUFFIXES:
            return 1
        if suffix == ".jsonl":
            try:
                with path.open("rb") as fh:
                    return sum(1 for line in fh if line.strip())
            except OSError:
                return None
        if suffix in _MANY_DOC_SUFFIXES or explicit:
            return None
        return 0  # inside a directory, files of other types are not read

    total = 0
    for raw in map(str, inputs):
        if raw == "-":
            return None
        matches = expand_glob(raw) if glob.has_magic(raw) else [raw]
        for match in map(Path, matches):
            found = (
                [count(p, explicit=False) for p in sorted(match.rglob("*")) if p.is_file()]
                if match.is_dir()
                else [count(match, explicit=True)] if match.is_file() else [0]
            )
            if None in found:
                return None
            total += sum(n for n in found if n is not None)
    return total
