"""The crawl's vocabulary: settings, the feed list, per-URL results and the run summary.

Kept apart from the crawler itself (:mod:`sourcier.ingest.fetch`) so the CLI and reports can use
these types without the HTTP machinery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal, Protocol
from urllib.parse import urlsplit

from sourcier.errors import FetchError

Kind = Literal["feed", "page", "robots"]

DEFAULT_DELAY = 1.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def default_user_agent() -> str:
    """Names the project, its version and where to read about it, so site owners can reach us."""
    try:
        ver = version("sourcier")
    except PackageNotFoundError:
        ver = "dev"
    return f"Sourcier/{ver} (+https://github.com/sourcier; news research crawler)"


@dataclass(frozen=True)
class FetchConfig:
    """Crawl settings; the defaults are the polite ones documented in docs/crawling.md."""

    delay: float = DEFAULT_DELAY  # seconds between request starts to one host
    connect_timeout: float = 10.0
    read_timeout: float = 30.0  # longest silence while waiting for bytes
    total_timeout: float = 120.0  # longest time one response may take, trickling servers included
    retries: int = 3  # extra attempts on 5xx, 429 and connection errors
    backoff: float = 1.0  # first back-off, doubled at each retry
    max_backoff: float = 60.0
    max_retry_after: float = 120.0  # a longer Retry-After means "give up on this URL for now"
    max_bytes: int = DEFAULT_MAX_BYTES
    max_pages: int | None = None
    max_redirects: int = 5
    max_crawl_delay: float = 30.0  # robots.txt Crawl-delay is honoured up to this
    user_agent: str = field(default_factory=default_user_agent)

    def __post_init__(self) -> None:
        for name in ("delay", "connect_timeout", "read_timeout", "total_timeout", "backoff"):
            if getattr(self, name) < 0:
                raise FetchError(f"{name} must be >= 0")
        if self.retries < 0 or self.max_redirects < 0:
            raise FetchError("retries and max_redirects must be >= 0")
        if self.max_bytes <= 0 or (self.max_pages is not None and self.max_pages < 0):
            raise FetchError("max_bytes must be > 0 and max_pages >= 0")
        if not self.user_agent.strip():
            raise FetchError("the user agent must not be empty")


def is_http_url(text: str) -> bool:
    """An absolute http(s) URL with a host and no whitespace."""
    if any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs from a text file: one per line; blank lines and ``#`` comments are ignored.

    Raises :class:`FetchError` naming the line for anything that is not an http(s) URL, since a
    typo silently dropping a source is worse than refusing to start.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FetchError(f"cannot read the feed list: {exc}", origin=str(path)) from exc
    urls: list[str] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not is_http_url(line):
            raise FetchError(f"line {lineno}: expected one http(s) URL per line, got {line!r}", origin=str(path))
        if line not in urls:
            urls.append(line)
    if not urls:
        raise FetchError("the feed list has no URL (one RSS/Atom URL per line)", origin=str(path))
    return urls


class Outcome(StrEnum):
    """What became of one URL."""

    FETCHED = "fetched"  # archived in the WARC
    NOT_MODIFIED = "not_modified"  # 304 to a conditional request: already archived by an earlier run
    SKIPPED_ROBOTS = "skipped_robots"
    TOO_LARGE = "too_large"  # over max_bytes; download stopped, nothing archived
    NOT_HTML = "not_html"  # a page whose Content-Type is not HTML/XHTML/XML
    DUPLICATE = "duplicate"  # redirected to a page this run already archived
    FAILED = "failed"  # see the reason


@dataclass(frozen=True)
class FetchResult:
    """The fate of one feed or page URL."""

    url: str
    kind: Kind
    outcome: Outcome
    reason: str = ""
    final_url: str | None = None  # after redirects
    status: int | None = None  # last HTTP status seen, None if no response came
    size: int = 0  # body bytes archived
    attempts: int = 0  # HTTP requests made, redirects and retries included


@dataclass
class FetchSummary:
    """Everything a crawl did, URL by URL, with counts for the report."""

    results: list[FetchResult] = field(default_factory=list)
    duplicates: int = 0  # page URLs listed by more than one feed (fetched once)
    unvisited: int = 0  # page URLs left out by max_pages
    warc_records: int = 0

    def select(self, outcome: Outcome, kind: Kind | None = None) -> list[FetchResult]:
        return [r for r in self.results if r.outcome is outcome and (kind is None or r.kind == kind)]

    @property
    def feeds(self) -> list[FetchResult]:
        return [r for r in self.results if r.kind == "feed"]

    @property
    def pages(self) -> list[FetchResult]:
        return [r for r in self.results if r.kind == "page"]

    @property
    def fetched(self) -> list[FetchResult]:
        return self.select(Outcome.FETCHED)

    @property
    def not_modified(self) -> list[FetchResult]:
        return self.select(Outcome.NOT_MODIFIED)

    @property
    def skipped_robots(self) -> list[FetchResult]:
        return self.select(Outcome.SKIPPED_ROBOTS)

    @property
    def too_large(self) -> list[FetchResult]:
        return self.select(Outcome.TOO_LARGE)

    @property
    def non_html(self) -> list[FetchResult]:
        return self.select(Outcome.NOT_HTML)

    @property
    def failed(self) -> list[FetchResult]:
        return self.select(Outcome.FAILED)

    def counts(self) -> dict[str, int]:
        counts = {o.value: len(self.select(o)) for o in Outcome}
        return counts | {"duplicates": self.duplicates, "unvisited": self.unvisited}


class CrawlObserver(Protocol):
    """Progress hooks (the CLI draws a rich progress bar with them)."""

    def planned(self, kind: Kind, total: int) -> None: ...
    def started(self, kind: Kind, url: str) -> None: ...
    def finished(self, result: FetchResult) -> None: ...


class QuietObserver:
    """The observer used when none is given: reports nothing."""

    def planned(self, kind: Kind, total: int) -> None:
        pass

    def started(self, kind: Kind, url: str) -> None:
        pass

    def finished(self, result: FetchResult) -> None:
        pass
