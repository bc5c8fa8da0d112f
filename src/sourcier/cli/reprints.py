"""``sourcier reprints``: reprint clusters and partial reuse, from a store or straight from files."""

from __future__ import annotations

import sys

import click
from rich.table import Table

from sourcier.cli.corpus import DB_DEFAULT, FORMATS, _add_row, _console, _emit_csv, _emit_json, _store
from sourcier.link.reprints import ReprintReport, find_reprints, read_items, store_items
from sourcier.link.reuse import ReuseSettings
from sourcier.safe_text import visible_controls


@click.command("reprints")
@click.option("--db", default=None, help=f"Database to read (default {DB_DEFAULT} when no --input is given).")
@click.option("--input", "inputs", multiple=True, type=click.Path(exists=True),
              help="JSONL file(s) or folder(s) of .txt/.html, read directly: text only, no store, no analysis.")
@click.option("--min-similarity", type=click.FloatRange(0.05, 1.0), default=ReuseSettings.min_similarity,
              show_default=True, help="Share of one article covered by text aligned with the other.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def reprints(db: str | None, inputs: tuple[str, ...], min_similarity: float, fmt: str) -> None:
    """Articles that reprint each other (whole, trimmed or lightly edited), and passages reused
    inside other articles, with the reused spans as offsets in both texts."""
    report = _report(db, inputs, ReuseSettings(min_similarity=min_similarity))
    _emit(report, fmt)
    for where, why in report.skipped[:20]:
        click.echo(f"skipped {where}: {why}", err=True)
    if len(report.skipped) > 20:
        click.echo(f"… and {len(report.skipped) - 20} more skipped record(s)", err=True)


def _emit(report: ReprintReport, fmt: str) -> None:
    groups = report.clusters()
    if fmt == "json":
        _emit_json(report.to_json())
    elif fmt == "csv":
        _emit_csv(
            ["cluster", "position", "id", "outlet", "published", "url", "title"],
            [[n, k, it.id, it.outlet, it.published, it.url, it.title]
             for n, group in enumerate(groups, start=1) for k, it in enumerate(map(report.items.__getitem__, group))],
        )
    else:
        table = Table(title=f"{len(groups)} reprint cluster(s) among {len(report.items)} article(s); "
                            f"{len(report.partial())} partial reuse(s)", show_lines=True)
        for column in ("cluster", "published", "outlet", "id", "title"):
            table.add_column(column, overflow="fold")
        for n, group in enumerate(groups, start=1):
            for i in group:
                it = report.items[i]
                _add_row(table, str(n), (it.published or "")[:10], it.outlet or "", it.id, it.title or it.url or "")
        _console().print(table)
    sys.stdout.flush()


def _report(db: str | None, inputs: tuple[str, ...], settings: ReuseSettings) -> ReprintReport:
    if db and inputs:
        raise click.UsageError("give --db or --input, not both")
    if inputs:
        skipped: list[tuple[str, str]] = []
        return find_reprints(read_items(inputs, skipped), settings, skipped)
    with _store(db or DB_DEFAULT) as store:
        return find_reprints(store_items(store), settings)


_SOURCES = (
    click.option("--db", default=None, help=f"Database to read (default {DB_DEFAULT} when no --input is given)."),
    click.option("--input", "inputs", multiple=True, type=click.Path(exists=True),
                 help="JSONL file(s) or folder(s) of .txt/.html, read directly."),
)


def _with_sources(f):  # type: ignore[no-untyped-def]
    for option in reversed(_SOURCES):
        f = option(f)
    return f


@click.command("trace")
@click.argument("target")
@_with_sources
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def trace(target: str, db: str | None, inputs: tuple[str, ...], fmt: str) -> None:
    """The trail of a publication (TARGET is its id) or of a quote (TARGET is the quote's
    text): every appearance, earliest first, and the relay graph with its evidence."""
    from sourcier.link.trace import attach_speakers, provenance_for, publication_trail, quote_trail

    provenance = provenance_for(_report(db, inputs, ReuseSettings()))
    trail = publication_trail(provenance, target)
    if trail is None:
        trail = quote_trail(provenance, target)
        if not inputs:
            with _store(db or DB_DEFAULT) as store:
                attach_speakers(trail, provenance.report, store)
    if fmt == "json":
        _emit_json(trail.to_json(provenance))
    else:
        click.echo(visible_controls(trail.to_text(provenance)))


@click.command("relays")
@_with_sources
@click.option("--format", "fmt", type=click.Choice(("table", "csv", "json", "graphml")), default="table", show_default=True)
def relays(db: str | None, inputs: tuple[str, ...], fmt: str) -> None:
    """Who relays whom: publisher → medium it cites in an attribution or copies (an earlier
    reprint), with the number of articles and the first and last dates."""
    from sourcier.link.provenance import graphml
    from sourcier.link.trace import provenance_for

    rows = provenance_for(_report(db, inputs, ReuseSettings())).relays()
    if fmt == "graphml":
        sys.stdout.write(graphml(rows))
    elif fmt == "json":
        _emit_json([vars(r) for r in rows])
    elif fmt == "csv":
        _emit_csv(["publisher", "medium", "kind", "weight", "first", "last"],
                  [[r.publisher, r.medium, r.kind, r.weight, r.first, r.last] for r in rows])
    else:
        table = Table(title=f"{len(rows)} relay edge(s)")
        for column in ("publisher", "medium", "kind", "weight", "first", "last"):
            table.add_column(column, overflow="fold")
        for r in rows:
            _add_row(table, r.publisher, r.medium, r.kind, str(r.weight), r.first or "", r.last or "")
        _console().print(table)
