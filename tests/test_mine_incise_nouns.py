"""The incise-noun mining script: it skips cleanly without the corpus, and counts who speaks after a quotation."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "mine_incise_nouns.py"


def load():
    spec = importlib.util.spec_from_file_location("mine_incise_nouns", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_skips_without_the_corpus(monkeypatch, tmp_path, capsys):
    mine = load()
    monkeypatch.setattr(mine, "ORANGESUM", tmp_path / "absent.jsonl.gz")
    monkeypatch.setattr(sys, "argv", ["mine_incise_nouns.py"])
    assert mine.main() == 0
    assert "nothing to mine" in capsys.readouterr().out


def test_counts_the_noun_of_an_incise_subject_and_leaves_out_known_nouns_and_verbs_read_as_articles():
    mine = load()
    lines = [
        json.dumps({"article": "« Le bus est en retard », raconte la cliente. « Rien ne va », a lancé le maire."}),
        json.dumps({"article": "\"Tout est fermé\", a expliqué jeudi une cliente du magasin."}),
    ]
    counts, articles = mine.mine(lines, frozenset({"maire"}))
    assert counts == {"cliente": 2}  # not "ncé" out of "a lancé", not the known "maire"
    assert articles["cliente"] == {0, 1}
