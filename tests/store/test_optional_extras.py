"""Optional dependencies (issue 11): a missing extra is a coded error naming what to install."""

from __future__ import annotations

import importlib.util

import pytest

from sourcier.errors import StoreError
from sourcier.store import open_store
from sourcier.store.export import export


def _hide(monkeypatch, module: str) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == module else real(name, *a))


def test_parquet_export_without_pyarrow_says_which_extra(monkeypatch, tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'c.db'}") as store:
        _hide(monkeypatch, "pyarrow")
        with pytest.raises(StoreError, match=r"sourcier\[parquet\]"):
            export(store, "parquet", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_postgresql_without_psycopg_says_which_extra(monkeypatch):
    _hide(monkeypatch, "psycopg")
    with pytest.raises(StoreError, match=r"sourcier\[postgres\]"):
        open_store("postgresql://moi@localhost:1/x")
