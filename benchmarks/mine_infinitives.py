"""Count, over the whole OrangeSum corpus, the reporting verbs of the lexicon met before a bare
infinitive of state or past ("a confié avoir …", "indique ne pas être …"), before "de" and such an
infinitive ("se réjouit d'avoir …"), or before a noun phrase that holds a quotation ("a revendiqué
la « victoire »", frame ``np``), for the verbs whose lexicon entry lacks that frame (to review by
hand; see src/sourcier/analyse/data/LEXICONS.md, fourth and fifth passes).

    nice .venv/bin/python benchmarks/mine_infinitives.py [--top 80]

A regular expression over the raw text, no parse (about a minute): a form of a lexicon verb
(``quotes/inflection.py`` gives the third-person and participle forms) then "avoir", "être",
"ne pas", "n'avoir", "n'être" (frame ``inf``), "d'avoir", "d'être", "de ne pas" (frame ``de``), or
an optional "pour", a determiner, at most three words and an opening quotation mark (frame ``np``).
Prints each lemma with its count, the number of articles and a first example. Exits 0 when the
corpus is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
_PATTERN = re.compile(
    r"\b(\w+) (avoir|être|ne pas|n'avoir|n'être|d'avoir|d'être|de ne pas|de n'avoir|de n'être) \w+")
_NP = re.compile(r"\b(\w+) (?:pour )?(?:les?|la|l'|une?|des|du|sa|son|ses|leurs?) (?:[\w'-]+ ){0,3}[«\"“]")


def _has_frame(lemma: str, frame: str) -> bool:
    """The lexicon's simple verb ("demander", not "se demander"), else its reflexive one, has the frame."""
    from sourcier.analyse.quotes.lexicon import verbs

    lex = verbs()
    verb = lex.simple.get(lemma) or lex.reflexive.get(lemma)
    return verb is not None and frame in verb.frames


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=80, help="candidates shown per frame")
    args = parser.parse_args()
    if not ORANGESUM.exists():
        print(f"no corpus at {ORANGESUM}: nothing to mine")
        return 0
    from sourcier.analyse.quotes.lexicon import verb_forms

    forms = verb_forms()
    counts: dict[str, Counter] = {"inf": Counter(), "de": Counter(), "np": Counter()}
    articles: dict[tuple[str, str], set[int]] = defaultdict(set)
    examples: dict[tuple[str, str], str] = {}
    with gzip.open(ORANGESUM, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            text = json.loads(line)["article"]
            found = [(m, "de" if m.group(2).startswith("d") else "inf") for m in _PATTERN.finditer(text)]
            for m, frame in found + [(m, "np") for m in _NP.finditer(text)]:
                lemma = forms.get(m.group(1).lower())
                if lemma is None:
                    continue
                counts[frame][lemma] += 1
                articles[(lemma, frame)].add(k)
                examples.setdefault((lemma, frame), text[max(0, m.start() - 60) : m.end() + 40])
    for frame, counter in counts.items():
        print(f"== {frame}")
        for lemma, n in counter.most_common(args.top):
            if _has_frame(lemma, frame):
                continue  # the lexicon has it
            print(f"{lemma:20} {n:5} {len(articles[(lemma, frame)]):5} | {examples[(lemma, frame)]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
