"""The lexicon mining scripts: they skip cleanly without the corpus, and their counters read right."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str = "mine_lexicons"):
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["mine_lexicons", "mine_infinitives", "mine_incise_nouns"])
def test_skips_without_the_corpus(monkeypatch, tmp_path, capsys, name):
    mine = load(name)
    monkeypatch.setattr(mine, "ORANGESUM", tmp_path / "absent.jsonl.gz")
    monkeypatch.setattr(sys, "argv", [f"{name}.py"])
    assert mine.main() == 0
    assert "nothing to mine" in capsys.readouterr().out


def test_infinitives_counts_a_verb_without_the_frame_and_skips_one_with_it(monkeypatch, tmp_path, capsys):
    corpus = tmp_path / "articles.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"article": "Le maire concède avoir perdu. La maire affirme avoir gagné."}) + "\n")
    mine = load("mine_infinitives")
    monkeypatch.setattr(mine, "ORANGESUM", corpus)
    monkeypatch.setattr(sys, "argv", ["mine_infinitives.py"])
    monkeypatch.setattr(mine, "_has_frame", lambda lemma, frame: lemma == "affirmer")
    assert mine.main() == 0
    out = capsys.readouterr().out
    assert "concéder" in out and "affirmer" not in out


def test_counts_the_noun_of_an_incise_subject_and_leaves_out_known_nouns_and_verbs_read_as_articles():
    mine = load("mine_incise_nouns")
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
