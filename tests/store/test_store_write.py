"""Writing analyses: round trip, idempotence, canonical URLs, all-or-nothing batches."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from store_builders import article, entity, quote, simple, source

from sourcier.errors import StoreError
from sourcier.model import Quote, Speaker
from sourcier.store import schema
from sourcier.store.queries import articles as search_articles
from sourcier.knowledge.publishers import url_domain
from sourcier.store.urls import canonical_url, content_hash, url_hash


def counts(store) -> dict[str, int]:
    return {t.name: store.count(t.name) for t in schema.TABLES}


def rich_article():
    text = ("Le ministre malien des Affaires étrangères, Abdoulaye Diop, a déclaré mardi : "
            "« Le Mali ne cédera pas aux pressions. » Selon Sputnik, Moscou soutient Bamako.")
    diop = entity("e1", "Abdoulaye Diop", text, roles=["ministre des Affaires étrangères"])
    mali = entity("e2", "Mali", text, type="GPE")
    return article(
        text, url="https://www.JeuneAfrique.com/1234/politique/mali/?utm_source=rss&utm_medium=x#comments",
        title="Mali : Abdoulaye Diop hausse le ton", external_id="ja-1234",
        entities=[diop, mali],
        quotes=[quote("q1", text, "Le Mali ne cédera pas aux pressions.", speaker=diop)],
        sources=[source("s1", "Sputnik", text, state=True, country="RU")],
        relations=[{"id": "r1", "type": "quoted_by", "subject": "e1", "object": "s1"}],
    )


def test_round_trip(store):
    a = rich_article()
    assert store.add_batch([a]).inserted == 1
    assert store.get(a.id) == a
    c = counts(store)
    assert c["articles"] == 1 and c["quotes"] == 1 and c["sources"] == 1 and c["relations"] == 1
    assert c["entities"] == 2 and c["mentions"] == len(a.entities[0].mentions) + len(a.entities[1].mentions)
    assert c["outlets"] == 2  # Jeune Afrique (publisher) and Sputnik (cited)
    with store.connect() as conn:
        row = conn.execute(sa.select(schema.articles)).mappings().one()
        assert row["canonical_url"] == "https://www.jeuneafrique.com/1234/politique/mali"
        assert row["external_id"] == "ja-1234"
        assert str(row["published_date"]) == "2024-03-05"
        assert row["content_hash"].startswith(a.id)
        outlets = {r.name: r for r in conn.execute(sa.select(schema.outlets))}
        assert outlets["Jeune Afrique"].domain == "jeuneafrique.com"
        assert outlets["Sputnik"].state_affiliated is True and outlets["Sputnik"].country == "RU"
        q = conn.execute(sa.select(schema.quotes)).mappings().one()
        assert q["speaker_entity_id"] is not None and q["speaker_name"] == "Abdoulaye Diop"


def test_same_article_twice_is_stored_once(store):
    a = rich_article()
    assert store.add_batch([a, a]) == (1, 1, 0)  # twice in one batch
    assert store.add_batch([a]) == (0, 1, 0)  # and again later
    assert counts(store)["articles"] == 1
    assert counts(store)["quotes"] == 1


def test_same_url_with_other_tracking_params_is_the_same_article(store):
    first = simple(1, url="https://lejournaldumali.com/2024/03/05/reunion/?utm_source=facebook&fbclid=abc")
    # The page was re-fetched later: same canonical URL, slightly different text.
    again = simple(2, url="HTTPS://LeJournalDuMali.com/2024/03/05/reunion?utm_campaign=x#top")
    assert store.add_batch([first]).inserted == 1
    assert store.add_batch([again]) == (0, 1, 0)
    assert store.count() == 1


def test_same_text_from_another_url_is_the_same_article_and_another_publication(store):
    assert store.add_batch([simple(1, url="https://a.example/x")]).inserted == 1
    assert store.add_batch([simple(1, url="https://b.example/y")]) == (0, 0, 1)
    assert store.add_batch([simple(1, url="https://b.example/y?utm_source=rss")]) == (0, 1, 0)
    assert store.count() == 1 and store.count("publications") == 2


def test_articles_without_url_do_not_collide(store):
    assert store.add_batch([simple(1), simple(2), simple(3)]).inserted == 3


def test_an_exception_mid_batch_leaves_nothing(store):
    good = [simple(1), simple(2)]
    with pytest.raises(AttributeError):
        store.add_batch([*good, object(), simple(3)])  # type: ignore[list-item]
    assert counts(store) == {t.name: 0 for t in schema.TABLES}


def test_a_database_error_mid_batch_leaves_nothing(store):
    bad = simple(2)
    bad.quotes.append(Quote(id="q1", type="direct", start=0, end=1, text="A", speaker=Speaker(), confidence=0.5))
    with pytest.raises(StoreError, match="rolled back"):
        store.add_batch([simple(1), bad, simple(3)])  # duplicate quote id within an article
    assert counts(store) == {t.name: 0 for t in schema.TABLES}
    assert store.add_batch([simple(1), simple(3)]).inserted == 2  # the store is still usable


def test_full_text_follows_inserts_and_deletes(store):
    a = rich_article()
    store.add_batch([a])
    assert [h.article.id for h in search_articles(store, search="pressions")] == [a.id]
    with store.engine.begin() as conn:
        conn.execute(sa.delete(schema.articles).where(schema.articles.c.id == a.id))
    assert search_articles(store, search="pressions") == []
    c = counts(store)
    assert c["articles"] == c["quotes"] == c["mentions"] == c["sources"] == c["relations"] == 0
    if store.dialect == "sqlite":
        with store.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM articles_fts").scalar() == 0
            assert conn.exec_driver_sql("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'pressions'").scalar() == 0


def test_existing_lookup(store):
    a = simple(1, url="https://x.example/a?utm_source=y")
    store.add_batch([a])
    urls, contents = store.existing([url_hash("https://x.example/a/"), url_hash("https://x.example/b")],
                                    [content_hash(a.text), content_hash("autre")])
    assert urls == {url_hash("https://x.example/a")}
    assert contents == {content_hash(a.text)}


# --------------------------------------------------------------------------- URLs (no database)


@pytest.mark.parametrize(
    ("url", "canon"),
    [
        ("HTTPS://WWW.Example.COM/Path/?b=2&a=1#frag", "https://www.example.com/Path?a=1&b=2"),
        ("https://example.com/a/?utm_source=rss&utm_medium=feed&id=3", "https://example.com/a?id=3"),
        ("https://example.com/a?fbclid=XYZ&gclid=1&xtor=RSS-1", "https://example.com/a"),
        ("http://example.com:80/a/", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/", "https://example.com"),
        ("  ", None),
        (None, None),
    ],
)
def test_canonical_url(url, canon):
    assert canonical_url(url) == canon


def test_url_domain():
    assert url_domain("https://www.Maliweb.net/x") == "maliweb.net"
    assert url_domain(None) is None
