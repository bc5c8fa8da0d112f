"""Exports read back: JSONL analyses, CSV and Parquet tables."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from store_builders import article, entity, quote, simple, source

from sourcier.cli.main import main
from sourcier.errors import StoreError
from sourcier.model import Analysis
from sourcier.store import open_store, schema
from sourcier.store.export import export

TEXT = ("Le ministre Abdoulaye Diop a déclaré : « Le Mali est souverain. » "
        "Selon Sputnik, « la coopération continue », ajoute-t-il.")


@pytest.fixture
def filled(store):
    diop = entity("e1", "Abdoulaye Diop", TEXT, roles=["ministre"])
    a = article(TEXT, url="https://www.jeuneafrique.com/x", title="Diop, « souverain »", external_id="ja-9",
                entities=[diop], quotes=[quote("q1", TEXT, "Le Mali est souverain.", speaker=diop)],
                sources=[source("s1", "Sputnik", TEXT, state=True, country="RU")],
                relations=[{"id": "r1", "type": "cites", "subject": "e1", "object": "s1"}])
    batch = [a, simple(1), simple(2)]
    store.add_batch(batch)
    return batch


def test_jsonl_is_one_analysis_per_line(store, filled, tmp_path):
    out = tmp_path / "corpus.jsonl"
    assert export(store, "jsonl", out) == {str(out): 3}
    lines = out.read_text(encoding="utf-8").splitlines()
    back = [Analysis.from_dict(json.loads(line)) for line in lines]
    assert sorted(back, key=lambda a: a.id) == sorted(filled, key=lambda a: a.id)
    assert json.loads(lines[0])["schema"] == "sourcier.analysis/1"


def test_jsonl_gz(store, filled, tmp_path):
    out = tmp_path / "corpus.jsonl.gz"
    export(store, "jsonl", out)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        assert len(fh.read().splitlines()) == 3


def test_csv_one_file_per_table(store, filled, tmp_path):
    counts = export(store, "csv", tmp_path / "csv")
    assert {p.rsplit("/", 1)[-1] for p in counts} == {f"{t.name}.csv" for t in schema.TABLES}
    with (tmp_path / "csv" / "quotes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3 and "Le Mali est souverain." in {r["text"] for r in rows}
    diop_quote = next(r for r in rows if r["text"] == "Le Mali est souverain.")
    # The shape of `sourcier quotes --format csv`, less the article's other columns.
    assert diop_quote["speaker"] == "Abdoulaye Diop" and diop_quote["speaker_id"] and diop_quote["speaker_entity"] == "e1"
    assert "article_title" not in diop_quote and diop_quote["article_id"] == filled[0].id
    with (tmp_path / "csv" / "articles.csv").open(encoding="utf-8", newline="") as fh:
        arts = {r["id"]: r for r in csv.DictReader(fh)}
    assert "analysis" not in next(iter(arts.values()))
    assert arts[filled[0].id]["text"] == TEXT  # quotes, guillemets and commas survive
    # Typed readers (what pandas / DuckDB do) get booleans, dates and JSON back.
    outlets = pacsv.read_csv(tmp_path / "csv" / "outlets.csv").to_pylist()
    assert {o["name"]: o["state_affiliated"] for o in outlets} == {"Jeune Afrique": None, "Sputnik": True}
    ents = pacsv.read_csv(tmp_path / "csv" / "entities.csv").to_pylist()
    diop = next(e for e in ents if e["name"] == "Abdoulaye Diop")
    assert json.loads(diop["roles"]) == ["ministre"]
    assert counts[str(tmp_path / "csv" / "relations.csv")] == 1


def test_parquet_one_file_per_table(store, filled, tmp_path):
    export(store, "parquet", tmp_path / "pq")
    tables = {t.name: pq.read_table(tmp_path / "pq" / f"{t.name}.parquet") for t in schema.TABLES}
    assert tables["articles"].num_rows == 3
    assert tables["articles"].schema.field("published_date").type == pa.date32()
    assert tables["articles"].schema.field("ingested_at").type == pa.timestamp("us", tz="UTC")
    assert tables["outlets"].schema.field("state_affiliated").type == pa.bool_()
    assert tables["quotes"].schema.field("confidence").type == pa.float64()
    quotes = tables["quotes"].to_pylist()
    assert {q["text"] for q in quotes} >= {"Le Mali est souverain."}
    # Native nested types: the quote has the analysis's shape, integers stay integers (or null).
    fields = tables["quotes"].schema
    assert pa.types.is_struct(fields.field("speaker").type) and pa.types.is_list(fields.field("via").type)
    assert fields.field("speaker").type.field("id").type == pa.int64()
    diop_quote = next(q for q in quotes if q["text"] == "Le Mali est souverain.")
    assert diop_quote["speaker"]["name"] == "Abdoulaye Diop" and isinstance(diop_quote["speaker"]["id"], int)
    assert diop_quote["cue"] is None and diop_quote["via"] == []
    assert tables["entities"].schema.field("roles").type == pa.list_(pa.string())
    assert next(e for e in tables["entities"].to_pylist() if e["name"] == "Abdoulaye Diop")["roles"] == ["ministre"]
    mentions = tables["sources"].to_pylist()[0]["mentions"]
    assert mentions[0] == {"start": TEXT.index("Sputnik"), "end": TEXT.index("Sputnik") + 7, "text": "Sputnik"}
    rel = tables["relations"].to_pylist()[0]
    assert json.loads(rel["payload"]) == {"id": "r1", "type": "cites", "subject": "e1", "object": "s1"}


def test_empty_tables_still_get_a_file(store, tmp_path):
    export(store, "parquet", tmp_path / "pq")
    assert pq.read_table(tmp_path / "pq" / "quotes.parquet").num_rows == 0
    export(store, "csv", tmp_path / "csv")
    assert (tmp_path / "csv" / "quotes.csv").read_text().startswith("article_id,quote_id,type")


def test_export_to_a_file_where_a_directory_is_needed(store, tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="directory"):
        export(store, "csv", tmp_path / "f")


def damaged_database(path: Path) -> str:
    with open_store(str(path)) as s:
        s.add_batch([simple(i) for i in range(300)])
    size = path.stat().st_size
    with path.open("r+b") as fh:  # pages in the middle of the file overwritten
        fh.seek(size // 2)
        fh.write(b"\xff" * 20_000)
    return str(path)


def test_export_of_a_damaged_database_fails_cleanly_and_leaves_no_partial_file(tmp_path):
    db = damaged_database(tmp_path / "damaged.db")
    out = tmp_path / "out"
    out.mkdir()
    (out / "quotes.csv").write_text("an earlier export\n")
    for fmt, target in (("csv", out), ("parquet", out), ("jsonl", out / "corpus.jsonl")):
        with open_store(db, create=False) as s, pytest.raises(StoreError, match="E300.*damaged"):
            export(s, fmt, target)
        assert sorted(p.name for p in out.iterdir()) == ["quotes.csv"], fmt
    assert (out / "quotes.csv").read_text() == "an earlier export\n"
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "csv", str(out)])
    assert result.exit_code == 1 and "E300" in result.output and "Traceback" not in result.output


RELAYED = ("La compagnie nationale a annoncé lundi la reprise des vols entre Bamako et Dakar, "
           "suspendus depuis trois semaines, a indiqué son directeur.")


def _ingest_relayed(store) -> None:
    from sourcier.ingest.readers import read_text
    from sourcier.model import ArticleMeta
    from sourcier.store.ingest import ingest

    docs = [read_text(RELAYED, meta=ArticleMeta(url=f"https://{site}/vols", outlet=outlet, published=day))
            for site, outlet, day in (("agence-sahel.example", "Agence Sahel", "2024-03-04"),
                                      ("www.relais-dakar.example", "Relais Dakar", "5 mars 2024"))]
    ingest(docs, store, workers=0, analyzer="store_fake_analyzer:analyze_many")


def test_every_export_format_carries_the_publications(store, tmp_path):
    _ingest_relayed(store)
    export(store, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "publications.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted((r["outlet"], r["published_date"]) for r in rows) == [("Agence Sahel", "2024-03-04"),
                                                                        ("Relais Dakar", "2024-03-05")]
    assert len({r["article_id"] for r in rows}) == 1
    export(store, "parquet", tmp_path / "pq")
    table = pq.read_table(tmp_path / "pq" / "publications.parquet")
    assert sorted(table.column("outlet").to_pylist()) == ["Agence Sahel", "Relais Dakar"]
    assert table.schema.field("first_seen").type == pa.timestamp("us", tz="UTC")
    export(store, "jsonl", tmp_path / "corpus.jsonl")
    [line] = (tmp_path / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    data = json.loads(line)
    assert [(p["outlet"], p["url"]) for p in data["publications"]] == [
        ("Agence Sahel", "https://agence-sahel.example/vols"), ("Relais Dakar", "https://www.relais-dakar.example/vols")]


def test_a_jsonl_export_is_valid_and_ingested_back_with_its_publications(store, tmp_path):
    import jsonschema

    from sourcier.store.ingest import ingest
    from sourcier.ingest.readers import read_jsonl
    from test_offsets_and_schema import analysis_schema

    _ingest_relayed(store)
    export(store, "jsonl", tmp_path / "corpus.jsonl")
    jsonschema.validate(json.loads((tmp_path / "corpus.jsonl").read_text(encoding="utf-8")), analysis_schema())
    with open_store(f"sqlite:///{tmp_path / 'back.db'}") as back:
        summary = ingest(read_jsonl(tmp_path / "corpus.jsonl"), back, workers=0,
                         analyzer="store_fake_analyzer:analyze_many")
        assert (summary.ingested, summary.new_publications) == (1, 1)
        p = schema.publications
        with back.engine.connect() as conn:
            rows = conn.execute(sa.select(p.c.outlet, p.c.published_date).order_by(p.c.id)).all()
    assert [(r.outlet, r.published_date.isoformat()) for r in rows] == [("Agence Sahel", "2024-03-04"),
                                                                        ("Relais Dakar", "2024-03-05")]
