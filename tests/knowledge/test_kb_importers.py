"""Importing the ASD State Media Matrix and user tables, and saving overlays."""

from __future__ import annotations

import csv
import re

import pytest

from sourcier.errors import KnowledgeBaseError
from sourcier.knowledge.importers import ASD_SOURCE, import_asd, import_csv, save_overlay
from sourcier.knowledge.outlets import load_outlets, overlay_dir, parse_outlets

ASD_HEADER = ["Region", "Country", "Media company", "Main assets", "URL", "Typology", "Status", "Last updated"]


def write_csv(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def asd_file(tmp_path):
    return write_csv(tmp_path / "asd.csv", [
        ASD_HEADER,
        ["Africa", "Mali", "Office de Radiodiffusion Télévision du Mali", "ORTM 1, Radio Mali", "https://www.ortm.ml",
         "State-controlled media", "Active", "2024"],
        ["Europe", "Russia", "Rossiya Segodnya", "RIA Novosti; Sputnik", "ria.ru", "State-controlled", "Active", ""],
        ["Africa", "Ivory Coast", "Radio Nationale", "", "", "Independent public", "", ""],
        ["Africa", "Senegal", "Radio Nationale", "", "", "Captured public/state-managed", "", ""],
        ["Europe", "United Kingdom", "Example Private Channel", "", "http://example-channel.co.uk/news", "Private", "", ""],
    ])


def test_import_asd_maps_countries_and_typologies(asd_file):
    records = {r.name: r for r in import_asd(asd_file)}
    ortm = records["Office de Radiodiffusion Télévision du Mali"]
    assert (ortm.country, ortm.ownership, ortm.state_affiliated, ortm.state) == ("ML", "state-controlled", True, "ML")
    assert ortm.domains == ("ortm.ml",)
    assert ortm.source == ASD_SOURCE
    assert "Main assets: ORTM 1, Radio Mali" in ortm.notes
    private = records["Example Private Channel"]
    assert (private.country, private.ownership, private.state_affiliated, private.state) == ("GB", "private", False, None)
    assert private.domains == ("example-channel.co.uk",)
    # Same company name in two countries: the second gets the country in its id.
    radios = [r for r in import_asd(asd_file) if r.name == "Radio Nationale"]
    assert [(r.id, r.country, r.state_affiliated) for r in radios] == [
        ("radio-nationale", "CI", False), ("radio-nationale-sn", "SN", True)]


def test_import_asd_with_kb_updates_known_outlets(asd_file):
    kb = load_outlets()
    records = {r.name: r for r in import_asd(asd_file, kb=kb)}
    # "Office de Radiodiffusion Télévision du Mali" is an alias of the bundled ORTM: same id, facts kept.
    ortm = records["ORTM"]
    assert ortm.id == "ortm" and ortm.kind == "state_broadcaster"
    assert ortm.ownership == "state-controlled" and ortm.source == ASD_SOURCE and ortm.source_url is None
    assert "ortm.ml" in ortm.domains
    # Rossiya Segodnya is known by name; its URL ria.ru stays RIA Novosti's.
    segodnya = records["Rossiya Segodnya"]
    assert segodnya.id == "rossiya-segodnya" and "ria.ru" not in segodnya.domains
    # A company unknown to the knowledge base keeps a slug of its name.
    assert records["Example Private Channel"].id == "example-private-channel"


def test_asd_rows_are_saved_and_loaded(asd_file):
    path = save_overlay(import_asd(asd_file), "ASD 2024")
    assert path == overlay_dir() / "asd-2024.csv"
    kb = load_outlets()
    assert kb.get("radio-nationale-sn").state == "SN"
    assert kb.by_domain("https://www.example-channel.co.uk/x").name == "Example Private Channel"
    assert parse_outlets(path)[0].name == "Office de Radiodiffusion Télévision du Mali"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["Africa", "Atlantis", "Radio A", "", "", "Private", "", ""], "unknown country 'Atlantis'"),
        (["Africa", "Mali", "", "", "", "Private", "", ""], "missing 'Media company'"),
        (["Africa", "Mali", "Radio A", "", "", "Mostly harmless", "", ""], "unknown typology 'Mostly harmless'"),
        (["Africa", "Mali", "Radio A", "", "http://", "Private", "", ""], "has no valid host name"),
    ],
)
def test_import_asd_errors_name_file_and_line(tmp_path, row, message):
    good = ["Africa", "Senegal", "Radio B", "", "", "Private", "", ""]
    path = write_csv(tmp_path / "asd.csv", [ASD_HEADER, good, row])
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{path}:3:") + ".*" + re.escape(message)):
        import_asd(path)


def test_import_asd_needs_its_columns(tmp_path):
    path = write_csv(tmp_path / "asd.csv", [["Region", "Company"], ["Africa", "Radio A"]])
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{path}:1:") + ".*'country', 'media company'"):
        import_asd(path)


def test_import_csv_only_name_required(tmp_path):
    path = write_csv(tmp_path / "mine.csv", [
        ["name", "country", "state_affiliated"],
        ["Radio Kledu", "ML", "false"],
        ["Jeune Afrique", "", ""],
    ])
    plain = import_csv(path)
    assert [r.id for r in plain] == ["radio-kledu", "jeune-afrique"]
    assert plain[0].source == "user table mine.csv"
    merged = {r.id: r for r in import_csv(path, kb=load_outlets())}
    # A known outlet that the row adds nothing to keeps its facts and citation.
    assert merged["jeune-afrique"].domains == ("jeuneafrique.com",)
    assert merged["jeune-afrique"].source == load_outlets().get("jeune-afrique").source


def test_import_csv_changing_a_fact_changes_the_citation(tmp_path):
    path = write_csv(tmp_path / "fix.csv", [["name", "notes"], ["RFI", "Checked by our desk."]])
    (rfi,) = import_csv(path, kb=load_outlets())
    assert rfi.id == "rfi" and rfi.notes == "Checked by our desk."
    assert rfi.source == "user table fix.csv" and rfi.source_url is None
    assert rfi.domains == ("rfi.fr",)


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        ([["name", "colour"], ["X", "red"]], 1, "unknown column 'colour'"),
        ([["id", "country"], ["x", "ML"]], 1, "missing column(s) 'name'"),
        ([["name", "country"], ["X", "ML"], ["Y", "Mali"]], 3, "unknown country code 'Mali'"),
        ([["name", "state_affiliated"], ["X", "oui"]], 2, "is not a boolean"),
        ([["name"], ["Radio X"], ["Radio-X"]], 3, "duplicate id 'radio-x'"),
    ],
)
def test_import_csv_errors(tmp_path, rows, line, message):
    path = write_csv(tmp_path / "mine.csv", rows)
    with pytest.raises(KnowledgeBaseError, match=re.escape(f"{path}:{line}:") + ".*" + re.escape(message)):
        import_csv(path)


def test_save_overlay_replaces_and_rejects_empty_names(tmp_path):
    path = write_csv(tmp_path / "a.csv", [["name"], ["Radio A"]])
    save_overlay(import_csv(path), "team")
    save_overlay(import_csv(write_csv(tmp_path / "b.csv", [["name"], ["Radio B"]])), "team")
    kb = load_outlets()
    assert "radio-b" in kb and "radio-a" not in kb
    assert [p.name for p in overlay_dir().iterdir()] == ["team.csv"]  # no temporary file left
    with pytest.raises(KnowledgeBaseError, match="no letters or digits"):
        save_overlay([], "../")
