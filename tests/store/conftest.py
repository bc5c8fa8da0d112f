"""Store fixtures: every store test runs on SQLite and on a throwaway PostgreSQL server
(``pg_url``, from ``tests/conftest.py``); without the server binaries the PostgreSQL
parameters are skipped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sourcier.store import Store, open_store


# --------------------------------------------------------------------------- the parametrized store


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL to an empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'corpus.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    try:
        yield s
    finally:
        s.close()
