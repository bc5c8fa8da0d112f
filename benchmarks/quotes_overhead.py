"""How much the quote extraction adds to the analysis: parse time vs parse + extraction.

Usage: python benchmarks/quotes_overhead.py [DIR]   (default: ../shared/eval/dev, else demo/corpus)

Runs the pipeline without ``sourcier_quotes`` over the texts, then the quote
component alone over the parsed documents, three times each (the best run
counts), and prints both times and their ratio. The target is ≤ 10 %.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def texts(directory: Path) -> list[str]:
    from sourcier.ingest import read_path
    from sourcier.analyse.textprep import prepare

    out = []
    for path in sorted(directory.glob("*.txt")):
        document = read_path(path)
        copy, _ = prepare(document.text, document.paragraphs)
        out.append(copy)
    return out


def main() -> None:
    from sourcier.analyse.pipeline import get_nlp

    default = ROOT.parent / "shared" / "eval" / "dev"
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else (default if default.exists() else ROOT / "demo" / "corpus")
    copies = texts(directory)
    nlp = get_nlp()
    quotes = nlp.get_pipe("sourcier_quotes")
    later = [name for name in nlp.pipe_names[nlp.pipe_names.index("sourcier_quotes") :]]
    list(nlp.pipe(copies[:2], disable=later))  # warm up
    parse_best = extract_best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        docs = list(nlp.pipe(copies, disable=later))
        parse_best = min(parse_best, time.perf_counter() - start)
        start = time.perf_counter()
        for doc in docs:
            quotes(doc)
        extract_best = min(extract_best, time.perf_counter() - start)
    chars = sum(map(len, copies))
    print(f"{len(copies)} texts, {chars} characters, from {directory}")
    print(f"parse (pipeline up to the quotes): {parse_best:.2f} s")
    print(f"quote extraction:                  {extract_best:.3f} s")
    print(f"overhead: {100 * extract_best / parse_best:.1f} % of the parse")


if __name__ == "__main__":
    main()
