"""Provenance edges and their evidence, quote trails, the relay edge list (texts written for these tests,
and the demo corpus's reprint families)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from sourcier.knowledge.outlets import load_outlets
from sourcier.link.provenance import attributions, graphml
from sourcier.link.reprints import ReprintItem, find_reprints, read_items
from sourcier.link.trace import provenance_for, publication_trail, quote_trail
from tests.conftest import DEMO_CORPUS
from tests.link.test_reuse import PORT, SCHOOL, VINEYARD

INTERVIEW = (
    "Le ministre malien des Affaires étrangères a défendu lundi la coopération militaire avec Moscou dans un "
    "entretien accordé à Sputnik Afrique. « Notre partenariat avec la Russie répond à nos besoins de sécurité et "
    "nous ne demandons la permission de personne pour choisir nos partenaires », a-t-il déclaré. Il a ajouté que "
    "les instructeurs russes resteraient dans le pays aussi longtemps que le gouvernement le jugerait utile, et que "
    "de nouveaux accords seraient signés avant la fin de l'année dans les domaines de l'énergie et des mines."
)
QUOTE = "Notre partenariat avec la Russie répond à nos besoins de sécurité"


@pytest.fixture(scope="module")
def kb():
    return load_outlets(overlays=False)


def _items():
    relay = "Bamako défend ses choix (avec Sputnik). " + INTERVIEW.replace("lundi", "ce lundi")
    trimmed = "Selon le ministre, « notre partenariat avec la Russie répond à nos besoins », a rapporté la presse. " + SCHOOL
    return [
        ReprintItem("sputnik-1", INTERVIEW, url="https://fr.sputniknews.africa/20240311/entretien.html", published="11 mars 2024 à 09h00"),
        ReprintItem("relay-early", relay, outlet="Maliweb", published="2024-03-11T08:00:00+00:00"),
        ReprintItem("copy-same-day", INTERVIEW, outlet="Seneweb", published="2024-03-11"),
        ReprintItem("trimmed", trimmed, outlet="Seneweb", published="2024-03-12"),
        ReprintItem("port", PORT, published="2024-03-10"),
        ReprintItem("port-copy", PORT, published="2024-03-13"),
        ReprintItem("port-same-day", PORT.replace("mardi soir", "mardi"), published="2024-03-13T18:00"),
        ReprintItem("other", VINEYARD),
    ]


@pytest.fixture(scope="module")
def provenance(kb):
    return provenance_for(find_reprints(_items()), kb)


def _edge(provenance, a, b):
    ids = [it.id for it in provenance.report.items]
    return next(e for e in provenance.edges() if {ids[e.source], ids[e.target]} == {a, b})


def test_attribution_gives_the_direction_even_against_time_order(provenance):
    edge = _edge(provenance, "sputnik-1", "relay-early")
    assert edge.directed and provenance.report.items[edge.source].id == "sputnik-1"
    assert edge.kinds() == ["aligned_text", "time_order", "attribution", "attribution"]
    attribution = edge.evidence[2]
    relay_text = provenance.report.items[edge.target].text
    assert relay_text[attribution.start : attribution.end] == "(avec Sputnik"
    assert "other way" in edge.evidence[1].detail


def test_time_order_alone_directs_and_same_day_without_times_does_not(provenance):
    port = _edge(provenance, "port", "port-copy")
    assert port.directed and port.kinds() == ["aligned_text", "time_order"]
    assert provenance.report.items[port.source].id == "port"
    same_day = _edge(provenance, "port-copy", "port-same-day")
    assert not same_day.directed and same_day.kinds() == ["aligned_text"]
    credited = _edge(provenance, "sputnik-1", "copy-same-day")  # the copy keeps "accordé à Sputnik Afrique"
    assert credited.directed and credited.kinds() == ["aligned_text", "attribution"]


def test_aligned_text_evidence_carries_offsets_in_both_texts(provenance):
    edge = _edge(provenance, "port", "port-copy")
    [aligned] = [e for e in edge.evidence if e.kind == "aligned_text"]
    items = provenance.report.items
    for s_start, s_end, t_start, t_end in aligned.spans:
        assert items[edge.source].text[s_start:s_end] == items[edge.target].text[t_start:t_end]


def test_attributions_find_interviews_and_selon(kb):
    text = "D'après l'AFP, le sommet est reporté. Le ministre l'a dit dans un entretien accordé à Sputnik Afrique."
    found = [(a.outlet.id, text[a.start : a.end]) for a in attributions(text, kb)]
    assert found == [("afp", "D'après l'AFP"), ("sputnik-afrique", "entretien accordé à Sputnik Afrique")]


def test_quote_trail_finds_exact_and_trimmed_appearances_earliest_first(provenance):
    trail = quote_trail(provenance, QUOTE)
    ids = [provenance.report.items[a.item].id for a in trail.appearances]
    assert ids == ["relay-early", "sputnik-1", "copy-same-day", "trimmed"]  # a bare date after that day's times
    for a in trail.appearances:
        assert "partenariat avec la Russie" in provenance.report.items[a.item].text[a.start : a.end]
    data = trail.to_json(provenance)
    assert {frozenset((e["source"], e["target"])) for e in data["edges"]} == {frozenset((ids[0], i)) for i in ids[1:]}
    [credited] = [e for e in data["edges"] if "sputnik-1" in (e["source"], e["target"])]
    assert credited["source"] == "sputnik-1"  # the earliest appearance credits Sputnik: the edge follows the credit


def test_publication_trail_and_relay_edge_list(provenance):
    trail = publication_trail(provenance, "port-copy")
    assert [provenance.report.items[a.item].id for a in trail.appearances] == ["port", "port-same-day", "port-copy"]
    rows = provenance.relays()
    cites = {(r.publisher, r.medium) for r in rows if r.kind == "cites"}
    assert ("Maliweb", "Sputnik") in cites
    copies = {(r.publisher, r.medium) for r in rows if r.kind == "copies"}
    assert ("Maliweb", "Sputnik Afrique") in copies
    root = ET.fromstring(graphml(rows))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert len(root.findall(f"{ns}graph/{ns}edge")) == len(rows)


def test_demo_corpus_families_are_linked_in_time_order_and_never_across_families(kb):
    families = json.loads((DEMO_CORPUS / "reprints.json").read_text(encoding="utf-8"))
    items = list(read_items([DEMO_CORPUS], []))
    provenance = provenance_for(find_reprints(items), kb)
    name = [it.id.rsplit("/", 1)[-1] for it in items]
    family_of = {member: n for n, f in enumerate(families) for member in f["members"]}
    edges = list(provenance.edges())
    assert edges
    for edge in edges:
        source, target = name[edge.source], name[edge.target]
        assert family_of.get(source, source) == family_of.get(target, target)
    first = families[0]
    linked = {name[e.target] for e in edges if name[e.source] == first["original"] and e.directed}
    assert set(first["members"][1:]) <= linked


def test_demo_corpus_edges_carry_aligned_text_and_time_order_with_offsets(kb):
    """On the demo corpus every edge has its aligned passages, dated pairs their time order,
    and the relay list has each kind the corpus allows."""
    items = list(read_items([DEMO_CORPUS], []))
    provenance = provenance_for(find_reprints(items), kb)
    edges = list(provenance.edges())
    assert {ev.kind for e in edges for ev in e.evidence} == {"aligned_text", "time_order", "attribution"}
    for edge in edges:
        [aligned] = [ev for ev in edge.evidence if ev.kind == "aligned_text"]
        for s_start, s_end, t_start, t_end in aligned.spans:
            assert items[edge.source].text[s_start:s_end].split()[-1].lower() == items[edge.target].text[t_start:t_end].split()[-1].lower()
        assert edge.directed == any(ev.kind in ("time_order", "attribution") for ev in edge.evidence)
    assert {r.kind for r in provenance.relays()} == {"cites", "copies", "reuses passages of"}


@pytest.fixture(scope="module")
def demo_provenance(kb):
    return provenance_for(find_reprints(read_items([DEMO_CORPUS], [])), kb)


def _demo_edge(provenance, a: str, b: str):
    names = [it.id.rsplit("/", 1)[-1][:2] for it in provenance.report.items]
    return next(e for e in provenance.edges() if {names[e.source], names[e.target]} == {a, b})


def test_demo_family_e_has_every_kind_of_edge(demo_provenance):
    """Family E of the demo corpus (reprints.json): 38 credits the original's outlet, 39 copies
    38 with both credits dropped, 39 and 40 are dated by the same day without a time."""
    items = demo_provenance.report.items
    credited = _demo_edge(demo_provenance, "37", "38")
    assert credited.directed and items[credited.source].id.endswith("37-bamakotribune-delestages-ministre-energie.html")
    assert credited.kinds() == ["aligned_text", "time_order", "attribution", "attribution"]
    target = items[credited.target].text
    assert [target[ev.start : ev.end] for ev in credited.evidence[2:]] == [
        "entretien accordé à Bamako Tribune", "(avec Bamako Tribune"]
    for pair in (("37", "39"), ("38", "39"), ("37", "40"), ("38", "40")):
        dropped = _demo_edge(demo_provenance, *pair)
        assert dropped.directed and dropped.kinds() == ["aligned_text", "time_order"]
        assert items[dropped.source].id.rsplit("/", 1)[-1][:2] == pair[0]
    same_day = _demo_edge(demo_provenance, "39", "40")
    assert not same_day.directed and same_day.kinds() == ["aligned_text"]


def test_demo_quote_relayed_with_its_credit_dropped(demo_provenance):
    """The minister's words: the earliest appearance is the interview; the relay that credits it
    carries the attribution, the copies that dropped "(avec Bamako Tribune)" only time order."""
    quote = "Les centrales solaires de Ségou et de Kita entreront en service en avril"
    trail = quote_trail(demo_provenance, quote)
    items = demo_provenance.report.items
    names = [items[a.item].id.rsplit("/", 1)[-1][:2] for a in trail.appearances]
    assert names == ["37", "38", "39", "40"]
    for a in trail.appearances:
        assert items[a.item].text[a.start : a.end].startswith("Les centrales solaires de Ségou")
    kinds = {items[e.target].id.rsplit("/", 1)[-1][:2]: e.kinds() for e in trail.edges}
    assert kinds == {"38": ["aligned_text", "time_order", "attribution", "attribution"],
                     "39": ["aligned_text", "time_order"], "40": ["aligned_text", "time_order"]}
    assert all(e.evidence[0].detail.startswith(f"{len(quote.split())} words aligned") for e in trail.edges)


def test_a_credit_to_an_outlet_the_knowledge_base_lacks_is_evidence_by_its_stated_name(kb):
    """Local outlets are seldom in the knowledge base: "(avec les Échos de Kayes)" still credits
    the publication whose stated outlet is "Les Échos de Kayes", article or not."""
    relay = PORT.replace("Le conseil municipal", "Selon les Échos de Kayes, le conseil municipal", 1)
    items = [ReprintItem("kayes", PORT, outlet="Les Échos de Kayes", published="2024-03-05"),
             ReprintItem("relais", relay + " (avec les Échos de Kayes)", outlet="Le Relais de Nioro",
                         published="2024-03-04"),
             ReprintItem("autre", PORT.replace("mardi soir", "mardi"), outlet="Les Échos de Kayesville")]
    provenance = provenance_for(find_reprints(items), kb)
    edge = _edge(provenance, "kayes", "relais")
    assert (edge.source, edge.target, edge.directed) == (0, 1, True)  # the credit wins over the dates
    credits = [ev for ev in edge.evidence if ev.kind == "attribution"]
    assert [items[1].text[ev.start : ev.end] for ev in credits] == ["Selon les Échos de Kayes", "(avec les Échos de Kayes"]
    assert not [ev for ev in _edge(provenance, "autre", "relais").evidence if ev.kind == "attribution"]
