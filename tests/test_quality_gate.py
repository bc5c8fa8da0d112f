"""Quality gate: quote, speaker and source figures may not fall below pinned floors.

Two sets: the project's own demo corpus (always present; expected annotations in
``demo/corpus/*.expected.json``, same conventions as the gold files) and, when the
developers' shared data is present, the real-text dev set. Floors live in
``tests/quality_floors.json``; lowering one is a deliberate, reviewed change.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sourcier import analyze
from sourcier.evaluate import Annotated, load_gold, load_prediction, read_gold, score
from tests.conftest import DEMO_CORPUS, EVAL_DEV, EVAL_DEV2

pytestmark = pytest.mark.slow

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text(encoding="utf-8"))
# Browsers show U+00A0/U+202F; the HTML reader turns them into plain spaces.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def demo_documents() -> list[tuple[str, Annotated, Annotated]]:
    documents = []
    for expected in sorted(DEMO_CORPUS.glob("*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        path = next(p for p in (expected.with_name(name + ".html"), expected.with_name(name + ".txt")) if p.exists())
        analysis = analyze(path).to_dict()
        gold = json.loads(expected.read_text(encoding="utf-8"))
        if path.suffix == ".html":
            for quote in gold["quotes"]:
                quote["quote"] = quote["quote"].translate(_SPACES)
        documents.append((name, load_gold(gold, analysis["text"]), load_prediction(analysis)))
    return documents


def check(result: dict, floors: dict) -> None:
    figures = {
        "quotes_F1@0.3": result["quotes"]["@0.3"]["F1"],
        "quotes_F1@iou0.5": result["quotes"]["iou0.5"]["F1"],
        "speaker_strict@0.3": result["quotes"]["@0.3"]["speaker_strict"],
        "speaker_lenient@0.3": result["quotes"]["@0.3"]["speaker_lenient"],
        "via_F1@0.3": result["quotes"]["@0.3"]["via_F1"],
        "sources_name_F1": result["sources"]["name"]["F1"],
        "sources_name_role_F1": result["sources"]["name_role"]["F1"],
    }
    below = {k: (figures[k], floor) for k, floor in floors.items() if figures[k] < floor}
    assert set(floors) == set(figures), "every figure has a floor"
    assert not below, f"below the pinned floors (figure, floor): {below}"


def test_quality_gate_on_the_demo_corpus():
    documents = demo_documents()
    assert all(q.start >= 0 for _, gold, _ in documents for q in gold.quotes), "an expected quote is not in the text"
    check(score(documents), FLOORS["demo"])


def gold_set_documents(gold_dir: Path) -> list[tuple[str, Annotated, Annotated]]:
    documents = []
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        name = gold_file.name.removesuffix(".gold.json")
        _, gold = read_gold(gold_dir, name)
        documents.append((name, gold, load_prediction(analyze(gold_dir / f"{name}.txt").to_dict())))
    return documents


@pytest.mark.skipif(not EVAL_DEV.exists(), reason="the shared dev set is not available")
def test_quality_gate_on_the_dev_set():
    check(score(gold_set_documents(EVAL_DEV)), FLOORS["dev"])


@pytest.mark.skipif(not EVAL_DEV2.exists(), reason="the shared check set is not available")
def test_quality_gate_on_the_check_set():
    check(score(gold_set_documents(EVAL_DEV2)), FLOORS["dev2"])
