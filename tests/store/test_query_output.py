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
    assert len(lines) == ARTICLES and all(json.loads(line)["speaker"]["name"] == "Issa Traoré" for line in lines)


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
    assert rows[0][:3] == ["article_id", "article_external_id", "article_title"] and len(rows) == 4
    assert any("Issa Traoré" in cell for cell in rows[1])


def test_excel_refuses_a_json_format(db):
    result = CliRunner().invoke(main, ["quotes", "--db", db, "--excel", "--format", "json"])
    assert result.exit_code == 2 and "--excel" in result.output


def test_the_database_comes_from_sourcier_db(db):
    out, _ = run("speakers", "--format", "json", env={"SOURCIER_DB": db})
    assert json.loads(out)[0]["name"] == "Issa Traoré"


# --------------------------------------------------------------------------- questions analysts ask

from store_builders import article, entity, quote, source  # noqa: E402

from sourcier.model import Via  # noqa: E402

RELAYED = ("Le ministre Ali Konaté a affirmé, selon Sputnik, que « la frontière rouvrira bientôt ». "
           "L'agence TASS ajoute que des discussions ont eu lieu.")
DIRECT = "Le député Moussa Sidibé a déclaré à RFI : « Nous voterons contre ce texte. »"


@pytest.fixture
def relayed_db(db_url) -> str:
    konate = entity("e1", "Ali Konaté", RELAYED)
    sputnik = source("s1", "Sputnik", RELAYED, state=True, country="RU")
    tass = source("s2", "TASS", RELAYED, role="mention", state=True, country="RU")
    sidibe = entity("e1", "Moussa Sidibé", DIRECT)
    with open_store(db_url) as s:
        s.add_batch([
            article(RELAYED, url="https://example.ml/1", published="2024-03-05", entities=[konate],
                    quotes=[quote("q1", RELAYED, "la frontière rouvrira bientôt", speaker=konate,
                                  via=[Via("Sputnik", "s1")])],
                    sources=[sputnik, tass]),
            article(DIRECT, url="https://example.ml/2", published="2024-04-20", entities=[sidibe],
                    quotes=[quote("q1", DIRECT, "Nous voterons contre ce texte.", speaker=sidibe)],
                    sources=[source("s1", "RFI", DIRECT, state=False, country="FR")]),
        ])
    return db_url


def speakers_of(*args: str) -> list[str]:
    return [q["speaker"]["name"] for q in json.loads(run("quotes", *args, "--format", "json")[0])]


def test_quotes_via_a_medium_or_any_state_affiliated_one(relayed_db):
    assert speakers_of("--db", relayed_db, "--via", "sputnik") == ["Ali Konaté"]
    assert speakers_of("--db", relayed_db, "--via", "RFI") == []  # cited, but relays no quote
    assert speakers_of("--db", relayed_db, "--state-affiliated-via") == ["Ali Konaté"]
    assert speakers_of("--db", relayed_db, "--type", "direct") == ["Moussa Sidibé", "Ali Konaté"]
    assert speakers_of("--db", relayed_db, "--type", "indirect") == []


def test_sources_cited_selects_one_medium(relayed_db):
    report = json.loads(run("sources", "--db", relayed_db, "--cited", "TASS", "--format", "json")[0])
    assert [[m["name"] for m in r["cited"]] for r in report] == [["TASS"]]


def test_counts_by_month_and_by_week(relayed_db):
    months = json.loads(run("quotes", "--db", relayed_db, "--by", "month", "--format", "json")[0])
    assert months == [{"period": "2024-03", "count": 1}, {"period": "2024-04", "count": 1}]
    weeks = json.loads(run("speakers", "--db", relayed_db, "--by", "week", "--format", "json")[0])
    assert weeks == [{"period": "2024-03-04", "name": "Ali Konaté", "count": 1},  # Tuesday 5 → Monday 4
                     {"period": "2024-04-15", "name": "Moussa Sidibé", "count": 1}]  # Saturday 20 → Monday 15
    cited = json.loads(run("sources", "--db", relayed_db, "--by", "day", "--format", "json")[0])
    assert [(c["period"], c["name"]) for c in cited] == [("2024-03-05", "Sputnik"), ("2024-03-05", "TASS"),
                                                         ("2024-04-20", "RFI")]


def test_speakers_by_type(db_url):
    text = ("Le ministre Ali Konaté a déclaré : « Nous rouvrirons la frontière. » "
            "La CEDEAO a répondu : « Nous saluons cette décision. »")
    konate = entity("e1", "Ali Konaté", text)
    cedeao = entity("e2", "CEDEAO", text, type="ORG")
    with open_store(db_url) as s:
        s.add_batch([article(text, url="https://example.ml/3", entities=[konate, cedeao], quotes=[
            quote("q1", text, "Nous rouvrirons la frontière.", speaker=konate),
            quote("q2", text, "Nous saluons cette décision.", speaker=cedeao),
        ])])

    def names(kind: str) -> list[str]:
        return [s["name"] for s in json.loads(run("speakers", "--db", db_url, "--type", kind, "--format", "json")[0])]

    assert names("person") == ["Ali Konaté"]
    assert names("organisation") == ["CEDEAO"]
