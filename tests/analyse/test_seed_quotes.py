"""The user's own example: every quote of the seed article found, typed, attributed to Abdoulaye Diop."""

from __future__ import annotations

import json

import pytest

from sourcier import analyze
from tests.conftest import EVAL_DEV, SEED

pytestmark = pytest.mark.slow

GOLD = EVAL_DEV / "seed-mali-russie.gold.json"


@pytest.mark.skipif(not (SEED.exists() and GOLD.exists()), reason="the seed and its gold file (../shared) are not available")
def test_every_seed_quote_found_typed_and_attributed():
    analysis = analyze(SEED)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["quotes"]
    found = {(q.start, q.end): q for q in analysis.quotes}
    assert len(analysis.quotes) == len(gold)
    for g in gold:
        start = analysis.text.index(g["quote"])
        quote = found.get((start, start + len(g["quote"])))
        assert quote is not None, g["quote"]
        assert quote.type == g["type"]
        assert quote.speaker.name == "Abdoulaye Diop"
        assert quote.speaker.entity is not None
        assert sorted(v.name for v in quote.via) == sorted(g["via"])
