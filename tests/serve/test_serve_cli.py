"""``sourcier serve``: options reach uvicorn, loopback by default, a bad database is a clear error."""

from __future__ import annotations

from click.testing import CliRunner

from sourcier.cli.main import main
from sourcier.store import open_store


def test_serve_starts_uvicorn_on_loopback_with_the_token(tmp_path, monkeypatch):
    import uvicorn

    db = tmp_path / "corpus.db"
    open_store(str(db)).close()
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "8123"], env={"SOURCIER_TOKEN": "t0k"})
    assert result.exit_code == 0, result.output
    app, options = calls[0]
    assert options["host"] == "127.0.0.1" and options["port"] == 8123
    assert app.state.sourcier.token == "t0k"
    assert "http://127.0.0.1:8123/" in result.output


def test_serve_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1
    assert "no database at" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "absent.db").exists()


def test_several_workers_build_the_app_from_the_environment(tmp_path, monkeypatch):
    import uvicorn

    from sourcier.serve.app import app_from_environment

    db = tmp_path / "corpus.db"
    open_store(str(db)).close()
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.delenv("SOURCIER_DB", raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--workers", "3"])
    assert result.exit_code == 0, result.output
    target, options = calls[0]
    assert target == "sourcier.serve.app:app_from_environment" and options["factory"] and options["workers"] == 3
    assert options["timeout_worker_healthcheck"] >= 60  # a worker starting on a busy machine is not killed
    app = app_from_environment()  # what each worker runs
    assert app.state.sourcier.store.url.endswith("corpus.db")
    app.state.sourcier.store.close()
