"""Opening a store: migrations, full-text objects, URLs, error messages."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from sourcier.cli.main import main
from sourcier.errors import SchemaTooNew, StoreError
from sourcier.store import open_store, schema
from sourcier.store.db import head_revision, normalize_url


def test_migrations_apply_on_an_empty_database(store):
    inspector = sa.inspect(store.engine)
    tables = set(inspector.get_table_names())
    assert {t.name for t in schema.TABLES} <= tables
    assert "alembic_version" in tables
    with store.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == head_revision()
    if store.dialect == "sqlite":
        assert {"articles_fts", "quotes_fts"} <= tables
        with store.connect() as conn:
            triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
            assert {"articles_fts_ai", "quotes_fts_ai", "quotes_fts_ad"} <= triggers
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    else:
        columns = {c["name"] for c in inspector.get_columns("articles")}
        assert "search" in columns
        indexes = {i["name"] for i in inspector.get_indexes("articles")}
        assert "ix_articles_search" in indexes


def test_schema_module_and_migrations_agree(store):
    """schema.py (what queries are written against) is what the migrations built."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    def include(obj, name, type_, reflected, compare_to):
        # Full text lives outside the metadata on purpose (backend-specific).
        if type_ == "table" and name and (name.endswith("_fts") or "_fts_" in name):
            return False
        if type_ == "column" and name == "search":
            return False
        if type_ == "index" and name and name.endswith(("_search", "_newest")):
            return False
        return True

    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": include, "compare_type": True})
        diff = compare_metadata(ctx, schema.metadata)
    assert diff == []


def test_reopening_is_a_no_op(db_url):
    with open_store(db_url) as s:
        s.add_batch([])
    with open_store(db_url) as s:
        assert s.count() == 0


def test_normalize_url():
    assert normalize_url(None) == "sqlite:///./sourcier.db"
    assert normalize_url("corpus.db") == "sqlite:///corpus.db"
    assert normalize_url("/tmp/c.db") == "sqlite:////tmp/c.db"
    assert normalize_url("postgresql://u:p@h:5432/db") == "postgresql+psycopg://u:p@h:5432/db"
    assert normalize_url("postgres://h/db") == "postgresql+psycopg://h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_missing_directory_is_a_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nowhere" / "c.db"))


def test_directory_instead_of_file(tmp_path: Path):
    with pytest.raises(StoreError, match="is a directory"):
        open_store(str(tmp_path))


def test_query_commands_do_not_create_a_database(tmp_path: Path):
    with pytest.raises(StoreError, match="no database at"):
        open_store(str(tmp_path / "absent.db"), create=False)
    assert not (tmp_path / "absent.db").exists()


def test_unreachable_server_is_a_clear_error():
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as info:
        open_store(f"postgresql://someone:secret@127.0.0.1:{port}/corpus")
    assert "secret" not in str(info.value)


def test_unsupported_backend():
    with pytest.raises(StoreError, match="unsupported database"):
        open_store("mysql://localhost/x")


def test_a_database_from_a_newer_version_is_a_clear_error(db_url):
    with open_store(db_url) as s, s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'f0e1d2c3b4a5'"))
    with pytest.raises(SchemaTooNew, match=r"E301.*newer version of Sourcier.*f0e1d2c3b4a5"):
        open_store(db_url, create=False)
    result = CliRunner().invoke(main, ["quotes", "--db", db_url])
    assert result.exit_code == 1 and "E301" in result.output and "Traceback" not in result.output


@pytest.fixture
def read_only_dir() -> Iterator[Path]:
    """A directory the query process may read but not write (as root, queries run as nobody)."""
    base = Path(tempfile.mkdtemp(prefix="sourcier-ro-"))
    base.chmod(0o755)
    folder = base / "corpus"
    folder.mkdir()
    try:
        yield folder
    finally:
        folder.chmod(0o755)
        shutil.rmtree(base)


def as_reader(args: list[str]) -> subprocess.CompletedProcess[str]:
    """``sourcier ARGS`` in a process that cannot write the corpus directory (as root: as nobody)."""
    command = [sys.executable, "-c", "from sourcier.cli.main import main; main()", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot drop the right to write")
        nobody = pwd.getpwnam("nobody")
        command = [setpriv, f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd="/", timeout=120)


def test_queries_work_in_a_read_only_directory(read_only_dir: Path):
    from store_builders import simple

    path = read_only_dir / "corpus.db"
    with open_store(str(path)) as s:
        s.add_batch([simple(1), simple(2)])
    path.chmod(0o644)
    read_only_dir.chmod(0o555)
    result = as_reader(["quotes", "--db", str(path), "--format", "json"])
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 2
    result = as_reader(["articles", "--db", str(path), "--search", "réunion", "--format", "json"])
    assert result.returncode == 0 and len(json.loads(result.stdout)) == 2, result.stderr
    assert sorted(p.name for p in read_only_dir.iterdir()) == ["corpus.db"]
