"""The bundled outlet knowledge base: lookups by name, domain and site name; overlays; data integrity."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from sourcier.knowledge.countries import load_countries
from sourcier.knowledge.outlets import COLUMNS, OutletRecord, load_outlets, overlay_dir, vocabulary
from sourcier.model import Outlet


@pytest.fixture(scope="module")
def kb():
    return load_outlets(overlays=False)


@pytest.mark.parametrize(
    "name", ["l'AFP", "l’AFP", "AFP", "Agence France-Presse", "agence france presse", "L'Agence France-Presse"]
)
def test_afp_under_every_spelling(kb, name):
    record = kb.find(name)
    assert record is not None and record.id == "afp"
    assert record.name == "Agence France-Presse"


def test_sputnik_and_sputnik_afrique_are_distinct_russian_state_media(kb):
    sputnik, afrique = kb.find("Sputnik"), kb.find("Sputnik Afrique")
    assert sputnik.id == "sputnik" and afrique.id == "sputnik-afrique"
    for record in (sputnik, afrique):
        assert record.state_affiliated is True
        assert record.state == "RU"
        assert record.ownership == "state-controlled"
    assert afrique.parent == "sputnik"
    assert kb.parent(afrique) is sputnik
    assert "Annex XV" in sputnik.source


def test_apa_by_its_french_description(kb):
    assert kb.find("agence de presse africaine").id == "apa"
    assert kb.find("l'APA").id == "apa"


def test_shared_acronym_needs_a_country(kb):
    assert {r.id for r in kb.find_all("APS")} == {"aps", "aps-algerie"}
    assert kb.find("APS") is None  # no guess between Senegal and Algeria
    assert kb.find("APS", country="SN").id == "aps"
    assert kb.find("l'APS", country="dz").id == "aps-algerie"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.rfi.fr/fr/afrique/20240101-mali", "rfi"),
        ("rfi.fr", "rfi"),
        ("https://www.lemonde.fr/afrique/article/2024/01/01/x.html", "le-monde-afrique"),
        ("https://www.lemonde.fr/international/article/x.html", "le-monde"),
        ("https://fr.sputniknews.africa/20240101/x.html", "sputnik-afrique"),
        ("https://sputnikglobe.com/x", "sputnik"),
        ("https://www.bbc.com/afrique/articles/x", "bbc-afrique"),
        ("https://www.bbc.com/news/world", "bbc"),
        ("http://french.news.cn/x", "xinhua"),
        ("https://m.seneweb.com/news/x", "seneweb"),
        ("HTTPS://WWW.AIP.CI:443/x", "aip"),
    ],
)
def test_by_domain(kb, url, expected):
    assert kb.by_domain(url).id == expected


@pytest.mark.parametrize("url", ["", "https://example.org/x", "not a url", "https://fr/x"])
def test_by_domain_unknown(kb, url):
    assert kb.by_domain(url) is None


@pytest.mark.parametrize(
    ("site_name", "expected"),
    [
        ("RFI", "rfi"),
        ("Le Monde.fr", "le-monde"),
        ("lefaso.net", "lefaso-net"),
        ("www.seneweb.com", "seneweb"),
        ("RFI - Radio France Internationale", "rfi"),
        ("Jeune Afrique | Actualités", "jeune-afrique"),
    ],
)
def test_by_site_name(kb, site_name, expected):
    assert kb.by_site_name(site_name).id == expected


def test_by_site_name_unknown(kb):
    assert kb.by_site_name("Le Journal de Nulle Part") is None
    assert kb.by_site_name("  ") is None


def test_aliases_for_the_gazetteer(kb):
    pairs = list(kb.aliases())
    by_alias: dict[str, set[str]] = {}
    for alias, record in pairs:
        by_alias.setdefault(alias, set()).add(record.id)
    assert by_alias["AFP"] == {"afp"}
    assert by_alias["Sputnik Afrique"] == {"sputnik-afrique"}
    assert by_alias["L’Essor"] == {"l-essor"}  # the typographic apostrophe variant is there too
    assert "L'Union" not in by_alias  # a common-word alias ("L'Union africaine") is left out...
    assert "L'Union" in {a for a, _ in kb.aliases(include_common=True)}  # ...unless asked for
    assert kb.find("L'Union").id == "l-union"  # and lookups still resolve it
    assert not any("(" in alias for alias in by_alias)


def test_to_outlet(kb):
    outlet = kb.to_outlet(kb.get("rt"))
    assert outlet == Outlet(
        name="RT", country="RU", kind="tv", ownership="state-controlled", state_affiliated=True, state="RU",
        citation=kb.get("rt").source,
    )


def test_get_and_container_protocol(kb):
    assert kb.get("no-such-outlet") is None
    assert "afp" in kb and "no-such-outlet" not in kb
    assert len(kb) == len(list(kb)) >= 200


def test_bundled_data_integrity(kb):
    countries = load_countries()
    kinds, ownerships = set(vocabulary("kind")), set(vocabulary("ownership"))
    for record in kb:
        assert record.source, f"{record.origin}: no citation"
        assert record.kind in kinds, record.origin
        assert record.ownership is None or record.ownership in ownerships, record.origin
        for code in (record.country, record.state):
            assert code is None or code in countries, record.origin
        if record.state_affiliated:
            assert record.state, f"{record.origin}: state-affiliated without a state"


def test_required_coverage(kb):
    # The francophone African national agencies and public broadcasters, and the state media the brief names.
    for oid in [
        "amap", "ortm", "aib", "rtb", "anp", "ortn", "aps", "rts", "aip", "rti", "acp", "rtnc", "aci", "crtv", "agp",
        "agp-guinee", "rtg", "atpe", "onrtv", "abp", "ortb", "atop", "tvt", "acap", "anta", "ami", "abp-burundi",
        "rtnb", "rba", "adi", "rtd", "ortc", "aps-algerie", "eptv", "map", "snrt", "tap", "television-tunisienne",
        "xinhua", "cgtn", "china-daily", "cri", "peoples-daily", "anadolu", "trt", "press-tv", "irna", "hispantv",
        "african-initiative", "portal-kombat", "pravda-fr", "infodefense", "ria-novosti", "voice-of-europe",
    ]:
        assert oid in kb, oid


def test_bundled_csv_has_exactly_our_columns():
    text = resources.files("sourcier.knowledge").joinpath("data/outlets.csv").read_text("utf-8")
    assert tuple(next(csv.reader(text.splitlines()))) == COLUMNS


def _write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        writer.writerows(rows[1:])
    return path


def test_overlay_overrides_bundled_row_and_adds_new_ones():
    bundled = load_outlets()
    assert bundled.get("rfi").state_affiliated is False
    _write(overlay_dir() / "mine.csv", [
        ["id", "name", "aliases", "country", "state_affiliated", "state", "source"],
        ["rfi", "RFI", "Radio France Internationale", "FR", "true", "FR", "my newsroom's style guide"],
        ["radio-kledu", "Radio Kledu", "Kledu", "ML", "false", "", "outlet's own site"],
    ])
    kb = load_outlets()
    assert kb is not bundled  # the cache noticed the new overlay
    rfi = kb.get("rfi")
    assert rfi.state_affiliated is True and rfi.source == "my newsroom's style guide"
    assert rfi.domains == ()  # an overlay row replaces the bundled row entirely
    assert kb.find("Kledu").id == "radio-kledu"
    assert load_outlets(overlays=False).get("rfi").state_affiliated is False


def test_overlay_wins_a_shared_name(tmp_path):
    extra = _write(tmp_path / "extra.csv", [["id", "name", "aliases", "domains"],
                                            ["afp-bis", "AFP bis", "AFP", "afp.com"]])
    kb = load_outlets([extra])
    assert kb.find("AFP").id == "afp-bis"
    assert kb.by_domain("https://www.afp.com/fr").id == "afp-bis"


def test_load_outlets_is_cached():
    assert load_outlets() is load_outlets()


def test_record_round_trips_through_a_row():
    record = OutletRecord(id="x", name="X", aliases=("Y",), domains=("x.org",), state_affiliated=False)
    row = record.to_row()
    assert row["aliases"] == "Y" and row["state_affiliated"] == "false" and row["country"] == ""
    assert set(row) == set(COLUMNS)
