"""``sourcier analyze``: formats, --out, and bad inputs reported and skipped."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sourcier.cli.main import main

pytestmark = pytest.mark.slow

ARTICLE = (
    "Bamako renforce sa coopération avec Moscou\n\n"
    "Le ministre malien de la Défense, Sadio Camara, a reçu mardi une délégation russe à Bamako. "
    "« Nous voulons former nos soldats et équiper notre armée », a déclaré M. Camara devant la presse.\n\n"
    "Selon l'AFP, les deux pays doivent signer un nouvel accord militaire dans les prochains mois."
)


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "bamako.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "english.txt").write_text(
        "The minister said on Tuesday that the two countries would sign a new military agreement "
        "in the coming months, according to the news agency, and that training would begin soon.",
        encoding="utf-8",
    )
    return tmp_path


def test_analyze_writes_one_json_per_input_and_skips_bad_ones(corpus, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["analyze", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 1  # two inputs were skipped
    assert sorted(p.name for p in out.iterdir()) == ["bamako.json"]
    data = json.loads((out / "bamako.json").read_text())
    assert data["schema"] == "sourcier.analysis/1"
    assert data["text"] == ARTICLE
    assert "empty.txt" in result.output and "english.txt" in result.output
    assert "E103" in result.output and "E105" in result.output


def test_analyze_jsonl_and_text_formats(corpus):
    path = str(corpus / "bamako.txt")
    result = CliRunner().invoke(main, ["analyze", path, "--format", "jsonl", "-q"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["text"] == ARTICLE
    result = CliRunner().invoke(main, ["analyze", path, "--format", "text", "-q"])
    assert result.exit_code == 0
    assert "Bamako renforce" in result.output
    assert "Sadio Camara" in result.output


def test_analyze_text_format_escapes_markup(tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text("Le président a dit que le pays allait bien et que les élections auraient lieu.", encoding="utf-8")
    (tmp_path / "markup.meta.json").write_text(json.dumps({"title": "[bold red]Titre piégé[/bold red]"}), encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(path), "--format", "text", "-q"])
    assert result.exit_code == 0
    assert "[bold red]Titre piégé[/bold red]" in result.output


def test_analyze_json_of_several_inputs_is_one_valid_array(corpus, tmp_path):
    (corpus / "bamako2.txt").write_text(ARTICLE.replace("mardi", "jeudi"), encoding="utf-8")
    out = tmp_path / "all.json"
    result = CliRunner().invoke(main, ["analyze", str(corpus / "bamako.txt"), str(corpus / "bamako2.txt"),
                                       "--format", "json", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["text"] for d in data] == [ARTICLE, ARTICLE.replace("mardi", "jeudi")]


def test_analyze_reports_a_missing_input_before_loading_the_model(monkeypatch, tmp_path):
    import sourcier.api as api

    monkeypatch.setattr(api, "get_nlp", lambda: pytest.fail("the model must not load"))
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "typo.txt"), "-q"])
    assert result.exit_code == 1
    assert "typo.txt" in result.output and "E101" in result.output
