"""What the app keeps between requests: the store, the token, the limits, and what is
computed over the whole corpus (figures, top lists, the relay graph) until the corpus changes."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sourcier.serve import data
from sourcier.store import queries
from sourcier.store.db import Store

MAX_ANALYZE_BYTES = 200_000  # a long article's HTML; more is refused before it is read
ANALYZE_PER_MINUTE = 10  # analyses per client per minute: each one takes a CPU for a while

T = TypeVar("T")


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a sliding window)."""

    def __init__(self, limit: int, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and now - events[0] >= self.window:
                events.popleft()
            if len(events) >= self.limit:
                return False
            events.append(now)
            return True


class CorpusCache:
    """Values computed over the whole corpus, kept until the corpus changes.

    The corpus changes through this process (ingest, merge, rename: :meth:`forget`) or
    through another one (``sourcier ingest``, another server worker). ``stamp`` reads a
    cheap fingerprint of the corpus (the newest publication and entity ids); it is read
    at most every ``recheck`` seconds, and a change empties the cache. An edit elsewhere
    that leaves the stamp alone (a rename) shows after ``max_age`` seconds at most.
    Each value is computed by one thread at a time: a burst of requests after a change
    waits for one computation instead of running it once per request.
    """

    def __init__(self, stamp: Callable[[], Hashable], *, recheck: float = 2.0, max_age: float = 300.0,
                 size: int = 512) -> None:
        self._stamp_of = stamp
        self.recheck, self.max_age, self.size = recheck, max_age, size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.stamp: Hashable = None  # the corpus's fingerprint when last checked
        self._checked = self._filled = float("-inf")
        self.generation = 0  # bumped by every change seen; values of an older one are dropped

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        generation = self.refresh()
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            key_lock = self._computing.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._values:
                    return self._values[key]
            value = compute()
            with self._lock:
                self._computing.pop(key, None)
                if generation == self.generation:
                    self._values[key] = value
                    while len(self._values) > self.size:
                        self._values.popitem(last=False)
        return value

    def refresh(self) -> int:
        """Empty the cache if the corpus changed (checked every ``recheck`` seconds); the
        current generation."""
        now = time.monotonic()
        if now - self._checked < self.recheck:
            return self.generation
        stamp = self._stamp_of()
        with self._lock:
            self._checked = now
            if stamp != self.stamp or now - self._filled > self.max_age:
                self.stamp, self._filled = stamp, now
                self._clear()
            return self.generation

    def forget(self) -> None:
        """The corpus was changed by this process: forget everything now."""
        with self._lock:
            self._checked = float("-inf")
            self._clear()

    def _clear(self) -> None:
        self._values.clear()
        self.generation += 1


@dataclass
class Provenance:
    """The corpus's reprint report and relay graph (:mod:`sourcier.link.trace`), with what
    the pages look up in them on every request worked out once."""

    graph: Any  # sourcier.link.trace.Provenance
    relays: list[Any]  # who relays whom, the edge list
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
                    by_article.setdefault(report.items[i].id.split("+", 1)[0], group)
        items: dict[str, list[int]] = {}
        for i, item in enumerate(report.items):
            items.setdefault(item.id.split("+", 1)[0], []).append(i)
        return cls(graph, graph.relays(), clusters, by_article, items)

    def cluster_of(self, article_id: str) -> list[int]:
        """The reprint cluster (two texts or more) an article belongs to, else nothing."""
        return self.by_article.get(article_id, [])


@dataclass
class AppState:
    store: Store
    token: str | None = None
    max_analyze_bytes: int = MAX_ANALYZE_BYTES
    analyze_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(ANALYZE_PER_MINUTE))
    cache: CorpusCache = field(init=False)
    _provenance: Any = None
    _provenance_stamp: Hashable = None  # the corpus stamp it was computed for
    _provenance_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.cache = CorpusCache(lambda: data.corpus_stamp(self.store))

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per version of the corpus (see :class:`CorpusCache`)."""
        return self.cache.get(key, compute)

    def quote_page(self, q: queries.QuoteQuery, *, offset: int, limit: int) -> tuple[int, list[queries.QuoteHit]]:
        """(total, one page) of the quotes that pass ``q``: the total is counted once per
        version of the corpus (counting every quote is what a page of them costs most),
        and read from :meth:`speaker_summary` when ``q`` is a speaker id alone."""
        speaker = q.speaker.strip().removeprefix("#") if q.speaker else ""
        if speaker.isdigit() and q == queries.QuoteQuery(speaker=q.speaker):
            total = self.speaker_summary(int(speaker))["quotes"]
        else:
            total = self.cached(("quote-total", q), lambda: queries.count_quotes(self.store, q))
        return total, queries.quotes(self.store, q, offset=offset, limit=limit) if offset < total else []

    def speaker_summary(self, entity_id: int) -> dict[str, Any]:
        """A corpus speaker's figures (:func:`data.speaker_summaries`, all computed at once
        per version of the corpus); a speaker without quotes has none."""
        found = self.cached("speaker-summaries", lambda: data.speaker_summaries(self.store)).get(entity_id)
        return found or {"quotes": 0, "per_month": [], "outlets": {}, "via": {}}

    def article_page(self, *, outlet: str | None, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
        """(total, one page) of the texts, newest first; the total counted once per version."""
        total = self.cached(("article-total", outlet), lambda: data.article_total(self.store, outlet=outlet))
        return total, data.article_rows(self.store, outlet=outlet, offset=offset, limit=limit) if offset < total else []

    def provenance(self) -> Any:
        """Reprint clusters and the relay graph of the whole store, computed once per version
        of the corpus (new texts, not edits of speakers: reprints do not depend on them):
        comparing every text with every other is too costly per request."""
        with self._provenance_lock:
            self.cache.refresh()
            stamp = self.cache.stamp
            if self._provenance is None or self._provenance_stamp != stamp:
                from sourcier.link.trace import provenance_for
                from sourcier.store.reuse import stored_reprints

                # The store's reuse index, read and not written: the server only reads the corpus.
                self._provenance = Provenance.of(provenance_for(stored_reprints(self.store, persist=False)))
                self._provenance_stamp = stamp
            return self._provenance

    def quote_trail(self, quote: str) -> Any:
        """A quote's appearances across the store (:func:`sourcier.link.trace.quote_trail`)
        with their speakers. Only the texts that the full-text index finds holding one of the
        quote's word runs are compared: reading every text took seconds per request."""
        from sourcier.link.trace import attach_speakers, quote_runs, quote_trail

        provenance = self.provenance()
        candidates = queries.articles_with_phrases(self.store, quote_runs(quote))
        found = quote_trail(provenance.graph, quote,
                            among=[i for article in candidates for i in provenance.items.get(article, [])])
        attach_speakers(found, provenance.graph.report, self.store)
        return found

    def provenance_if_ready(self) -> Any:
        """The relay graph if it is computed, else ``None`` after starting its computation in
        the background: a page can say "later" instead of making its reader wait. After a
        change of the corpus, the previous graph is served while the new one is computed."""
        self.cache.refresh()
        if self._provenance_stamp != self.cache.stamp and not self._provenance_lock.locked():
            threading.Thread(target=self.provenance, daemon=True, name="sourcier-provenance").start()
        return self._provenance

    def changed(self) -> None:
        """This process changed the corpus (ingest, merge, rename)."""
        self.cache.forget()
