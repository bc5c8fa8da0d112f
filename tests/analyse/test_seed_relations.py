"""The seed article gives exactly its six gold relations, asserted or claimed by Abdoulaye Diop."""

from __future__ import annotations

import json

import pytest

from sourcier import analyze
from sourcier.evaluate_relations import claimed_by, relation_key
from tests.conftest import EVAL_DEV, SEED

pytestmark = pytest.mark.slow

GOLD = EVAL_DEV / "seed-mali-russie.rel.json"


@pytest.mark.skipif(not (SEED.exists() and GOLD.exists()), reason="the seed and its relation gold (../shared) are not available")
def test_the_seed_gives_its_six_relations():
    analysis = analyze(SEED)
    gold = {relation_key(r): r for r in json.loads(GOLD.read_text(encoding="utf-8"))["relations"]}
    found = {relation_key(r): r for r in analysis.relations}
    assert found.keys() == gold.keys()
    for key, relation in found.items():
        assert claimed_by(relation) == claimed_by(gold[key]), key
        evidence = relation["evidence"]
        assert analysis.text[evidence["start"] : evidence["end"]] == evidence["text"]
        if relation["claimed_by"]:
            quote = next(q for q in analysis.quotes if q.id == relation["claimed_by"]["quote"])
            assert quote.start <= evidence["start"] < quote.end
