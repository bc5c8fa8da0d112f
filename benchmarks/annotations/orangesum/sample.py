"""The reproducible draw of the OrangeSum articles annotated in this folder.

    python benchmarks/annotations/orangesum/sample.py [--n 24] [--seed 8] [--exclude ANNOTATIONS.jsonl ...]

Reads ../shared/corpora/orangesum/articles.jsonl.gz (exits 0 with a message when it is absent)
and prints, one per line, the corpus line number (1-based), the OrangeSum id and the length of
each drawn article. An article is eligible when its body (the ``article`` field):

* contains a quotation mark (« » “ ” ") or a reporting cue (REPORTING below), the population
  the guidelines' quotes come from;
* is between MIN_CHARS and MAX_CHARS characters long (a bound on the annotation effort: it keeps
  about the central two thirds of the corpus, see README.md);
* is not a later member of a group listed in duplicates.txt (a reprint would count twice);
* is not already annotated in one of the ``--exclude`` files (a later set stays disjoint from the
  earlier ones: benchmarks/annotations/orangesum2 was drawn with ``--exclude`` this set's file).

The draw is ``random.Random(seed).sample`` over the eligible ids in corpus order, then sorted by
line. It never looks at any analysis: which articles are drawn depends on the corpus and the seed only.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum"
MIN_CHARS, MAX_CHARS = 800, 2500
QUOTATION_MARKS = re.compile("[«»“”\"]")
# Common French reporting cues, so that reported speech without quotation marks is eligible too.
REPORTING = re.compile(
    r"\b(?:a|ont|avait|avaient) (?:déclaré|affirmé|indiqué|expliqué|annoncé|assuré|estimé|souligné|précisé|"
    r"ajouté|dit|confié|jugé|reconnu|dénoncé|démenti|fait savoir)\b|\bselon (?:lui|elle|eux|le|la|les|l'|l’)|"
    r"\bd'après\b|\bd’après\b"
)


def later_duplicates(path: Path) -> set[str]:
    """Ids of every member but the first of each group of duplicates.txt ("12.json,34.json")."""
    later: set[str] = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            members = [m.strip().removesuffix(".json") for m in line.split(",") if m.strip()]
            later.update(members[1:])
    return later


def eligible(article: str) -> bool:
    return MIN_CHARS <= len(article) <= MAX_CHARS and bool(
        QUOTATION_MARKS.search(article) or REPORTING.search(article)
    )


def annotated_ids(paths: list[Path]) -> set[str]:
    """The ``orangesum_id`` of every line of the given annotation files."""
    return {str(json.loads(line)["orangesum_id"]) for path in paths
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def draw(n: int, seed: int, exclude: list[Path] | None = None) -> list[tuple[int, str, int]]:
    """(line, id, length) of the drawn articles, by line."""
    skip = later_duplicates(CORPUS / "duplicates.txt") | annotated_ids(exclude or [])
    pool = []
    with gzip.open(CORPUS / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line, raw in enumerate(fh, start=1):
            record = json.loads(raw)
            oid = str(record["id"])
            if oid not in skip and eligible(record["article"]):
                pool.append((line, oid, len(record["article"])))
    return sorted(random.Random(seed).sample(pool, n))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=24)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--exclude", type=Path, nargs="*", default=[],
                        help="annotation files whose articles are not eligible")
    args = parser.parse_args()
    if not (CORPUS / "articles.jsonl.gz").exists():
        print(f"OrangeSum is not available ({CORPUS}): nothing to draw")
        return
    for line, oid, length in draw(args.n, args.seed, args.exclude):
        print(f"{line}\t{oid}\t{length}")


if __name__ == "__main__":
    main()
