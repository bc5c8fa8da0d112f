"""A sample of relations from OrangeSum, to judge their precision by hand.

    python benchmarks/relations_sample.py [--skip 30000 | --lines 3016:5000,34645: | --draw SEED]
                                          [--articles 1100] [--sample 50] [--out FILE]

Reads OrangeSum articles (../shared/corpora/orangesum/articles.jsonl.gz; exits 0 when absent)
from line ``--skip`` on (or only within the ``--lines`` ranges, start included, end excluded,
to sample what earlier samples left), keeps the first ``--articles`` that name a state or an organisation
often in international news, analyses them and samples ``--sample`` of their relations (a fixed
seed). With ``--draw SEED``, the ``--articles`` are drawn at random (that seed) from the whole
corpus instead, leaving out every article an earlier sample judged (the ids of
``benchmarks/relations_precision*.jsonl``), so that a fresh sample needs no fresh line range. Each line of the output names the article (its OrangeSum id), the relation and its
evidence offsets, so that the judgements in ``relations_precision.jsonl`` stay checkable
without copying the corpus's text into the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
INTERNATIONAL = ("Russie", "Mali", "Chine", "États-Unis", "Etats-Unis", "Ukraine", "Iran", "Israël", "Turquie",
                 "Otan", "ONU", "Syrie", "Corée", "Niger", "Algérie", "Maroc")


def articles(ranges: list[tuple[int, int | None]], n: int) -> list[tuple[str, str]]:
    found = []
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if not any(start <= i and (end is None or i < end) for start, end in ranges):
                continue
            record = json.loads(line)
            if any(word in record["article"] for word in INTERNATIONAL):
                found.append((str(record["id"]), record["article"]))
            if len(found) >= n:
                break
    return found


def drawn(n: int, seed: int, judged: set[str]) -> list[tuple[str, str]]:
    """``n`` international articles drawn at random from the whole corpus, none of ``judged``."""
    pool = [text for text in articles([(0, None)], sys.maxsize) if text[0] not in judged]
    return sorted(random.Random(seed).sample(pool, min(n, len(pool))), key=lambda t: int(t[0]))


def judged_ids() -> set[str]:
    """The OrangeSum ids of the articles the earlier samples judged."""
    return {
        json.loads(line)["orangesum_id"]
        for path in (ROOT / "benchmarks").glob("relations_precision*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    }


def line_ranges(text: str) -> list[tuple[int, int | None]]:
    """"3016:5000,34645:" → [(3016, 5000), (34645, None)]."""
    ranges = []
    for part in text.split(","):
        start, _, end = part.partition(":")
        ranges.append((int(start), int(end) if end else None))
    return ranges


def side(actor: dict) -> str:
    return actor["country"] or actor["name"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip", type=int, default=30000)
    parser.add_argument("--lines", type=line_ranges, help="line ranges START:END,… instead of --skip")
    parser.add_argument("--draw", type=int, metavar="SEED", help="draw the articles at random, none judged before")
    parser.add_argument("--articles", type=int, default=1100)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not ORANGESUM.exists():
        print(f"OrangeSum is not available ({ORANGESUM}): nothing to sample")
        return
    from sourcier import analyze_many

    if args.draw is not None:
        texts = drawn(args.articles, args.draw, judged_ids())
    else:
        texts = articles(args.lines or [(args.skip, None)], args.articles)
    relations = []
    for (oid, _), analysis in zip(texts, analyze_many([t for _, t in texts]), strict=True):
        for r in analysis.relations:
            claimed = r["claimed_by"]["name"] if r["claimed_by"] else None
            relations.append({
                "orangesum_id": oid, "type": r["type"], "actor": side(r["actor"]), "target": side(r["target"]),
                "negated": r["negated"], "claimed_by": claimed,
                "evidence": [r["evidence"]["start"], r["evidence"]["end"]],
            })
    sample = random.Random(12).sample(relations, min(args.sample, len(relations)))
    sample.sort(key=lambda r: (int(r["orangesum_id"]), r["evidence"]))
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    print(f"# {len(relations)} relations in {len(texts)} articles; {len(sample)} sampled", file=sys.stderr)
    for r in sample:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
