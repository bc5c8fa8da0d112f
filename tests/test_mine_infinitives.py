"""The infinitive-frame mining script: it skips cleanly without the corpus and reads a form's frame."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "mine_infinitives.py"


def load():
    spec = importlib.util.spec_from_file_location("mine_infinitives", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_skips_without_the_corpus(monkeypatch, tmp_path, capsys):
    mine = load()
    monkeypatch.setattr(mine, "ORANGESUM", tmp_path / "absent.jsonl.gz")
    monkeypatch.setattr(sys, "argv", ["mine_infinitives.py"])
    assert mine.main() == 0
    assert "nothing to mine" in capsys.readouterr().err


def test_counts_a_verb_without_the_frame_and_skips_one_with_it(monkeypatch, tmp_path, capsys):
    corpus = tmp_path / "articles.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"article": "Le maire concède avoir perdu. La maire affirme avoir gagné."}) + "\n")
    mine = load()
    monkeypatch.setattr(mine, "ORANGESUM", corpus)
    monkeypatch.setattr(sys, "argv", ["mine_infinitives.py"])
    monkeypatch.setattr(mine, "_has_frame", lambda lemma, frame: lemma == "affirmer")
    assert mine.main() == 0
    out = capsys.readouterr().out
    assert "concéder" in out and "affirmer" not in out
