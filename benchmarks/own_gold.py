"""Sourcier against the project's own gold: hand-annotated OrangeSum articles.

    python benchmarks/own_gold.py [--set orangesum|orangesum2|orangesum3|orangesum4|all] [--keep DIR]
                                  [sourcier eval options: --errors, --json, --save DIR, ...]

Four sets of annotations (how each was drawn, annotated and reviewed: the README.md beside it):
``benchmarks/annotations/orangesum/annotations.jsonl`` (24 articles, tuned on since),
``benchmarks/annotations/orangesum2/annotations.jsonl`` (30 other articles, drawn later, tuned on since),
``benchmarks/annotations/orangesum3/annotations.jsonl`` (30 more, drawn after both, tuned on since) and
``benchmarks/annotations/orangesum4/annotations.jsonl`` (30 more, drawn after the three, a blind set);
``--set`` picks one, or ``all`` for all of them together (default: ``orangesum``). Each file has one line per
article, its OrangeSum id and every span as code-point offsets, with no text of the article, since the
corpus is not part of the project. This script reads each text from ../shared/corpora/orangesum/ (its
``article`` field, verbatim), rebuilds the gold file in the guidelines' format (``gold_file``) in a
temporary folder beside the text, checks it (``check``), and runs ``sourcier eval`` on the folder, which prints the same figures as on
../shared/eval/dev. It exits 0 with a message when ../shared is absent, and 1 when an annotation
does not fit its text.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SETS = {name: ROOT / "benchmarks" / "annotations" / name / "annotations.jsonl" for name in ("orangesum", "orangesum2", "orangesum3", "orangesum4")}
ANNOTATIONS = SETS["orangesum"]
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
PREFIX = "orangesum-"
TYPES = frozenset({"direct", "indirect", "mixed"})
ROLES = frozenset({"interview", "relay", "photo", "mention"})
QUOTE_FIELDS = frozenset({"type", "quote", "occurrence", "speaker", "speaker_mention", "cue", "via"})


def annotations(*paths: Path) -> dict[str, dict[str, Any]]:
    """OrangeSum id → its annotation (spans as offsets, no text), over the given files (default: the first set)."""
    lines = [line for path in paths or (ANNOTATIONS,) for line in path.read_text(encoding="utf-8").splitlines()]
    return {str(a["orangesum_id"]): a for a in map(json.loads, lines) if a}


def set_paths(name: str) -> list[Path]:
    """The annotation files of a set name of ``SETS``, or of all of them for ``all``."""
    if name == "all":
        return list(SETS.values())
    if name not in SETS:
        raise ValueError(f"unknown set {name!r}: choose among {', '.join([*SETS, 'all'])}")
    return [SETS[name]]


def gold_file(name: str, text: str, annotation: dict[str, Any]) -> dict[str, Any]:
    """The guidelines' gold record for one article: each offset pair read back as its text, and each
    quote's ``occurrence``, since the scorers locate a quote by its text and that index (a pair outside
    the text reads as an empty string, which ``check`` reports)."""

    def read(span: list[int] | None) -> str | None:
        return None if span is None else text[span[0] : span[1]] if 0 <= span[0] < span[1] <= len(text) else ""

    quotes = [{"type": q["type"], "quote": read(q["span"]), "occurrence": occurrence(text, read(q["span"]), q["span"][0]),
               "speaker": q["speaker"], "speaker_mention": read(q["speaker_mention"]), "cue": read(q["cue"]), "via": q["via"]}
              for q in annotation["quotes"]]
    sources = [{"name": s["name"], "mention": read(s["mention"]), "role": s["role"]} for s in annotation["sources"]]
    return {"id": name, "quotes": quotes, "sources": sources}


def occurrence(text: str, quote: str, start: int) -> int:
    """The 1-based index of the appearance of ``quote`` that starts at ``start``, counted as ``span_start``
    counts them (an earlier appearance may overlap it); 1 when ``quote`` is empty or not there."""
    count, at = 1, text.find(quote) if quote else start
    while 0 <= at < start:
        at, count = text.find(quote, at + 1), count + 1
    return count if at == start else 1


def corpus_texts(ids: set[str], corpus: Path = CORPUS) -> dict[str, str]:
    """The ``article`` field of each wanted OrangeSum id."""
    texts = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for raw in fh:
            record = json.loads(raw)
            if str(record["id"]) in ids:
                texts[str(record["id"])] = record["article"]
    return texts


def span_start(text: str, quote: str, occurrence: int) -> int:
    """Offset of the ``occurrence``-th (1-based) appearance of ``quote`` in ``text``; -1 when there is none."""
    start = -1
    for _ in range(occurrence):
        start = text.find(quote, start + 1)
        if start < 0:
            return -1
    return start


def check(name: str, text: str, gold: dict[str, Any]) -> list[str]:
    """Every way a gold file breaks the guidelines' format against its text (empty when none)."""
    problems = []
    if gold.get("id") != name:
        problems.append(f"{name}: id {gold.get('id')!r} is not the file's name")
    for k, q in enumerate(gold.get("quotes", [])):
        where = f"{name} quote {k + 1}"
        problems += [f"{where}: unknown field {f!r}" for f in sorted(set(q) - QUOTE_FIELDS)]
        if q.get("type") not in TYPES:
            problems.append(f"{where}: type {q.get('type')!r} not in {sorted(TYPES)}")
        span, occurrence = q.get("quote") or "", q.get("occurrence", 1)
        start = span_start(text, span, occurrence) if span else -1
        if start < 0 or text[start : start + len(span)] != span:
            problems.append(f"{where}: {span[:50]!r} (occurrence {occurrence}) is not in the text")
        elif span != span.strip() or (q["type"] != "direct" and span.endswith(".")):
            problems.append(f"{where}: {span[:50]!r} has outer spaces or a final full stop")
        if not isinstance(q.get("via"), list):
            problems.append(f"{where}: via must be a list")
        for key in ("speaker_mention", "cue"):
            if q.get(key) and q[key] not in text:
                problems.append(f"{where}: {key} {q[key]!r} is not in the text")
    for s in gold.get("sources", []):
        if s.get("role") not in ROLES:
            problems.append(f"{name} source {s.get('name')!r}: role {s.get('role')!r} not in {sorted(ROLES)}")
        if not s.get("mention") or s["mention"] not in text:
            problems.append(f"{name} source {s.get('name')!r}: mention {s.get('mention')!r} is not in the text")
    return problems


def materialise(target: Path, *paths: Path, corpus: Path = CORPUS) -> list[str]:
    """Write NAME.txt and NAME.gold.json pairs of the given annotation files (default: the first set)
    into ``target``; return the problems found."""
    wanted = annotations(*paths)
    texts = corpus_texts(set(wanted), corpus)
    problems = []
    for oid, annotation in wanted.items():
        name = PREFIX + oid
        if oid not in texts:
            problems.append(f"{name}: id {oid} is not in {corpus}")
            continue
        gold = gold_file(name, texts[oid], annotation)
        problems += check(name, texts[oid], gold)
        (target / f"{name}.txt").write_text(texts[oid], encoding="utf-8")
        (target / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return problems


def pop_option(argv: list[str], name: str) -> tuple[str | None, list[str]]:
    """The value given to ``name`` in ``argv`` (None when absent) and ``argv`` without the pair."""
    if name not in argv:
        return None, argv
    at = argv.index(name)
    return argv[at + 1], argv[:at] + argv[at + 2 :]


def main(argv: list[str]) -> int:
    keep, argv = pop_option(argv, "--keep")
    chosen, argv = pop_option(argv, "--set")
    try:
        paths = set_paths(chosen or "orangesum")
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    if not CORPUS.exists():
        print(f"OrangeSum is not available ({CORPUS}): nothing to score")
        return 0
    from sourcier.cli.main import main as sourcier

    with tempfile.TemporaryDirectory(prefix="sourcier-own-gold-") as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        problems = materialise(folder, *paths)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            return 1
        sourcier.main(["eval", str(folder), *argv], prog_name="sourcier")  # exits with its status
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
