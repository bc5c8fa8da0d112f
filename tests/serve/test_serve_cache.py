"""What the web app keeps between requests, and how it learns that the corpus changed."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from sourcier.serve import create_app
from sourcier.serve.state import CorpusCache
from sourcier.serve.templating import hit_pieces
from sourcier.store import open_store


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def test_a_value_is_computed_once_until_the_stamp_changes():
    stamp = ["v1"]
    cache = CorpusCache(lambda: stamp[0], recheck=0)
    compute = Counter()
    assert cache.get("figures", compute) == cache.get("figures", compute) == 1
    stamp[0] = "v2"  # another process ingested texts
    assert cache.get("figures", compute) == 2


def test_forget_empties_the_cache_and_age_does_not():
    cache = CorpusCache(lambda: "same", recheck=0)
    compute = Counter()
    cache.get("figures", compute)
    cache.forget()  # this process merged two speakers
    assert cache.get("figures", compute) == 2
    time.sleep(0.01)
    assert cache.get("figures", compute) == 2  # the same corpus: kept, however old


def test_a_speaker_corrected_by_another_process_shows_at_once(writable_url_any):
    """A rename leaves texts and speakers as many as before: the corrections log changes the stamp."""
    from sourcier.store import speakers as speaker_fixes

    app = create_app(writable_url_any)
    app.state.sourcier.cache.recheck = 0
    client = TestClient(app)
    top = client.get("/api/speakers", params={"limit": 5}).json()["items"][0]
    with open_store(writable_url_any) as store:  # `sourcier speakers rename` while the server runs
        speaker_fixes.rename(store, top["entity_id"], "Nom Corrigé Ailleurs")
    again = client.get("/api/speakers", params={"limit": 5}).json()["items"][0]
    assert (again["entity_id"], again["name"]) == (top["entity_id"], "Nom Corrigé Ailleurs")


def test_the_stamp_is_read_at_most_every_recheck_seconds():
    reads = Counter()
    cache = CorpusCache(reads, recheck=3600)
    for _ in range(5):
        cache.get("figures", lambda: 0)
    assert reads.calls == 1


def test_a_burst_of_requests_computes_a_value_once():
    cache = CorpusCache(lambda: "same")
    calls = Counter()

    def slow() -> int:
        time.sleep(0.05)
        return calls()

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("home", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [1] * 8 and calls.calls == 1


def test_the_cache_keeps_at_most_size_values():
    cache = CorpusCache(lambda: "same", size=2)
    for key in "abc":
        cache.get(key, lambda: 0)
    compute = Counter()
    assert cache.get("a", compute) == 1  # the oldest was dropped


def test_hits_are_what_the_full_text_search_matched():
    marked = [p.text for p in hit_pieces("Les élections du maire ont eu lieu ; l'Élection suivante aussi.",
                                         "élection maires")]
    assert [p.text for p in hit_pieces("Les élections du maire ont eu lieu.", "élection maires")
            if p.kind] == ["élections", "maire"]
    assert "".join(marked) == "Les élections du maire ont eu lieu ; l'Élection suivante aussi."
    phrase = [p.text for p in hit_pieces("La paix, puis la paix durable, pas la guerre.", '"la paix"') if p.kind]
    assert phrase == ["La paix", "la paix"]  # case aside, like the search
    assert [p.kind for p in hit_pieces("Rien à voir.", "élection")] == [""]


@pytest.mark.slow
def test_texts_ingested_by_another_process_show_on_the_home_page(writable_url, analyses):
    app = create_app(writable_url)
    app.state.sourcier.cache.recheck = 0
    client = TestClient(app)
    before = client.get("/api/stats").json()
    with open_store(writable_url) as store:  # e.g. `sourcier ingest` while the server runs
        from sourcier.model import Analysis

        extra = Analysis.from_dict({**analyses[0].to_dict(), "id": "other-process",
                                    "text": analyses[0].text + "\n\nUne phrase ajoutée."})
        extra.article.url = None
        extra.article.external_id = "other-process"
        assert store.add(extra)
    after = client.get("/api/stats").json()
    assert after["articles"] == before["articles"] + 1
    assert f"<strong>{after['articles']}</strong> texts" in client.get("/").text
