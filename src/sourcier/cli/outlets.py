"""``sourcier outlets``: browse the outlet knowledge base and import tables into it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sourcier.cli.output import Output, output_options, quiet_option
from sourcier.errors import KnowledgeBaseError
from sourcier.knowledge.countries import load_countries
from sourcier.knowledge.importers import import_asd, import_csv, overlay_path, save_overlay
from sourcier.knowledge.outlets import (
    COLUMNS, OutletKB, OutletRecord, build_kb, bundled_records, load_outlets, overlay_files, parse_outlets,
)


def _flag(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "?"}[value]


@click.group("outlets")
def outlets() -> None:
    """Browse the outlet knowledge base (who owns a medium, and who says so) and extend it."""


@outlets.command("list")
@click.option("--country", metavar="CODE", help="Only outlets based in this country (ISO alpha-2, e.g. ML).")
@click.option("--state-affiliated", "state_affiliated", is_flag=True, help="Only state-affiliated outlets.")
@click.option("--kind", help="Only outlets of this kind (agency, tv, radio, newspaper, …).")
@output_options
def list_outlets(country: str | None, state_affiliated: bool, kind: str | None, out: Output) -> None:
    """List outlets, optionally filtered."""
    kb = _kb()
    if country is not None:
        found = load_countries().get(country)
        if found is None:
            raise click.BadParameter(f"unknown country code {country!r}", param_hint="--country")
        country = found.alpha2
    rows = [
        r for r in kb
        if (country is None or r.country == country)
        and (not state_affiliated or r.state_affiliated is True)
        and (kind is None or r.kind == kind)
    ]
    rows.sort(key=lambda r: (r.country or "~", r.name.casefold()))
    if not out.readable:
        out.records([r.to_dict() for r in rows], list(COLUMNS), [[r.to_row()[c] for c in COLUMNS] for r in rows])
    else:
        table = Table(title=f"{len(rows)} outlet(s)", box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("id", overflow="fold")
        table.add_column("name", overflow="fold")
        table.add_column("country", no_wrap=True)
        table.add_column("kind", overflow="fold")
        table.add_column("ownership", overflow="fold")
        table.add_column("state-aff.", no_wrap=True)
        for r in rows:
            flag = _flag(r.state_affiliated) + (f" ({r.state})" if r.state_affiliated and r.state else "")
            table.add_row(r.id, escape(r.name), r.country or "", r.kind or "", r.ownership or "", flag)
        out.table(table)


@outlets.command("show")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["table", "text", "json"]), default="table", show_default=True,
              help="table (or text) for reading; json for the record as one object.")
@click.option("--json", "as_json", is_flag=True, hidden=True)  # before --format json; kept working
@quiet_option
def show(name: str, fmt: str, as_json: bool, quiet: bool) -> None:
    """Show every fact about one outlet and its citation. NAME: an id, a name or alias, or a URL."""
    kb = _kb()
    record = kb.get(name) or kb.by_site_name(name)  # by_site_name also takes a name, a host or a URL
    if record is None:
        matches = kb.find_all(name)
        if matches:
            listed = ", ".join(f"{r.id} ({r.country or '?'})" for r in matches)
            raise click.ClickException(f"{name!r} names several outlets: {listed}; give the id")
        raise click.ClickException(f"no outlet named {name!r} in the knowledge base")
    if as_json or fmt == "json":
        sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False, indent=1) + "\n")
        return
    _print_record(kb, record)


def _print_record(kb: OutletKB, record: OutletRecord) -> None:
    console = Console(highlight=False)
    countries = load_countries()

    def country(code: str | None) -> str:
        found = countries.get(code) if code else None
        return f"{code} ({found.name_fr})" if found else (code or "")

    parent = kb.parent(record)
    children = kb.children(record)
    table = Table(title=escape(record.name), show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    facts = [
        ("id", record.id),
        ("aliases", ", ".join(record.aliases)),
        ("domains", ", ".join(record.domains)),
        ("country", country(record.country)),
        ("kind", record.kind or ""),
        ("ownership", record.ownership or ""),
        ("state-affiliated", {True: "true", False: "false", None: "unknown"}[record.state_affiliated]),
        ("state", country(record.state)),
        ("parent", f"{parent.name} ({parent.id})" if parent else ""),
        ("children", ", ".join(f"{c.name} ({c.id})" for c in children)),
        ("notes", record.notes or ""),
        ("source", record.source or "(none)"),
        ("source URL", record.source_url or ""),
        ("read from", record.origin),
    ]
    for key, value in facts:
        if value:
            table.add_row(key, escape(value))
    console.print(table)


@outlets.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["asd", "csv"]), default="csv", show_default=True,
              help="asd: an ASD State Media Matrix export; csv: a table in Sourcier's columns.")
@click.option("--name", help="Overlay name (default: the file name); importing again under a name replaces it.")
@quiet_option
def import_(file: Path, fmt: str, name: str | None, quiet: bool) -> None:
    """Import FILE into a user overlay of the knowledge base."""
    name = name or file.stem
    try:
        kb = load_outlets()
        records = import_asd(file, kb=kb) if fmt == "asd" else import_csv(file, kb=kb)
        target = overlay_path(name)
        # Check the knowledge base as it will be (parents resolve, no cycle) before writing anything.
        others = [parse_outlets(p) for p in overlay_files() if p.resolve() != target.resolve()]
        build_kb([bundled_records(), *others, records])
        path = save_overlay(records, name)
    except KnowledgeBaseError as exc:
        raise click.ClickException(str(exc)) from exc
    updated = sum(1 for r in records if r.id in kb)
    if not quiet:
        click.echo(f"Imported {len(records)} outlet(s) ({updated} updating known ones) into {path}")


def _kb() -> OutletKB:
    try:
        return load_outlets()
    except KnowledgeBaseError as exc:
        raise click.ClickException(str(exc)) from exc
