"""A large corpus for load tests, made from a smaller analysed one without analysing again.

    python benchmarks/scale_store.py SOURCE_DB TARGET_DB --copies 13

Analysing 36,000 articles takes hours on a small machine; the web app's load test needs a
store of that size, not new analyses. Each stored analysis is written ``--copies`` times:
copy 0 as it is, copy k with every fifth word (a different fifth per copy) spelled
backwards, so that the copies are distinct texts (their own ids, content hashes and
full-text terms) and are not found as reprints of one another, while their speakers,
sources and quotes stay those of the original. Spelling a word backwards keeps its
length, so every span keeps its offsets; each span's text is cut again from the new text.

The result has the row counts and index sizes of a corpus ``--copies`` times larger, with
its top speakers ``--copies`` times more quoted. It is a benchmark fixture: never mix it
with real data.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any

import sqlalchemy as sa

from sourcier.model import Analysis
from sourcier.store import open_store, schema
from sourcier.store.db import analysis_from_row

WORD = re.compile(r"\w{4,}")


def scramble(text: str, copy: int) -> str:
    """Copy ``copy`` of ``text``: words of four letters or more spelled backwards where they
    start at an offset congruent to ``copy`` mod 5 and, from copy 5 on, also to ``copy // 5``
    mod 7, so that copies 1 to 34 are all different texts (a pattern mod 5 alone repeats
    after five copies, and the store then keeps copy 6 as a second publication of copy 1)."""
    if copy == 0:
        return text
    second = copy // 5

    def turned(m: re.Match[str]) -> str:
        hit = (m.start() + copy) % 5 == 0 or (second and (m.start() + second) % 7 == 0)
        return m.group()[::-1] if hit else m.group()

    return WORD.sub(turned, text)


def _respan(value: Any, old: str, new: str) -> None:
    """Every ``{"start", "end", "text"}`` span in ``value`` (nested) re-cut from ``new``."""
    if isinstance(value, dict):
        start, end = value.get("start"), value.get("end")
        if isinstance(start, int) and isinstance(end, int) and value.get("text") == old[start:end]:
            value["text"] = new[start:end]
        for child in value.values():
            _respan(child, old, new)
    elif isinstance(value, list):
        for child in value:
            _respan(child, old, new)


def copy_of(analysis: Analysis, copy: int) -> Analysis:
    data = analysis.to_dict()
    if copy:
        text = scramble(analysis.text, copy)
        _respan(data, analysis.text, text)
        data["text"] = text
        data["id"] = f"{analysis.id}-{copy}"
        article = data["article"]
        article["external_id"] = f"{article.get('external_id') or analysis.id}-{copy}"
        if article.get("url"):
            article["url"] = f"{article['url']}#copy-{copy}"
    return Analysis.from_dict(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="an analysed corpus (SQLite path or URL)")
    parser.add_argument("target", help="the store to write (SQLite path or URL); created if missing")
    parser.add_argument("--copies", type=int, default=13)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    a = schema.articles
    with open_store(args.source, create=False) as source, open_store(args.target) as target:
        with source.connect() as conn:
            rows = conn.execute(sa.select(a.c.analysis, a.c.text).order_by(a.c.ingested_at, a.c.id)).all()
        originals = [analysis_from_row(r.analysis, r.text) for r in rows]
        for copy in range(args.copies):
            for i in range(0, len(originals), args.batch):
                target.add_batch([copy_of(x, copy) for x in originals[i:i + args.batch]])
            print(f"copy {copy + 1}/{args.copies}: {target.count()} articles", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
