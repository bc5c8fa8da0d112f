"""The relay graph is built in a helper process: pages answer at once while it is built, say
that reprints are not computed yet, and show them once the helper is done."""

from __future__ import annotations

import os
import signal
import time
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sourcier.ingest.readers import read_text
from sourcier.model import ArticleMeta
from sourcier.serve import create_app
from sourcier.serve.provenance import NotReady, ProvenanceService, build_graph
from sourcier.store import open_store
from sourcier.store.reuse import _add_here, stored_reprints

PROMPT = 5.0  # seconds: generous on a loaded machine; a build in the server process took minutes


def _gated_build(gate: Path, store: Any) -> Any:
    """A build that records which process runs it and waits until the test opens ``gate``."""
    (gate.parent / "builder.pid").write_text(str(os.getpid()))
    while not gate.exists():
        time.sleep(0.05)
    return build_graph(store)


def _logged_add(log: Path, index: Any, texts: list[str]) -> Any:
    """Index ``texts`` slowly (time for the other helper to try), noting how many were indexed."""
    with log.open("a") as out:
        out.write(f"{len(texts)}\n")
    time.sleep(1.0)
    return _add_here(index, texts)


def _logged_build(log: Path, store: Any) -> Any:
    """:func:`build_graph` with each batch of indexed texts noted in ``log``."""
    from sourcier.link.trace import provenance_for

    return provenance_for(stored_reprints(store, add=partial(_logged_add, log)))


def _timed_get(client: TestClient, path: str) -> Any:
    started = time.monotonic()
    response = client.get(path)
    assert time.monotonic() - started < PROMPT, path
    return response


def _gated_app(url: str, gate: Path, token: str | None = None) -> Any:
    app = create_app(url, token)
    app_state = app.state.sourcier
    app_state.provenance = ProvenanceService(url, app_state._corpus_stamp, build=partial(_gated_build, gate))
    return app


def test_pages_answer_at_once_while_the_relay_graph_is_built_elsewhere(writable_url, tmp_path):
    gate = tmp_path / "open"
    with TestClient(_gated_app(writable_url, gate)) as client:
        article = client.get("/api/articles").json()["items"][0]["id"]
        for path in ("/", "/api/stats", "/search?q=ministre", f"/api/articles/{article}"):
            assert _timed_get(client, path).status_code == 200, path
        for path in (f"/articles/{article}", "/trail?quote=la paix reste possible"):
            page = _timed_get(client, path)
            assert page.status_code == 200 and "Not computed yet" in page.text, path
        relays = _timed_get(client, "/api/relays")
        assert relays.status_code == 503 and relays.headers["retry-after"]
        assert _timed_get(client, "/api/reprints").status_code == 503
        # The build runs, and waits, in a process of its own.
        for _ in range(600):
            if (tmp_path / "builder.pid").exists():
                break
            time.sleep(0.05)
        assert int((tmp_path / "builder.pid").read_text()) != os.getpid()
        gate.touch()
        assert client.app.state.sourcier.provenance.wait(120)
        assert client.get("/api/relays").status_code == 200
        assert "Not computed yet" not in client.get(f"/articles/{article}").text


def test_a_new_publication_rebuilds_the_graph(writable_url, analyses):
    with TestClient(create_app(writable_url)) as client:
        service = client.app.state.sourcier.provenance
        assert service.wait(120)
        before = sum(len(c["members"]) for c in client.get("/api/reprints").json()["clusters"])
        # Another process records a known text published again, elsewhere: one more publication.
        first = analyses[0]
        again = read_text(first.text, meta=ArticleMeta(url="https://ailleurs.example/reprise", outlet="Le Relais",
                                                        published="2024-05-02"))
        with open_store(writable_url) as store:
            assert store.add_publications([again]) == 1
        client.app.state.sourcier.changed()  # what the stamp check sees within seconds
        with pytest.raises(NotReady):
            service.ask("relays")
        assert service.wait(120)
        client.app.state.sourcier.changed()  # the cached report of the previous corpus
        after = client.get("/api/reprints").json()["clusters"]
        assert sum(len(c["members"]) for c in after) == before + 1
        assert any("https://ailleurs.example/reprise" in [m["url"] for m in c["members"]] for c in after)


def test_a_helper_that_dies_is_restarted(corpus_url):
    with TestClient(create_app(corpus_url)) as client:
        service = client.app.state.sourcier.provenance
        assert service.wait(120)
        relays = service.ask("relays")
        os.kill(service._process.pid, signal.SIGKILL)
        service._process.join(10)
        with pytest.raises(NotReady):
            service.ask("relays")
        assert service.wait(120)
        assert service.ask("relays") == relays


def test_two_workers_helpers_index_a_new_store_once(writable_url_any, tmp_path):
    """Two server workers start together on a store without a reuse index: one helper
    indexes every publication, the other waits and reads back what the first stored."""
    log = tmp_path / "indexed.log"
    with open_store(writable_url_any) as store:
        publications = store.count("publications")
    services = [ProvenanceService(writable_url_any, lambda: 1, build=partial(_logged_build, log)) for _ in range(2)]
    try:
        for service in services:
            assert not service.ready()  # both builds start at once
        assert all(service.wait(180) for service in services)
        indexed = [int(n) for n in log.read_text().split()]
        assert sum(indexed) == publications  # once, not twice
        assert services[0].ask("relays") == services[1].ask("relays")
    finally:
        for service in services:
            service.close()
