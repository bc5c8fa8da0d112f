"""Does each component's cost grow linearly with the length of the text, like the parse's?

Usage: python benchmarks/scaling.py [MAX_WORDS]   (default 128000)

Builds texts of 500, 2,000, 8,000, 32,000 and 128,000 words (up to MAX_WORDS) from
OrangeSum articles (``../shared/corpora/orangesum``) or, without them, from the demo
corpus repeated, runs the pipeline component by component on each, and prints the CPU
seconds of every one of Sourcier's components and their ratio to the spaCy parse (all
of the model's components together). Linear growth keeps each ratio flat as the text
grows four-fold; a component whose ratio climbs is super-linear.

The texts go straight to the pipeline (no document limit): the longest is larger
than ``sourcier.analyse.limits.MAX_TOKENS`` allows a single document.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
SIZES = (500, 2_000, 8_000, 32_000, 128_000)


def articles() -> Iterator[str]:
    if ORANGESUM.exists():
        with gzip.open(ORANGESUM, "rt", encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)["article"]
        return
    demo = sorted((ROOT / "demo" / "corpus").glob("*.txt"))
    while True:
        for path in demo:
            yield path.read_text(encoding="utf-8")


def text_of(words: int) -> str:
    paragraphs, count = [], 0
    for article in articles():
        paragraphs.append(article)
        count += len(article.split())
        if count >= words:
            return "\n\n".join(paragraphs)
    raise SystemExit("not enough text")


def component_seconds(text: str) -> tuple[int, dict[str, float]]:
    from sourcier.analyse.pipeline import get_nlp
    from sourcier.analyse.textprep import prepare
    from sourcier.ingest import split_paragraphs

    nlp = get_nlp()
    copy, _ = prepare(text, split_paragraphs(text))
    doc = nlp.make_doc(copy)
    doc.user_data["sourcier_text"] = copy
    seconds: dict[str, float] = {}
    for name, component in nlp.pipeline:
        start = time.process_time()
        doc = component(doc)
        seconds[name] = time.process_time() - start
    return len(doc), seconds


def main() -> None:
    from sourcier.analyse.pipeline import get_nlp

    largest = int(sys.argv[1]) if len(sys.argv) > 1 else SIZES[-1]
    nlp = get_nlp()
    nlp.max_length = 10**8  # the benchmark measures growth past the document limits
    component_seconds(text_of(200))  # warm up
    ours = [name for name in nlp.pipe_names if name.startswith("sourcier_")]
    print(f"{'words':>7} {'tokens':>7} {'parse s':>8}  " + "  ".join(f"{n[9:]:>16}" for n in ours))
    for words in (w for w in SIZES if w <= largest):
        tokens, seconds = component_seconds(text_of(words))
        parse = sum(s for name, s in seconds.items() if name not in ours)
        cells = "  ".join(f"{seconds[n]:7.2f} s {seconds[n] / parse:5.1%}" for n in ours)
        print(f"{words:7d} {tokens:7d} {parse:8.2f}  {cells}", flush=True)


if __name__ == "__main__":
    main()
