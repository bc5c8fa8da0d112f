"""The writing endpoints' token, and the analyse endpoint's size and rate limits."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sourcier.serve import create_app

pytestmark = pytest.mark.slow
TOKEN = "s3cret-token"
WRITES = [
    ("/api/speakers/1/rename", {"name": "Quelqu'un"}),
    ("/api/speakers/merge", {"keep": 1, "merge": 2}),
    ("/api/speakers/1/alias", {"name": "Quelqu'un"}),
    ("/api/speakers/1/split", {"articles": ["x"]}),
    ("/api/ingest", {"text": "Le maire a déclaré : « Tout va bien. »"}),
]


@pytest.mark.parametrize(("path", "body"), WRITES)
def test_writing_is_off_without_a_configured_token(writable_url, path, body):
    client = TestClient(create_app(writable_url))
    response = client.post(path, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 403


@pytest.mark.parametrize(("path", "body"), WRITES)
@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer"])
def test_writing_needs_the_right_token(writable_url, path, body, header):
    client = TestClient(create_app(writable_url, TOKEN))
    headers = {"Authorization": header} if header else {}
    assert client.post(path, json=body, headers=headers).status_code == 401


def _speakers(client):
    return [s for s in client.get("/api/speakers", params={"limit": 50}).json()["items"] if s["entity_id"]]


def test_rename_and_merge_with_the_token(writable_url):
    client = TestClient(create_app(writable_url, TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    keep, other = _speakers(client)[:2]
    renamed = client.post(f"/api/speakers/{keep['entity_id']}/rename", json={"name": "Nom corrigé"}, headers=auth)
    assert renamed.status_code == 200
    assert client.get(f"/api/speakers/{keep['entity_id']}").json()["name"] == "Nom corrigé"
    merged = client.post("/api/speakers/merge", json={"keep": keep["entity_id"], "merge": other["entity_id"]},
                         headers=auth)
    assert merged.status_code == 200
    after = client.get(f"/api/speakers/{keep['entity_id']}").json()
    assert after["quotes"]["total"] == keep["quotes"] + other["quotes"]
    assert client.get(f"/api/speakers/{other['entity_id']}").status_code == 404
    assert client.post("/api/speakers/merge", json={"keep": keep["entity_id"], "merge": keep["entity_id"]},
                       headers=auth).status_code == 404


def test_split_with_the_token_and_the_page_control(writable_url):
    client = TestClient(create_app(writable_url, TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    speaker = next(s for s in _speakers(client) if s["articles"] >= 2)
    quotes = client.get(f"/api/speakers/{speaker['entity_id']}", params={"limit": 500}).json()["quotes"]["items"]
    article_id = quotes[0]["article"]["id"]
    moved = sum(q["article"]["id"] == article_id for q in quotes)
    split = client.post(f"/api/speakers/{speaker['entity_id']}/split", json={"articles": [article_id], "name": "Autre"},
                        headers=auth)
    assert split.status_code == 200, split.text
    new = client.get(f"/api/speakers/{split.json()['new_id']}").json()
    assert new["name"] == "Autre" and new["quotes"]["total"] == moved
    assert client.post(f"/api/speakers/{speaker['entity_id']}/split", json={"articles": ["nulle-part"]},
                       headers=auth).status_code == 404
    page = client.get(f"/speakers/{speaker['entity_id']}").text
    assert 'id="speaker-edit"' in page and "speaker-edit.js" in page
    assert 'id="speaker-edit"' not in TestClient(create_app(writable_url)).get(f"/speakers/{speaker['entity_id']}").text


def test_ingest_with_the_token_stores_the_analysis(writable_url):
    client = TestClient(create_app(writable_url, TOKEN))
    before = client.get("/api/stats").json()["articles"]
    text = "La maire de Lyon, Claire Martin, a déclaré : « Nous rouvrirons le marché couvert en juin. »"
    response = client.post("/api/ingest", json={"text": text, "title": "Marché"},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.json()["stored"] is True
    assert client.get("/api/stats").json()["articles"] == before + 1
    stored = client.get(f"/api/articles/{response.json()['id']}").json()["analysis"]
    assert any("marché couvert" in q["text"] for q in stored["quotes"])


def test_analyze_returns_the_analysis_and_stores_nothing(writable_url):
    client = TestClient(create_app(writable_url))
    before = client.get("/api/stats").json()["articles"]
    html = ("<html><head><title>Conseil</title></head><body><article><h1>Conseil municipal</h1>"
            "<p>« Le budget sera voté lundi », a annoncé le maire de Nantes, Paul Girard.</p></article></body></html>")
    analysis = client.post("/api/analyze", json={"html": html}).json()
    assert any("budget sera voté" in q["text"] for q in analysis["quotes"])
    assert all(analysis["text"][q["start"]:q["end"]] == q["text"] for q in analysis["quotes"])
    assert client.get("/api/stats").json()["articles"] == before


def test_analyze_refuses_a_body_over_the_limit(writable_url):
    client = TestClient(create_app(writable_url, max_analyze_bytes=1000))
    response = client.post("/api/analyze", json={"text": "mot " * 1000})
    assert response.status_code == 413
    assert client.post("/api/analyze", content=b"{").status_code == 422  # under the limit: read, then refused


def test_analyze_refuses_a_streamed_body_over_the_limit(writable_url):
    client = TestClient(create_app(writable_url, max_analyze_bytes=1000))

    def chunks():  # no Content-Length: the limit must hold while reading
        for _ in range(20):
            yield b"x" * 100

    assert client.post("/api/analyze", content=chunks()).status_code == 413


def test_analyze_is_rate_limited_per_client(writable_url):
    client = TestClient(create_app(writable_url, analyze_per_minute=2))
    assert [client.post("/api/analyze", json={}).status_code for _ in range(3)] == [422, 422, 429]
    assert client.post("/api/analyze", json={}).headers["retry-after"] == "60"
