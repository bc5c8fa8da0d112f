"""The store's own cost: ``Store.add_batch`` over analyses computed beforehand.

    python benchmarks/store_write.py [--articles 600] [--batch-size 50] [--cache PATH]
                                     [--db URL] [--profile PATH]

The first N OrangeSum articles (../shared/corpora/orangesum/articles.jsonl.gz) are analysed
once and their analyses kept in ``--cache`` (a JSON lines file; reused when it holds N); then
they are written into a new store (a SQLite file in a temporary folder, or ``--db``, which must
be empty) by batches, as ``sourcier ingest`` writes them, and the CPU time of the writing alone
is printed per document: deduplication, publications, outlets, entity linking, and every row.
``--profile PATH`` also runs the writing under cProfile and saves the statistics there. Without
../shared the benchmark says so and exits 0.

What ``benchmarks/ingest.py`` reports as the main process's share of an ingest is this plus
reading the documents and passing them to the workers and back.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"


def analyses(n: int, cache: Path) -> list:
    """The analyses of the first ``n`` articles, from ``cache`` when it holds them."""
    from sourcier import analyze_many
    from sourcier.ingest import iter_documents
    from sourcier.model import Analysis, Document

    if cache.exists():
        lines = cache.read_text(encoding="utf-8").splitlines()
        if len(lines) and json.loads(lines[0]).get("articles") == n:
            return [Analysis.from_dict(json.loads(line)) for line in lines[1:]]
    docs = [d for d in islice(iter_documents([str(CORPUS)]), n) if isinstance(d, Document)]
    found = [a for a in analyze_many(docs, batch_size=16, on_error=lambda origin, exc: None) if isinstance(a, Analysis)]
    cache.write_text("\n".join([json.dumps({"articles": n}), *(a.to_json(indent=None) for a in found)]) + "\n",
                     encoding="utf-8")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--batch-size", type=int, default=50)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "sourcier-store-write.jsonl")
    parser.add_argument("--db", help="an empty database to write into (default: a new SQLite file)")
    parser.add_argument("--profile", type=Path, help="save cProfile statistics of the writing here")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    from sourcier.store import open_store

    found = analyses(args.articles, args.cache)
    store = open_store(args.db or str(Path(tempfile.mkdtemp(prefix="sourcier-store-write-")) / "store.db"))
    if store.count():
        print(f"{store.url} is not empty")
        return 1
    batches = [found[i : i + args.batch_size] for i in range(0, len(found), args.batch_size)]

    def write() -> None:
        for batch in batches:
            store.add_batch(batch)

    cpu, wall = time.process_time(), time.perf_counter()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(write)
        profiler.dump_stats(args.profile)
    else:
        write()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{len(found)} analyses written in batches of {args.batch_size} into {store.dialect} "
          f"({store.count()} articles, {store.count('entities')} entities, {store.count('mentions')} mentions): "
          f"{cpu / len(found) * 1000:.2f} ms of CPU per document ({wall / len(found) * 1000:.2f} ms wall); "
          f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
          + (" (under cProfile)" if args.profile else ""))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
