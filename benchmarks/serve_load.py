"""Load on ``sourcier serve``: requests/s and p50/p95/p99 latency of the home, article,
speaker and search pages and their API calls, at a fixed number of concurrent connections.

    python benchmarks/serve_load.py [--db URL] [--concurrency 32] [--requests 3000] [--workers 1]

``--db``: a corpus database (SQLite path or ``postgresql://…``); by default the demo
corpus is ingested into a temporary SQLite file. The server runs in its own process
(``sourcier serve`` on 127.0.0.1, a free port) so that the load generator does not share
its interpreter; the generator is bounded: ``--requests`` requests in all, at most
``--concurrency`` in flight, each with a 30 s timeout. Before timing, every URL is fetched
once and the corpus-wide reprint search is run (``/api/relays``), so the figures are those
of a warm server. Target (issue 13): p99 <= 200 ms at 32 connections, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus"
SEARCH_WORDS = ("ministre", "président", "gouvernement", "accord", "Mali", "ambassadeur", "sécurité", "coopération")


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
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
        if server.poll() is not None:
            raise SystemExit(f"the server stopped: {server.stderr.read().decode()[-2000:]}")
    server.kill()
    raise SystemExit("the server did not answer within 60 s")


def _targets(base: str, rng: random.Random) -> dict[str, list[str]]:
    """URLs per kind, drawn from what the corpus holds."""
    articles = [a["id"] for a in httpx.get(f"{base}/api/articles", params={"limit": 200}, timeout=30).json()["items"]]
    speakers = [s["entity_id"] for s in httpx.get(f"{base}/api/speakers", params={"limit": 100}, timeout=30).json()["items"]
                if s["entity_id"]]
    pick_articles, pick_speakers = rng.sample(articles, min(20, len(articles))), speakers[:20]
    return {
        "page home": ["/"],
        "page article": [f"/articles/{a}" for a in pick_articles],
        "page speaker": [f"/speakers/{s}" for s in pick_speakers],
        "page search": [f"/search?q={w}" for w in SEARCH_WORDS],
        "api stats": ["/api/stats"],
        "api article": [f"/api/articles/{a}" for a in pick_articles],
        "api speaker": [f"/api/speakers/{s}" for s in pick_speakers],
        "api quotes by speaker": [f"/api/quotes?speaker={s}" for s in pick_speakers],
        "api search": [f"/api/articles?q={w}" for w in SEARCH_WORDS],
    }


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _load(base: str, plan: list[tuple[str, str]], concurrency: int) -> tuple[dict[str, list[float]], int, float]:
    latencies: dict[str, list[float]] = {}
    errors = 0
    jobs = iter(plan)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            for kind, url in jobs:  # the shared iterator bounds the whole run
                started = time.perf_counter()
                try:
                    ok = (await client.get(url)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.setdefault(kind, []).append(time.perf_counter() - started)
                errors += not ok

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="corpus database URL or path (default: the demo corpus in a temporary file)")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=1, help="server processes (sourcier serve --workers)")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or _demo_db(Path(tmp))
        port = _free_port()
        server = _start(db, port, args.workers)
        base = f"http://127.0.0.1:{port}"
        try:
            httpx.get(f"{base}/api/relays", timeout=600)  # the corpus-wide reprint search, once
            targets = _targets(base, rng)
            for url in itertools.chain.from_iterable(targets.values()):
                httpx.get(base + url, timeout=60)
            kinds = [(k, u) for k, urls in targets.items() for u in urls if urls]
            plan = [(kind, url) for kind, url in (rng.choice(kinds) for _ in range(args.requests))]
            latencies, errors, seconds = asyncio.run(_load(base, plan, args.concurrency))
        finally:
            server.terminate()
            server.wait(timeout=30)
    total = sum(len(v) for v in latencies.values())
    print(f"{total} requests at {args.concurrency} connections in {seconds:.1f} s: {total / seconds:.0f} req/s, "
          f"{errors} error(s)")
    print(f"{'kind':24} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    every = [x for v in latencies.values() for x in v]
    for kind, values in [*sorted(latencies.items()), ("all", every)]:
        print(f"{kind:24} {len(values):6d} " + " ".join(f"{_percentile(values, q) * 1000:8.1f}" for q in (.5, .95, .99)))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
