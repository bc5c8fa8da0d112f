"""The corpus commands: ingest, quotes, speakers, sources, articles, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import sqlalchemy as sa
import pytest
import store_fake_analyzer as fake
from click.testing import CliRunner
from store_builders import article, entity, quote, source

from sourcier.cli.main import main
from sourcier.store import open_store, schema

FAKE = "store_fake_analyzer:analyze_many"
TEXT = ("Le ministre malien des Affaires étrangères, Abdoulaye Diop, a déclaré : « L'élection aura lieu. » "
        "Selon Sputnik, Moscou approuve.")


@pytest.fixture
def db(db_url) -> str:
    diop = entity("e1", "Abdoulaye Diop", TEXT, roles=["ministre des Affaires étrangères"])
    a = article(TEXT, url="https://www.jeuneafrique.com/1", title="Mali : l'élection", external_id="ja-1",
                entities=[diop], quotes=[quote("q1", TEXT, "L'élection aura lieu.", speaker=diop)],
                sources=[source("s1", "Sputnik", TEXT, state=True, country="RU")])
    with open_store(db_url) as s:
        s.add_batch([a])
    return db_url


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_quotes_formats(db):
    data = json.loads(run("quotes", "--db", db, "--speaker", "diop", "--format", "json"))
    assert len(data) == 1
    assert data[0]["text"] == "L'élection aura lieu."
    assert set(data[0]["article"]) == {"id", "external_id", "title", "url", "outlet", "published"}
    rows = list(csv.DictReader(io.StringIO(run("quotes", "--db", db, "--format", "csv", "--search", "élections"))))
    assert [r["speaker"] for r in rows] == ["Abdoulaye Diop"]
    assert "Abdoulaye Diop" in run("quotes", "--db", db, "--since", "2024-01-01", "--until", "2024-12-31")
    assert json.loads(run("quotes", "--db", db, "--outlet", "RFI", "--format", "json")) == []


def test_speakers_sources_articles(db):
    speakers = json.loads(run("speakers", "--db", db, "--format", "json"))
    assert speakers[0]["name"] == "Abdoulaye Diop" and speakers[0]["outlets"] == {"Jeune Afrique": 1}
    assert "Abdoulaye Diop" in run("speakers", "--db", db)
    sources = json.loads(run("sources", "--db", db, "--format", "json"))
    assert sources[0]["outlet"] == "Jeune Afrique" and sources[0]["state_share"] == 1.0
    assert sources[0]["publisher_state_affiliated"] is False  # Jeune Afrique, by the knowledge base
    [row] = csv.DictReader(io.StringIO(run("sources", "--db", db, "--role", "relay", "--format", "csv")))
    assert (row["outlet"], row["outlet_state_affiliated"], row["cited"]) == ("Jeune Afrique", "false", "Sputnik")
    table = run("sources", "--db", db)
    assert "Sputnik" in table
    assert "publishers: 0 of 1 publication(s) by state-affiliated outlets (0%)" in " ".join(table.split())
    hits = json.loads(run("articles", "--db", db, "--search", "élections", "--format", "json"))
    assert hits[0]["article"]["external_id"] == "ja-1" and "[" in hits[0]["snippet"]
    assert "Mali" in run("articles", "--db", db, "--search", "élections")
    assert "ja-1" in run("articles", "--db", db, "--format", "csv")


def test_export_command(db, tmp_path: Path):
    CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", str(tmp_path / "pq")], catch_exceptions=False)
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows == 1
    CliRunner().invoke(main, ["export", "--db", db, "--format", "jsonl", str(tmp_path / "a.jsonl")], catch_exceptions=False)
    assert json.loads((tmp_path / "a.jsonl").read_text())["article"]["external_id"] == "ja-1"


def test_a_missing_database_is_an_error_not_a_new_file(tmp_path: Path):
    result = CliRunner().invoke(main, ["quotes", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "no database at" in result.output
    assert not (tmp_path / "none.db").exists()


def test_ingest_command(db_url, tmp_path: Path):
    pytest.importorskip("sourcier.ingest", reason="needs sourcier.ingest.iter_documents")
    fake.write_corpus(tmp_path / "in", 7)
    (tmp_path / "in" / "article-bad.txt").write_text("ÉCHEC : ce texte ne sera pas analysé, quelle tristesse.",
                                                      encoding="utf-8")
    args = ["ingest", str(tmp_path / "in"), "--db", db_url, "--workers", "0", "--batch-size", "3",
            "--analyzer", FAKE]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1  # one document failed
    assert "ingested" in first.output and "E105 NotFrench" in first.output
    second = CliRunner().invoke(main, [*args, "--quiet"])
    assert "already present" in second.output
    with open_store(db_url) as s:
        assert s.count() == 7


def test_ingest_into_an_unwritable_place(tmp_path: Path):
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "no" / "x.db")])
    assert result.exit_code == 1 and "does not exist" in result.output


def test_quotes_csv_neutralises_formulas(db_url):
    text = "Le porte-parole a lancé : « =HYPERLINK(\"http://x\") est une blague ». La réunion a suivi."
    a = article(text, url="https://www.jeuneafrique.com/2", quotes=[quote("q1", text, "=HYPERLINK(\"http://x\") est une blague", name="le porte-parole")])
    with open_store(db_url) as s:
        s.add_batch([a])
    rows = list(csv.DictReader(io.StringIO(run("quotes", "--db", db_url, "--format", "csv"))))
    assert [r["text"] for r in rows] == ["'=HYPERLINK(\"http://x\") est une blague"]
    data = json.loads(run("quotes", "--db", db_url, "--format", "json"))
    assert data[0]["text"] == "=HYPERLINK(\"http://x\") est une blague"  # JSON keeps the raw text


HOSTILE = ("Awa [link=http://piege.example]Diop[/link] a déclaré : « Le [ministre] a tout dit [bold]fort[/bold] "
           "\x1b]8;;http://piege.example\x1b\\ici\x1b]8;;\x1b\\ et \x1b[2J fin\r ». Selon \x1b[31mAgence :fire:.")


@pytest.fixture
def hostile_db(db_url) -> str:
    name = "Awa [link=http://piege.example]Diop[/link]"
    said = HOSTILE[HOSTILE.index("Le [ministre]"):HOSTILE.index(" ». Selon")]
    awa = entity("e1", name, HOSTILE, roles=["[red]ministre[/red]"])
    a = article(HOSTILE, url="https://www.jeuneafrique.com/h", title="[blink]Titre[/blink] =1+1 \x07",
                outlet="Le [b]Journal[/b]", entities=[awa], quotes=[quote("q1", HOSTILE, said, speaker=awa)],
                sources=[source("s1", "\x1b[31mAgence :fire:", HOSTILE)])
    with open_store(db_url) as s:
        s.add_batch([a])
    return db_url


def table_output(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": "500"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_query_tables_show_article_data_as_plain_text(hostile_db):
    quotes = table_output("quotes", "--db", hostile_db)
    for written in ("[link=http://piege.example]Diop[/link]", "Le [ministre] a tout dit [bold]fort[/bold]",
                    "[blink]Titre[/blink]", "Le [b]Journal[/b]"):
        assert written in quotes, written
    assert "[red]ministre[/red]" in table_output("speakers", "--db", hostile_db)
    assert "␛[31mAgence :fire:" in table_output("sources", "--db", hostile_db)
    assert "[blink]Titre[/blink]" in table_output("articles", "--db", hostile_db)
    assert "[blink]Titre[/blink]" in table_output("articles", "--db", hostile_db, "--search", "ministre")


def test_query_tables_never_pass_terminal_codes(hostile_db):
    for command in ("quotes", "speakers", "sources", "articles"):
        shown = table_output(command, "--db", hostile_db)
        assert not any(c in shown for c in "\x1b\x07\r\x9b"), command
    quotes = table_output("quotes", "--db", hostile_db)
    assert "␛]8;;http://piege.example␛\\ici" in quotes and "␛[2J fin␍" in quotes


def test_export_csv_neutralises_formulas(hostile_db, tmp_path: Path):
    run("export", "--db", hostile_db, "--format", "csv", str(tmp_path / "csv"))
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8", newline="") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["title"] == "[blink]Titre[/blink] =1+1 \x07"  # not a formula: kept as is
    with open_store(hostile_db) as s:
        s.add_batch([article("=HYPERLINK(\"http://piege.example\") vient de la dépêche.", title="@SUM(A1:A9)",
                             outlet="+Journal", url="https://x.example/f")])
    run("export", "--db", hostile_db, "--format", "csv", str(tmp_path / "csv"))
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["url"]: r for r in csv.DictReader(fh)}
    formula = rows["https://x.example/f"]
    assert (formula["title"], formula["outlet"]) == ("'@SUM(A1:A9)", "'+Journal")
    assert formula["text"].startswith("'=HYPERLINK")
    with (tmp_path / "csv" / "outlets.csv").open(encoding="utf-8", newline="") as fh:
        assert "'+Journal" in {r["name"] for r in csv.DictReader(fh)}


def test_jsonl_export_ingests_back_with_nothing_lost(db, tmp_path: Path):
    pytest.importorskip("sourcier.ingest", reason="needs sourcier.ingest.iter_documents")
    second = ("La députée Aminata Touré a déclaré : « Le budget sera voté en juin. » "
              "L'information a été relayée par l'ORTM.")
    with open_store(db) as s:
        s.add_batch([article(second, url=None, outlet="L'Essor", published="2024-05-02T10:30:00+00:00",
                             title="Le budget en juin", external_id=None)])
    exported = tmp_path / "corpus.jsonl"
    run("export", "--db", db, "--format", "jsonl", str(exported))
    again = f"sqlite:///{tmp_path / 'again.db'}"
    result = CliRunner().invoke(main, ["ingest", str(exported), "--db", again, "--workers", "0",
                                       "--analyzer", FAKE, "--quiet"])
    assert result.exit_code == 0, result.output

    def articles(url: str) -> list[tuple]:
        with open_store(url) as s, s.connect() as conn:
            rows = conn.execute(sa.select(schema.articles.c["id", "external_id", "url", "outlet", "published",
                                                               "published_date", "title", "text"]))
            return sorted(tuple(r) for r in rows)

    before, after = articles(db), articles(again)
    assert len(before) == 2 and after == before
