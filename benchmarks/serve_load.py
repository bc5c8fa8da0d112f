"""Load on ``sourcier serve``: requests/s and p50/p95/p99 latency of the home, article,
speaker and search pages and their API calls, at a fixed number of concurrent connections.

    python benchmarks/serve_load.py [--db URL] [--concurrency 32] [--requests 3000] [--workers 2]
                                    [--articles 2000] [--speakers 500] [--words 300]

``--db``: a corpus database (SQLite path or ``postgresql://…``); by default the demo
corpus is ingested into a temporary SQLite file. The server runs in its own processes
(``sourcier serve`` on 127.0.0.1, a free port). The generator is bounded: ``--requests``
requests in all, at most ``--concurrency`` in flight (one keep-alive connection each), 30 s
timeout each.

What a fresh visitor gets, not what a cache remembers: the URLs are drawn from
``--articles`` articles sampled across the whole store, the ``--speakers`` most quoted
speakers (the costliest speaker pages) and ``--words`` search words taken from the titles of
the sampled articles plus a few common ones, so that most requests ask for something not
asked before; the report gives how many distinct URLs were drawn and how many requests
repeated one already asked in the run. Only the corpus-wide work (the reprint search behind
``/api/relays``, the home page figures) and one URL of each kind outside the drawn ones are
fetched before timing. Target (issue 13): p99 <= 200 ms at 32 connections, zero errors.

The generator speaks HTTP/1.1 over asyncio streams itself: on a small machine it shares the
CPUs with the server, and a full HTTP client library would take a good part of them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import sqlalchemy as sa

from sourcier.store import open_store, schema

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
COMMON_WORDS = ("ministre", "président", "gouvernement", "accord", "Mali", "ambassadeur", "sécurité", "coopération")
TITLE_WORD = re.compile(r"[^\W\d_]{5,}")
# Share of the draws per kind: the corpus-wide home page and figures are one URL each.
WEIGHTS = {"page home": 0.25, "api stats": 0.25}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _demo_db(folder: Path) -> str:
    db = folder / "demo.db"
    subprocess.run([str(Path(sys.executable).parent / "sourcier"), "ingest", str(DEMO), "--db", str(db)],
                   check=True, capture_output=True)
    return str(db)


def _start(db: str, port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen([str(Path(sys.executable).parent / "sourcier"), "serve", "--db", db, "--port", str(port),
                               "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:]}")
    _stop(server)
    raise SystemExit("the server did not answer within 120 s")


def _stop(server: subprocess.Popen) -> None:
    """The server and its worker processes (its own process group)."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def _warm_workers(base: str, workers: int) -> None:
    """Each server process has its helper process build the relay graph on its first need
    (``/api/relays`` answers 503 meanwhile); ask for it (new connections land on any process)
    until every answer is a quick 200."""
    quick = 0
    while quick < 4 * workers:
        started = time.monotonic()
        ready = httpx.get(f"{base}/api/relays", timeout=600).status_code == 200
        quick = quick + 1 if ready and time.monotonic() - started < 1 else 0
        if not ready:
            time.sleep(1)


def _cpu_seconds(group: int) -> float:
    """CPU time (user + system) of the processes of a process group so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or gone meanwhile
        if int(fields[2]) == group:  # fields after the name: state, ppid, pgrp, …, utime (12), stime (13)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _sample(db: str, rng: random.Random, articles: int, speakers: int, words: int) -> tuple[list, list, list]:
    """Article ids across the whole store, the most quoted speakers, search words."""
    a, q = schema.articles, schema.quotes
    with open_store(db, create=False) as store, store.connect() as conn:
        rows = conn.execute(sa.select(a.c.id, a.c.title).order_by(a.c.id)).all()
        top = conn.execute(sa.select(q.c.speaker_entity_id).where(q.c.speaker_entity_id.is_not(None))
                           .group_by(q.c.speaker_entity_id).order_by(sa.func.count().desc(), q.c.speaker_entity_id)
                           .limit(speakers)).scalars().all()
    picked = rng.sample(rows, min(articles, len(rows)))
    vocabulary = sorted({w.lower() for _, title in picked for w in TITLE_WORD.findall(title or "")})
    found = rng.sample(vocabulary, min(words, len(vocabulary)))
    return [r.id for r in picked], list(top), [*COMMON_WORDS, *found]


def _targets(article_ids: list[str], speaker_ids: list[int], words: list[str]) -> dict[str, list[str]]:
    searches = [quote(w) for w in words]
    return {
        "page home": ["/"],
        "api stats": ["/api/stats"],
        "page article": [f"/articles/{quote(a)}" for a in article_ids],
        "api article": [f"/api/articles/{quote(a)}" for a in article_ids],
        "page speaker": [f"/speakers/{s}" for s in speaker_ids],
        "api speaker": [f"/api/speakers/{s}" for s in speaker_ids],
        "api quotes by speaker": [f"/api/quotes?speaker={s}" for s in speaker_ids],
        "page search": [f"/search?q={w}" for w in searches],
        "api search": [f"/api/articles?q={w}" for w in searches],
    }


class Connection:
    """One keep-alive HTTP/1.1 connection that GETs a path and reads the whole answer."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str) -> int:
        if self.streams is None:
            self.streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self.streams
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
        if "content-length" in headers:
            await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
                await reader.readexactly(size + 2)
            await reader.readuntil(b"\r\n")
        if headers.get("connection") == "close":
            self.close()
        return status

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _load(port: int, plan: list[tuple[str, str]], concurrency: int) -> tuple[dict[str, list[float]], int, float]:
    latencies: dict[str, list[float]] = {}
    errors = 0
    jobs = iter(plan)

    async def worker() -> None:
        nonlocal errors
        connection = Connection(port)
        for kind, url in jobs:  # the shared iterator bounds the whole run
            started = time.perf_counter()
            try:
                ok = await asyncio.wait_for(connection.get(url), 30) == 200
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError):
                connection.close()
                ok = False
            latencies.setdefault(kind, []).append(time.perf_counter() - started)
            errors += not ok
        connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - started


def _draw(targets: dict[str, list[str]], rng: random.Random, n: int) -> list[tuple[str, str]]:
    kinds = list(targets)
    weights = [WEIGHTS.get(k, 1.0) for k in kinds]
    return [(kind, rng.choice(targets[kind])) for kind in rng.choices(kinds, weights, k=n)]


def _report(latencies: dict[str, list[float]], plan: list[tuple[str, str]], errors: int, seconds: float,
            concurrency: int, load: tuple[tuple[float, ...], tuple[float, ...]]) -> None:
    total = sum(len(v) for v in latencies.values())
    seen: set[str] = set()
    repeats = 0
    for _, url in plan:
        repeats += url in seen
        seen.add(url)
    print(f"{os.cpu_count()} CPUs; load average {' '.join(f'{x:.1f}' for x in load[0])} before, "
          f"{' '.join(f'{x:.1f}' for x in load[1])} after")
    print(f"{total} requests at {concurrency} connections in {seconds:.1f} s: {total / seconds:.0f} req/s, "
          f"{errors} error(s); {len(seen)} distinct URLs, {repeats} requests ({repeats / len(plan):.0%}) repeat a URL "
          "asked earlier in the run")
    distinct = {kind: len({u for k, u in plan if k == kind}) for kind in latencies}
    print(f"{'kind':24} {'n':>6} {'URLs':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    every = [x for v in latencies.values() for x in v]
    for kind, values in [*sorted(latencies.items()), ("all", every)]:
        print(f"{kind:24} {len(values):6d} {distinct.get(kind, len(seen)):6d} "
              + " ".join(f"{_percentile(values, q) * 1000:8.1f}" for q in (.5, .95, .99, 1)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="corpus database URL or path (default: the demo corpus in a temporary file)")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2, help="server processes (sourcier serve --workers)")
    parser.add_argument("--articles", type=int, default=2000, help="articles the article URLs are drawn from")
    parser.add_argument("--speakers", type=int, default=500, help="the most quoted speakers the speaker URLs use")
    parser.add_argument("--words", type=int, default=300, help="search words taken from the sampled titles")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or _demo_db(Path(tmp))
        articles, speakers, words = _sample(db, rng, args.articles + 1, args.speakers + 1, args.words + 1)
        port = _free_port()
        server = _start(db, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            _warm_workers(base, args.workers)
            for url in _targets(articles[:1], speakers[:1], words[-1:]).values():  # outside the drawn URLs
                for _ in range(args.workers * 2):
                    httpx.get(base + url[0], timeout=600)
            targets = _targets(articles[1:], speakers[1:], words[:-1])
            plan = _draw(targets, rng, args.requests)
            before, cpu = os.getloadavg(), _cpu_seconds(server.pid)
            latencies, errors, seconds = asyncio.run(_load(port, plan, args.concurrency))
            after, cpu = os.getloadavg(), _cpu_seconds(server.pid) - cpu
        finally:
            _stop(server)
    _report(latencies, plan, errors, seconds, args.concurrency, (before, after))
    print(f"server CPU time {cpu:.1f} s: {cpu / len(plan) * 1000:.1f} ms per request (all its processes)")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
