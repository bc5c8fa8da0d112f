"""Web app fixtures: the demo corpus and a hostile article, analysed for real once per
session, stored in SQLite and (where the server binaries are) in a throwaway PostgreSQL."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sourcier.model import Analysis
from sourcier.store import open_store
from tests.conftest import DEMO_CORPUS, PgServer

# Every field an attacker controls carries script or markup.
PAYLOAD = '<script>alert("xss")</script>'
IMG = '<img src=x onerror="alert(1)">'
HOSTILE = {
    "title": f"=HYPERLINK(\"http://evil\") {PAYLOAD} titre",
    "outlet": f"Le Canard {IMG}",
    "url": "https://evil.example/a?x=\"><script>alert(2)</script>",
    "published": "2024-03-02",
    "text": (f"Le ministre Jean Dupont a déclaré : « Nous refusons {PAYLOAD} toute ingérence. » "
             f"La réunion s'est tenue mardi à Paris.\n\n« Le dialogue {IMG} reste ouvert », a affirmé Marie Curval, "
             "porte-parole du gouvernement, selon l'AFP."),
}


def _analyse_demo() -> list[Analysis]:
    from sourcier.api import analyze_many
    from sourcier.ingest import iter_documents
    from sourcier.model import Document

    documents = [d for d in iter_documents([DEMO_CORPUS]) if isinstance(d, Document)]
    return list(analyze_many(documents))


def _analyse_hostile() -> Analysis:
    from sourcier.api import analyze
    from sourcier.model import ArticleMeta

    meta = ArticleMeta(**{k: v for k, v in HOSTILE.items() if k != "text"})
    return analyze(HOSTILE["text"], meta=meta)


@pytest.fixture(scope="session")
def analyses() -> list[Analysis]:
    """The demo corpus and the hostile article, analysed once."""
    return [*_analyse_demo(), _analyse_hostile()]


_databases = itertools.count()


def _pg_database(server: PgServer) -> str:
    name = f"sourcier_serve_{os.getpid()}_{next(_databases)}"
    server.admin(f'CREATE DATABASE "{name}"')
    return server.url(name)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _store_of(request: pytest.FixtureRequest, analyses: list[Analysis], folder: Path) -> str:
    """A new store on the backend the fixture is parametrised with, holding every analysis."""
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'corpus.db'}"
    else:
        url = _pg_database(request.getfixturevalue("pg_server"))
    with open_store(url) as store:
        store.add_batch(analyses)
    return url


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_url(request: pytest.FixtureRequest, analyses: list[Analysis], tmp_path_factory) -> str:
    """A store holding every analysis (read-only use: tests that write make their own)."""
    return _store_of(request, analyses, tmp_path_factory.mktemp("serve"))


@pytest.fixture(params=BACKENDS)
def writable_url_any(request: pytest.FixtureRequest, analyses: list[Analysis], tmp_path: Path) -> str:
    """A store of its own for a test that writes, on each backend."""
    return _store_of(request, analyses, tmp_path)


@pytest.fixture
def writable_url(analyses: list[Analysis], tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with open_store(url) as store:
        store.add_batch(analyses)
    return url


@pytest.fixture(scope="session")
def client(corpus_url: str) -> Iterator:
    from fastapi.testclient import TestClient

    from sourcier.serve import create_app

    with TestClient(create_app(corpus_url)) as c:
        # Reprints and relays are built by a helper process: ready before the first test.
        assert c.app.state.sourcier.provenance.wait(120), c.app.state.sourcier.provenance.error
        yield c
