"""The polite crawler against loopback HTTP servers started by the tests themselves.

One module-scoped site serves feeds and pages exercising every rule (robots.txt, timeouts,
retries, redirects, size cap, content types, conditional GET); a first crawl of it is shared by
several tests, a second crawl checks the conditional re-run. Sleeping is faked except in the
one test that measures real per-host spacing from the server's own timestamps.
"""

from __future__ import annotations

import gzip
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from sourcier.cli.fetch import fetch as fetch_command
from sourcier.errors import FetchError
from sourcier.ingest.fetch import FetchConfig, FetchSummary, Outcome, crawl, read_feed_list
from sourcier.ingest.politeness import (
    ConditionalState, HostThrottle, backoff_delay, default_state_path, interleave_by_host, parse_retry_after,
    rules_for_status,
)

TIMEOUT = 0.3  # read timeout used by the crawls; the slow page takes longer
SLOW_SECONDS = 1.0
DRIP_SECONDS = 4.0  # how long the slow-drip server keeps sending header bytes if nobody hangs up
BIG_TOTAL = 20 * 1024 * 1024  # what the oversized page would send if read to the end
MAX_BYTES = 100_000
PAGE_HTML = "<html><head><title>{0}</title></head><body><p>« Citation {0} », a-t-il dit.</p></body></html>"
LAST_MODIFIED = "Wed, 01 May 2024 08:00:00 GMT"


# --------------------------------------------------------------------------- test site

@dataclass
class Site:
    """What the loopback server serves and what it saw."""

    robots: str | int = "User-agent: *\nDisallow: /private/\n"  # text, or a status code to answer
    log: list[tuple[str, dict[str, str], float]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    aborted: dict[str, int] = field(default_factory=dict)  # streamed path -> bytes sent before the client left
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def requests(self, path: str) -> list[dict[str, str]]:
        return [h for p, h, _ in self.log if p == path]


def _rss(base: str) -> str:
    items = ["/articles/a.html", "/articles/b.html", "/private/secret.html", "/slow.html", "/flaky.html",
             "/broken.html", "/old.html", "/big.html", "/big-declared.html", "/image.png", "/loop.html"]
    body = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>RSS</title>{body}</channel></rss>'


def _atom(base: str) -> str:
    # a.html again (twice, once with a fragment): de-duplicated; c.html given relative to the feed.
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>'
            f'<entry><title>a</title><link href="{base}/articles/a.html"/></entry>'
            f'<entry><title>a</title><link href="{base}/articles/a.html#comments"/></entry>'
            '<entry><title>c</title><link href="/articles/c.html"/></entry></feed>')


def _simple_rss(links: list[str]) -> str:
    items = "".join(f"<item><title>x</title><link>{u}</link></item>" for u in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked, like real servers
    site: Site

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        site = self.site
        path = self.path
        with site.lock:
            site.log.append((path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()))
            site.hits[path] = site.hits.get(path, 0) + 1
            hit = site.hits[path]
        base = site.base
        if path == "/robots.txt":
            if isinstance(site.robots, int):
                return self._send(site.robots, b"", "text/plain")
            return self._send(200, site.robots.encode(), "text/plain")
        if path == "/rss.xml":
            if self._not_modified('"rss-1"', None):
                return None
            body = _rss(base).encode()
            extra = {"ETag": '"rss-1"'}
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body, extra["Content-Encoding"] = gzip.compress(body), "gzip"
            return self._send(200, body, "application/rss+xml", extra)
        if path == "/atom.xml":
            if self._not_modified(None, LAST_MODIFIED):
                return None
            return self._send(200, _atom(base).encode(), "application/atom+xml", {"Last-Modified": LAST_MODIFIED})
        if path == "/garbage.xml":
            return self._send(200, b"this is <not> &xml; at all <<<", "application/xml")
        if path == "/spacing.xml":
            return self._send(200, _simple_rss([f"{base}/spaced/{i}.html" for i in range(3)]).encode(), "text/xml")
        if path == "/retry.xml":
            return self._send(200, _simple_rss([f"{base}/busy.html", f"{base}/very-busy.html",
                                                f"{base}/broken.html"]).encode(), "text/xml")
        if path == "/cross.xml":
            return self._send(200, _simple_rss(getattr(site, "cross_links", [])).encode(), "text/xml")
        if path == "/articles/a.html":
            if self._not_modified('"a-1"', None):
                return None
            return self._send(200, PAGE_HTML.format("a").encode(), "text/html; charset=utf-8", {"ETag": '"a-1"'})
        if path == "/articles/b.html":
            if self._not_modified(None, LAST_MODIFIED):
                return None
            return self._send(200, PAGE_HTML.format("b").encode(), "text/html; charset=utf-8",
                              {"Last-Modified": LAST_MODIFIED})
        if path == "/articles/c.html":
            return self._send_chunked(PAGE_HTML.format("c").encode(), "application/xhtml+xml")
        if path == "/articles/moved.html":
            if self._not_modified('"moved-1"', None):
                return None
            return self._send(200, PAGE_HTML.format("moved").encode(), "text/html", {"ETag": '"moved-1"'})
        if path == "/old.html":
            return self._send(301, b"moved", "text/plain", {"Location": "/articles/moved.html"})
        if path == "/loop.html":
            return self._send(302, b"", "text/plain", {"Location": f"{base}/loop.html"})
        if path == "/slow.html":
            time.sleep(SLOW_SECONDS)
            return self._send(200, PAGE_HTML.format("slow").encode(), "text/html")
        if path == "/flaky.html":  # 500 twice, then fine
            if hit <= 2:
                return self._send(500, b"oops", "text/plain")
            return self._send(200, PAGE_HTML.format("flaky").encode(), "text/html")
        if path == "/broken.html":
            return self._send(500, b"oops", "text/plain")
        if path == "/busy.html":  # 429 once with a short Retry-After
            if hit == 1:
                return self._send(429, b"", "text/plain", {"Retry-After": "3"})
            return self._send(200, PAGE_HTML.format("busy").encode(), "text/html")
        if path == "/very-busy.html":
            return self._send(503, b"", "text/plain", {"Retry-After": "3600"})
        if path == "/image.png":
            return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        if path in ("/big.html", "/big-declared.html"):
            return self._stream_big(declare=path == "/big-declared.html")
        if path == "/drip.html":
            return self._drip_headers()
        if path.startswith("/spaced/") or path in ("/page.html", "/index.php"):
            return self._send(200, PAGE_HTML.format(path).encode(), "text/html")
        return self._send(404, b"not here", "text/plain")

    def _not_modified(self, etag: str | None, last_modified: str | None) -> bool:
        if (etag and self.headers.get("If-None-Match") == etag) or (
                last_modified and self.headers.get("If-Modified-Since") == last_modified):
            self.send_response(304)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        return False

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout): nothing to do

    def _send_chunked(self, body: bytes, ctype: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(0, len(body), 40):
            piece = body[i:i + 40]
            self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def _drip_headers(self) -> None:
        """Headers one byte at a time, each well inside the read timeout, for up to DRIP_SECONDS."""
        self.close_connection = True
        header = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Drip: " + b"a" * 10_000
        deadline = time.monotonic() + DRIP_SECONDS
        try:
            for byte in header:
                if time.monotonic() > deadline:
                    break
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(TIMEOUT / 6)
        except (BrokenPipeError, ConnectionResetError):
            with self.site.lock:
                self.site.aborted[self.path] = 1

    def _stream_big(self, *, declare: bool) -> None:
        """Stream BIG_TOTAL bytes, noting how far we got if the client hangs up early."""
        self.close_connection = True
        sent = 0
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if declare:
                self.send_header("Content-Length", str(BIG_TOTAL))
            else:
                self.send_header("Connection", "close")  # body delimited by closing the connection
            self.end_headers()
            chunk = b"<p>" + b"x" * (64 * 1024 - 3)
            while sent < BIG_TOTAL:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            with self.site.lock:
                self.site.aborted[self.path] = sent


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that time out on purpose are not test failures


@pytest.fixture(scope="module")
def serve() -> Iterator[Any]:
    """Factory: start a loopback server for a Site; all are shut down at the end of the module."""
    servers: list[_Server] = []

    def start(site: Site) -> Site:
        handler = type("Handler", (_Handler,), {"site": site})
        server = _Server(("127.0.0.1", 0), handler)
        servers.append(server)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        site.base = f"http://127.0.0.1:{server.server_address[1]}"
        return site

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(serve: Any) -> Site:
    return serve(Site())


class FakeTime:
    """Clock and sleep that never block: sleeping just moves the clock forward."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _config(**overrides: Any) -> FetchConfig:
    values: dict[str, Any] = {"read_timeout": TIMEOUT, "connect_timeout": 1.0, "retries": 2, "max_bytes": MAX_BYTES}
    return FetchConfig(**(values | overrides))


def _records(path: Path) -> list[dict[str, Any]]:
    """Every WARC record, read back with warcio, as plain dicts."""
    out = []
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            item: dict[str, Any] = {"type": rec.rec_type, "uri": rec.rec_headers.get_header("WARC-Target-URI"),
                                    "date": rec.rec_headers.get_header("WARC-Date"),
                                    "id": rec.rec_headers.get_header("WARC-Record-ID"),
                                    "concurrent": rec.rec_headers.get_header("WARC-Concurrent-To"),
                                    "http": rec.http_headers}
            item["content"] = rec.content_stream().read() if rec.rec_type == "response" else b""
            out.append(item)
    return out


@dataclass
class Run:
    summary: FetchSummary
    warc: Path
    state: Path
    time: FakeTime

    def result(self, path_or_url: str) -> Any:
        matches = [r for r in self.summary.results if r.url.endswith(path_or_url)]
        assert len(matches) == 1, (path_or_url, matches)
        return matches[0]


@pytest.fixture(scope="module")
def first_run(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Run:
    out = tmp_path_factory.mktemp("crawl")
    fake = FakeTime()
    feeds = [f"{site.base}/rss.xml", f"{site.base}/atom.xml", f"{site.base}/garbage.xml", f"{site.base}/missing.xml"]
    warc = out / "news.warc.gz"
    summary = crawl(feeds, warc, config=_config(), clock=fake.clock, sleep=fake.sleep)
    return Run(summary, warc, default_state_path(warc), fake)


@pytest.fixture(scope="module")
def second_run(first_run: Run, site: Site) -> Run:
    fake = FakeTime()
    feeds = [f"{site.base}/rss.xml", f"{site.base}/atom.xml"]
    summary = crawl(feeds, first_run.warc, config=_config(), clock=fake.clock, sleep=fake.sleep)
    return Run(summary, first_run.warc, first_run.state, fake)


# --------------------------------------------------------------------------- the first crawl

def test_outcomes_of_every_page_and_feed(first_run: Run) -> None:
    r = first_run.result
    assert r("/rss.xml").outcome is Outcome.FETCHED
    assert r("/atom.xml").outcome is Outcome.FETCHED
    assert r("/garbage.xml").outcome is Outcome.FAILED and "malformed feed" in r("/garbage.xml").reason
    assert r("/missing.xml").outcome is Outcome.FAILED and "404" in r("/missing.xml").reason
    for page in ("/articles/a.html", "/articles/b.html", "/articles/c.html", "/old.html", "/flaky.html"):
        assert r(page).outcome is Outcome.FETCHED, r(page)
    assert r("/private/secret.html").outcome is Outcome.SKIPPED_ROBOTS
    assert r("/image.png").outcome is Outcome.NOT_HTML and "image/png" in r("/image.png").reason
    assert r("/big.html").outcome is Outcome.TOO_LARGE and "stopped" in r("/big.html").reason
    assert r("/big-declared.html").outcome is Outcome.TOO_LARGE and "Content-Length" in r("/big-declared.html").reason
    assert r("/slow.html").outcome is Outcome.FAILED and "Timeout" in r("/slow.html").reason
    assert r("/broken.html").outcome is Outcome.FAILED and "HTTP 500" in r("/broken.html").reason
    assert "3 attempts" in r("/broken.html").reason
    assert r("/loop.html").outcome is Outcome.FAILED and "redirects" in r("/loop.html").reason
    counts = first_run.summary.counts()
    assert counts["duplicates"] == 2  # a.html listed by both feeds, once more with a fragment
    assert counts["fetched"] == 7 and counts["failed"] == 5


def test_robots_disallowed_page_is_never_requested(first_run: Run, site: Site) -> None:
    assert site.requests("/private/secret.html") == []
    assert len(site.requests("/robots.txt")) >= 1
    assert "robots.txt" in first_run.result("/private/secret.html").reason


def test_retries_with_exponential_backoff(first_run: Run, site: Site) -> None:
    assert first_run.result("/flaky.html").attempts == 3
    assert site.hits["/flaky.html"] >= 3
    assert first_run.result("/broken.html").attempts == 3
    assert len(site.requests("/slow.html")) == 3  # timeouts count as connection errors: retried
    # Back-off for broken.html: 1 s then 2 s (on top of the 1 s per-host spacing the fake clock saw).
    assert 2.0 in first_run.time.sleeps


def test_redirect_records_final_url(first_run: Run) -> None:
    result = first_run.result("/old.html")
    assert result.final_url is not None and result.final_url.endswith("/articles/moved.html")
    assert result.attempts == 2
    responses = {r["uri"]: r for r in _records(first_run.warc) if r["type"] == "response"}
    hop = responses[first_run.result("/old.html").url]
    assert hop["http"].get_statuscode() == "301"
    assert hop["http"].get_header("Location") == "/articles/moved.html"
    assert b"moved" in responses[result.final_url]["content"]


def test_oversized_page_not_fully_read_nor_archived(first_run: Run, site: Site) -> None:
    deadline = time.monotonic() + 5  # the server thread notices the hang-up asynchronously
    while len(site.aborted) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert set(site.aborted) == {"/big.html", "/big-declared.html"}
    assert all(sent < BIG_TOTAL for sent in site.aborted.values())
    uris = {r["uri"] for r in _records(first_run.warc) if r["uri"]}
    assert not any(u.endswith(("/big.html", "/big-declared.html", "/image.png", "/secret.html")) for u in uris)


def test_warc_records_are_complete(first_run: Run, site: Site) -> None:
    records = _records(first_run.warc)
    assert records[0]["type"] == "warcinfo"
    responses = [r for r in records if r["type"] == "response"]
    requests = [r for r in records if r["type"] == "request"]
    expected = {f"{site.base}{p}" for p in ("/rss.xml", "/atom.xml", "/articles/a.html", "/articles/b.html",
                                            "/articles/c.html", "/old.html", "/articles/moved.html",
                                            "/flaky.html")}
    assert {r["uri"] for r in responses} == expected
    assert len(responses) == len(expected)  # nothing twice, no failed attempt archived
    ids = {r["id"] for r in responses}
    assert len(requests) == len(responses) and {r["concurrent"] for r in requests} == ids
    for rec in responses:
        datetime.strptime(rec["date"], "%Y-%m-%dT%H:%M:%SZ")
        assert rec["http"].get_header("Content-Type")
        assert rec["http"].get_header("Transfer-Encoding") is None
    for rec in requests:
        assert rec["http"].get_header("User-Agent").startswith("Sourcier/")
        assert rec["http"].protocol == "GET"
    by_uri = {r["uri"]: r for r in responses}
    a = by_uri[f"{site.base}/articles/a.html"]
    assert a["http"].get_header("ETag") == '"a-1"'
    assert a["content"].decode() == PAGE_HTML.format("a")
    # Chunked on the wire, stored de-chunked; gzip'd feed stored encoded but readable back.
    assert by_uri[f"{site.base}/articles/c.html"]["content"].decode() == PAGE_HTML.format("c")
    rss = by_uri[f"{site.base}/rss.xml"]
    assert rss["http"].get_header("Content-Encoding") == "gzip"
    assert b"<rss" in rss["content"]


def test_user_agent_on_every_request(first_run: Run, site: Site) -> None:
    agents = {headers.get("user-agent", "") for _, headers, _ in site.log}
    assert agents and all(a.startswith("Sourcier/") and "news research crawler" in a for a in agents)


def test_per_host_rate_limit_with_fake_clock(first_run: Run) -> None:
    # Every request after the first waited for its 1 s slot (the fake clock never moves otherwise).
    assert first_run.time.sleeps.count(1.0) >= 20


# --------------------------------------------------------------------------- the re-run

def test_second_run_is_conditional_and_does_not_duplicate(second_run: Run, site: Site) -> None:
    r = second_run.result
    assert r("/rss.xml").outcome is Outcome.NOT_MODIFIED
    assert r("/atom.xml").outcome is Outcome.NOT_MODIFIED
    # Pages are still visited (links remembered from the state file) but answered 304.
    for page in ("/articles/a.html", "/articles/b.html", "/old.html"):
        assert r(page).outcome is Outcome.NOT_MODIFIED, r(page)
    assert site.requests("/articles/a.html")[-1]["if-none-match"] == '"a-1"'
    assert site.requests("/articles/b.html")[-1]["if-modified-since"] == LAST_MODIFIED
    assert site.requests("/rss.xml")[-1]["if-none-match"] == '"rss-1"'
    responses = [rec["uri"] for rec in _records(second_run.warc) if rec["type"] == "response"]
    for page in ("/articles/a.html", "/articles/b.html", "/articles/moved.html", "/old.html", "/rss.xml"):
        assert responses.count(f"{site.base}{page}") == 1, page
    # c.html has no validators, so it is archived again: that is the expected cost.
    assert responses.count(f"{site.base}/articles/c.html") == 2
    assert ConditionalState.load(second_run.state).urls[f"{site.base}/articles/a.html"] == {"etag": '"a-1"'}


# --------------------------------------------------------------------------- focused crawls

def test_real_per_host_spacing(site: Site, tmp_path: Path) -> None:
    agent = "SpacingTest/1.0 (sourcier tests)"
    summary = crawl([f"{site.base}/spacing.xml"], tmp_path / "s.warc.gz",
                    config=_config(delay=0.2, user_agent=agent))
    assert len(summary.fetched) == 4
    stamps = [t for _, headers, t in site.log if headers.get("user-agent") == agent]
    assert len(stamps) == 5  # robots.txt, feed, three pages
    # Each request comes at least 0.2 s after the one before it was sent. The server stamps
    # arrivals, and a busy machine can stamp one late (shortening the next gap on paper), so
    # the check is on the schedule: the k-th request never comes before k × 0.2 s, give or
    # take the server's lateness on the first stamp (without spacing, the fifth would come
    # about 0.8 s early).
    ahead = [round(b - stamps[0] - 0.2 * k, 3) for k, b in enumerate(stamps)]
    assert min(ahead) >= -0.06, ahead


def test_retry_after_honoured_and_capped(site: Site, tmp_path: Path) -> None:
    fake = FakeTime()
    summary = crawl([f"{site.base}/retry.xml"], tmp_path / "r.warc.gz", config=_config(delay=0),
                    clock=fake.clock, sleep=fake.sleep)
    by_path = {r.url.rsplit("/", 1)[1]: r for r in summary.pages}
    assert by_path["busy.html"].outcome is Outcome.FETCHED and by_path["busy.html"].attempts == 2
    assert by_path["very-busy.html"].outcome is Outcome.FAILED
    assert "exceeds" in by_path["very-busy.html"].reason and by_path["very-busy.html"].attempts == 1
    assert by_path["broken.html"].outcome is Outcome.FAILED
    assert fake.sleeps == [3.0, 1.0, 2.0]  # Retry-After, then back-off 1 s, 2 s


def test_robots_server_error_disallows_and_unreachable_allows(serve: Any, site: Site, tmp_path: Path) -> None:
    failing = serve(Site(robots=503))
    forbidden = serve(Site(robots=403))
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    site.cross_links = [f"{failing.base}/page.html", f"{forbidden.base}/page.html", f"{dead}/page.html"]  # type: ignore[attr-defined]
    fake = FakeTime()
    summary = crawl([f"{site.base}/cross.xml"], tmp_path / "x.warc.gz", config=_config(delay=0, retries=1),
                    clock=fake.clock, sleep=fake.sleep)
    outcome = {r.url.split("/")[2]: r for r in summary.pages}
    assert outcome[failing.base.split("/")[2]].outcome is Outcome.SKIPPED_ROBOTS
    assert "503" in outcome[failing.base.split("/")[2]].reason
    assert failing.requests("/page.html") == [] and len(failing.requests("/robots.txt")) == 2  # retried once
    assert outcome[forbidden.base.split("/")[2]].outcome is Outcome.FETCHED
    dead_result = outcome[dead.split("/")[2]]
    assert dead_result.outcome is Outcome.FAILED and "Connect" in dead_result.reason


def test_robots_txt_in_rfc_9309_form_is_obeyed(serve: Any, tmp_path: Path) -> None:
    rules = "User-agent: *\nAllow: /\nDisallow: /private/\nDisallow: /*.php$\n"
    strict = serve(Site(robots=rules))
    pages = ["/private/secret.html", "/index.php", "/page.html"]
    strict.cross_links = [f"{strict.base}{p}" for p in pages]  # type: ignore[attr-defined]
    fake = FakeTime()
    summary = crawl([f"{strict.base}/cross.xml"], tmp_path / "rfc.warc.gz", config=_config(delay=0),
                    clock=fake.clock, sleep=fake.sleep)
    outcome = {r.url.removeprefix(strict.base): r.outcome for r in summary.pages}
    assert outcome == {"/private/secret.html": Outcome.SKIPPED_ROBOTS, "/index.php": Outcome.SKIPPED_ROBOTS,
                       "/page.html": Outcome.FETCHED}
    assert strict.requests("/private/secret.html") == [] and strict.requests("/index.php") == []


def test_slow_drip_headers_cannot_escape_the_total_deadline(site: Site, tmp_path: Path) -> None:
    site.cross_links = [f"{site.base}/drip.html"]  # type: ignore[attr-defined]
    started = time.monotonic()
    summary = crawl([f"{site.base}/cross.xml"], tmp_path / "drip.warc.gz",
                    config=_config(delay=0, retries=2, total_timeout=1.0))
    elapsed = time.monotonic() - started
    [drip] = summary.pages
    assert drip.outcome is Outcome.FAILED and "1 s total timeout" in drip.reason, drip
    assert drip.attempts == 1  # a server too slow in all is not retried
    assert elapsed < 3.0, elapsed


def test_max_pages_limits_requests(site: Site, tmp_path: Path) -> None:
    summary = crawl([f"{site.base}/spacing.xml"], tmp_path / "m.warc.gz", config=_config(delay=0, max_pages=1))
    assert len(summary.pages) == 1 and summary.unvisited == 2


# --------------------------------------------------------------------------- building blocks

def test_read_feed_list(tmp_path: Path) -> None:
    good = tmp_path / "feeds.txt"
    good.write_text("# French news\n\nhttps://example.org/rss.xml\n  http://example.net/atom  \n"
                    "https://example.org/rss.xml\n", encoding="utf-8")
    assert read_feed_list(good) == ["https://example.org/rss.xml", "http://example.net/atom"]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://example.org/rss.xml\n# ok\nexample.org/feed\n", encoding="utf-8")
    with pytest.raises(FetchError, match="line 3"):
        read_feed_list(bad)
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(FetchError, match="no URL"):
        read_feed_list(empty)


def test_politeness_helpers(tmp_path: Path) -> None:
    fake = FakeTime()
    throttle = HostThrottle(1.0, clock=fake.clock, sleep=fake.sleep)
    throttle.wait("http://a")
    throttle.wait("http://b")  # other host: no wait
    fake.now += 0.25
    throttle.wait("http://a")
    throttle.set_delay("http://b", 5.0)
    throttle.wait("http://b")
    assert fake.sleeps == [0.75, 4.0]  # b's slot: its last start + 5 s

    now = datetime(2024, 5, 1, 8, 0, tzinfo=timezone.utc)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now=now) == 30.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None
    assert [backoff_delay(i, base=1.0, cap=5.0) for i in range(4)] == [1.0, 2.0, 4.0, 5.0]

    assert rules_for_status(404, None).allows("http://x/a", "Sourcier/1")
    assert rules_for_status(None, None).allows("http://x/a", "Sourcier/1")
    assert not rules_for_status(500, None).allows("http://x/a", "Sourcier/1")
    rules = rules_for_status(200, "User-agent: sourcier\nDisallow: /x\nCrawl-delay: 3\n")
    assert not rules.allows("http://h/x/1", "Sourcier/0.1 (+https://github.com/sourcier)")
    assert rules.allows("http://h/y", "Sourcier/0.1") and rules.crawl_delay("Sourcier/0.1") == 3.0

    assert default_state_path(tmp_path / "news.warc.gz") == tmp_path / "news.fetch-state.json"
    corrupt = tmp_path / "state.json"
    corrupt.write_text("{not json", encoding="utf-8")
    with pytest.raises(FetchError, match="state file"):
        ConditionalState.load(corrupt)
    assert interleave_by_host(["http://a/1", "http://a/2", "http://b/1"]) == ["http://a/1", "http://b/1", "http://a/2"]


@pytest.mark.parametrize(("robots", "path", "allowed"), [
    ("User-agent: *\nAllow: /\nDisallow: /private/\n", "/private/x", False),  # longest match, not first
    ("User-agent: *\nAllow: /\nDisallow: /private/\n", "/public/x", True),
    ("User-agent: *\nDisallow: /a\nAllow: /a/b\n", "/a/b/c", True),
    ("User-agent: *\nDisallow: /a\nAllow: /a/b\n", "/a/c", False),
    ("User-agent: *\nDisallow: /*.php$\n", "/x/index.php", False),
    ("User-agent: *\nDisallow: /*.php$\n", "/x/index.php5", True),
    ("User-agent: *\nDisallow: /*.php$\n", "/x/index.php?page=2", True),
    ("User-agent: *\nDisallow: /*/print\n", "/2024/article/print", False),
    # A group for another robot does not apply because its name appears in our UA's comment.
    ("User-agent: crawler\nDisallow: /\n", "/a", True),
    ("User-agent: sourcier\nDisallow: /\n\nUser-agent: *\nAllow: /\n", "/a", False),
])
def test_robots_rules_follow_rfc_9309(robots: str, path: str, allowed: bool) -> None:
    agent = "Sourcier/0.1 (+https://github.com/sourcier; news research crawler)"
    assert rules_for_status(200, robots).allows(f"http://h{path}", agent) is allowed


# --------------------------------------------------------------------------- the command

def test_cli_completes_despite_failures(site: Site, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test\n{site.base}/spacing.xml\n{site.base}/missing.xml\n", encoding="utf-8")
    warc = tmp_path / "out" / "cli.warc.gz"
    result = CliRunner().invoke(fetch_command, ["--feeds", str(feeds), "--warc", str(warc), "--delay", "0",
                                                "--retries", "0", "--timeout", "2", "--max-pages", "2"])
    assert result.exit_code == 0, result.output
    assert "fetched" in result.output and "missing.xml" in result.output and "HTTP 404" in result.output
    assert warc.exists() and (tmp_path / "out" / "cli.fetch-state.json").exists()


def test_cli_report_shows_urls_as_plain_text(site: Site, tmp_path: Path) -> None:
    site.cross_links = [f"{site.base}/[blink]piège[/blink]"]  # type: ignore[attr-defined]
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/cross.xml\n", encoding="utf-8")
    result = CliRunner().invoke(fetch_command, ["--feeds", str(feeds), "--warc", str(tmp_path / "u.warc.gz"),
                                                "--delay", "0", "--retries", "0"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "/[blink]piège[/blink]: HTTP 404" in result.output


def test_cli_rejects_bad_arguments(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("not a url\n", encoding="utf-8")
    result = CliRunner().invoke(fetch_command, ["--feeds", str(feeds), "--warc", str(tmp_path / "o.warc.gz")])
    assert result.exit_code != 0 and "line 1" in result.output
    feeds.write_text("http://127.0.0.1:9/feed\n", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(fetch_command, ["--feeds", str(feeds), "--warc", str(blocker / "o.warc.gz")])
    assert result.exit_code != 0 and "E400" in result.output
    result = CliRunner().invoke(fetch_command, ["--feeds", str(feeds), "--warc", "x.warc.gz", "--delay", "-1"])
    assert result.exit_code == 2
