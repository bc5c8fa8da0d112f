"""Publications: one analysed text, every outlet that published it; old stores carried over."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from store_builders import simple

from sourcier.model import ArticleMeta, Document
from sourcier.store import open_store, schema
from sourcier.store.db import publication_key
from sourcier.store.ingest import ingest


def _publications(store) -> list[dict]:
    p = schema.publications
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(p).order_by(p.c.id)).mappings()]


def _doc(text: str, **meta) -> Document:
    from sourcier.ingest.readers import read_text

    return read_text(text, meta=ArticleMeta(**meta))


TEXT = ("Le ministre des Affaires étrangères a déclaré à Sputnik Afrique que « la coopération avec la Russie "
        "se poursuivra », avant de rencontrer les ambassadeurs à Bamako.")


def test_one_text_published_by_three_outlets_is_analysed_once_with_three_publications(store):
    docs = [
        _doc(TEXT, url="https://fr.sputniknews.africa/a", outlet="Sputnik Afrique", published="2024-03-11"),
        _doc(TEXT, url="https://www.maliweb.net/b", outlet="Maliweb", published="2024-03-12"),
        _doc(TEXT, url="https://www.seneweb.com/c", outlet="Seneweb", published="2024-03-12"),
        _doc(TEXT, url="https://www.maliweb.net/b?utm_source=x", outlet="Maliweb"),  # the same publication again
    ]
    summary = ingest(docs, store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    assert (summary.ingested, summary.new_publications, summary.already_present) == (1, 2, 1)
    assert store.count() == 1
    rows = _publications(store)
    assert [r["outlet"] for r in rows] == ["Sputnik Afrique", "Maliweb", "Seneweb"]
    assert {r["article_id"] for r in rows} == {store_article_id(store)}
    again = ingest(docs[:3], store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    assert (again.ingested, again.new_publications, again.already_present) == (0, 0, 3)


def store_article_id(store) -> str:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(schema.articles.c.id)).scalar_one()


def test_external_ids_identify_publications_without_urls(store):
    docs = [_doc(TEXT, external_id="17"), _doc(TEXT, external_id="42"), _doc(TEXT, external_id="17")]
    summary = ingest(docs, store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    assert (summary.ingested, summary.new_publications, summary.already_present) == (1, 1, 1)


def test_publication_key_prefers_url_then_external_id_then_text():
    assert publication_key(ArticleMeta(url="https://a.example/x#top", external_id="9"), "c").startswith("url:")
    assert publication_key(ArticleMeta(external_id="9"), "c") == "id:9"
    assert publication_key(ArticleMeta(), "c") == "text:c"


def test_an_old_store_migrates_with_every_article_as_its_first_publication(db_url):
    with open_store(db_url) as store:
        store.add_batch([simple(1, url="https://a.example/x", outlet="Maliweb"), simple(2, external_id="e2"), simple(3)])
    with open_store(db_url) as store, store.engine.begin() as conn:  # back to the schema before publications
        from alembic import command

        from sourcier.store.db import _alembic_config

        command.downgrade(_alembic_config(conn), "0001")
        assert not sa.inspect(conn).has_table("publications")
    with open_store(db_url) as store:
        rows = _publications(store)
        assert store.count() == 3 and len(rows) == 3
        assert sorted(r["key"].split(":")[0] for r in rows) == ["id", "text", "url"]
        with store.engine.connect() as conn:
            articles = {r.id: r for r in conn.execute(sa.select(schema.articles))}
        for r in rows:
            article = articles[r["article_id"]]
            assert (r["url"], r["external_id"], r["outlet"], r["published"]) == (
                article.url, article.external_id, article.outlet, article.published)
        assert "Maliweb" in {r["outlet"] for r in rows}
        assert all(r["first_seen"] is not None for r in rows)


def test_reprints_and_trace_read_a_store(store, db_url):
    import json

    from click.testing import CliRunner
    from store_builders import article

    from sourcier.cli.main import main

    lead = ("Le conseil municipal de Saint-Malo a voté mardi soir la rénovation complète du port de plaisance, un "
            "chantier estimé à douze millions d'euros qui doit commencer au printemps prochain. Les plaisanciers "
            "craignent une hausse des tarifs d'amarrage, que la mairie promet de contenir pendant trois ans. "
            "L'opposition réclame une consultation publique avant la signature des marchés avec les entreprises.")
    first = article(lead, url="https://ouest.example/port", outlet="Ouest Littoral", published="2024-03-05")
    relay = article("Selon Ouest Littoral, " + lead[:300], url="https://relais.example/port", outlet="Le Relais",
                    published="2024-03-06")
    store.add_batch([first, relay])
    result = CliRunner().invoke(main, ["reprints", "--db", db_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    [cluster] = json.loads(result.stdout)["clusters"]
    assert [m["outlet"] for m in cluster["members"]] == ["Ouest Littoral", "Le Relais"]
    traced = CliRunner().invoke(main, ["trace", first.id, "--db", db_url, "--format", "json"])
    [edge] = json.loads(traced.stdout)["edges"]
    assert (edge["source"], edge["target"], edge["directed"]) == (first.id, relay.id, True)


def test_trace_on_a_store_lists_every_publication_of_a_text(store, db_url):
    import json

    from click.testing import CliRunner

    from sourcier.cli.main import main

    docs = [
        _doc(TEXT, url="https://fr.sputniknews.africa/a", outlet="Sputnik Afrique", published="2024-03-11"),
        _doc(TEXT, url="https://www.seneweb.com/c", outlet="Seneweb", published="12 mars 2024"),
    ]
    ingest(docs, store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    traced = CliRunner().invoke(main, ["trace", store_article_id(store), "--db", db_url, "--format", "json"])
    appearances = json.loads(traced.stdout)["appearances"]
    assert [(a["outlet"], a["published"]) for a in appearances] == [("Sputnik Afrique", "2024-03-11"),
                                                                   ("Seneweb", "2024-03-12")]


def test_quote_trail_on_a_store_names_the_speaker_and_via(store, db_url):
    import json

    from click.testing import CliRunner
    from store_builders import article, entity, quote

    from sourcier.cli.main import main
    from sourcier.model import Via

    said = "Notre partenariat avec la Russie répond à nos besoins de sécurité"
    texts = [f"Le ministre Abdoulaye Diop a déclaré : « {said} », lundi à Bamako.",
             f"« {said} », a affirmé le chef de la diplomatie, Abdoulaye Diop, cité par Sputnik."]
    stored = []
    for n, text in enumerate(texts):
        minister = entity("e1", "Abdoulaye Diop", text)
        via = [Via(name="Sputnik", source="s1")] if n else []
        stored.append(article(text, url=f"https://site{n}.example/a", published=f"2024-03-1{n + 1}",
                              entities=[minister], quotes=[quote("q1", text, said, speaker=minister, via=via)]))
    store.add_batch(stored)
    traced = CliRunner().invoke(main, ["trace", said, "--db", db_url, "--format", "json"])
    assert traced.exit_code == 0, traced.output
    appearances = json.loads(traced.stdout)["appearances"]
    assert [(a["speaker"], a["via"]) for a in appearances] == [("Abdoulaye Diop", []), ("Abdoulaye Diop", ["Sputnik"])]


def test_a_publication_without_a_readable_date_is_placed_at_its_first_seen_time_and_says_so(store):
    from sourcier.link.reprints import store_items

    ingest([_doc(TEXT, url="https://a.example/1", published="2024-03-11"),
            _doc(TEXT, url="https://b.example/2", published="le lendemain")],
           store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    items = list(store_items(store))
    assert [(i.published, i.time_source) for i in items][0] == ("2024-03-11", "published")
    assert items[1].time_source == "first_seen"
    assert items[1].published[:10] == datetime.now(UTC).date().isoformat()


def test_a_french_date_given_through_the_python_api_is_stored_as_a_date(store):
    """``--since`` must not drop "5 mars 2024": the store reads it even when no reader did."""
    from sourcier.store import queries

    ingest([_doc(TEXT, url="https://a.example/1", published="5 mars 2024"),
            _doc(TEXT, url="https://b.example/2", published="06/03/2024")],
           store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    assert sorted(r["published_date"].isoformat() for r in _publications(store)) == ["2024-03-05", "2024-03-06"]
    from datetime import date

    assert queries.count_articles(store, since=date(2024, 3, 1), until=date(2024, 3, 31)) == 1
