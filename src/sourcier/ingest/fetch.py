"""Polite crawling of RSS/Atom feeds and of the article pages they list, into a gzip WARC.

    feeds = read_feed_list(Path("feeds.txt"))
    summary = crawl(feeds, Path("out/news.warc.gz"), config=FetchConfig(delay=2.0))
    print(summary.counts())

Requests are sequential. Each goes through the per-host throttle and robots.txt; 5xx, 429 and
connection errors are retried with back-off; bodies are streamed and abandoned past
``max_bytes``. Archived 2xx responses (with the redirects that led to them) become WARC
``request``/``response`` pairs, their validators go to a JSON state file, and the next run asks
for them conditionally. One bad feed or page is reported in the :class:`FetchSummary` and the
crawl goes on; only an unusable feed list, WARC or state file raises :class:`FetchError`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

import feedparser
import httpx

from sourcier.errors import FetchError
from sourcier.ingest.deadline import RequestDeadline, deadline_transport
from sourcier.ingest.fetch_model import (
    DEFAULT_DELAY, DEFAULT_MAX_BYTES, CrawlObserver, FetchConfig, FetchResult, FetchSummary, Kind, Outcome,
    QuietObserver, default_user_agent, is_http_url, read_feed_list,
)
from sourcier.ingest.politeness import (
    Clock, ConditionalState, HostThrottle, RobotsRules, Sleep, backoff_delay, default_state_path,
    host_key, interleave_by_host, parse_retry_after, robots_url, rules_for_status,
)
from sourcier.ingest.warc import Exchange, UndecodableBody, WarcSink, decoded_body

__all__ = [  # the public API, re-exported here so callers need one import
    "DEFAULT_DELAY", "DEFAULT_MAX_BYTES", "CrawlObserver", "FetchConfig", "FetchResult", "FetchSummary",
    "Kind", "Outcome", "crawl", "default_user_agent", "read_feed_list",
]

ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
_ERROR_BODY_BYTES = 64 * 1024  # redirect and error bodies are kept only this far
_INFLATE_FACTOR = 8  # a compressed feed may expand to max_bytes × this before we give up

PAGE_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "application/xml", "text/xml",
    "application/rss+xml", "application/atom+xml",
})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def crawl(
    feed_urls: Sequence[str],
    warc_path: Path,
    *,
    config: FetchConfig | None = None,
    state_path: Path | None = None,
    observer: CrawlObserver | None = None,
    clock: Clock = time.monotonic,
    sleep: Sleep = time.sleep,
    now: Callable[[], datetime] = _utc_now,
    transport: httpx.BaseTransport | None = None,
) -> FetchSummary:
    """Fetch ``feed_urls`` and the pages they list, appending to the WARC at ``warc_path``.

    ``clock``/``sleep`` drive rate limiting and back-off and ``now`` stamps WARC-Date, so tests
    can run without waiting; ``transport`` replaces the default one, which bounds every socket
    wait of a request by ``config.total_timeout``. The state file (default: next to the WARC) is
    checked before anything is fetched and saved even if the crawl is interrupted.
    """
    config = config or FetchConfig()
    deadline = RequestDeadline()
    state = ConditionalState.load(state_path or default_state_path(warc_path))
    state.save()  # fail now, not after an hour of crawling, if it cannot be written
    client = httpx.Client(
        transport=transport or deadline_transport(deadline),
        follow_redirects=False,  # followed by hand: every hop must pass robots.txt and the throttle
        timeout=httpx.Timeout(connect=config.connect_timeout, read=config.read_timeout,
                              write=config.read_timeout, pool=config.connect_timeout),
        headers={
            "User-Agent": config.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                      "application/rss+xml,application/atom+xml;q=0.9,*/*;q=0.5",
            "Accept-Language": "fr,*;q=0.5",
            # Only codings warcio can undo when the WARC is read back (no br/zstd).
            "Accept-Encoding": "gzip, deflate",
        },
    )
    with client, WarcSink(warc_path, software=config.user_agent) as sink:
        crawler = _Crawler(config, client, deadline, sink, state,
                           HostThrottle(config.delay, clock=clock, sleep=sleep), observer or QuietObserver(),
                           sleep, now)
        try:
            summary = crawler.run(feed_urls)
        finally:
            state.save()
        summary.warc_records = sink.records_written
        return summary


def _dedupe_key(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _entry_links(parsed: feedparser.FeedParserDict, base: str) -> list[str]:
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            link = next((lk.get("href") for lk in entry.get("links", [])
                         if lk.get("rel", "alternate") == "alternate" and lk.get("href")), None)
        if link:
            absolute = urldefrag(urljoin(base, link.strip())).url
            if is_http_url(absolute):
                links.append(absolute)
    return links


@dataclass
class _Fetched:
    """What :meth:`_Crawler._fetch` decided, with the exchanges to archive if it was a success."""

    result: FetchResult
    exchanges: list[Exchange] = field(default_factory=list)  # redirect hops then the final 2xx


class _Crawler:
    """One run's mutable state: robots rules per host, URLs archived so far, the open WARC."""

    def __init__(self, config: FetchConfig, client: httpx.Client, deadline: RequestDeadline, sink: WarcSink,
                 state: ConditionalState, throttle: HostThrottle, observer: CrawlObserver, sleep: Sleep,
                 now: Callable[[], datetime]) -> None:
        self.config = config
        self.client = client
        self.deadline = deadline
        self.sink = sink
        self.state = state
        self.throttle = throttle
        self.observer = observer
        self.sleep = sleep
        self.now = now
        self.robots: dict[str, RobotsRules] = {}
        self.archived: set[str] = set()

    def run(self, feed_urls: Sequence[str]) -> FetchSummary:
        summary = FetchSummary()
        self.observer.planned("feed", len(feed_urls))
        pages: list[str] = []
        seen: set[str] = set()
        for url in feed_urls:
            result, links = self._guarded(url, "feed")
            summary.results.append(result)
            for link in links:
                key = _dedupe_key(link)
                if key in seen:
                    summary.duplicates += 1
                else:
                    seen.add(key)
                    pages.append(link)
        queue = interleave_by_host(pages)
        if self.config.max_pages is not None and len(queue) > self.config.max_pages:
            summary.unvisited = len(queue) - self.config.max_pages
            queue = queue[: self.config.max_pages]
        self.observer.planned("page", len(queue))
        for url in queue:
            result, _ = self._guarded(url, "page")
            summary.results.append(result)
        return summary

    def _guarded(self, url: str, kind: Kind) -> tuple[FetchResult, list[str]]:
        self.observer.started(kind, url)
        try:
            result, links = self._feed(url) if kind == "feed" else (self._page(url), [])
        except FetchError:
            raise  # the WARC or state file failed: the run cannot usefully go on
        except Exception as exc:  # noqa: BLE001 - a parser bug on one URL must not lose the crawl
            result, links = FetchResult(url, kind, Outcome.FAILED, reason=f"unexpected error: {exc!r}"), []
        self.observer.finished(result)
        return result, links

    def _feed(self, url: str) -> tuple[FetchResult, list[str]]:
        fetched = self._fetch(url, "feed")
        result = fetched.result
        if result.outcome is Outcome.NOT_MODIFIED:
            return result, list(self.state.feeds.get(url, []))
        if result.outcome is not Outcome.FETCHED:
            return result, []
        final = fetched.exchanges[-1]
        try:
            body = decoded_body(final, self.config.max_bytes * _INFLATE_FACTOR)
        except UndecodableBody as exc:
            return replace(result, outcome=Outcome.FAILED, reason=f"feed body: {exc}", size=0), []
        parsed = feedparser.parse(body, response_headers={
            "content-location": final.url, "content-type": final.header("content-type") or "application/xml"})
        links = _entry_links(parsed, final.url)
        if parsed.get("bozo") and not links:
            # Not archived and validators not kept: the next run fetches it in full again.
            problem = parsed.get("bozo_exception")
            return replace(result, outcome=Outcome.FAILED, reason=f"malformed feed: {problem}", size=0), []
        self._archive(fetched)
        self.state.feeds[url] = links
        return result, links

    def _page(self, url: str) -> FetchResult:
        fetched = self._fetch(url, "page")
        if fetched.result.outcome is Outcome.FETCHED:
            self._archive(fetched)
        return fetched.result

    def _archive(self, fetched: _Fetched) -> None:
        for exchange in fetched.exchanges:
            self.sink.write_exchange(exchange)
        final = fetched.exchanges[-1]
        self.state.remember(final.url, etag=final.header("etag"), last_modified=final.header("last-modified"))
        self.archived.add(_dedupe_key(final.url))

    def _rules(self, url: str) -> RobotsRules:
        host = host_key(url)
        if host not in self.robots:
            fetched = self._fetch(robots_url(url), "robots")
            result = fetched.result
            if result.outcome is Outcome.FETCHED:
                try:
                    text = decoded_body(fetched.exchanges[-1], ROBOTS_MAX_BYTES).decode("utf-8", "replace")
                    rules = rules_for_status(result.status, text)
                except UndecodableBody:
                    rules = RobotsRules.allow_all("robots.txt undecodable: allowed")
            elif result.outcome is Outcome.FAILED:
                rules = rules_for_status(result.status, None)
            else:  # too large: treated like a missing file rather than guessing at a cut-off one
                rules = RobotsRules.allow_all(f"robots.txt {result.outcome.value}: allowed")
            crawl_delay = rules.crawl_delay(self.config.user_agent)
            if crawl_delay:
                self.throttle.set_delay(host, min(crawl_delay, self.config.max_crawl_delay))
            self.robots[host] = rules
        return self.robots[host]

    def _fetch(self, url: str, kind: Kind) -> _Fetched:
        """GET ``url`` following redirects by hand; decides the outcome but archives nothing."""
        hops: list[Exchange] = []
        current = url
        attempts = 0

        def done(outcome: Outcome, reason: str = "", status: int | None = None,
                 exchanges: list[Exchange] | None = None) -> _Fetched:
            size = len(exchanges[-1].body) if exchanges else 0
            return _Fetched(FetchResult(url, kind, outcome, reason, current, status, size, attempts),
                            exchanges or [])

        for _ in range(self.config.max_redirects + 1):
            if kind != "robots":
                rules = self._rules(current)
                if not rules.allows(current, self.config.user_agent):
                    return done(Outcome.SKIPPED_ROBOTS, f"disallowed by {rules.source}")
                if current != url and _dedupe_key(current) in self.archived:
                    return done(Outcome.DUPLICATE, "redirects to a URL already archived in this run")
            reply, tries = self._get_with_retries(current, kind)
            attempts += tries
            if isinstance(reply, FetchResult):
                return done(reply.outcome, reply.reason, reply.status)
            status = reply.status
            location = reply.header("location")
            if status in _REDIRECTS and location:
                hops.append(reply)
                current = urldefrag(urljoin(reply.url, location.strip())).url
                if not is_http_url(current):
                    return done(Outcome.FAILED, f"redirect to a non-http(s) URL: {location!r}", status)
                continue
            if status == 304:
                return done(Outcome.NOT_MODIFIED, "not modified since the last run", status)
            if 200 <= status < 300:
                return done(Outcome.FETCHED, "", status, hops + [reply])
            return done(Outcome.FAILED, f"HTTP {status} {reply.reason}".strip(), status)
        return done(Outcome.FAILED, f"more than {self.config.max_redirects} redirects")

    def _get_with_retries(self, url: str, kind: Kind) -> tuple[Exchange | FetchResult, int]:
        """One URL, retried on 5xx/429/connection errors; an Exchange, or a FetchResult saying why not."""
        error, status = "", None
        for attempt in range(self.config.retries + 1):
            retry_after: float | None = None
            try:
                reply = self._get_once(url, kind)
            except httpx.InvalidURL as exc:  # a feed listing an unusable link: nothing to retry
                return self._failure(url, kind, f"invalid URL: {exc}", None), attempt + 1
            except httpx.TransportError as exc:  # refused, reset, DNS, timeouts
                if self.deadline.expired:  # too slow in all: another try would hold us as long again
                    return self._failure(url, kind, f"slower than the {self.config.total_timeout:g} s "
                                         "total timeout", None), attempt + 1
                error, status = f"{type(exc).__name__}: {exc}".rstrip(": "), None
            else:
                if isinstance(reply, FetchResult) or not (reply.status == 429 or reply.status >= 500):
                    return reply, attempt + 1
                error, status = f"HTTP {reply.status} {reply.reason}".strip(), reply.status
                retry_after = parse_retry_after(reply.header("retry-after"), now=self.now())
            if attempt == self.config.retries:
                break
            if retry_after is not None and retry_after > self.config.max_retry_after:
                return self._failure(url, kind, f"{error}; Retry-After {retry_after:.0f} s exceeds the "
                                     f"{self.config.max_retry_after:.0f} s cap", status), attempt + 1
            wait = retry_after if retry_after is not None else backoff_delay(
                attempt, base=self.config.backoff, cap=self.config.max_backoff)
            self.sleep(wait)
        tries = self.config.retries + 1
        return self._failure(url, kind, f"{error} (after {tries} attempt{'s' if tries > 1 else ''})", status), tries

    @staticmethod
    def _failure(url: str, kind: Kind, reason: str, status: int | None,
                 outcome: Outcome = Outcome.FAILED) -> FetchResult:
        return FetchResult(url, kind, outcome, reason, url, status)

    def _get_once(self, url: str, kind: Kind) -> Exchange | FetchResult:
        """One GET through the throttle, body streamed up to the size cap."""
        self.throttle.wait(host_key(url))
        headers = {} if kind == "robots" else self.state.request_headers(url)
        limit = ROBOTS_MAX_BYTES if kind == "robots" else self.config.max_bytes
        request = self.client.build_request("GET", url, headers=headers)
        date = self.now()
        with self.deadline.running(self.config.total_timeout):
            return self._receive(request, url, kind, limit, date)

    def _receive(self, request: httpx.Request, url: str, kind: Kind, limit: int, date: datetime
                 ) -> Exchange | FetchResult:
        response = self.client.send(request, stream=True)
        try:
            status = response.status_code
            if 200 <= status < 300:
                media_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
                if kind == "page" and media_type and media_type not in PAGE_TYPES:
                    return self._failure(url, kind, f"Content-Type {media_type}", status, Outcome.NOT_HTML)
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    return self._failure(url, kind, f"Content-Length {declared} > {limit} bytes; not downloaded",
                                         status, Outcome.TOO_LARGE)
            else:
                limit = _ERROR_BODY_BYTES  # only redirects' bodies are archived; keep them short
            body = bytearray()
            for chunk in response.iter_raw():  # raw: the WARC keeps the body exactly as received
                body += chunk
                if len(body) > limit:
                    if not 200 <= status < 300:
                        del body[limit:]
                        break
                    return self._failure(url, kind, f"more than {limit} bytes; download stopped",
                                         status, Outcome.TOO_LARGE)
        finally:
            response.close()  # unread bytes: httpcore drops the connection instead of reusing it
        return Exchange(
            url=str(request.url),
            request_target=request.url.raw_path.decode("ascii"),
            request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            http_version=response.http_version,
            status=status,
            reason=response.reason_phrase,
            response_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
            body=bytes(body),
            date=date,
        )
