"""What the app keeps between requests: the store, the token, the limits, and what is
computed over the whole corpus (figures, top lists) until the corpus changes; the relay graph
is kept by a helper process (:mod:`sourcier.serve.provenance`)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypeVar

from sourcier.serve import data
from sourcier.serve.provenance import ProvenanceService
from sourcier.store import queries
from sourcier.store.db import Store

MAX_ANALYZE_BYTES = 200_000  # a long article's HTML; more is refused before it is read
ANALYZE_PER_MINUTE = 10  # analyses per client per minute: each one takes a CPU for a while

T = TypeVar("T")

#: Quotes counted at most for a listing's total (a common word or a whole outlet matches tens of
#: thousands): past it the total reads "at least" (``capped``).
QUOTE_COUNT_CAP = 1000


class QuotePage(NamedTuple):
    total: int  # exact, or a lower bound when ``capped``
    capped: bool
    hits: list[queries.QuoteHit]


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
    through another one (``sourcier ingest``, ``sourcier speakers``, another server worker).
    ``stamp`` reads a cheap fingerprint of the corpus that every write changes
    (:func:`data.corpus_stamp`); it is read at most every ``recheck`` seconds, and a change
    empties the cache. Nothing else does: values are not dropped by age, since recomputing
    the corpus-wide ones (every speaker's figures: seconds on 200,000 quotes) stalled the
    requests that waited for them every few minutes.
    Each value is computed by one thread at a time: a burst of requests after a change
    waits for one computation instead of running it once per request.
    """

    def __init__(self, stamp: Callable[[], Hashable], *, recheck: float = 2.0, size: int = 512) -> None:
        self._stamp_of = stamp
        self.recheck, self.size = recheck, size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.stamp: Hashable = None  # the corpus's fingerprint when last checked
        self._checked = float("-inf")
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
            if stamp != self.stamp:
                self.stamp = stamp
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
class AppState:
    store: Store
    token: str | None = None
    max_analyze_bytes: int = MAX_ANALYZE_BYTES
    analyze_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(ANALYZE_PER_MINUTE))
    store_url: str | None = None  # what the provenance helper opens (it has a connection of its own)
    cache: CorpusCache = field(init=False)
    provenance: ProvenanceService = field(init=False)  # reprints and relays, kept in a helper process

    def __post_init__(self) -> None:
        self.cache = CorpusCache(lambda: data.corpus_stamp(self.store))
        self.provenance = ProvenanceService(self.store_url, self._corpus_stamp)

    def _corpus_stamp(self) -> Hashable:
        """The corpus's fingerprint (read at most every few seconds, see :class:`CorpusCache`)."""
        self.cache.refresh()
        return self.cache.stamp

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, once per version of the corpus (see :class:`CorpusCache`)."""
        return self.cache.get(key, compute)

    def quote_page(self, q: queries.QuoteQuery, *, offset: int, limit: int) -> QuotePage:
        """One page of the quotes that pass ``q``, with their total: read from
        :meth:`speaker_summary` when ``q`` is a speaker id alone (exact), else counted once
        per version of the corpus and at most up to ``max(QUOTE_COUNT_CAP, offset + limit + 1)``
        (``capped``: there are at least that many)."""
        speaker = q.speaker.strip().removeprefix("#") if q.speaker else ""
        if speaker.isdigit() and q == queries.QuoteQuery(speaker=q.speaker):
            total, capped = self.speaker_summary(int(speaker))["quotes"], False
        else:
            cap = max(QUOTE_COUNT_CAP, offset + limit + 1)  # the page is always within the count
            total = self.cached(("quote-total", q, cap), lambda: queries.count_quotes(self.store, q, cap=cap))
            capped = total >= cap
        return QuotePage(total, capped, queries.quotes(self.store, q, offset=offset, limit=limit) if offset < total else [])

    def speaker_summary(self, entity_id: int) -> dict[str, Any]:
        """A corpus speaker's figures (:func:`data.speaker_summaries`), computed once per
        version of the corpus; a speaker without quotes has none."""
        found = self.cached(("speaker-summary", entity_id),
                            lambda: data.speaker_summaries(self.store, [entity_id]).get(entity_id))
        return found or {"quotes": 0, "per_month": [], "outlets": {}, "via": {}}

    def article_page(self, *, outlet: str | None, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
        """(total, one page) of the texts, newest first; the total counted once per version."""
        total = self.cached(("article-total", outlet), lambda: data.article_total(self.store, outlet=outlet))
        return total, data.article_rows(self.store, outlet=outlet, offset=offset, limit=limit) if offset < total else []

    def changed(self) -> None:
        """This process changed the corpus (ingest, merge, rename)."""
        self.cache.forget()
