"""Scoring relations against gold annotations (``NAME.rel.json``, see docs/relations.md).

The figures are those of the project's reference relation scorer: a relation is the
set element (actor, type, target, negated), the two sides unordered for the symmetric
types (AGREE, CONSULT, COOPERATE); a state compares by its ISO 3166-1 alpha-3 code,
anything else by its normalised name, organisations through the names and aliases of
the knowledge base ("Nations unies" is the ONU). Precision and recall count distinct
relations per document; ``claimed_by`` accuracy is over matched relations: both
asserted, or the same speaker (one normalised name containing the other).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sourcier.analyse.relations.lexicon import SYMMETRIC
from sourcier.knowledge.actors import load_actors
from sourcier.knowledge.names import fold_letters, name_key

RelationKey = tuple[str, str, str, bool]
_ALPHA3 = re.compile(r"^[A-Z]{3}$")


def normalise(name: str | None) -> str:
    """Lower case, no accents, no leading article, words only."""
    if not name:
        return ""
    return " ".join(re.findall(r"\w+", name_key(fold_letters(str(name)))))


def actor_key(actor: Any) -> str:
    """A state's alpha-3 code, else the organisation's canonical name, normalised."""
    if isinstance(actor, dict):
        if actor.get("country"):
            return str(actor["country"]).upper()
        actor = actor.get("name")
    actor = actor or ""
    if _ALPHA3.match(actor):
        return actor
    known = load_actors().lookup(actor)
    if known is not None and known.kind == "organisation":
        return normalise(known.name)
    return normalise(actor)


def relation_key(relation: dict[str, Any]) -> RelationKey:
    actor, target, kind = actor_key(relation.get("actor")), actor_key(relation.get("target")), relation.get("type")
    if kind in SYMMETRIC:
        actor, target = sorted((actor, target))
    return (actor, str(kind), target, bool(relation.get("negated")))


def claimed_by(relation: dict[str, Any]) -> str:
    claimed = relation.get("claimed_by")
    if isinstance(claimed, dict):
        claimed = claimed.get("name")
    return normalise(claimed)


def _same_claim(gold: str, pred: str) -> bool:
    return gold == pred or bool(gold and pred and (gold in pred or pred in gold))


def _first_per_key(relations: Iterable[dict[str, Any]]) -> dict[RelationKey, dict[str, Any]]:
    found: dict[RelationKey, dict[str, Any]] = {}
    for relation in relations:
        found.setdefault(relation_key(relation), relation)
    return found


def score(documents: Iterable[tuple[list[dict], list[dict] | None]]) -> dict[str, Any]:
    """P/R/F1 and claimed_by accuracy over (gold relations, predicted relations) pairs."""
    matched = npred = ngold = claims = 0
    for gold_relations, predicted in documents:
        gold, pred = _first_per_key(gold_relations), _first_per_key(predicted or [])
        ngold += len(gold)
        npred += len(pred)
        for key in gold.keys() & pred.keys():
            matched += 1
            claims += _same_claim(claimed_by(gold[key]), claimed_by(pred[key]))
    p = matched / npred if npred else 0.0
    r = matched / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "gold": ngold, "pred": npred, "matched": matched,
        "P": round(100 * p, 1), "R": round(100 * r, 1), "F1": round(100 * f, 1),
        "claimed_by_acc": round(100 * claims / matched, 1) if matched else 0.0,
    }


def format_line(result: dict[str, Any]) -> str:
    return (
        f"relations: gold {result['gold']} predicted {result['pred']} matched {result['matched']} | "
        f"P {result['P']} R {result['R']} F1 {result['F1']} | claimed_by {result['claimed_by_acc']}"
    )


def gold_relation_names(gold_dir: Path) -> list[str]:
    return sorted(p.name[: -len(".rel.json")] for p in Path(gold_dir).glob("*.rel.json"))


def read_gold_relations(gold_dir: Path, name: str) -> list[dict]:
    return json.loads((Path(gold_dir) / f"{name}.rel.json").read_text(encoding="utf-8"))["relations"]


def read_predicted_relations(pred_dir: Path, name: str) -> list[dict] | None:
    path = Path(pred_dir) / f"{name}.json"
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8")).get("relations", [])
