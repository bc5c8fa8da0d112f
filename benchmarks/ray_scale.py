"""The local worker pool against Ray in local mode, and what N nodes would give.

    python benchmarks/ray_scale.py [--articles 3000] [--workers 1] [--shard 100]

Takes the first N OrangeSum articles (``../shared/corpora/orangesum``; the benchmark stops
when they are absent), writes them as JSONL shards of ``--shard`` articles (so that Ray reads
them in parallel), and ingests them into a fresh SQLite store twice, each in its own process:
``sourcier ingest --workers W`` (the local pool) and ``--engine ray --actors W`` (Ray started
on this machine). For each: articles/s over the whole run, the seconds until the first batch
is stored (model loads; for Ray also its start, given apart, and its first pass over the
inputs), the steady rate after it, and the peak resident memory of the process tree.

Then a scaling estimate for a cluster: nodes × (cores − 1) actors at the per-actor rate
(the local pool's steady rate per worker: its workers and Ray's actors run the same stage),
capped by the one writer (the rate of ``Store.add_batch`` on these analyses, measured here),
and the bytes the reprint stage's LSH group-by would shuffle (16 bytes per band and sampled
5-gram posting, counted on these articles).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"


def write_shards(n: int, shard: int, folder: Path) -> list[str]:
    texts = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as lines:
        for line in lines:
            texts.append(line)
            if len(texts) >= n:
                break
    paths = []
    for start in range(0, len(texts), shard):
        path = folder / f"shard-{start // shard:04d}.jsonl"
        path.write_text("".join(texts[start : start + shard]), encoding="utf-8")
        paths.append(str(path))
    return paths


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and every process below it (read from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total / 2**20


def run_child(engine: str, paths: list[str], workers: int, db: str) -> dict:
    """One ingest in its own process; its figures, and the peak memory of its process tree."""
    out = Path(db).with_suffix(".json")
    proc = subprocess.Popen([sys.executable, __file__, "--child", engine, "--workers", str(workers), "--db", db,
                             "--result", str(out), *paths])
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss_mb(proc.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    proc.wait()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{engine} run failed ({proc.returncode})")
    return {**json.loads(out.read_text()), "peak_mb": peak}


class _Clock:
    """A progress reporter noting when the first batch is stored."""

    def __init__(self) -> None:
        self.t0 = time.monotonic()
        self.first: float | None = None
        self.first_count = 0

    def started(self, total: int | None) -> None:
        self.t0 = time.monotonic()

    def advanced(self, summary) -> None:
        if self.first is None and summary.ingested:
            self.first, self.first_count = time.monotonic() - self.t0, summary.ingested


def child(engine: str, paths: list[str], workers: int, db: str, result: str) -> None:
    from sourcier.store import open_store

    started = time.monotonic()
    clock = reporter = _Clock()
    init_s = 0.0
    with open_store(db) as store:
        if engine == "ray":
            from sourcier.scale.engine import connect
            from sourcier.scale.ingest import ingest_on_ray

            connect(num_cpus=os.cpu_count())
            init_s = time.monotonic() - started
            summary = ingest_on_ray(paths, store, actors=workers, reporter=reporter)
        else:
            from sourcier.ingest import iter_documents
            from sourcier.store.ingest import ingest

            summary = ingest(iter_documents(paths), store, workers=workers, reporter=reporter)
    total = time.monotonic() - started
    first = (clock.first or total) + (clock.t0 - started)  # Ray's start counts in its start-up
    steady = (summary.ingested - clock.first_count) / (total - first) if total > first else 0.0
    Path(result).write_text(json.dumps({"articles": summary.ingested, "failed": len(summary.failed),
                                        "seconds": total, "startup_s": first, "steady_per_s": steady,
                                        "init_s": init_s}))


def writer_rate(db: str) -> float:
    """Articles per second that one writer stores (the analyses of ``db`` into a fresh store)."""
    from sourcier.store import open_store

    with open_store(db) as source:
        from sourcier.store.export import export

        dump = Path(db).with_suffix(".jsonl")
        export(source, "jsonl", dump)
    from sourcier.model import Analysis

    analyses = [Analysis.from_dict(json.loads(line)) for line in dump.read_text(encoding="utf-8").splitlines()]
    with open_store(str(Path(db).with_name("writer.db"))) as store:
        start = time.monotonic()
        for i in range(0, len(analyses), 50):
            store.add_batch(analyses[i : i + 50])
        return len(analyses) / (time.monotonic() - start)


def shuffle_bytes(paths: list[str]) -> tuple[int, int]:
    """(articles, bytes) of the (key, document) postings the LSH band and rare-gram group-bys move."""
    from sourcier.link.reuse import ReuseSettings, _Sketcher

    texts = [json.loads(line)["article"] for p in paths for line in Path(p).read_text(encoding="utf-8").splitlines()]
    sketches = _Sketcher(ReuseSettings()).sketch_in_chunks(texts)
    postings = sketches.band_keys.size + len(sketches.grams)
    return len(texts), postings * 16


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--shard", type=int, default=100)
    parser.add_argument("--child")
    parser.add_argument("--db")
    parser.add_argument("--result")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.paths, args.workers, args.db, args.result)
        return
    if not ORANGESUM.exists():
        raise SystemExit("OrangeSum (../shared/corpora/orangesum) is not here; nothing to measure")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_shards(args.articles, args.shard, folder)
        runs = {engine: run_child(engine, paths, args.workers, str(folder / f"{engine}.db"))
                for engine in ("local", "ray")}
        writer = writer_rate(str(folder / "local.db"))
        articles, shuffled = shuffle_bytes(paths)
    print(f"{articles} OrangeSum articles, {args.workers} worker(s)/actor(s), {os.cpu_count()} CPUs")
    print(f"{'engine':8} {'articles/s':>10} {'Ray start s':>11} {'1st batch s':>11} {'steady/s':>9} "
          f"{'peak MB':>8} {'stored':>7}")
    for engine, r in runs.items():
        print(f"{engine:8} {r['articles'] / r['seconds']:10.2f} {r['init_s']:11.1f} {r['startup_s']:11.1f} "
              f"{r['steady_per_s']:9.2f} {r['peak_mb']:8.0f} {r['articles']:7d}")
    per_actor = runs["local"]["steady_per_s"] / args.workers
    print(f"one writer stores {writer:.0f} articles/s; the reprint group-by shuffles "
          f"{shuffled / articles:.0f} bytes an article ({shuffled / 2**20:.1f} MiB here)")
    print("estimate: nodes × (cores − 1) actors × per-actor rate, capped by the writer")
    for nodes, cores in ((1, 16), (4, 16), (16, 16), (64, 16)):
        rate = min(nodes * (cores - 1) * per_actor, writer)
        per_day = rate * 86400
        print(f"  {nodes:3d} node(s) × {cores} cores: {rate:8.1f} articles/s ({per_day / 1e6:.2f} M/day); "
              f"reprint shuffle for a day: {per_day * shuffled / articles / 2**30:.2f} GiB")


if __name__ == "__main__":
    main()
