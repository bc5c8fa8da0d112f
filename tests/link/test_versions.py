"""Versions of one story: one outlet's same title a few days apart, linked by the title alone
(texts written for these tests)."""

from __future__ import annotations

from sourcier.knowledge.outlets import load_outlets
from sourcier.link.reprints import ReprintItem, find_reprints
from sourcier.link.trace import provenance_for, publication_trail
from sourcier.link.versions import find_versions, title_key
from tests.link.test_reuse import PORT, SCHOOL, VINEYARD

TITLE = "Saint-Malo : le port de plaisance sera rénové"


def _items():
    return [
        ReprintItem("lundi", PORT, outlet="Ouest Littoral", published="2024-03-04T09:00", title=TITLE),
        ReprintItem("mardi", SCHOOL, outlet="Ouest Littoral", published="2024-03-05T18:30", title=TITLE.upper()),
        ReprintItem("ailleurs", VINEYARD, outlet="Le Relais", published="2024-03-05", title=TITLE),
        ReprintItem("semaine", VINEYARD[:300], outlet="Ouest Littoral", published="2024-03-12", title=TITLE),
        ReprintItem("sans-date", SCHOOL[:300], outlet="Ouest Littoral", title=TITLE),
        ReprintItem("rubrique", PORT[:200], outlet="Ouest Littoral", published="2024-03-04", title="Météo du jour"),
        ReprintItem("rubrique-2", SCHOOL[:200], outlet="Ouest Littoral", published="2024-03-05", title="Météo du jour"),
    ]


def test_same_outlet_same_title_within_two_days_and_nothing_else():
    versions = find_versions(_items())
    assert [(v.a, v.b, v.days) for v in versions] == [(0, 1, 1)]
    assert title_key("Météo du jour") is None and title_key(TITLE) == title_key(TITLE.upper() + " !")


def test_a_version_edge_claims_the_title_and_the_time_order_never_text():
    report = find_reprints(_items())
    assert not [m for m in report.matches if {m.a, m.b} == {0, 1}]  # different texts: no reuse
    assert not [g for g in report.clusters() if {0, 1} <= set(g)]
    assert report.to_json()["versions"] == [{"a": "lundi", "b": "mardi", "title": TITLE, "days": 1, "recurring": False}]
    provenance = provenance_for(report, load_outlets(overlays=False))
    [edge] = [e for e in provenance.edges() if e.kind == "version"]
    assert (edge.source, edge.target, edge.directed) == (0, 1, True)
    assert edge.kinds() == ["same_title", "time_order"]
    assert "versions of one story; no shared text is claimed" in edge.evidence[0].detail
    assert not [r for r in provenance.relays() if r.publisher == r.medium]  # one outlet relays nobody
    trail = publication_trail(provenance, "lundi")
    assert {0, 1} <= {a.item for a in trail.appearances} and edge in trail.edges


def test_a_reprint_under_the_same_title_keeps_its_text_edge_only():
    items = [ReprintItem("a", PORT, outlet="Ouest Littoral", published="2024-03-04", title=TITLE),
             ReprintItem("b", PORT, outlet="Ouest Littoral", published="2024-03-05", title=TITLE)]
    provenance = provenance_for(find_reprints(items), load_outlets(overlays=False))
    [edge] = list(provenance.edges())
    assert edge.kind == "reprint" and edge.kinds() == ["aligned_text", "time_order"]


def test_a_title_used_on_many_days_links_issues_of_a_series_and_says_so():
    bulletin = "Marées : le point sur les coefficients de la semaine"
    texts = [PORT, SCHOOL, VINEYARD, PORT[:300], SCHOOL[:300]]
    items = [ReprintItem(f"j{d}", text, outlet="Ouest Littoral", published=f"2024-03-0{d}", title=bulletin)
             for d, text in enumerate(texts, start=1)]
    versions = find_versions(items)
    assert [(v.a, v.b) for v in versions] == [(0, 1), (0, 2), (1, 2), (1, 3), (2, 3), (2, 4), (3, 4)]
    assert all(v.recurring and v.title_days == 5 for v in versions)
    provenance = provenance_for(find_reprints(items), load_outlets(overlays=False))
    edge = provenance.version_edge(versions[0])
    assert "issues of a series (the outlet used this title on 5 days)" in edge.evidence[0].detail
