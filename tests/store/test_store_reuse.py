"""The reuse index kept in the store: a later ``reprints --db`` matches only the publications
added since, and finds what a full rebuild finds (texts written for these tests)."""

from __future__ import annotations

import json
from dataclasses import replace

import sqlalchemy as sa
from click.testing import CliRunner
from store_builders import article

import sourcier.link.reuse as reuse
import sourcier.store.reuse as stored
from sourcier.cli.main import main
from sourcier.link.reprints import find_reprints, store_items
from sourcier.link.reuse import ReuseSettings
from sourcier.store import schema
from sourcier.store.reuse import stored_reprints
from tests.link.test_reuse import PORT, QUOTE_BLOCK, SCHOOL, VINEYARD, _edited


def _first_batch():
    return [
        article(PORT, url="https://ouest.example/port", outlet="Ouest Littoral", published="2024-03-05"),
        article("Selon Ouest Littoral, " + PORT[:420], url="https://relais.example/port", outlet="Le Relais",
                published="2024-03-06"),
        article(VINEYARD, url="https://vignes.example/vendanges", outlet="Vignes et Terroirs"),
    ]


def _second_batch():
    return [
        article(_edited(PORT, 0.1, seed=3), url="https://cote.example/port", outlet="La Côte", published="2024-03-07"),
        article(SCHOOL + " " + QUOTE_BLOCK, url="https://ecole.example/classes", outlet="Rhône Info"),
        article(VINEYARD[:350] + " " + QUOTE_BLOCK, url="https://vignes.example/peche", outlet="Vignes et Terroirs"),
    ]


def _pairs(report):
    ids = [it.id for it in report.items]
    return sorted((ids[m.a], ids[m.b], m.kind, m.coverage_a, m.coverage_b, m.spans) for m in report.matches)


def _counting(monkeypatch):
    """Count the texts sketched and the pairs aligned from now on."""
    seen = {"sketched": 0, "verified": []}
    sketch, verify = stored.sketch, reuse.verify_pair

    def counting_sketch(texts, settings):
        seen["sketched"] += len(texts)
        return sketch(texts, settings)

    def counting_verify(a, b, *args):
        seen["verified"].append((a, b))
        return verify(a, b, *args)

    monkeypatch.setattr(stored, "sketch", counting_sketch)
    monkeypatch.setattr(reuse, "verify_pair", counting_verify)
    return seen


def test_a_later_call_matches_only_new_publications_and_equals_a_full_rebuild(store, monkeypatch):
    store.add_batch(_first_batch())
    first = stored_reprints(store)
    assert _pairs(first) == _pairs(find_reprints(store_items(store)))
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.reuse_sketches)).scalar() == 3
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.reuse_matches)).scalar() >= 1
    store.add_batch(_second_batch())
    seen = _counting(monkeypatch)
    again = stored_reprints(store)
    assert seen["sketched"] == 3  # the three new publications, none of the old ones
    assert seen["verified"] and all(max(a, b) >= 3 for a, b in seen["verified"])  # every pair aligned has a new one
    monkeypatch.undo()
    rebuilt = find_reprints(store_items(store))
    assert _pairs(again) == _pairs(rebuilt)
    kinds = {m.kind for m in again.matches}
    assert kinds == {"reprint", "partial"}
    seen = _counting(monkeypatch)
    assert _pairs(stored_reprints(store)) == _pairs(rebuilt)  # nothing new: nothing sketched or aligned
    assert seen == {"sketched": 0, "verified": []}


def test_any_threshold_is_applied_to_the_stored_matches(store):
    store.add_batch(_first_batch() + _second_batch())
    stored_reprints(store)
    for threshold in (0.3, 0.9):
        settings = ReuseSettings(min_similarity=threshold)
        assert _pairs(stored_reprints(store, settings)) == _pairs(find_reprints(store_items(store), settings))


def test_changed_settings_rebuild_the_stored_index(store, monkeypatch):
    store.add_batch(_first_batch())
    stored_reprints(store)
    seen = _counting(monkeypatch)
    other = replace(ReuseSettings(), max_gap_words=8)
    assert _pairs(stored_reprints(store, other)) == _pairs(find_reprints(store_items(store), other))
    assert seen["sketched"] == 3
    with store.engine.connect() as conn:
        [fingerprint] = conn.execute(sa.select(schema.reuse_settings.c.fingerprint)).scalars()
    assert json.loads(fingerprint)["max_gap_words"] == 8


def test_the_command_indexes_new_publications_and_offsets_stay_exact(store, db_url):
    store.add_batch(_first_batch())
    assert CliRunner().invoke(main, ["reprints", "--db", db_url, "--format", "json"]).exit_code == 0
    store.add_batch(_second_batch())
    result = CliRunner().invoke(main, ["reprints", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    members = [[m["outlet"] for m in cluster["members"]] for cluster in data["clusters"]]
    assert ["Ouest Littoral", "Le Relais", "La Côte"] in members
    texts = {it.id: it.text for it in store_items(store)}
    for pair in [p for cluster in data["clusters"] for p in cluster["spans"]] + data["partial_reuse"]:
        for span in pair["spans"]:
            assert texts[pair["a"]][span["a_start"] : span["a_end"]] == span["text"]
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.reuse_sketches)).scalar() == 6
