"""The HTTP API on the demo corpus (plus one hostile article), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from tests.serve.conftest import HOSTILE

pytestmark = pytest.mark.slow


def test_articles_list_is_paginated_with_a_total(client):
    first = client.get("/api/articles", params={"limit": 5}).json()
    second = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 10
    assert len(first["items"]) == len(second["items"]) == 5
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


def test_article_search_finds_words_and_get_returns_the_full_analysis(client):
    hits = client.get("/api/articles", params={"q": "ambassadeur"}).json()
    assert hits["total"] >= 1
    assert all("ambassadeur" in (h["title"] or "").lower() + (h["snippet"] or "").lower() for h in hits["items"])
    article = client.get(f"/api/articles/{hits['items'][0]['id']}").json()
    analysis = article["analysis"]
    assert analysis["quotes"] and analysis["text"]
    for q in analysis["quotes"]:
        assert analysis["text"][q["start"]:q["end"]] == q["text"]
    assert article["publications"]
    assert client.get("/api/articles/nope").status_code == 404


def test_quote_filters_narrow_the_list(client):
    everything = client.get("/api/quotes", params={"limit": 500}).json()
    assert everything["total"] == len(everything["items"]) > 20
    outlet = everything["items"][0]["article"]["outlet"]
    by_outlet = client.get("/api/quotes", params={"outlet": outlet, "limit": 500}).json()
    assert 0 < by_outlet["total"] < everything["total"]
    assert {q["article"]["outlet"] for q in by_outlet["items"]} == {outlet}
    direct = client.get("/api/quotes", params={"type": "direct", "limit": 500}).json()
    assert direct["total"] and {q["type"] for q in direct["items"]} == {"direct"}
    word = client.get("/api/quotes", params={"text": "ingérence"}).json()
    assert word["total"] >= 1 and all("ingérence" in q["text"].lower() for q in word["items"])
    with_via = [q for q in everything["items"] if q["via"]]
    if with_via:
        name = with_via[0]["via"][0]["name"]
        via = client.get("/api/quotes", params={"via": name, "limit": 500}).json()
        assert via["total"] >= 1 and all(any(name.lower() in v["name"].lower() for v in q["via"]) for q in via["items"])
    late = client.get("/api/quotes", params={"since": "2024-03-01", "limit": 500}).json()
    assert late["total"] < everything["total"]
    assert all((q["article"]["published"] or "") >= "2024-03-01" for q in late["items"])


@pytest.mark.parametrize("params", [
    {"speaker": "ambassad"},                       # part of a name or role, any case
    {"via": "Sputnik"},
    {"state_affiliated": "true"},
    {"state_affiliated": "false", "type": "direct"},
    {"text": "coopération", "since": "2024-01-01"},
])
def test_quote_filters_mean_what_the_python_api_and_cli_mean(client, corpus_url, params):
    """One question, the same quotes whichever door it comes through (``QuoteQuery``)."""
    from datetime import date

    from sourcier.store import open_store, queries

    got = client.get("/api/quotes", params={**params, "limit": 500}).json()
    query = queries.QuoteQuery(
        speaker=params.get("speaker"), via=params.get("via"), type=params.get("type"), search=params.get("text"),
        since=date.fromisoformat(params["since"]) if "since" in params else None,
        state_affiliated={"true": True, "false": False}.get(params.get("state_affiliated", "")))
    with open_store(corpus_url) as store:
        expected = queries.quotes(store, query, limit=None)
    assert 0 < got["total"] == len(expected)
    assert [(q["article"]["id"], q["id"]) for q in got["items"]] == [(h.article.id, h.id) for h in expected]


def test_state_affiliated_false_is_the_complement_of_true(client):
    every, through, other = (client.get("/api/quotes", params={**p, "limit": 1}).json()["total"]
                             for p in ({}, {"state_affiliated": "true"}, {"state_affiliated": "false"}))
    assert through > 0 and other > 0 and through + other == every


def test_a_speaker_id_filters_quotes_like_the_speaker_page(client):
    top = next(s for s in client.get("/api/speakers", params={"limit": 5}).json()["items"] if s["entity_id"])
    by_id = client.get("/api/quotes", params={"speaker": f"#{top['entity_id']}", "limit": 500}).json()
    page = client.get(f"/api/speakers/{top['entity_id']}", params={"limit": 500}).json()["quotes"]
    assert by_id["total"] == page["total"] == top["quotes"]
    assert [(q["article"]["id"], q["id"]) for q in by_id["items"]] == [
        (q["article"]["id"], q["id"]) for q in page["items"]]
    assert client.get("/api/quotes", params={"speaker": str(top["entity_id"])}).json()["total"] == by_id["total"]


def test_speaker_endpoints_agree(client):
    top = client.get("/api/speakers", params={"limit": 5}).json()["items"]
    resolved = next(s for s in top if s["entity_id"])
    one = client.get(f"/api/speakers/{resolved['entity_id']}").json()
    assert one["name"] == resolved["name"]
    assert one["quotes"]["total"] == resolved["quotes"]
    assert client.get("/api/speakers/999999").status_code == 404


def test_outlets_and_one_outlet(client):
    outlets = client.get("/api/outlets").json()["items"]
    publisher = next(o for o in outlets if o["articles"])
    one = client.get(f"/api/outlets/{publisher['name']}").json()
    assert one["articles"] == publisher["articles"]
    assert client.get("/api/outlets/No such outlet").status_code == 404


def test_reprints_trail_and_relays(client):
    report = client.get("/api/reprints").json()
    cluster = next(c for c in report["clusters"] if len(c["members"]) > 1)
    trail = client.get("/api/trail", params={"id": cluster["members"][0]["id"]}).json()
    # The reprints, and any text that reuses passages of them.
    assert {m["id"] for m in cluster["members"]} <= {a["id"] for a in trail["appearances"]}
    assert trail["edges"]
    assert client.get("/api/trail").status_code == 422
    relays = client.get("/api/relays").json()
    assert relays["total"] == len(relays["items"]) > 0


def test_relations_and_their_timeline(client):
    relations = client.get("/api/relations").json()["items"]
    assert relations
    kind = relations[0]["type"]
    same = client.get("/api/relations", params={"type": kind}).json()["items"]
    assert {r["type"] for r in same} == {kind}
    timeline = client.get("/api/relations/timeline", params={"type": kind}).json()["items"]
    assert timeline and {t["type"] for t in timeline} == {kind}


@pytest.mark.parametrize("per", ["day", "week", "month"])
def test_counts_per_period_add_up(client, per):
    counts = client.get("/api/counts", params={"of": "articles", "per": per}).json()["items"]
    dated = sum(1 for a in client.get("/api/articles", params={"limit": 500}).json()["items"] if a["published"])
    assert sum(c["total"] for c in counts) == dated
    assert all(sum(c["by_outlet"].values()) == c["total"] for c in counts)


def test_csv_lists_neutralise_formulas(client):
    response = client.get("/api/articles", params={"format": "csv", "limit": 500})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    titles = {r["title"] for r in rows}
    assert "'" + HOSTILE["title"] in titles and HOSTILE["title"] not in titles
    quotes = list(csv.DictReader(io.StringIO(client.get("/api/quotes", params={"format": "csv"}).text)))
    assert quotes and "article_outlet" in quotes[0]


def test_openapi_and_offline_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/quotes", "/api/analyze", "/api/trail", "/api/counts"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/api/quotes" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_bad_parameters_are_refused(client):
    assert client.get("/api/articles", params={"limit": 0}).status_code == 422
    assert client.get("/api/articles", params={"limit": 100000}).status_code == 422
    assert client.get("/api/counts", params={"per": "year"}).status_code == 422


def test_search_pages_share_one_total(client):
    first = client.get("/api/articles", params={"q": "ambassadeur", "limit": 2}).json()
    second = client.get("/api/articles", params={"q": "ambassadeur", "limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] > 4 and not first["total_capped"]
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


def test_speaker_page_is_split_into_pages(client, monkeypatch):
    from sourcier.serve import pages

    top = next(s for s in client.get("/api/speakers", params={"limit": 5}).json()["items"] if s["entity_id"])
    assert top["quotes"] >= 3
    monkeypatch.setattr(pages, "SPEAKER_QUOTES", 2)
    first = client.get(f"/speakers/{top['entity_id']}").text
    second = client.get(f"/speakers/{top['entity_id']}", params={"page": 2}).text
    assert f"Page 1 of {-(-top['quotes'] // 2)}" in first and 'rel="next"' in first and 'rel="prev"' not in first
    assert "Page 2 of" in second and 'rel="prev"' in second
    assert f"Quotes 1–2 of {top['quotes']}" in first and f"Quotes 3–" in second
    beyond = client.get(f"/speakers/{top['entity_id']}", params={"page": top["quotes"] + 1})
    assert beyond.status_code == 404


def test_search_counts_stop_at_the_cap(client, monkeypatch):
    from sourcier.serve import api

    every = client.get("/api/articles", params={"q": "ambassadeur"}).json()
    assert every["total"] > 2
    monkeypatch.setattr(api, "SEARCH_CAP", 2)
    capped = client.get("/api/articles", params={"q": "ambassadeur", "limit": 1, "offset": 1}).json()
    assert capped["total"] == 2 and capped["total_capped"] and len(capped["items"]) == 1


def test_outlet_pages_and_filters_see_every_publication_of_a_text(writable_url, analyses):
    """A demo text relayed word for word by another site is among that site's texts and quotes."""
    import dataclasses

    from sourcier.serve import data
    from sourcier.store import open_store, queries

    quoted = next(a for a in analyses if a.quotes)
    relay = dataclasses.replace(quoted, article=dataclasses.replace(quoted.article, url="https://relais.example/1",
                                                                   outlet="Le Relais du Fleuve"))
    with open_store(writable_url) as store:
        assert store.add_batch([relay]).new_publications == 1
        relayed = queries.QuoteQuery(outlet="Le Relais du Fleuve")
        hits = queries.quotes(store, relayed, limit=500)
        assert queries.count_quotes(store, relayed) == len(quoted.quotes) == len(hits)
        assert {h.to_dict()["article"]["id"] for h in hits} == {quoted.id}
        assert data.article_total(store, outlet="Le Relais du Fleuve") == 1


def _appearances(trail_json):
    return [(a["id"], a["start"], a["end"]) for a in trail_json["appearances"]]


def test_a_quote_trail_looked_up_in_the_index_equals_reading_every_text(client):
    """The trail of a quote compares only the texts the full-text index finds holding one of
    its three-word runs: the same appearances as comparing every text, an edited quote too."""
    from sourcier.link.trace import provenance_for, quote_trail
    from sourcier.store.reuse import stored_reprints

    graph = provenance_for(stored_reprints(client.app.state.sourcier.store, persist=False))
    relayed = [c for c in client.get("/api/reprints").json()["clusters"] if len(c["members"]) > 1]
    reprinted = [client.get(f"/api/articles/{c['members'][0]['id'].split('+')[0]}").json() for c in relayed]
    others = client.get("/api/quotes", params={"limit": 500}).json()["items"]
    texts = [q["text"] for q in [*(q for a in reprinted for q in a["analysis"]["quotes"]), *others]
             if len(q["text"].split()) >= 8]
    assert relayed and texts
    words = texts[0].split()
    words[len(words) // 2] = "autrement"  # a word changed by a relay: still the same quote
    most = 0
    for quote in [*texts[:12], " ".join(words)]:
        by_index = client.get("/api/trail", params={"quote": quote}).json()
        every_text = quote_trail(graph, quote).to_json(graph)
        assert _appearances(by_index) == _appearances(every_text)
        most = max(most, len(by_index["appearances"]))
    assert most >= 2  # a quote carried by several texts, all found
    assert _appearances(client.get("/api/trail", params={"quote": " ".join(words)}).json())
    assert client.get("/api/trail", params={"quote": "Personne ne dit jamais cette phrase-là ici."}).json()[
        "appearances"] == []


def test_speaker_figures_read_once_match_the_speaker_list(client):
    top = [s for s in client.get("/api/speakers", params={"limit": 20}).json()["items"] if s["entity_id"]]
    for s in top:
        one = client.get(f"/api/speakers/{s['entity_id']}", params={"limit": 500}).json()
        assert one["quotes"]["total"] == s["quotes"] == len(one["quotes"]["items"])
        summary = client.app.state.sourcier.speaker_summary(s["entity_id"])
        assert sum(summary["outlets"].values()) == s["quotes"]
        # Read for this speaker alone: the same figures as tallying the speaker's listed quotes.
        items = one["quotes"]["items"]
        assert summary["outlets"] == dict(Counter(q["article"]["outlet"] or "(unknown)" for q in items))
        assert summary["via"] == dict(Counter(v["name"] for q in items for v in q.get("via") or []))


def test_search_hits_come_best_first(client):
    hits = client.get("/api/articles", params={"q": "ministre", "limit": 50}).json()["items"]
    from sourcier.store import queries

    ranked = queries.articles(client.app.state.sourcier.store, search="ministre", limit=50)
    assert [h["id"] for h in hits] == [r.article.id for r in ranked] and len(hits) > 2
    assert [r.rank for r in ranked] == sorted((r.rank for r in ranked), reverse=True)


def test_quote_totals_are_exact_up_to_the_cap_then_a_lower_bound(client, monkeypatch):
    from sourcier.serve import pages, state
    from sourcier.store import queries

    store = client.app.state.sourcier.store
    exact = queries.count_quotes(store)
    assert exact > 6
    assert [queries.count_quotes(store, cap=n) for n in (1, 5, exact, exact + 10)] == [1, 5, exact, exact]
    whole = client.get("/api/quotes", params={"limit": 500}).json()
    assert (whole["total"], whole["total_capped"]) == (min(exact, state.QUOTE_COUNT_CAP), exact >= state.QUOTE_COUNT_CAP)
    monkeypatch.setattr(state, "QUOTE_COUNT_CAP", 5)
    first = client.get("/api/quotes", params={"limit": 2}).json()
    assert (first["total"], first["total_capped"]) == (5, True)  # at least 5
    assert first["items"] == whole["items"][:2]
    # A page past the cap is still served, and its count reaches it.
    last = client.get("/api/quotes", params={"offset": exact - 1, "limit": 1}).json()
    assert (last["total"], last["total_capped"], len(last["items"])) == (exact, False, 1)
    # The search page says "at least" too.
    monkeypatch.setattr(pages, "SEARCH_HITS", 2)
    words = (w for q in whole["items"] for w in q["text"].split() if len(w) > 4 and w.isalpha())
    common = next(w for w in words if queries.count_quotes(store, search=w) >= 6)
    assert "Quotes (5+)" in client.get("/search", params={"q": common}).text
