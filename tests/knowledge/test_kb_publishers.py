"""Publishers resolved through the outlet knowledge base: URL and subdomains, site name, JSONL outlet."""

from __future__ import annotations

import pytest

from sourcier.knowledge.outlets import load_outlets
from sourcier.knowledge.publishers import (
    publisher_matches,
    resolve_publisher,
    state_affiliated_share,
    unknown_publishers,
    url_domain,
)


@pytest.fixture(scope="module")
def kb():
    return load_outlets(overlays=False)


def test_subdomain_of_a_known_domain_is_that_outlet(kb):
    publisher = resolve_publisher(kb, url="https://fr.sputniknews.africa/20240312/ministre-entretien.html")
    assert publisher.record is not None and publisher.record.id == "sputnik-afrique"
    assert publisher.resolved_by == "url"
    assert publisher.domain == "fr.sputniknews.africa"
    assert publisher.state_affiliated is True


def test_site_name_resolves_when_the_url_is_unknown(kb):
    publisher = resolve_publisher(kb, url="https://miroir.example.org/a", site_name="Seneweb.com - L'actualité au Sénégal")
    assert publisher.record is not None and publisher.record.id == "seneweb"
    assert publisher.resolved_by == "site_name"


def test_jsonl_outlet_field_comes_first(kb):
    publisher = resolve_publisher(kb, url="https://www.seneweb.com/news/x", outlet="Maliweb")
    assert publisher.record.id == "maliweb" and publisher.resolved_by == "outlet"


def test_unknown_publisher_keeps_its_domain_and_is_listed(kb):
    publishers = [
        resolve_publisher(kb, url="https://www.journal-inconnu.example/politique/1"),
        resolve_publisher(kb, url="https://journal-inconnu.example/politique/2"),
        resolve_publisher(kb, outlet="La Gazette du Plateau"),
        resolve_publisher(kb, url="https://www.maliweb.net/politique/3"),
    ]
    assert publishers[0].record is None and publishers[0].name == "journal-inconnu.example"
    assert unknown_publishers(publishers) == [("journal-inconnu.example", 2), ("La Gazette du Plateau", 1)]


@pytest.mark.parametrize("query", ["Sputnik Afrique", "sputniknews.africa", "Spoutnik Afrique", "https://fr.sputniknews.africa/"])
def test_outlet_filter_accepts_a_name_an_alias_or_a_domain(kb, query):
    sputnik_afrique = resolve_publisher(kb, url="https://fr.sputniknews.africa/20240312/a.html")
    maliweb = resolve_publisher(kb, url="https://www.maliweb.net/a")
    assert publisher_matches(kb, query, sputnik_afrique)
    assert not publisher_matches(kb, query, maliweb)


def test_state_affiliated_share_counts_publishers(kb):
    publishers = [
        resolve_publisher(kb, url="https://fr.sputniknews.africa/a"),
        resolve_publisher(kb, url="https://www.maliweb.net/a"),
        resolve_publisher(kb, url="https://inconnu.example/a"),
    ]
    assert state_affiliated_share(publishers) == (1, 1, 1)


def test_url_domain():
    assert url_domain("HTTPS://WWW.Seneweb.com/news?a=1") == "seneweb.com"
    assert url_domain("") is None


def test_publishers_command_lists_unknown_publishers_as_overlay_rows(tmp_path):
    import json

    from click.testing import CliRunner

    from sourcier.cli.main import main
    from sourcier.knowledge.outlets import parse_outlets

    records = [
        {"id": "1", "text": "Première dépêche.", "url": "https://fr.sputniknews.africa/a"},
        {"id": "2", "text": "Deuxième dépêche.", "url": "https://www.journal-inconnu.example/b"},
        {"id": "3", "text": "Troisième dépêche.", "outlet": "La Gazette du Plateau"},
    ]
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    result = CliRunner().invoke(main, ["outlets", "publishers", "--input", str(source), "--unknown"])
    assert result.exit_code == 0, result.output
    overlay = tmp_path / "overlay.csv"
    overlay.write_text(result.stdout, encoding="utf-8")
    parsed = {r.id: r for r in parse_outlets(overlay)}
    assert set(parsed) == {"journal-inconnu-example", "la-gazette-du-plateau"}
    assert parsed["journal-inconnu-example"].domains == ("journal-inconnu.example",)


def test_publishers_command_gives_the_state_affiliated_share_of_publishers(tmp_path):
    import json

    from click.testing import CliRunner

    from sourcier.cli.main import main

    records = [
        {"id": "1", "text": "Une dépêche sur la saison des pluies.", "url": "https://fr.sputniknews.africa/a"},
        {"id": "2", "text": "Une autre dépêche sur la saison des pluies.", "url": "https://www.maliweb.net/b"},
        {"id": "3", "text": "Une troisième dépêche.", "outlet": "La Gazette du Plateau"},
        {"id": "4", "text": "Une quatrième dépêche.", "url": "https://fr.sputniknews.africa/d"},
    ]
    source = tmp_path / "a.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    result = CliRunner().invoke(main, ["outlets", "publishers", "--input", str(source)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "4 publication(s), 3 publisher(s); 2 by state-affiliated publishers (50%), 1 of unknown affiliation" in flat
    assert "Sputnik Afrique" in flat and "yes" in flat
