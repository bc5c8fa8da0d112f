"""``sourcier reprints``: reprint clusters and partial reuse, from a store or straight from files."""

from __future__ import annotations

import sys

import click
from rich.table import Table

from sourcier.cli.corpus import DB_DEFAULT, FORMATS, _add_row, _console, _emit_csv, _emit_json, _store
from sourcier.link.reprints import ReprintReport, find_reprints, read_items, store_items
from sourcier.link.reuse import ReuseSettings


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
    if db and inputs:
        raise click.UsageError("give --db or --input, not both")
    settings = ReuseSettings(min_similarity=min_similarity)
    if inputs:
        skipped: list[tuple[str, str]] = []
        report = find_reprints(read_items(inputs, skipped), settings, skipped)
    else:
        with _store(db or DB_DEFAULT) as store:
            report = find_reprints(store_items(store), settings)
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
