"""Query latency on a corpus database: quotes of a speaker, full-text search.

    python benchmarks/queries.py [--db PATH] [--articles N] [--synthetic TOTAL] [--repeat R]

``--db``: a SQLite database built by ``benchmarks/ingest.py --keep-db PATH`` or by
``sourcier ingest``. When it does not exist, it is built there from the first N
(default 1000) articles of ../shared/corpora/orangesum/articles.jsonl.gz with 2
workers (about a minute per 100 articles on 2 cores); without ../shared the
benchmark says so and exits 0.

The queries are the functions the CLI calls (``sourcier.store.queries``), with the
CLI's default limits, timed in this process on an open store (process start and
rendering left out), each after one untimed warm-up query:

* speaker: ``quotes(speaker=…, limit=100)`` (``sourcier quotes --speaker``) for the
  surnames of the 25 most quoted speakers, 25 speakers drawn at random (full name
  as written) and 5 names absent from the corpus;
* full text: ``articles(search=…, limit=20)`` (``sourcier articles --search``) for 25
  words drawn from the 200 most widespread ones of the corpus, 25 drawn from the
  rarest (in one article of a 3,000-article sample), and 10 names, phrases and
  several-word searches;
* quote text: ``quotes(search=…, limit=100)`` (``sourcier quotes --search``), 30 words;
* and, a few times each, the aggregate reports ``speakers(limit=30)`` and ``sources()``.

Target (issue #5): p95 <= 100 ms for speaker and full-text queries on SQLite.

``--synthetic TOTAL`` measures at a larger scale than there is time to analyse (36,152
articles take hours on 2 cores): a copy of the database is filled up to TOTAL
articles by storing its analyses again through ``Store.add_batch`` (triggers,
indexes and speaker linking as in a real ingest), each copy made distinct by
trailing spaces after the text (no new words for the search index), a new id and a
marked external id/URL. It is SYNTHETIC: as many articles, quotes and index entries
as a real corpus of that size, but with the vocabulary and the speakers of the
real articles repeated, so a speaker or a word has TOTAL/N times the hits it has
in the real database (pessimistic for queries that sort all their hits). The
synthetic database is kept next to the other (PATH.synthetic-TOTAL.db) and reused.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ORANGESUM = SHARED / "corpora" / "orangesum" / "articles.jsonl.gz"

P95_TARGET_MS = 100.0
WORD = re.compile(r"[^\W\d_]{4,}")
ABSENT = ["Zorbagnac", "Wxyzkiewicz", "Pétronille Ouzbékov", "Quentin Zarathoustra", "Hildegarde Vromm"]
FIXED_SEARCHES = [
    "Emmanuel Macron", "premier ministre", '"président de la République"', "élections municipales",
    "gilets jaunes", "réforme des retraites", "coronavirus", "police nationale", "Donald Trump",
    "ministre de l'Intérieur",
]


# --------------------------------------------------------------------------- building


def build_real(db: Path, n: int) -> None:
    from sourcier.ingest import iter_documents
    from sourcier.store.db import open_store
    from sourcier.store.ingest import ingest

    print(f"building {db} from the first {n} OrangeSum articles (2 workers) …", flush=True)
    with open_store(str(db)) as store:
        s = ingest(islice(iter_documents([str(ORANGESUM)]), n), store, workers=2, batch_size=50)
    print(f"  {s.ingested} stored, {s.already_present} already present, {len(s.failed)} failed, {s.seconds:.0f} s")


def build_synthetic(base: Path, target: Path, total: int) -> None:
    import dataclasses

    import sqlalchemy as sa

    from sourcier.model import text_id
    from sourcier.store import schema
    from sourcier.store.db import analysis_from_row, open_store

    a_ = schema.articles
    with open_store(str(base), create=False) as store:
        with store.connect() as conn:
            rows = conn.execute(sa.select(a_.c.analysis, a_.c.text).order_by(sa.literal_column("rowid"))).all()
    # Closed: SQLite has moved the WAL into the file, which can now be copied alone.
    originals = [analysis_from_row(stored, text) for stored, text in rows]
    tmp = target.with_name(target.name + ".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    shutil.copyfile(base, tmp)
    started = time.perf_counter()
    with open_store(str(tmp)) as store:
        have, copy = store.count(), 0
        print(f"building SYNTHETIC {target.name}: {have} real articles stored again with perturbed "
              f"ids until {total} …", flush=True)
        while have < total:
            copy += 1
            batch = []
            for a in originals[: total - have]:
                text = a.text + " " * copy  # no new word for the full-text index; offsets unchanged
                meta = dataclasses.replace(
                    a.article,
                    external_id=f"{a.article.external_id or a.id}~synthetic{copy}",
                    url=f"{a.article.url}{'&' if '?' in a.article.url else '?'}synthetic={copy}"
                    if a.article.url else None,
                )
                batch.append(dataclasses.replace(a, id=text_id(text), text=text, article=meta))
            for i in range(0, len(batch), 200):
                have += store.add_batch(batch[i : i + 200]).inserted
            rate = (have - len(originals)) / (time.perf_counter() - started)
            print(f"  copy {copy}: {have} articles ({rate:.0f} articles/s written)", flush=True)
    os.replace(tmp, target)  # closed: SQLite has moved the WAL into the file
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)


# --------------------------------------------------------------------------- workload


def _rarest(df: Counter[str], k: int) -> list[str]:
    """At least ``k`` words among the rarest: all those of the lowest document
    frequencies (1 in a real corpus; a synthetic one repeats every article)."""
    pool: list[str] = []
    for count in sorted(set(df.values())):
        pool.extend(sorted(w for w, c in df.items() if c == count))
        if len(pool) >= k:
            return pool
    return pool


def workload(store, rng: random.Random) -> dict[str, list[tuple[str, Callable[[], list]]]]:
    import sqlalchemy as sa

    from sourcier.store import queries

    with store.connect() as conn:
        names = sorted({r[0] for r in conn.execute(sa.text(
            "SELECT DISTINCT speaker_name FROM quotes WHERE speaker_name IS NOT NULL"))})
        # Document frequencies over (up to) 3000 articles spread over the corpus.
        n_articles = store.count()
        step = max(1, n_articles // 3000)
        df: Counter[str] = Counter()
        for (text,) in conn.execute(sa.text("SELECT text FROM articles WHERE rowid % :s = 0").bindparams(s=step)):
            df.update({w.lower() for w in WORD.findall(text)})
        qdf: Counter[str] = Counter()
        for (text,) in conn.execute(sa.text("SELECT text FROM quotes WHERE id % :s = 0").bindparams(s=step)):
            qdf.update({w.lower() for w in WORD.findall(text)})
    # Surnames as a user would type them: the last word of the display name (speakers
    # without a word of 3 letters, such as a stray "-t", are left out).
    surnames = [words[-1] for s in queries.speakers(store, limit=40)
                if (words := re.findall(r"[^\W\d_]{3,}", s.name))][:25]
    drawn = rng.sample(names, min(25, len(names)))
    common = rng.sample([w for w, _ in df.most_common(200)], 25)
    rare = rng.sample(_rarest(df, 25), 25)
    q_common = rng.sample([w for w, _ in qdf.most_common(150)], 15)
    q_rare = rng.sample(_rarest(qdf, 15), 15)

    def speaker(name: str):
        return lambda: queries.quotes(store, speaker=name, limit=100)

    def search(text: str):
        return lambda: queries.articles(store, search=text, limit=20)

    def quote_search(text: str):
        return lambda: queries.quotes(store, search=text, limit=100)

    return {
        "speaker": [(f"top speaker {s!r}", speaker(s)) for s in surnames]
        + [(f"random speaker {s!r}", speaker(s)) for s in drawn]
        + [(f"absent {s!r}", speaker(s)) for s in ABSENT],
        "full text": [(f"common {w!r}", search(w)) for w in common]
        + [(f"rare {w!r}", search(w)) for w in rare]
        + [(f"fixed {w!r}", search(w)) for w in FIXED_SEARCHES],
        "quote text": [(f"common {w!r}", quote_search(w)) for w in q_common]
        + [(f"rare {w!r}", quote_search(w)) for w in q_rare],
        "speakers report": [("speakers(limit=30)", lambda: queries.speakers(store, limit=30))] * 5,
        "sources report": [("sources()", lambda: queries.sources(store))] * 5,
    }


def measure(label: str, db: Path, repeat: int, seed: int) -> dict[str, float]:
    from sourcier.store.db import open_store

    rng = random.Random(seed)
    size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
    with open_store(str(db), create=False) as store:
        counts = {t: store.count(t) for t in ("articles", "quotes", "entities")}
        print(f"\n== {label}: {db.name}, {counts['articles']} articles, {counts['quotes']} quotes, "
              f"{counts['entities']} entities, {size_mb:.0f} MB")
        groups = workload(store, rng)
        p95s: dict[str, float] = {}
        for kind, items in groups.items():
            items[0][1]()  # warm-up: connection, statement cache, pages
            timings: list[tuple[float, str, int]] = []
            for name, fn in items:
                best = float("inf")
                for _ in range(repeat):
                    t = time.perf_counter()
                    hits = fn()
                    best = min(best, (time.perf_counter() - t) * 1000)
                timings.append((best, name, len(hits)))
            ms = sorted(t for t, _, _ in timings)
            p95 = ms[math.ceil(0.95 * len(ms)) - 1]  # nearest rank
            p95s[kind] = p95
            target = kind in ("speaker", "full text")
            verdict = f"   target p95 <= {P95_TARGET_MS:.0f} ms  {'OK' if p95 <= P95_TARGET_MS else 'MISSED'}" \
                if target else ""
            print(f"{kind:15s} n={len(ms):3d}  p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  "
                  f"max {ms[-1]:7.1f} ms{verdict}")
            if len(items) > 5:
                slow = sorted(timings, reverse=True)[:3]
                print("                slowest: " + "; ".join(f"{n} {t:.0f} ms ({h} hits)" for t, n, h in slow))
    return p95s


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="SQLite database (built when missing)")
    parser.add_argument("--articles", type=int, default=1000, help="articles for a database built here")
    parser.add_argument("--synthetic", type=int, default=0, metavar="TOTAL",
                        help="also measure on a synthetic copy filled up to TOTAL articles (e.g. 36152)")
    parser.add_argument("--repeat", type=int, default=1, help="time each query R times, keep the best")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    db = args.db or Path(tempfile.gettempdir()) / f"sourcier-bench-orangesum-{args.articles}.db"
    if not db.exists():
        if not ORANGESUM.exists():
            print(f"skipped: no database at {db} and {ORANGESUM} is absent to build one")
            return 0
        build_real(db, args.articles)
    print(f"timings: best of {args.repeat} per query, on {os.cpu_count()} CPUs, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (a shared machine: noisy)")
    measure("real articles", db, args.repeat, args.seed)
    if args.synthetic:
        syn = db.with_name(f"{db.stem}.synthetic-{args.synthetic}.db")
        if not syn.exists():
            build_synthetic(db, syn, args.synthetic)
        measure(f"SYNTHETIC corpus of {args.synthetic} articles (the real ones repeated, see --help)",
                syn, args.repeat, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
