"""Relations in the store: kept with their evidence offsets, filtered, counted per month; the CLI."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from click.testing import CliRunner
from store_builders import article

from sourcier.store import relations as stored

T1 = "Le Mali a condamné la France. « La Russie nous aide », a dit le ministre."
T2 = "Reprise : le Mali a condamné la France. Le Niger a signé un accord avec le Tchad."
T3 = "Le Mali a condamné la France, encore."


def relation(text: str, evidence: str, kind: str, actor: str, target: str, *, claimed_by: str | None = None,
             negated: bool = False) -> dict:
    start = text.index(evidence)
    span = {"start": start, "end": start + len(evidence), "text": evidence}
    side = lambda code: {"name": code, "kind": "state", "country": code, "entity": None, "mention": span}  # noqa: E731
    return {
        "id": "r1", "type": kind, "mode": None, "context": [], "cameo": "112", "actor": side(actor),
        "target": side(target), "negated": negated, "time": None, "evidence": span,
        "claimed_by": {"quote": "q1", "name": claimed_by, "entity": None} if claimed_by else None,
        "confidence": 0.8,
    }


@pytest.fixture
def corpus(store):
    a1 = article(T1, outlet="Jeune Afrique", published="2024-03-05", relations=[
        relation(T1, "Le Mali a condamné la France", "ACCUSE", "MLI", "FRA"),
        relation(T1, "La Russie nous aide", "AID", "RUS", "MLI", claimed_by="Abdoulaye Diop"),
    ])
    a2 = article(T2, outlet="RFI", published="2024-03-20", relations=[
        relation(T2, "le Mali a condamné la France", "ACCUSE", "MLI", "FRA"),
        relation(T2, "Le Niger a signé un accord avec le Tchad", "AGREE", "NER", "TCD"),
    ])
    a3 = article(T3, outlet="Maliweb", published="2024-04-02", relations=[
        relation(T3, "Le Mali a condamné la France", "ACCUSE", "MLI", "FRA"),
    ])
    store.add_batch([a1, a2, a3])
    return store


def test_relations_are_kept_with_their_evidence_offsets(corpus):
    hits = stored.relations(corpus)
    assert len(hits) == 5
    texts = {T1, T2, T3}
    for hit in hits:
        assert any(t[hit.evidence_start : hit.evidence_end] == hit.evidence for t in texts)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "MLI"}, 3),
        ({"actor": "Bamako"}, 3),  # a capital stands for its state
        ({"target": "la France", "type": "accuse"}, 3),
        ({"actor": "Niger", "target": "TCD"}, 1),
        ({"since": date(2024, 3, 10)}, 3),
        ({"claimed_by": "diop"}, 1),
        ({"actor": "MLI", "until": date(2024, 3, 31)}, 2),
    ],
)
def test_relation_filters(corpus, filters, expected):
    assert len(stored.relations(corpus, **filters)) == expected


def test_timeline_counts_a_republished_story_once(corpus):
    rows = stored.timeline(corpus, actor="MLI", target="FRA")
    # March: the same sentence in two outlets (one case apart) is one event; April: one more.
    assert rows == [("2024-03", "ACCUSE", 1), ("2024-04", "ACCUSE", 1)]


def test_cli_relations_and_timeline_as_csv(corpus, db_url):
    from sourcier.cli.main import main

    result = CliRunner().invoke(main, ["relations", "--db", db_url, "--actor", "MLI", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["actor"], r["type"], r["target"]) for r in rows} == {("MLI", "ACCUSE", "FRA")}
    assert len(rows) == 3
    result = CliRunner().invoke(main, ["relations", "--db", db_url, "--type", "AID", "--timeline", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.output))) == [["month", "type", "count"], ["2024-03", "AID", "1"]]
