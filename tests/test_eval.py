"""``sourcier.evaluate`` and ``sourcier eval``: the reference scorer's figures, computed our way."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from sourcier import evaluate
from sourcier.evaluate import Annotated, Item

from tests.conftest import EVAL_DEV, SHARED, load_reference_scorer

def reference_scorer():
    return load_reference_scorer("score.py")


@pytest.mark.parametrize(
    ("gold", "pred", "strict", "lenient"),
    [
        ("Abdoulaye Diop", "Abdoulaye Diop", True, True),
        ("Abdoulaye Diop", "abdoulaye diop", True, True),
        ("Abdoulaye Diop", "Diop", False, True),
        ("Abdoulaye Diop", "M. Diop", False, True),
        ("Abdoulaye Diop", "Abdoulaye", False, False),
        ("l'armée israélienne", "l’armée israélienne", True, True),
        (None, None, True, True),
        (None, "Diop", False, False),
        ("Diop", None, False, False),
    ],
)
def test_eval_speaker_match(gold, pred, strict, lenient):
    assert evaluate.same_speaker(gold, pred, lenient=False) is strict
    assert evaluate.same_speaker(gold, pred, lenient=True) is lenient


def test_eval_matching_is_one_to_one_best_first():
    gold = [Item(0, 10, "direct", "A"), Item(20, 30, "direct", "B")]
    pred = [Item(0, 12, "direct", "A"), Item(21, 30, "direct", "B")]
    assert sorted(evaluate.match(gold, pred, "@0.3")) == [(0, 0), (1, 1)]
    # one prediction over both gold quotes matches one of them only
    assert len(evaluate.match(gold, [Item(0, 30, "direct", "A")], "@0.3")) == 1
    assert evaluate.match(gold, [Item(0, 30, "direct", "A")], "iou0.5") == []


def _synthetic(seed: int) -> list[tuple[str, Annotated, Annotated]]:
    """Gold and predictions with shifted spans, wrong speakers and types, extra and missing quotes."""
    rng = random.Random(seed)
    docs = []
    for d in range(6):
        gold, pred = [], []
        for k in range(rng.randint(0, 8)):
            start = k * 100 + rng.randint(0, 20)
            end = start + rng.randint(5, 60)
            name = rng.choice(["Abdoulaye Diop", "Assimi Goïta", "la police", None])
            kind = rng.choice(["direct", "indirect", "mixed"])
            gold.append(Item(start, end, kind, name, rng.choice([[], ["Sputnik"], ["AFP", "RFI"]])))
            if rng.random() < 0.8:
                shift = rng.randint(-15, 15)
                pred.append(Item(start + shift, end + rng.randint(-20, 20), rng.choice([kind, "direct"]),
                                 rng.choice([name, "Diop", "M. Goïta", None]), rng.choice([[], ["Sputnik"]])))
            if rng.random() < 0.2:
                pred.append(Item(start + 50, start + 70, "indirect", "X", []))
        sources = [("Sputnik", "interview"), ("AFP", "relay")][: rng.randint(0, 2)]
        docs.append((f"doc{d}", Annotated(gold, sources), Annotated(pred, [("Sputnik", "relay")])))
    return docs


def _as_files(tmp_path, docs):
    """Write ``docs`` in the gold and prediction formats the reference scorer reads."""
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    for name, gold, pred in docs:
        (gold_dir / f"{name}.txt").write_text("x" * 1000, encoding="utf-8")
        quotes = [{"type": q.type, "start": q.start, "end": q.end, "speaker": q.speaker, "via": q.via}
                  for q in gold.quotes]
        sources = [{"name": n, "role": r} for n, r in gold.sources]
        (gold_dir / f"{name}.gold.json").write_text(json.dumps({"quotes": quotes, "sources": sources}))
        pquotes = [{"type": q.type, "start": q.start, "end": q.end, "speaker": {"name": q.speaker},
                    "via": [{"name": v, "source": "s1"} for v in q.via]} for q in pred.quotes]
        psources = [{"name": n, "role": r} for n, r in pred.sources]
        (pred_dir / f"{name}.json").write_text(json.dumps({"quotes": pquotes, "sources": psources}))
    return gold_dir, pred_dir


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_eval_figures_equal_the_reference_scorer_on_synthetic_data(tmp_path, seed):
    reference = reference_scorer()
    gold_dir, pred_dir = _as_files(tmp_path, _synthetic(seed))
    assert evaluate.score_dirs(gold_dir, pred_dir) == reference.score(str(gold_dir), str(pred_dir))


@pytest.mark.slow
def test_eval_figures_equal_the_reference_scorer_on_dev(tmp_path):
    if not EVAL_DEV.exists():
        pytest.skip("the dev set (../shared/eval/dev) is not available")
    reference = reference_scorer()
    from sourcier.cli.main import main

    result = CliRunner().invoke(main, ["eval", str(EVAL_DEV), "--save", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output)
    relations = ours.pop("relations", None)  # scored by the reference relation scorer, below
    assert ours == reference.score(str(EVAL_DEV), str(tmp_path))
    assert ours["documents"] == len(list(EVAL_DEV.glob("*.gold.json")))
    if (SHARED / "eval" / "rel_score.py").exists() and list(EVAL_DEV.glob("*.rel.json")):
        from tests.test_eval_relations import reference_scorer as relation_scorer

        assert relations == relation_scorer().score(str(EVAL_DEV), str(tmp_path))


def test_eval_cli_scores_a_prediction_dir_and_lists_errors(tmp_path):
    gold_dir, pred_dir = _as_files(tmp_path, _synthetic(4))
    from sourcier.cli.main import main

    result = CliRunner().invoke(main, ["eval", str(gold_dir), "--pred-dir", str(pred_dir), "--errors"])
    assert result.exit_code == 0, result.output
    assert "quotes @0.3" in result.output and "iou0.5" in result.output
    assert "MISS" in result.output or "FALSE" in result.output


def test_eval_cli_without_gold_files_says_what_it_needs(tmp_path):
    from sourcier.cli.main import main

    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code != 0
    assert "gold.json" in result.output


def test_eval_scores_a_predicted_byline_as_a_relay():
    gold = Annotated([], [("AFP", "relay"), ("RFI", "interview")])
    pred = evaluate.load_prediction({"quotes": [], "sources": [{"name": "AFP", "role": "byline"},
                                                               {"name": "RFI", "role": "byline"}]})
    assert pred.sources == [("AFP", "relay"), ("RFI", "relay")]
    result = evaluate.score([("doc", gold, pred)])
    assert result["sources"]["name_role"] == {"P": 50.0, "R": 50.0, "F1": 50.0}
