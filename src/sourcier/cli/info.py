"""``sourcier info``: what this installation uses: model, knowledge base, overlays, database."""

from __future__ import annotations

import json
import os
from importlib import metadata, resources
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sourcier.cli.corpus import DB_DEFAULT
from sourcier.cli.output import quiet_option
from sourcier.cli.untrusted import shown


@click.command("info")
@click.option("--db", default=None, help="Database to describe  [default: $SOURCIER_DB, else ./sourcier.db].")
@click.option("--format", "fmt", type=click.Choice(["table", "text", "json"]), default="table", show_default=True,
              help="table (or text) for reading; json for other tools.")
@quiet_option
def info(db: str | None, fmt: str, quiet: bool) -> None:
    """The model, knowledge-base versions, outlet overlays and database in use (with its speaker corrections)."""
    facts = {
        "sourcier": _installed("sourcier"),
        "model": _model(),
        "knowledge_base": _knowledge_versions(),
        "overlays": _overlays(),
        "database": _database(db),
    }
    if fmt == "json":
        click.echo(json.dumps(facts, ensure_ascii=False, indent=1))
        return
    table = Table(show_header=False, title="sourcier info")
    table.add_column("what")
    table.add_column("value", overflow="fold")
    for key, value in _flat(facts):
        table.add_row(key, shown(str(value)))
    Console(highlight=False).print(table)


def _installed(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _model() -> dict[str, Any]:
    from sourcier.analyse.pipeline import MODEL

    return {"name": MODEL, "version": _installed(MODEL)}


def _knowledge_versions() -> dict[str, str]:
    data = resources.files("sourcier.knowledge").joinpath("data")
    versions = {}
    for meta in ("outlets.meta.json", "countries.meta.json", "actors.meta.json"):
        versions[meta.removesuffix(".meta.json")] = json.loads(data.joinpath(meta).read_text("utf-8"))["version"]
    return versions


def _overlays() -> dict[str, Any]:
    from sourcier.knowledge.outlets import overlay_dir, overlay_files

    return {"folder": str(overlay_dir()), "outlets": [p.name for p in overlay_files()]}


def _database(db: str | None) -> dict[str, Any]:
    """The database a query would read: --db, else $SOURCIER_DB, else the default; its schema and size."""
    from sourcier.errors import SourcierError
    from sourcier.store.db import head_revision, open_store

    chosen, origin = (db, "--db") if db else (os.environ.get("SOURCIER_DB"), "SOURCIER_DB")
    if not chosen:
        chosen, origin = DB_DEFAULT, "default"
    facts: dict[str, Any] = {"url": _without_password(chosen), "chosen_by": origin,
                             "schema_expected": head_revision()}
    try:
        with open_store(chosen, create=False) as store:
            facts.update(url=store.engine.url.render_as_string(hide_password=True), articles=store.count(),
                         quotes=store.count("quotes"), speaker_corrections=store.count("speaker_corrections"))
    except SourcierError as exc:
        facts["error"] = exc.message
    return facts


def _without_password(url: str) -> str:
    import sqlalchemy as sa

    try:
        return sa.make_url(url).render_as_string(hide_password=True) if "://" in url else url
    except sa.exc.ArgumentError:
        return url


def _flat(facts: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    rows: list[tuple[str, Any]] = []
    for key, value in facts.items():
        if isinstance(value, dict):
            rows += _flat(value, f"{prefix}{key} ")
        else:
            rows.append((f"{prefix}{key}", ", ".join(value) if isinstance(value, list) else value))
    return rows
