"""What the app keeps between requests: the store, the token, the limits, the relay graph."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from sourcier.store.db import Store

MAX_ANALYZE_BYTES = 200_000  # a long article's HTML; more is refused before it is read
ANALYZE_PER_MINUTE = 10  # analyses per client per minute: each one takes a CPU for a while


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


@dataclass
class AppState:
    store: Store
    token: str | None = None
    max_analyze_bytes: int = MAX_ANALYZE_BYTES
    analyze_limiter: RateLimiter = field(default_factory=lambda: RateLimiter(ANALYZE_PER_MINUTE))
    _provenance: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def provenance(self) -> Any:
        """Reprint clusters and the relay graph of the whole store, computed once (then after
        each ingest): comparing every text with every other is too costly per request."""
        with self._lock:
            if self._provenance is None:
                from sourcier.link.reprints import find_reprints, store_items
                from sourcier.link.trace import provenance_for

                self._provenance = provenance_for(find_reprints(store_items(self.store)))
            return self._provenance

    def provenance_if_ready(self) -> Any:
        """The relay graph if it is computed, else ``None`` after starting its computation in
        the background: a page can say "later" instead of making its reader wait."""
        if self._provenance is None and not self._lock.locked():
            threading.Thread(target=self.provenance, daemon=True, name="sourcier-provenance").start()
        return self._provenance

    def forget_provenance(self) -> None:
        with self._lock:
            self._provenance = None
