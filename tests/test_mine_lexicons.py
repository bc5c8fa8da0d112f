"""The lexicon mining script: it skips cleanly without the corpus, and its counters read a parse right."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "mine_lexicons.py"
NOUNS_SCRIPT = SCRIPT.with_name("mine_incise_nouns.py")  # nouns for people, from incises


def load(script: Path = SCRIPT):
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", [SCRIPT, NOUNS_SCRIPT], ids=lambda p: p.stem)
def test_skips_without_the_corpus(monkeypatch, tmp_path, capsys, script):
    mine = load(script)
    monkeypatch.setattr(mine, "ORANGESUM", tmp_path / "absent.jsonl.gz")
    monkeypatch.setattr(sys, "argv", [script.name])
    assert mine.main() == 0
    assert "nothing to mine" in capsys.readouterr().out


def test_counts_the_noun_of_an_incise_subject_and_leaves_out_known_nouns_and_verbs_read_as_articles():
    mine = load(NOUNS_SCRIPT)
    lines = [
        json.dumps({"article": "« Le bus est en retard », raconte la cliente. « Rien ne va », a lancé le maire."}),
        json.dumps({"article": "\"Tout est fermé\", a expliqué jeudi une cliente du magasin."}),
    ]
    counts, articles = mine.mine(lines, frozenset({"maire"}))
    assert counts == {"cliente": 2}  # not "ncé" out of "a lancé", not the known "maire"
    assert articles["cliente"] == {0, 1}


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
