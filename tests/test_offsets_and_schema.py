"""Offsets are sacred, and every analysis is a valid ``sourcier.analysis/1`` object.

Runs the whole pipeline over every demo article (txt and html) and, when the
shared dev set is present, over its real texts too.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from sourcier import analyze
from sourcier.schema import analysis_schema, validate
from tests.conftest import DEMO_CORPUS, EVAL_DEV

pytestmark = pytest.mark.slow

DEMO_FILES = sorted(p for p in DEMO_CORPUS.glob("*") if p.suffix in (".txt", ".html"))


def iter_spans(data: dict):
    """Every (where, span-dict) pair of an analysis object."""
    for e in data["entities"]:
        for m in e["mentions"]:
            yield f"entity {e['id']}", m
    for q in data["quotes"]:
        yield f"quote {q['id']}", q
        if q["speaker"]["mention"]:
            yield f"quote {q['id']} speaker", q["speaker"]["mention"]
        if q["cue"]:
            yield f"quote {q['id']} cue", q["cue"]
    for s in data["sources"]:
        for m in s["mentions"]:
            yield f"source {s['id']}", m
    for r in data["relations"]:
        for name in ("evidence", "time"):
            if r[name]:
                yield f"relation {r['id']} {name}", r[name]
        for side in ("actor", "target"):
            yield f"relation {r['id']} {side}", r[side]["mention"]


def check_analysis(data: dict) -> None:
    validate(data)
    text = data["text"]
    for where, span in iter_spans(data):
        assert text[span["start"] : span["end"]] == span["text"], where
    previous_end = 0
    for p in data["paragraphs"]:
        assert previous_end <= p["start"] < p["end"] <= len(text)
        chunk = text[p["start"] : p["end"]]
        assert chunk == chunk.strip() and chunk
        previous_end = p["end"]
    ids = {e["id"] for e in data["entities"]}
    source_ids = {s["id"] for s in data["sources"]}
    for q in data["quotes"]:
        assert q["speaker"]["entity"] is None or q["speaker"]["entity"] in ids
        assert all(v["source"] in source_ids for v in q["via"])
    quote_ids = {q["id"] for q in data["quotes"]}
    for r in data["relations"]:
        assert r["claimed_by"] is None or r["claimed_by"]["quote"] in quote_ids
        assert all(r[side]["entity"] is None or r[side]["entity"] in ids for side in ("actor", "target"))


def test_demo_corpus_is_there():
    assert len(DEMO_FILES) >= 30
    assert any(p.suffix == ".txt" for p in DEMO_FILES) and any(p.suffix == ".html" for p in DEMO_FILES)


@pytest.mark.parametrize("path", DEMO_FILES, ids=lambda p: p.name)
def test_offsets_and_schema_on_demo(path: Path):
    data = analyze(path).to_dict()
    check_analysis(data)
    if path.suffix == ".txt":
        assert data["text"] == path.read_bytes().decode(data_encoding(data)).removeprefix("\ufeff")


def data_encoding(data: dict) -> str:
    return "cp1252" if any("cp1252" in w for w in data["warnings"]) else "utf-8"


@pytest.mark.skipif(not EVAL_DEV.exists(), reason="the shared dev set is not available")
def test_offsets_and_schema_on_real_texts():
    for path in sorted(EVAL_DEV.glob("*.txt")):
        data = analyze(path).to_dict()
        check_analysis(data)
        assert data["text"] == path.read_text(encoding="utf-8")


def test_schema_rejects_a_broken_analysis():
    data = analyze("Le ministre malien des Affaires étrangères était à Dakar lundi pour une visite.").to_dict()
    validate(data)
    data["quotes"] = [{"id": "q1", "type": "rumour", "start": 0, "end": 2, "text": "Le"}]
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_schema_file_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(analysis_schema())
