"""``sourcier outlets list|show|import`` through click's test runner."""

from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from sourcier.cli.outlets import outlets
from sourcier.knowledge.outlets import overlay_dir


def run(*args: str):
    return CliRunner().invoke(outlets, list(args), catch_exceptions=False)


def test_list_json_by_country():
    result = run("list", "--country", "ml", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    ids = {r["id"] for r in rows}
    assert {"amap", "ortm", "l-essor", "maliweb"} <= ids
    assert all(r["country"] == "ML" for r in rows)


def test_list_state_affiliated_csv():
    result = run("list", "--state-affiliated", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    ids = {r["id"] for r in rows}
    assert {"sputnik", "sputnik-afrique", "rt", "xinhua", "cgtn"} <= ids
    assert "afp" not in ids and "seneweb" not in ids
    assert all(r["state_affiliated"] == "true" for r in rows)


def test_list_table():
    # Wide enough that rich does not fold ids over two lines.
    result = CliRunner().invoke(outlets, ["list", "--country", "RU", "--state-affiliated"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "outlet(s)" in result.output and "sputnik-afrique" in result.output


def test_list_rejects_an_unknown_country():
    result = run("list", "--country", "QQ")
    assert result.exit_code == 2
    assert "unknown country code" in result.output


def test_show_prints_facts_and_citation():
    result = run("show", "l'AFP")
    assert result.exit_code == 0, result.output
    for text in ("Agence France-Presse", "afp.com", "FR (France)", "agency", "Wikipedia (en)"):
        assert text in result.output


def test_show_by_url_and_as_json():
    result = run("show", "https://fr.sputniknews.africa/20240101/x.html", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert (record["id"], record["state_affiliated"], record["state"], record["parent"]) == (
        "sputnik-afrique", True, "RU", "sputnik")


def test_show_unknown_and_ambiguous():
    unknown = run("show", "Radio Nulle Part")
    assert unknown.exit_code == 1 and "no outlet named" in unknown.output
    ambiguous = run("show", "APS")
    assert ambiguous.exit_code == 1
    assert "aps (SN)" in ambiguous.output and "aps-algerie (DZ)" in ambiguous.output


def test_import_asd_then_list_and_show(tmp_path):
    source = tmp_path / "state-media.csv"
    source.write_text(
        "Region,Country,Media company,Main assets,URL,Typology,Status\n"
        "Africa,Niger,Radio Sahara FM Test,,https://sahara-fm-test.ne,State-owned,Active\n",
        encoding="utf-8",
    )
    result = run("import", str(source), "--format", "asd", "--name", "asd")
    assert result.exit_code == 0, result.output
    assert "Imported 1 outlet(s)" in result.output
    assert (overlay_dir() / "asd.csv").is_file()
    listed = json.loads(run("list", "--country", "NE", "--format", "json").output)
    assert "radio-sahara-fm-test" in {r["id"] for r in listed}
    shown = run("show", "radio-sahara-fm-test")
    assert "ASD State Media Matrix" in shown.output and "state-owned" in shown.output


def test_import_csv_error_is_reported_with_the_line(tmp_path):
    source = tmp_path / "mine.csv"
    source.write_text("name,country\nRadio A,ML\nRadio B,Mali\n", encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert f"{source}:3:" in result.output and "unknown country code 'Mali'" in result.output
    assert not overlay_dir().exists() or not any(overlay_dir().iterdir())


def test_import_refuses_an_unknown_parent_before_writing(tmp_path):
    source = tmp_path / "mine.csv"
    source.write_text("name,parent\nRadio A,no-such-group\n", encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 1 and "unknown parent 'no-such-group'" in result.output
    assert not (overlay_dir() / "mine.csv").exists()
