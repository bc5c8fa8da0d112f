"""The most-quoted speakers of an OrangeSum sample, for checking cross-article linking by hand.

    python benchmarks/speakers_top.py [--articles 3000] [--db PATH] [--relink-from PATH]
                                      [--top 100] [--out benchmarks/speakers_top100.tsv]

1. Builds ``--db`` (when missing) by ingesting the first ``--articles`` articles of
   ../shared/corpora/orangesum/articles.jsonl.gz, or, with ``--relink-from OLD.db``, by
   storing OLD's analyses again through ``Store.add_batch`` in their order: the same
   analyses linked by today's linker, without analysing again (minutes, not an hour).
2. Writes the ``--top`` most-quoted speakers (``sourcier speakers``' order) to ``--out``
   as TSV: rank, entity id, name, type, quotes, articles, roles, countries, variants, and
   a ``verdict`` column. Verdicts already in ``--out`` are kept (matched on the name and
   id, or on a name judged once), so
   a rerun after a change shows which rows are new and need a look; a verdict is ``ok``,
   ``duplicate: OTHER NAME`` (the same person as another row) or ``junk: WHY`` (not a
   speaker, or a name or role that is not one).
3. Prints the counts of duplicates and junk among the judged rows (targets: 0 and 0) and
   the rows still to judge.

Without ../shared the benchmark says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
COLUMNS = ("rank", "entity_id", "name", "type", "quotes", "articles", "roles", "countries", "variants", "verdict")


def build(db: Path, articles: int) -> None:
    """Ingest the first ``articles`` OrangeSum articles into ``db``."""
    from sourcier.ingest import iter_documents
    from sourcier.store.db import open_store
    from sourcier.store.ingest import ingest

    started = time.perf_counter()
    with open_store(str(db)) as store:
        summary = ingest(itertools.islice(iter_documents([str(CORPUS)]), articles), store, workers=1)
    print(f"ingested {summary.ingested} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def relink(old: Path, db: Path) -> None:
    """Store the analyses of ``old`` again into a new ``db``, in their order."""
    import sqlalchemy as sa

    from sourcier.store import schema
    from sourcier.store.db import analysis_from_row, open_store

    a = schema.articles
    with open_store(str(old), create=False) as store, store.connect() as conn:
        rows = conn.execute(sa.select(a.c.analysis, a.c.text).order_by(sa.literal_column("rowid"))).all()
    analyses = [analysis_from_row(stored, text) for stored, text in rows]
    started = time.perf_counter()
    with open_store(str(db)) as store:
        for i in range(0, len(analyses), 200):
            store.add_batch(analyses[i : i + 200])
    print(f"relinked {len(analyses)} analyses in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def top_rows(db: Path, top: int) -> list[dict[str, str]]:
    """The ``top`` most-quoted speakers with what the entity table knows of them."""
    import sqlalchemy as sa

    from sourcier.store import queries, schema
    from sourcier.store.db import open_store

    e = schema.entities
    with open_store(str(db), create=False) as store:
        stats = queries.speakers(store, limit=top)
        ids = [s.entity_id for s in stats if s.entity_id is not None]
        with store.connect() as conn:
            known = {r.id: r for r in conn.execute(sa.select(e).where(e.c.id.in_(ids)))}
    rows = []
    for rank, s in enumerate(stats, 1):
        k = known.get(s.entity_id)
        rows.append({
            "rank": str(rank), "entity_id": str(s.entity_id or ""), "name": s.name, "type": s.type or "",
            "quotes": str(s.quotes), "articles": str(s.articles),
            "roles": " | ".join(k.roles[:4]) if k else "", "countries": ",".join(k.countries) if k else "",
            "variants": " | ".join(k.variants[:5]) if k else "", "verdict": "",
        })
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=3000, help="OrangeSum articles to ingest (default 3000)")
    parser.add_argument("--db", type=Path, default=Path("speakers-bench.db"), help="the database to build or read")
    parser.add_argument("--relink-from", type=Path, help="build --db from this database's analyses, not from the corpus")
    parser.add_argument("--top", type=int, default=100, help="how many speakers to list (default 100)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "speakers_top100.tsv", help="the TSV list")
    args = parser.parse_args()

    if not args.db.exists():
        if args.relink_from:
            relink(args.relink_from, args.db)
        elif CORPUS.exists():
            build(args.db, args.articles)
        else:
            print(f"skipped: {CORPUS} is absent (shared data, not part of the project)")
            return 0
    rows = top_rows(args.db, args.top)
    judged: dict[tuple[str, str], str] = {}
    if args.out.exists():
        with args.out.open(encoding="utf-8", newline="") as f:
            judged = {(r["name"], r["entity_id"]): r["verdict"] for r in csv.DictReader(f, delimiter="\t")
                      if r.get("verdict")}
    by_name: dict[str, list[str]] = {}
    for (name, _), verdict in judged.items():
        by_name.setdefault(name, []).append(verdict)
    for row in rows:
        # The same row (name and id), else the verdict of that name when it had only one.
        same = judged.get((row["name"], row["entity_id"]))
        named = by_name.get(row["name"], [])
        row["verdict"] = same or (named[0] if len(named) == 1 else "")
    with args.out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    verdicts = [r["verdict"] for r in rows if r["verdict"]]
    duplicates = sum(v.startswith("duplicate") for v in verdicts)
    junk = sum(v.startswith("junk") for v in verdicts)
    print(f"{len(rows)} speakers listed in {args.out}: {len(verdicts)} judged, "
          f"{duplicates} duplicate(s), {junk} junk (targets 0 and 0), {len(rows) - len(verdicts)} to judge")
    return 0


if __name__ == "__main__":
    sys.exit(main())
