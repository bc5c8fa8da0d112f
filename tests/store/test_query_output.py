"""The query commands' output (issue 11): nothing silently cut, one --format vocabulary,
-o/--output, --excel, SOURCIER_DB."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_builders import simple

from sourcier.cli.main import main
from sourcier.store import open_store

ARTICLES = 130  # more than a quotes table shows by default (100)


@pytest.fixture
def db(db_url) -> str:
    with open_store(db_url) as s:
        s.add_batch([simple(n, url=f"https://www.jeuneafrique.com/{n}") for n in range(ARTICLES)])
    return db_url


def run(*args: str, env: dict[str, str] | None = None) -> tuple[str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def test_csv_and_json_write_every_row_without_a_limit(db):
    rows = list(csv.DictReader(io.StringIO(run("quotes", "--db", db, "--format", "csv")[0])))
    assert len(rows) == ARTICLES
    assert len(json.loads(run("quotes", "--db", db, "--format", "json")[0])) == ARTICLES
    assert len(json.loads(run("articles", "--db", db, "--format", "json")[0])) == ARTICLES
    lines = run("quotes", "--db", db, "--format", "jsonl")[0].splitlines()
    assert len(lines) == ARTICLES and all(json.loads(line)["speaker"] == "Issa Traoré" for line in lines)


def test_a_limit_cuts_and_says_so_and_zero_means_all(db):
    out, err = run("quotes", "--db", db, "--format", "json", "--limit", "7")
    assert len(json.loads(out)) == 7
    assert f"wrote 7 of {ARTICLES:,} quotes" in err
    _, quiet = run("quotes", "--db", db, "--format", "json", "--limit", "7", "-q")
    assert quiet == ""
    assert len(json.loads(run("articles", "--db", db, "--format", "json", "--limit", "0")[0])) == ARTICLES


def test_a_table_says_how_many_it_shows_of_how_many(db):
    assert f"showing 100 of {ARTICLES:,} quote(s)" in run("quotes", "--db", db)[0]
    assert f"showing 20 of {ARTICLES:,} article(s)" in run("articles", "--db", db, "--format", "text")[0]
    assert f"{ARTICLES:,} article(s)" in run("articles", "--db", db, "--limit", "0")[0]
    assert "1 speaker(s)" in run("speakers", "--db", db)[0]


def test_output_file_and_excel_csv(db, tmp_path: Path):
    target = tmp_path / "quotes.csv"
    out, _ = run("quotes", "--db", db, "--excel", "-o", str(target), "--limit", "3")
    assert out == ""
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["article_id", "external_id", "published"] and len(rows) == 4
    assert any("Issa Traoré" in cell for cell in rows[1])


def test_excel_refuses_a_json_format(db):
    result = CliRunner().invoke(main, ["quotes", "--db", db, "--excel", "--format", "json"])
    assert result.exit_code == 2 and "--excel" in result.output


def test_the_database_comes_from_sourcier_db(db):
    out, _ = run("speakers", "--format", "json", env={"SOURCIER_DB": db})
    assert json.loads(out)[0]["name"] == "Issa Traoré"
