"""Queries on a small hand-built corpus, identical answers on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from store_builders import article, entity, quote, source

from sourcier.errors import QueryRefused, QueryTimeout
from sourcier.model import Via
from sourcier.store import open_store, queries
from sourcier.store.queries import MAX_SEARCH_TERMS, fts5_query

T1 = ("Bamako. L'élection présidentielle est reportée, a annoncé le ministre malien des Affaires "
      "étrangères, Abdoulaye Diop : « L'élection aura lieu quand la sécurité sera rétablie. » "
      "Selon Sputnik, Moscou approuve. (AFP)")
T2 = ("Paris. Diop, ministre des Affaires étrangères, a répondu : « Le Mali choisit ses partenaires. » "
      "Selon RT, la coopération militaire s'intensifie. Reuters évoque des mercenaires.")
T3 = ("Koulouba. Le président de la transition Assimi Goïta a promis : « Les élections auront lieu en 2025. » "
      "Il s'exprimait sur l'ORTM.")
T4 = ("Le Premier ministre Choguel Maïga a critiqué la France : « Nous ne sommes pas des sous-préfets. »")
T5 = "Un diplomate a confié : « Personne ne croit au calendrier. »"


@pytest.fixture
def corpus(store):
    diop1 = entity("e1", "Abdoulaye Diop", T1, roles=["ministre malien des Affaires étrangères"])
    diop2 = entity("e1", "Diop", T2, roles=["ministre des Affaires étrangères"])
    goita = entity("e1", "Assimi Goïta", T3, roles=["président de la transition"])
    maiga = entity("e1", "Choguel Maïga", T4, roles=["Premier ministre"])
    a1 = article(T1, url="https://www.jeuneafrique.com/1/", outlet="Jeune Afrique", published="2024-03-05",
                 title="Mali : la présidentielle reportée", external_id="ja-1", entities=[diop1],
                 quotes=[quote("q1", T1, "L'élection aura lieu quand la sécurité sera rétablie.", speaker=diop1,
                               via=[Via("Sputnik", "s1")])],
                 sources=[source("s1", "Sputnik", T1, state=True, country="RU"),
                          source("s2", "AFP", T1, role="byline", state=False, country="FR")])
    a2 = article(T2, url="https://www.rfi.fr/2", outlet="RFI", published="2024-03-10T08:00:00+00:00",
                 title="Diop répond à Paris", entities=[diop2],
                 quotes=[quote("q1", T2, "Le Mali choisit ses partenaires.", speaker=diop2)],
                 sources=[source("s1", "RT", T2, state=True, country="RU"),
                          source("s2", "Reuters", T2, role="mention")])
    a3 = article(T3, url="https://www.maliweb.net/3", outlet="Maliweb", published="Mon, 01 Apr 2024 10:00:00 GMT",
                 title="Goïta promet un scrutin", entities=[goita],
                 quotes=[quote("q1", T3, "Les élections auront lieu en 2025.", speaker=goita)],
                 sources=[source("s1", "ORTM", T3, role="interview", state=True, country="ML")])
    a4 = article(T4, url="https://www.jeuneafrique.com/4", outlet="Jeune Afrique", published="2024-02-20",
                 title="Maïga contre Paris", entities=[maiga],
                 quotes=[quote("q1", T4, "Nous ne sommes pas des sous-préfets.", speaker=maiga)])
    a5 = article(T5, outlet=None, published=None, title=None,
                 quotes=[quote("q1", T5, "Personne ne croit au calendrier.", name="Un diplomate")])
    store.add_batch([a1, a2, a3, a4, a5])
    return {"a1": a1, "a2": a2, "a3": a3, "a4": a4, "a5": a5}


def ids(hits) -> list[str]:
    return [h.article.id for h in hits]


def test_quotes_newest_first_with_their_article(store, corpus):
    hits = queries.quotes(store)
    assert ids(hits) == [corpus[k].id for k in ("a3", "a2", "a1", "a4", "a5")]
    first = hits[2].to_dict()
    assert first["article"] == {
        "id": corpus["a1"].id, "external_id": "ja-1", "title": "Mali : la présidentielle reportée",
        "url": "https://www.jeuneafrique.com/1/", "outlet": "Jeune Afrique", "published": "2024-03-05",
    }
    # The analysis's quote shape (speaker, cue, via), the speaker resolved across the corpus.
    assert first["speaker"] == {"name": "Abdoulaye Diop", "id": hits[2].speaker.id, "entity": "e1",
                                "as_written": "Abdoulaye Diop", "mention": None}
    assert first["via"] == [{"name": "Sputnik", "source": "s1"}] and first["cue"] is None
    assert hits[1].speaker.name == "Abdoulaye Diop" and hits[1].speaker.as_written == "Diop"
    assert hits[4].speaker.name == "Un diplomate" and hits[4].speaker.id is None


def test_quotes_filters(store, corpus):
    assert ids(queries.quotes(store, speaker="Diop")) == [corpus["a2"].id, corpus["a1"].id]
    assert ids(queries.quotes(store, speaker="goita")) == [corpus["a3"].id]  # accents ignored
    assert ids(queries.quotes(store, outlet="jeune afrique")) == [corpus["a1"].id, corpus["a4"].id]
    assert ids(queries.quotes(store, outlet="rfi.fr")) == [corpus["a2"].id]  # by domain
    assert ids(queries.quotes(store, since=date(2024, 3, 5), until=date(2024, 3, 10))) == [
        corpus["a2"].id, corpus["a1"].id]
    assert ids(queries.quotes(store, since=date(2024, 3, 6))) == [corpus["a3"].id, corpus["a2"].id]
    assert ids(queries.quotes(store, speaker="diop", outlet="RFI")) == [corpus["a2"].id]
    assert len(queries.quotes(store, limit=2)) == 2


def test_quote_search_stems_french(store, corpus):
    # "élections" finds "L'élection aura lieu…" and "Les élections auront lieu…".
    assert ids(queries.quotes(store, search="élections")) == [corpus["a3"].id, corpus["a1"].id]
    assert ids(queries.quotes(store, search="élection")) == [corpus["a3"].id, corpus["a1"].id]
    assert ids(queries.quotes(store, search="partenaires Mali")) == [corpus["a2"].id]
    assert queries.quotes(store, search="Tombouctou") == []


def test_speakers(store, corpus):
    top = queries.speakers(store)
    assert [(s.name, s.quotes, s.articles) for s in top] == [
        ("Abdoulaye Diop", 2, 2), ("Assimi Goïta", 1, 1), ("Choguel Maïga", 1, 1), ("Un diplomate", 1, 1),
    ]
    assert top[0].outlets == {"Jeune Afrique": 1, "RFI": 1}
    assert top[0].type == "PERSON" and "ministre des Affaires étrangères" in top[0].roles
    assert top[3].entity_id is None and top[3].outlets == {"(unknown)": 1}
    assert [s.name for s in queries.speakers(store, outlet="Jeune Afrique")] == ["Abdoulaye Diop", "Choguel Maïga"]
    assert [s.name for s in queries.speakers(store, since=date(2024, 3, 6))] == ["Abdoulaye Diop", "Assimi Goïta"]
    assert len(queries.speakers(store, limit=1)) == 1


def test_sources(store, corpus):
    report = {r.outlet: r for r in queries.sources(store)}
    assert set(report) == {"Jeune Afrique", "RFI", "Maliweb"}
    ja, rfi, mw = report["Jeune Afrique"], report["RFI"], report["Maliweb"]
    assert (ja.citations, ja.state_affiliated, ja.state_share) == (2, 1, 0.5)
    assert [(m.name, m.state_affiliated, m.roles) for m in ja.cited] == [
        ("AFP", False, {"byline": 1}), ("Sputnik", True, {"relay": 1})]
    assert (rfi.citations, rfi.state_affiliated, rfi.unknown_affiliation) == (2, 1, 1)
    assert mw.state_share == 1.0
    assert queries.sources(store)[0].to_dict()["state_share"] in (0.5, 1.0)
    only_relays = queries.sources(store, roles=["relay"])
    assert {r.outlet: r.citations for r in only_relays} == {"Jeune Afrique": 1, "RFI": 1}
    assert [r.outlet for r in queries.sources(store, outlet="maliweb.net")] == ["Maliweb"]
    assert queries.sources(store, until=date(2024, 3, 1)) == []


def test_article_search(store, corpus):
    # Stemming: "élections" finds the texts saying "élection" and "élections".
    hits = queries.articles(store, search="élections")
    assert set(ids(hits)) == {corpus["a1"].id, corpus["a3"].id}
    assert all(h.snippet and "[" in h.snippet for h in hits)
    # Titles count: "présidentielle" is in a1's title and text.
    assert ids(queries.articles(store, search="présidentielle"))[0] == corpus["a1"].id
    assert ids(queries.articles(store, search="mercenaires")) == [corpus["a2"].id]
    assert ids(queries.articles(store, search="élections", outlet="Maliweb")) == [corpus["a3"].id]
    assert ids(queries.articles(store, search='"coopération militaire"')) == [corpus["a2"].id]
    assert queries.articles(store, search="Tombouctou") == []


def test_articles_without_search_newest_first(store, corpus):
    assert ids(queries.articles(store, limit=3)) == [corpus[k].id for k in ("a3", "a2", "a1")]


def test_fts5_query():
    assert fts5_query("élections") == '"election"*'
    assert fts5_query("Côte d'Ivoire") == '"cote"* "ivoir"*'
    assert fts5_query('"coopération militaire" Mali') == '"cooperation militaire" "mali"*'
    assert fts5_query("l' d'") is None
    assert fts5_query('AND OR "') is not None  # operators are quoted, never parsed


def test_speaker_wildcards_are_literal(store, corpus):
    assert queries.quotes(store, speaker="%") == []
    assert queries.quotes(store, speaker="_") == []
    assert queries.quotes(store, speaker="D%p") == []
    assert queries.quotes(store, speaker="Di_p") == []
    assert ids(queries.quotes(store, speaker="Diop")) == [corpus["a2"].id, corpus["a1"].id]


def test_a_speaker_id_selects_that_corpus_speaker_only(store, corpus):
    diop = queries.quotes(store, speaker="Diop")
    entity = diop[0].speaker.id
    assert entity is not None
    by_id = {(h.article.id, h.id) for h in queries.quotes(store, speaker=f"#{entity}")}
    assert by_id == {(h.article.id, h.id) for h in diop if h.speaker.id == entity}
    assert queries.count_quotes(store, speaker=str(entity)) == len(by_id)


def test_a_query_and_its_pages(store, corpus):
    every = queries.quotes(store, limit=None)
    query = queries.QuoteQuery(outlet="Jeune Afrique")
    assert queries.count_quotes(store, query) == len(queries.quotes(store, query, limit=None)) > 1
    first, rest = queries.quotes(store, limit=1), queries.quotes(store, offset=1, limit=None)
    assert [(h.article.id, h.id) for h in first + rest] == [(h.article.id, h.id) for h in every]
    assert queries.quotes(store, query, outlet="rfi.fr") == queries.quotes(store, outlet="rfi.fr")  # keywords win


def test_a_very_long_speaker_is_a_clear_error(store, corpus):
    with pytest.raises(QueryRefused, match=r"E302.*speaker.*200"):
        queries.quotes(store, speaker="Diop " * 20_000)


def test_repeated_search_words_count_once(store, corpus):
    assert ids(queries.quotes(store, search="élections " * 5_000)) == [corpus["a3"].id, corpus["a1"].id]
    assert set(ids(queries.articles(store, search="mercenaires " * 5_000))) == {corpus["a2"].id}


def test_too_many_search_terms_is_a_clear_error(store, corpus):
    many = " ".join(f"mot{i}" for i in range(MAX_SEARCH_TERMS + 1))
    with pytest.raises(QueryRefused, match=f"E302.*{MAX_SEARCH_TERMS}"):
        queries.articles(store, search=many)
    with pytest.raises(QueryRefused, match="E302"):
        queries.quotes(store, search=many)
    assert queries.articles(store, search=" ".join(f"mot{i}" for i in range(MAX_SEARCH_TERMS))) == []


@pytest.mark.postgres
def test_a_slow_postgresql_search_is_cancelled(pg_url):
    filler = " La réunion de Bamako a repris après une longue pause." * 400
    with open_store(pg_url) as store:
        store.add_batch([article(f"Dépêche numéro {i}.{filler}", url=f"https://x.example/{i}") for i in range(60)])
        assert len(queries.articles(store, search="réunion Bamako", limit=None)) == 60  # in time: answered
        store.query_timeout = 0.001  # every snippet of 60 long texts takes far longer than that
        with pytest.raises(QueryTimeout, match=r"E303.*0\.001 s"):
            queries.articles(store, search="réunion Bamako", limit=None)
        store.query_timeout = 10
        with store.connect() as conn:  # the server is not left working for a client that gave up
            busy = conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                                        "AND query LIKE '%ts_headline%' AND pid <> pg_backend_pid()"))
            assert busy.scalar() == 0


def test_outlet_filter_by_knowledge_base_name_alias_domain_or_subdomain(store):
    said = "Nous ne demandons la permission de personne."
    text = f"Le ministre a déclaré à Bamako : « {said} »"
    sputnik = article(text, url="https://fr.sputniknews.africa/20240311/a.html", outlet="Sputnik Afrique",
                      quotes=[quote("q1", text, said, name="Le ministre")])
    other = article("Le maire de Ségou a déclaré : « Le pont sera rouvert. »", url="https://www.maliweb.net/x",
                    outlet="Maliweb", quotes=[quote("q1", "Le maire de Ségou a déclaré : « Le pont sera rouvert. »",
                                                    "Le pont sera rouvert.", name="Le maire")])
    store.add_batch([sputnik, other])
    for query in ("Sputnik Afrique", "Spoutnik Afrique", "sputniknews.africa", "https://fr.sputniknews.africa/"):
        assert ids(queries.quotes(store, outlet=query)) == [sputnik.id], query


def test_every_outlet_filter_finds_a_text_by_any_of_its_publications(store):
    """A dispatch published first by one outlet and relayed word for word by another is the
    relay's article too: quotes, speakers, sources and articles filtered on the relay find it."""
    from sourcier.ingest.readers import read_text
    from sourcier.model import ArticleMeta
    from sourcier.store.ingest import ingest

    said = "Le barrage de Kandadji sera achevé avant la saison des pluies."
    text = f"Le ministre nigérien de l'Hydraulique a déclaré à Niamey : « {said} » Selon Sputnik, Moscou suit le dossier."
    first = article(text, url="https://agence-sahel.example/kandadji", outlet="Agence Sahel",
                    quotes=[quote("q1", text, said, name="Le ministre nigérien")],
                    sources=[source("s1", "Sputnik", text, state=True, country="RU")])
    store.add_batch([first])
    relay = read_text(text, meta=ArticleMeta(url="https://www.relais-niamey.example/a/1", outlet="Relais Niamey",
                                             published="2024-03-06"))
    summary = ingest([relay], store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    assert summary.new_publications == 1
    for query in ("Relais Niamey", "relais niamey", "relais-niamey.example", "Agence Sahel"):
        assert ids(queries.quotes(store, outlet=query)) == [first.id], query
        assert queries.count_quotes(store, outlet=query) == 1, query
        assert [a.article.id for a in queries.articles(store, outlet=query)] == [first.id], query
        assert queries.count_articles(store, outlet=query) == 1, query
        assert [s.name for s in queries.speakers(store, outlet=query)] == ["Le ministre nigérien"], query
        assert [m.name for r in queries.sources(store, outlet=query) for m in r.cited] == ["Sputnik"], query
    assert queries.quotes(store, outlet="Maliweb") == []


def test_state_affiliated_share_of_publishers_counts_every_publication(store):
    """Publishers, not only cited media: Sputnik Afrique (state-affiliated in the knowledge
    base, found by its name or its URL's host), Maliweb (known, not state-affiliated) and an
    outlet the base does not know."""
    from sourcier.ingest.readers import read_text
    from sourcier.model import ArticleMeta
    from sourcier.store.ingest import ingest

    dispatch = "Le ministre a annoncé mardi à Bamako la réouverture des écoles de Mopti. Selon l'AFP, la rentrée est fixée au 4 mars."
    other = "La mairie de Ségou a inauguré le nouveau marché couvert, selon Maliweb."
    store.add_batch([
        article(dispatch, url="https://fr.sputniknews.africa/2024/ecoles", outlet=None,
                sources=[source("s1", "AFP", dispatch, state=False, country="FR")]),
        article(other, url="https://petit-segou.example/marche", outlet="Le Petit Journal de Ségou",
                sources=[source("s1", "Maliweb", other, state=False, country="ML")]),
    ])
    ingest([read_text(dispatch, meta=ArticleMeta(url="https://www.maliweb.net/ecoles", outlet="Maliweb"))],
           store, workers=0, analyzer="store_fake_analyzer:analyze_many")
    share = queries.publisher_share(store)
    assert (share.publications, share.state_affiliated, share.not_state_affiliated, share.unknown) == (3, 1, 1, 1)
    assert share.to_dict()["state_share"] == round(1 / 3, 4)
    only_maliweb = queries.publisher_share(store, outlet="maliweb.net")
    assert (only_maliweb.publications, only_maliweb.state_affiliated) == (1, 0)
    report = {r.outlet: r.publisher_state_affiliated for r in queries.sources(store)}
    assert report == {"(unknown)": None, "Le Petit Journal de Ségou": None}


def test_sources_name_the_state_affiliation_of_each_citing_publisher(store):
    text = "Le ministre a déclaré à Bamako que la coopération continue, selon l'AFP."
    store.add_batch([article(text, url="https://fr.sputniknews.africa/x", outlet="Sputnik Afrique",
                             sources=[source("s1", "AFP", text, state=False, country="FR")])])
    [entry] = queries.sources(store)
    assert (entry.outlet, entry.publisher_state_affiliated) == ("Sputnik Afrique", True)
    assert entry.to_dict()["publisher_state_affiliated"] is True
