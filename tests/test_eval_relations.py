"""``sourcier.evaluate_relations`` and ``sourcier eval``: the reference relation scorer's figures, our way."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from sourcier import evaluate_relations
from tests.conftest import EVAL_DEV, load_reference_scorer

def reference_scorer():
    return load_reference_scorer("rel_score.py")


def state(code: str | None, name: str) -> dict:
    return {"name": name, "country": code}


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        ({"actor": "MLI", "type": "AGREE", "target": "RUS"}, {"actor": state("RUS", "Russie"), "type": "AGREE", "target": state("MLI", "Mali")}, True),
        ({"actor": "MLI", "type": "AID", "target": "RUS"}, {"actor": state("RUS", "Russie"), "type": "AID", "target": state("MLI", "Mali")}, False),
        ({"actor": "FRA", "type": "ACCUSE", "target": "Union africaine"}, {"actor": state("FRA", "France"), "type": "ACCUSE", "target": state(None, "UA")}, True),
        ({"actor": "FRA", "type": "ACCUSE", "target": "ONU", "negated": True}, {"actor": state("FRA", "France"), "type": "ACCUSE", "target": state(None, "ONU")}, False),
    ],
)
def test_relation_keys(gold, pred, same):
    assert (evaluate_relations.relation_key(gold) == evaluate_relations.relation_key(pred)) is same


def _predicted(gold: list[dict], rng: random.Random) -> list[dict]:
    """Predictions from gold: some dropped, flipped, reversed, re-attributed, some invented."""
    out = []
    for relation in gold:
        roll = rng.random()
        if roll < 0.2:
            continue
        pred = dict(relation)
        pred["actor"] = {"name": relation["actor_name"], "country": relation["actor"] if len(relation["actor"]) == 3 and relation["actor"].isupper() else None}
        if pred["actor"]["country"] is None:
            pred["actor"]["name"] = relation["actor"]
        pred["target"] = relation["target"]
        if roll < 0.3:
            pred["negated"] = not relation["negated"]
        elif roll < 0.4:
            pred["actor"], pred["target"] = pred["target"], pred["actor"]
        elif roll < 0.5:
            pred["claimed_by"] = {"name": "Quelqu'un d'autre"} if relation["claimed_by"] is None else None
        out.append(pred)
    if rng.random() < 0.5:
        out.append({"actor": {"name": "Mali", "country": "MLI"}, "type": "ASSAULT", "target": "NER", "negated": False})
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_equal_the_reference_scorers(tmp_path, seed):
    reference = reference_scorer()
    if not EVAL_DEV.exists():
        pytest.skip("the dev set (../shared/eval/dev) is not available")
    rng = random.Random(seed)
    documents = []
    for name in evaluate_relations.gold_relation_names(EVAL_DEV):
        gold = evaluate_relations.read_gold_relations(EVAL_DEV, name)
        predicted = _predicted(gold, rng)
        (tmp_path / f"{name}.json").write_text(json.dumps({"relations": predicted}), encoding="utf-8")
        documents.append((gold, predicted))
    ours = evaluate_relations.score(documents)
    assert ours == reference.score(str(EVAL_DEV), str(tmp_path))
    assert 0 < ours["matched"] < ours["gold"]


def test_eval_command_reports_relations(tmp_path):
    from sourcier.cli.main import main

    (tmp_path / "gold").mkdir()
    text = "Le Mali a condamné le Niger."
    (tmp_path / "gold" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "gold" / "a.gold.json").write_text(json.dumps({"quotes": [], "sources": []}), encoding="utf-8")
    gold = {"relations": [{"type": "ACCUSE", "actor": "MLI", "target": "NER", "negated": False, "claimed_by": None}]}
    (tmp_path / "gold" / "a.rel.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "pred").mkdir()
    relation = {"type": "ACCUSE", "actor": state("MLI", "Mali"), "target": state("NER", "Niger"), "negated": False, "claimed_by": None}
    prediction = {"text": text, "quotes": [], "sources": [], "relations": [relation, {**relation, "type": "THREATEN"}]}
    (tmp_path / "pred" / "a.json").write_text(json.dumps(prediction), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "gold"), "--pred-dir", str(tmp_path / "pred"), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["relations"]
    assert (figures["matched"], figures["P"], figures["R"], figures["claimed_by_acc"]) == (1, 50.0, 100.0, 100.0)
