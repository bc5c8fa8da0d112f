"""One quote shape: the analysis's (speaker, cue, via) in the corpus's JSON, CSV and exports."""

from __future__ import annotations

import csv
import io
import json

import sqlalchemy as sa
from click.testing import CliRunner
from store_builders import article, entity

from sourcier.cli.main import main
from sourcier.model import Quote, Speaker, TextSpan, Via
from sourcier.store import open_store, queries, schema

TEXT = "Selon la radio Kati FM, le maire Oumar Touré a assuré : « Le marché rouvrira lundi. »"


def _analysis():
    toure = entity("e1", "Oumar Touré", TEXT, roles=["maire"])
    said = "Le marché rouvrira lundi."
    start = TEXT.index(said)
    mention = TextSpan(TEXT.index("Oumar"), TEXT.index("Oumar") + len("Oumar Touré"), "Oumar Touré")
    cue = TextSpan(TEXT.index("a assuré"), TEXT.index("a assuré") + len("a assuré"), "a assuré")
    q = Quote(id="q1", type="direct", start=start, end=start + len(said), text=said,
              speaker=Speaker(entity="e1", name="Oumar Touré", mention=mention), cue=cue,
              via=[Via("Kati FM", "s1")], confidence=0.8)
    return article(TEXT, entities=[toure], quotes=[q])


def test_a_corpus_quote_has_the_analysis_shape_with_the_corpus_speaker(store):
    a = _analysis()
    store.add(a)
    [hit] = queries.quotes(store)
    given = a.to_dict()["quotes"][0]
    got = hit.to_dict()
    assert got["cue"] == given["cue"] and got["via"] == given["via"]
    assert got["speaker"] == {**given["speaker"], "id": hit.speaker.id, "as_written": "Oumar Touré"}
    for span in (got["cue"], got["speaker"]["mention"]):
        assert TEXT[span["start"]:span["end"]] == span["text"]
    flat = hit.flat()
    assert list(flat) == list(queries.QUOTE_FLAT_COLUMNS)
    assert (flat["speaker_id"], flat["cue_start"], json.loads(flat["via"])) == (
        hit.speaker.id, given["cue"]["start"], given["via"])


def test_the_cli_csv_is_the_flat_shape(db_url, store):
    store.add(_analysis())
    out = CliRunner().invoke(main, ["quotes", "--db", db_url, "--format", "csv"]).stdout
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert tuple(row) == queries.QUOTE_FLAT_COLUMNS
    assert (row["speaker"], row["cue"], row["speaker_mention"]) == ("Oumar Touré", "a assuré", "Oumar Touré")


def test_a_store_from_before_the_spans_gets_them_from_its_analyses(db_url):
    with open_store(db_url) as store:
        store.add(_analysis())
    with open_store(db_url) as store, store.engine.begin() as conn:
        from alembic import command

        from sourcier.store.db import _alembic_config

        command.downgrade(_alembic_config(conn), "0005_serve")
        assert "cue_start" not in {c["name"] for c in sa.inspect(conn).get_columns("quotes")}
    with open_store(db_url) as store:
        [hit] = queries.quotes(store)
        assert hit.cue == {"start": TEXT.index("a assuré"), "end": TEXT.index("a assuré") + 8, "text": "a assuré"}
        assert hit.speaker.mention["text"] == "Oumar Touré"
        with store.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(schema.speaker_corrections)).scalar_one() == 0
