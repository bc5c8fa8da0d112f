"""Sourcier against the project's own gold: hand-annotated OrangeSum articles.

    python benchmarks/own_gold.py [--keep DIR] [sourcier eval options: --errors, --json, --save DIR, ...]

The gold files live in ``benchmarks/gold/orangesum/`` (``orangesum-ID.gold.json``; how they were
drawn, annotated and reviewed: README.md there); the article texts do not, since the corpus is not
part of the project. This script materialises each text from ../shared/corpora/orangesum/ (its
``article`` field, verbatim) into a temporary folder beside its gold file, checks every gold span
against the text (``check``), and runs ``sourcier eval`` on the folder, which prints the same
figures as on ../shared/eval/dev. It exits 0 with a message when ../shared is absent, and 1 when a
gold file does not fit its text.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold" / "orangesum"
CORPUS = ROOT.parent / "shared" / "corpora" / "orangesum" / "articles.jsonl.gz"
PREFIX = "orangesum-"
TYPES = frozenset({"direct", "indirect", "mixed"})
ROLES = frozenset({"interview", "relay", "photo", "mention"})
QUOTE_FIELDS = frozenset({"type", "quote", "occurrence", "speaker", "speaker_mention", "cue", "via"})


def gold_files(gold_dir: Path = GOLD) -> dict[str, Path]:
    """OrangeSum id → its gold file."""
    return {p.name[len(PREFIX) : -len(".gold.json")]: p for p in sorted(gold_dir.glob(f"{PREFIX}*.gold.json"))}


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


def materialise(target: Path, gold_dir: Path = GOLD, corpus: Path = CORPUS) -> list[str]:
    """Write NAME.txt and NAME.gold.json pairs into ``target``; return the problems found."""
    files = gold_files(gold_dir)
    texts = corpus_texts(set(files), corpus)
    problems = []
    for oid, path in files.items():
        name = PREFIX + oid
        if oid not in texts:
            problems.append(f"{name}: id {oid} is not in {corpus}")
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        problems += check(name, texts[oid], gold)
        (target / f"{name}.txt").write_text(texts[oid], encoding="utf-8")
        shutil.copyfile(path, target / f"{name}.gold.json")
    return problems


def main(argv: list[str]) -> int:
    keep = None
    if "--keep" in argv:
        at = argv.index("--keep")
        keep, argv = Path(argv[at + 1]), argv[:at] + argv[at + 2 :]
    if not CORPUS.exists():
        print(f"OrangeSum is not available ({CORPUS}): nothing to score")
        return 0
    from sourcier.cli.main import main as sourcier

    with tempfile.TemporaryDirectory(prefix="sourcier-own-gold-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        problems = materialise(folder)
        for line in problems:
            print(line, file=sys.stderr)
        if problems:
            return 1
        sourcier.main(["eval", str(folder), *argv], prog_name="sourcier")  # exits with its status
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
