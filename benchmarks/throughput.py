"""Throughput of ``sourcier.analyze_many`` against a bare ``nlp.pipe`` of the same model.

    python benchmarks/throughput.py [--articles N] [--repeat R]

Texts: the first N articles of ../shared/corpora/orangesum/articles.jsonl.gz when
present, otherwise the demo corpus repeated R times. Each side runs in its own
process (so peak memory is its own), after a warm-up batch, and is timed in CPU
seconds of that process, so that other work on the machine does not tilt the ratio. Prints words per
second for both, the ratio (target ≥ 0.85: our overhead ≤ 15 % of the parse) and
each side's peak resident memory.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import resource
import sys
import time
from queue import Empty
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORANGESUM = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
DEMO = ROOT / "demo" / "corpus"


def load_texts(n: int, repeat: int) -> tuple[list[str], str]:
    if ORANGESUM.exists():
        texts = []
        with gzip.open(ORANGESUM, "rt", encoding="utf-8") as fh:
            for line in fh:
                texts.append(json.loads(line)["article"])
                if len(texts) >= n:
                    break
        return texts, f"OrangeSum, first {len(texts)} articles"
    from sourcier.ingest import iter_documents
    from sourcier.model import Document

    base = [d.text for d in iter_documents([str(DEMO)]) if isinstance(d, Document)]
    return base * repeat, f"demo corpus x{repeat} ({len(base)} articles)"


def run_bare(texts: list[str], queue: mp.Queue) -> None:
    import spacy

    from sourcier.analyse.pipeline import MODEL

    nlp = spacy.load(MODEL)
    list(nlp.pipe(texts[:8]))
    start = time.process_time()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    queue.put((time.process_time() - start, words, _peak_mb()))


def run_sourcier(texts: list[str], queue: mp.Queue) -> None:
    from sourcier import analyze_many
    from sourcier.analyse.pipeline import get_nlp

    get_nlp()
    list(analyze_many(texts[:8]))
    start = time.process_time()
    n = sum(1 for _ in analyze_many(texts, batch_size=16))
    elapsed = time.process_time() - start
    words = sum(len(doc) for doc in get_nlp().tokenizer.pipe(texts))
    queue.put((elapsed, words, _peak_mb(), n))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(target, texts: list[str]) -> tuple:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=target, args=(texts, queue))
    proc.start()
    while True:
        try:
            result = queue.get(timeout=5)
            break
        except Empty:
            if not proc.is_alive():
                raise SystemExit(f"{target.__name__} failed (exit code {proc.exitcode})") from None
    proc.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts, label = load_texts(args.articles, args.repeat)
    print(f"texts: {label}")
    bare_s, bare_words, bare_mb = measure(run_bare, texts)
    ours_s, words, ours_mb, analysed = measure(run_sourcier, texts)
    bare_wps, ours_wps = bare_words / bare_s, words / ours_s
    print(f"bare nlp.pipe:        {bare_wps:10.0f} words/s  ({bare_words} words in {bare_s:.1f} CPU s), peak RSS {bare_mb:.0f} MB")
    print(f"sourcier.analyze_many:{ours_wps:10.0f} words/s  ({analysed} analyses in {ours_s:.1f} CPU s), peak RSS {ours_mb:.0f} MB")
    print(f"ratio (ours / bare): {ours_wps / bare_wps:.3f}   target >= 0.85")


if __name__ == "__main__":
    sys.exit(main())
