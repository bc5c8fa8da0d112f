"""Mine candidate nouns for people from the OrangeSum corpus: who speaks in an incise (to review by hand).

    .venv/bin/python benchmarks/mine_incise_nouns.py [--top 250] [--out FILE]

Reads every article of ../shared/corpora/orangesum/articles.jsonl.gz (exits 0 when the corpus is
absent) and counts the lower-case noun after an article in the inverted subject of an incise that
follows a quotation: ``« … », raconte la cliente``, ``"…", a expliqué l'épidémiologiste``,
``« … », confie jeudi un passager``. No parse: a regular expression over the raw text (about ten
seconds), since an incise after a closing quote mark is the one place where the noun right after the
verb is almost always who spoke. Nouns already in the role lexicon (``role_synonyms.json``: human,
group, media and document nouns; title heads of ``roles.json``) are left out. Prints each candidate
with its count and the number of articles it occurs in, most frequent first; the words kept in
``human_nouns`` were reviewed from this output (see ``src/sourcier/analyse/data/LEXICONS.md``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# closing mark, comma, [auxiliary] verb, [an adverb or a day], article, noun
INCISE = re.compile(
    r"[»\"”],\s+(?:a\s+|ont\s+|avait\s+)?\w+\s+"
    rf"(?:(?:encore|ainsi|alors|aussi|également|{_DAYS})\s+)?"
    r"(?:(?:le|la|un|une)\s+|l['’]\s*)([a-zà-öø-ÿ][\w-]+)\b"
)


def known_words() -> frozenset[str]:
    """The folded nouns the lexicons hold already."""
    from sourcier.analyse.lexicon import fold, role_heads
    from sourcier.analyse.quotes.lexicon import role_lexicon

    lex = role_lexicon()
    return lex.human_nouns | lex.group_nouns | lex.media_nouns | lex.document_nouns | {fold(h) for h in role_heads()}


def mine(lines, known: frozenset[str]) -> tuple[Counter, dict[str, set[int]]]:
    """Counts of each new noun after an incise verb, and the articles (line numbers) it occurs in."""
    from sourcier.analyse.lexicon import fold

    counts: Counter = Counter()
    articles: dict[str, set[int]] = defaultdict(set)
    for k, line in enumerate(lines):
        for match in INCISE.finditer(json.loads(line)["article"]):
            word = fold(match.group(1))
            if word not in known:
                counts[word] += 1
                articles[word].add(k)
    return counts, articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=250)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not ORANGESUM.exists():
        print(f"corpus not found ({ORANGESUM}): nothing to mine")
        return 0
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
        counts, articles = mine(fh, known_words())
    rows = [f"{n}\t{len(articles[w])}\t{w}" for w, n in counts.most_common(args.top)]
    text = "count\tarticles\tnoun\n" + "\n".join(rows) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
