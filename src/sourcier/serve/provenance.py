"""The corpus's reprint clusters and relay graph, kept in a process of their own.

Finding reprints compares every text with every other. On 35,959 texts, even reading the
stored reuse index back and building the relay graph takes a minute and a half and 1.7 GB;
done in a thread of a server process, it held that process's interpreter lock and every
request of the process waited (more than ten minutes when the store had no reuse index yet).
Handing the finished graph to the server would not help either: it pickles to 170 MB, and
unpickling it holds the lock again for seconds.

So each server process starts one helper process (:func:`_serve`, spawned on first need) that
builds the graph and keeps it; the server sends it questions (:data:`QUESTIONS`) and gets
small answers back: an article's reprint cluster, an outlet's relays, a trail. While the
graph of the current corpus is not built yet (first start, or after new texts were
ingested), :meth:`ProvenanceService.ask` raises :class:`NotReady` at once: pages say the
reprints are not computed yet, the API answers 503 with ``Retry-After``.

The helper is spawned, not forked (the server runs threads): like any spawned process it
imports the main module again, so a script that builds the app itself (``create_app``) must keep
its work under ``if __name__ == "__main__":``; ``sourcier serve`` and uvicorn do.

The helper stores the reuse index it completes (as ``sourcier reprints --db`` does), so that
the next start only reads it; on a store it may not write, it logs a warning and goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger(__name__)

#: Seconds a question may take in the helper (a quote trail compares a few hundred texts).
ANSWER_TIMEOUT = 60.0
#: Seconds before a failed build is tried again (a store that cannot be read stays so a while).
RETRY_AFTER_FAILURE = 60.0


class NotReady(Exception):
    """The relay graph of the current corpus is being built: ask again later."""


@dataclass
class Provenance:
    """The corpus's reprint report and relay graph (:mod:`sourcier.link.trace`), with what
    the questions look up in them worked out once. Lives in the helper process only."""

    graph: Any  # sourcier.link.trace.Provenance
    relays: list[dict[str, Any]]  # who relays whom, the edge list
    clusters: list[list[int]]  # reprint clusters, as item indexes
    by_article: dict[str, list[int]]  # article id → its cluster of two or more
    items: dict[str, list[int]]  # article id → its publications, as item indexes

    @classmethod
    def of(cls, graph: Any) -> Provenance:
        report = graph.report
        clusters = report.clusters()
        by_article: dict[str, list[int]] = {}
        for group in clusters:
            if len(group) > 1:
                for i in group:
                    by_article.setdefault(_article_id(report.items[i]), group)
        items: dict[str, list[int]] = {}
        for i, item in enumerate(report.items):
            items.setdefault(_article_id(item), []).append(i)
        return cls(graph, [vars(r) for r in graph.relays()], clusters, by_article, items)


def _article_id(item: Any) -> str:
    """A store's reprint item ids are ``article id+publication``."""
    return item.id.split("+", 1)[0]


def build_graph(store: Any) -> Any:
    """The relay graph over every publication of ``store``, through its reuse index (only the
    publications the index lacks are matched, and what they add is stored)."""
    from sourcier.link.trace import provenance_for
    from sourcier.store.reuse import stored_reprints

    return provenance_for(stored_reprints(store))


# --------------------------------------------------------------------------- questions (in the helper)


def _cluster(p: Provenance, _store: Any, article_id: str) -> list[dict[str, Any]]:
    """The other publications of an article's reprint cluster (two texts or more), else nothing."""
    report = p.graph.report
    return [{**report.items[i].describe(), "article_id": _article_id(report.items[i])}
            for i in p.by_article.get(article_id, [])]


def _outlet(p: Provenance, _store: Any, name: str) -> dict[str, Any]:
    """Who an outlet relays, who relays it, and the reprint clusters its publications belong to."""
    graph, report = p.graph, p.graph.report
    reprints = [[{**report.items[i].describe(), "publisher": graph.publisher_name(i),
                  "article_id": _article_id(report.items[i])} for i in group]
                for group in p.clusters if len(group) > 1 and any(graph.publisher_name(i) == name for i in group)]
    return {"relays": [r for r in p.relays if r["publisher"] == name],
            "relayed_by": [r for r in p.relays if r["medium"] == name], "reprints": reprints}


def _relays(p: Provenance, _store: Any) -> list[dict[str, Any]]:
    return p.relays


def _reprints(p: Provenance, _store: Any) -> dict[str, Any]:
    return p.graph.report.to_json()


def _publication_trail(p: Provenance, _store: Any, item_id: str) -> dict[str, Any] | None:
    """A publication's trail as JSON; ``None`` when the reprint report has no such publication."""
    from sourcier.link.trace import publication_trail

    found = publication_trail(p.graph, item_id)
    return found.to_json(p.graph) if found else None


def _quote_trail(p: Provenance, store: Any, quote: str) -> dict[str, Any]:
    """A quote's appearances across the store, with their speakers. Only the texts that the
    full-text index finds holding one of the quote's word runs are compared: reading every
    text took seconds."""
    from sourcier.link.trace import attach_speakers, quote_runs, quote_trail
    from sourcier.store import queries

    candidates = queries.articles_with_phrases(store, quote_runs(quote))
    found = quote_trail(p.graph, quote, among=[i for article in candidates for i in p.items.get(article, [])])
    attach_speakers(found, p.graph.report, store)
    return found.to_json(p.graph)


QUESTIONS: dict[str, Callable[..., Any]] = {
    "cluster": _cluster, "outlet": _outlet, "relays": _relays, "reprints": _reprints,
    "publication_trail": _publication_trail, "quote_trail": _quote_trail,
}


def _serve(conn: Connection, store_url: str | None, build: Callable[[Any], Any]) -> None:
    """The helper process: ``("build", ())`` (re)builds the graph; a question of
    :data:`QUESTIONS` is answered from the graph built last. Each message gets one answer,
    ``(True, value)`` or ``(False, what went wrong)``."""
    from sourcier.store import open_store

    store = open_store(store_url, create=False)
    built: Provenance | None = None
    while True:
        try:
            question, args = conn.recv()
        except EOFError:  # the server process is gone
            return
        try:
            if question == "build":
                built = Provenance.of(build(store))
                answer: Any = None
            else:
                if built is None:
                    raise RuntimeError("asked before the graph was built")
                answer = QUESTIONS[question](built, store, *args)
            conn.send((True, answer))
        except Exception as exc:  # noqa: BLE001 - reported to the server, the helper goes on
            log.exception("provenance helper: %s failed", question)
            conn.send((False, f"{type(exc).__name__}: {exc}"))


# --------------------------------------------------------------------------- the server's side


class ProvenanceService:
    """The server's handle on its helper process. ``stamp()`` is the corpus's current
    fingerprint; the graph is rebuilt (in the helper) when it changes. Thread-safe."""

    def __init__(self, store_url: str | None, stamp: Callable[[], Hashable],
                 build: Callable[[Any], Any] = build_graph) -> None:
        self.store_url, self._stamp, self._build = store_url, stamp, build
        self._lock = threading.Lock()  # guards the fields below
        self._pipe = threading.Lock()  # one message in flight on the connection at a time
        self._process: Any = None
        self._conn: Connection | None = None
        self._ready: Hashable = None  # the stamp of the graph the helper holds
        self._building: Hashable = None  # the stamp being built, while a build runs
        self._failed_at = float("-inf")
        self.error: str | None = None  # why the last build failed

    def ready(self) -> bool:
        """Whether the graph of the current corpus is built; if not, its build is started
        (in the helper; this returns at once)."""
        stamp = self._stamp()
        with self._lock:
            if self._ready == stamp and self._alive():
                return True
            if self._building is None and time.monotonic() - self._failed_at > RETRY_AFTER_FAILURE:
                self._building = stamp
                threading.Thread(target=self._run_build, args=(stamp,), daemon=True,
                                 name="sourcier-provenance").start()
            return False

    def ask(self, question: str, *args: Any) -> Any:
        """The helper's answer to ``question`` (:data:`QUESTIONS`) about the current corpus;
        :class:`NotReady` while its graph is being built."""
        if not self.ready() or not self._pipe.acquire(timeout=5):
            raise NotReady(self.error or "reprints and relays are being computed across the corpus")
        try:
            return self._send(question, args, ANSWER_TIMEOUT)
        finally:
            self._pipe.release()

    def wait(self, timeout: float) -> bool:
        """Whether the graph of the current corpus is built within ``timeout`` seconds (its
        build started if needed): for a warm-up before the first visitor, and for tests."""
        deadline = time.monotonic() + timeout
        while not self.ready():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def close(self) -> None:
        """Stop the helper (the server is stopping)."""
        with self._lock:
            process, self._process, self._conn, self._ready = self._process, None, None, None
        if process is not None:
            process.terminate()
            process.join(5)

    def _alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _run_build(self, stamp: Hashable) -> None:
        """Build the graph of ``stamp`` in the helper (started if needed); runs in a thread of
        the server that only waits on the helper."""
        try:
            with self._pipe:
                self._start_helper()
                self._send("build", (), None)
            with self._lock:
                self._ready, self.error = stamp, None
        except Exception as exc:  # noqa: BLE001 - the pages say why; the build is retried later
            log.error("the relay graph could not be built: %s", exc)
            with self._lock:
                self._failed_at, self.error = time.monotonic(), f"reprints could not be computed: {exc}"
        finally:
            with self._lock:
                self._building = None

    def _start_helper(self) -> None:
        if self._alive():
            return
        # Spawned, not forked: the server process runs threads, and a fork copies their locks.
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs, self.store_url, self._build), daemon=True,
                                  name="sourcier-provenance")
        process.start()
        theirs.close()
        with self._lock:
            self._process, self._conn, self._ready = process, ours, None

    def _send(self, question: str, args: tuple[Any, ...], timeout: float | None) -> Any:
        """One question and its answer (the caller holds ``_pipe``). A helper that died or does
        not answer in time is stopped: the next question starts a new one."""
        conn = self._conn
        if conn is None:
            raise NotReady("the provenance helper is starting")
        try:
            conn.send((question, args))
            if timeout is not None and not conn.poll(timeout):
                raise TimeoutError(f"no answer to {question} in {timeout:.0f} s")
            ok, answer = conn.recv()
        except (EOFError, OSError, TimeoutError) as exc:
            self.close()
            raise NotReady(f"the provenance helper stopped ({exc}); it is being restarted") from exc
        if not ok:
            raise RuntimeError(answer)
        return answer
