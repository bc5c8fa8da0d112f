"""The lexicon mining script: it skips cleanly without the corpus, and its counters read a parse right."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "mine_lexicons.py"


def load():
    spec = importlib.util.spec_from_file_location("mine_lexicons", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_skips_without_the_corpus(monkeypatch, tmp_path, capsys):
    mine = load()
    monkeypatch.setattr(mine, "ORANGESUM", tmp_path / "absent.jsonl.gz")
    monkeypatch.setattr(sys, "argv", ["mine_lexicons.py"])
    assert mine.main() == 0
    assert "nothing to mine" in capsys.readouterr().out


@pytest.mark.slow
def test_counts_frames_of_verbs_nouns_and_attribution_heads():
    from sourcier.analyse.pipeline import get_nlp

    mine = load()
    miner = mine.Miner()
    doc = get_nlp()("La ministre a réaffirmé que la route resterait fermée. « Nous verrons », a réagi le maire."
                    " Il a annoncé son intention de partir. Selon le préfet, le pont tiendra.")
    miner.read(doc, 0)
    assert miner.verbs["réaffirmer"]["que"] == 1
    assert miner.verbs["réagir"]["incise"] == 1
    assert miner.nouns["intention"]["de"] == 1
    assert miner.selon["préfet"]["selon"] == 1
