"""Crawl politeness: per-host spacing, robots.txt rules, retry back-off, conditional-GET state.

Everything here is free of network I/O so it can be tested with a fake clock; the crawler in
:mod:`sourcier.ingest.fetch` does the requests and feeds the results in.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

from protego import Protego

from sourcier.errors import FetchError

Clock = Callable[[], float]
"""A monotonic clock in seconds (``time.monotonic`` by default)."""

Sleep = Callable[[float], None]
"""Blocks for the given number of seconds (``time.sleep`` by default)."""


def host_key(url: str) -> str:
    """``scheme://host[:port]``, lower-cased: the unit of rate limiting and of robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def robots_url(url: str) -> str:
    """Where the robots.txt governing ``url`` lives (RFC 9309: at the root of the authority)."""
    return host_key(url) + "/robots.txt"


def interleave_by_host(urls: Iterable[str]) -> list[str]:
    """Round-robin over hosts, so one host's rate limit does not idle the whole crawl."""
    groups: dict[str, deque[str]] = {}
    for url in urls:
        groups.setdefault(host_key(url), deque()).append(url)
    queues = list(groups.values())
    order: list[str] = []
    while queues:
        order.extend(q.popleft() for q in queues)
        queues = [q for q in queues if q]
    return order


class HostThrottle:
    """Spaces the *start* of successive requests to one host by at least ``delay`` seconds.

    Different hosts do not wait for each other. A host may ask for more room through a
    robots.txt ``Crawl-delay``; :meth:`set_delay` raises that host's spacing, never lowers it
    below the crawl-wide default.
    """

    def __init__(self, delay: float, *, clock: Clock = time.monotonic, sleep: Sleep = time.sleep) -> None:
        if delay < 0:
            raise ValueError("delay must be >= 0")
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._last_start: dict[str, float] = {}
        self._host_delay: dict[str, float] = {}

    def set_delay(self, host: str, delay: float) -> None:
        """Use ``max(default, delay)`` between requests to ``host``."""
        self._host_delay[host] = max(self.delay, delay)

    def delay_for(self, host: str) -> float:
        """The spacing currently applied to ``host``."""
        return self._host_delay.get(host, self.delay)

    def wait(self, host: str) -> float:
        """Sleep until ``host`` may be contacted again, then book the slot; returns the time slept."""
        slept = 0.0
        last = self._last_start.get(host)
        if last is not None:
            remaining = last + self.delay_for(host) - self._clock()
            if remaining > 0:
                self._sleep(remaining)
                slept = remaining
        self._last_start[host] = self._clock()
        return slept


def product_token(user_agent: str) -> str:
    """``Sourcier`` from ``Sourcier/0.1 (+https://…; news research crawler)``.

    RFC 9309 matches robots.txt groups on the product token only: matching the whole header
    would let a group for, say, ``crawler`` apply to us because the word is in our comment.
    """
    return user_agent.strip().split("/", 1)[0].split()[0] if user_agent.strip() else user_agent


@dataclass(frozen=True)
class RobotsRules:
    """The robots.txt verdict for one host, plus why it is what it is (for reports).

    ``parser`` is None when no file applies: then ``allow`` decides every URL. Files are parsed
    by protego, which follows RFC 9309 (the longest matching rule wins, Allow on a tie; ``*``
    and ``$`` in paths); the standard library's parser applies the first matching rule instead.
    """

    parser: Protego | None
    source: str
    allow: bool = True

    @classmethod
    def from_text(cls, text: str, *, source: str = "robots.txt") -> RobotsRules:
        return cls(Protego.parse(text), source)

    @classmethod
    def allow_all(cls, source: str) -> RobotsRules:
        return cls(None, source, allow=True)

    @classmethod
    def disallow_all(cls, source: str) -> RobotsRules:
        return cls(None, source, allow=False)

    def allows(self, url: str, user_agent: str) -> bool:
        if self.parser is None:
            return self.allow
        return self.parser.can_fetch(url, product_token(user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        value = self.parser.crawl_delay(product_token(user_agent))
        return float(value) if value is not None else None


def rules_for_status(status: int | None, body: str | None) -> RobotsRules:
    """Turn the outcome of fetching robots.txt into rules, following the usual convention.

    * 2xx: obey the file;
    * 4xx (absent, forbidden, …): no rules, everything allowed;
    * 429 and 5xx, after retries: the site is struggling or hiding its rules, so stay away
      for this run rather than guess;
    * no answer at all (``status`` is None: DNS, refused, timeout): allowed, like a missing file.
    """
    if status is None:
        return RobotsRules.allow_all("robots.txt unreachable: allowed")
    if 200 <= status < 300 and body is not None:
        return RobotsRules.from_text(body, source=f"robots.txt (HTTP {status})")
    if status == 429 or status >= 500:
        return RobotsRules.disallow_all(f"robots.txt HTTP {status}: host skipped for this run")
    return RobotsRules.allow_all(f"robots.txt HTTP {status}: allowed")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(attempt: int, *, base: float, cap: float) -> float:
    """Exponential back-off before retry number ``attempt`` (0-based): base, 2·base, 4·base, … ≤ cap.

    No jitter: the crawler is sequential, so there is no herd of clients to spread out, and a
    deterministic schedule is easier to test and to explain.
    """
    return min(cap, base * (2**attempt))


def default_state_path(warc_path: Path) -> Path:
    """``out/news.warc.gz`` → ``out/news.fetch-state.json``: the state file lives next to its WARC."""
    name = warc_path.name
    for suffix in (".warc.gz", ".warc"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return warc_path.with_name(name + ".fetch-state.json")


class ConditionalState:
    """Validators (ETag, Last-Modified) and last-known feed links, kept between runs in JSON.

    A re-run sends ``If-None-Match`` / ``If-Modified-Since`` so unchanged pages cost the server a
    304 and are not archived twice. Feed links are remembered because a feed answering 304 has
    no body to read its entries from, yet its pages may still need (conditional) fetching.
    """

    VERSION = 1

    def __init__(self, path: Path, urls: dict[str, dict[str, str]] | None = None,
                 feeds: dict[str, list[str]] | None = None) -> None:
        self.path = path
        self.urls: dict[str, dict[str, str]] = urls or {}
        self.feeds: dict[str, list[str]] = feeds or {}

    @classmethod
    def load(cls, path: Path) -> ConditionalState:
        """Read ``path``; a missing file is an empty state, a corrupt one a :class:`FetchError`."""
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(path)
        except OSError as exc:
            raise FetchError(f"cannot read the crawl state file: {exc.strerror}", origin=str(path)) from exc
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("version") != cls.VERSION:
                raise ValueError(f"expected a JSON object with version {cls.VERSION}")
            urls = {str(k): {str(a): str(b) for a, b in v.items()} for k, v in data.get("urls", {}).items()}
            feeds = {str(k): [str(u) for u in v] for k, v in data.get("feeds", {}).items()}
        except (ValueError, AttributeError, TypeError) as exc:
            raise FetchError(
                f"the crawl state file is not valid ({exc}); delete it to start afresh "
                "(pages will then be fetched again in full)",
                origin=str(path),
            ) from exc
        return cls(path, urls, feeds)

    def request_headers(self, url: str) -> dict[str, str]:
        """Conditional headers to send for ``url`` (empty if nothing is known about it)."""
        known = self.urls.get(url, {})
        headers: dict[str, str] = {}
        if "etag" in known:
            headers["If-None-Match"] = known["etag"]
        if "last_modified" in known:
            headers["If-Modified-Since"] = known["last_modified"]
        return headers

    def remember(self, url: str, *, etag: str | None, last_modified: str | None) -> None:
        """Record the validators of a response that was archived (forget stale ones)."""
        entry = {k: v for k, v in (("etag", etag), ("last_modified", last_modified)) if v}
        if entry:
            self.urls[url] = entry
        else:
            self.urls.pop(url, None)

    def save(self) -> None:
        """Write atomically (temp file + rename) so an interrupted run never leaves half a file."""
        data = {"version": self.VERSION, "urls": self.urls, "feeds": self.feeds}
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise FetchError(f"cannot write the crawl state file: {exc.strerror}", origin=str(self.path)) from exc
