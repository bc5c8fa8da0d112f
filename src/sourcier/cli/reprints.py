"""``sourcier reprints``: reprint clusters and partial reuse, from a store or straight from files."""

from __future__ import annotations

import json
import sys
from functools import partial
from pathlib import Path

import click
from rich.table import Table

from sourcier.cli.corpus import DB_DEFAULT, _add_row, _store
from sourcier.cli.engine import Engine, engine_options
from sourcier.cli.output import FORMATS, Output, output_options, quiet_option
from sourcier.link.reprints import ReprintReport, find_reprints, read_items
from sourcier.link.reuse import ReuseSettings
from sourcier.safe_text import visible_controls


_DB = click.option("--db", default=None, envvar="SOURCIER_DB", show_envvar=True,
                   help=f"Database to read (default {DB_DEFAULT} when no --input is given).")


@click.command("reprints")
@_DB
@click.option("--input", "inputs", multiple=True, type=click.Path(exists=True),
              help="JSONL file(s) or folder(s) of .txt/.html, read directly: text only, no store, no analysis.")
@click.option("--min-similarity", type=click.FloatRange(0.05, 1.0), default=ReuseSettings.min_similarity,
              show_default=True, help="Share of one article covered by text aligned with the other.")
@output_options
@partial(engine_options, tables=False)
def reprints(db: str | None, inputs: tuple[str, ...], min_similarity: float, out: Output, engine: Engine) -> None:
    """Articles that reprint each other (whole, trimmed or lightly edited), and passages reused
    inside other articles, with the reused spans as offsets in both texts."""
    # Only the spans' passages are read back: the texts wait compressed in the index.
    report = _report(db, inputs, ReuseSettings(min_similarity=min_similarity), engine, keep_texts=False)
    _emit(report, out)
    for where, why in report.skipped[:20]:
        click.echo(f"skipped {where}: {why}", err=True)
    if len(report.skipped) > 20:
        click.echo(f"… and {len(report.skipped) - 20} more skipped record(s)", err=True)


def _emit(report: ReprintReport, out: Output) -> None:
    groups = report.clusters()
    if out.fmt in ("json", "jsonl"):
        out.document(report.to_json())
    elif out.fmt == "csv":
        out.records(
            [], ["cluster", "position", "id", "outlet", "published", "url", "title"],
            [[n, k, it.id, it.outlet, it.published, it.url, it.title]
             for n, group in enumerate(groups, start=1) for k, it in enumerate(map(report.items.__getitem__, group))],
        )
    else:
        table = Table(title=f"{len(groups)} reprint cluster(s) among {len(report.items)} article(s); "
                            f"{len(report.partial())} partial reuse(s); {len(report.versions())} pair(s) of versions "
                            "(same outlet and title, no text claimed: --format json)", show_lines=True)
        for column in ("cluster", "published", "outlet", "id", "title"):
            table.add_column(column, overflow="fold")
        for n, group in enumerate(groups, start=1):
            for i in group:
                it = report.items[i]
                _add_row(table, str(n), (it.published or "")[:10], it.outlet or "", it.id, it.title or it.url or "")
        out.table(table)
    sys.stdout.flush()


def _report(db: str | None, inputs: tuple[str, ...], settings: ReuseSettings,
            engine: Engine | None = None, *, keep_texts: bool = True) -> ReprintReport:
    if db and inputs:
        raise click.UsageError("give --db or --input, not both")
    on_ray = engine is not None and engine.name == "ray"
    if inputs:
        skipped: list[tuple[str, str]] = []
        if on_ray:
            from sourcier.scale.cli import reprints_on_ray

            return reprints_on_ray(read_items(inputs, skipped), settings, skipped, engine=engine)
        return find_reprints(read_items(inputs, skipped), settings, skipped, keep_texts=keep_texts)
    from sourcier.store.reuse import stored_reprints

    add = None
    if on_ray:
        from sourcier.scale.cli import index_on_ray

        add = partial(index_on_ray, engine=engine)
    with _store(db or DB_DEFAULT) as store:  # the store keeps its index: only new publications are matched
        return stored_reprints(store, settings, keep_texts=keep_texts, add=add)


_SOURCES = (
    _DB,
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
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="text: the trail for reading; json: the trail and its relay graph as one object.")
@quiet_option
def trace(target: str, db: str | None, inputs: tuple[str, ...], fmt: str, quiet: bool) -> None:
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
        click.echo(json.dumps(trail.to_json(provenance), ensure_ascii=False, indent=1))
    else:
        click.echo(visible_controls(trail.to_text(provenance)))


@click.command("relays")
@_with_sources
@click.option("--format", "fmt", type=click.Choice((*FORMATS, "graphml")), default="table", show_default=True,
              help="table (or text) for reading; json, jsonl or csv for other tools; graphml for graph software.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@quiet_option
def relays(db: str | None, inputs: tuple[str, ...], fmt: str, output: Path | None, quiet: bool) -> None:
    """Who relays whom: publisher → medium it cites in an attribution or copies (an earlier
    reprint), with the number of articles and the first and last dates."""
    from sourcier.link.provenance import graphml
    from sourcier.link.trace import provenance_for

    rows = provenance_for(_report(db, inputs, ReuseSettings())).relays()
    out = Output(fmt, output, excel=False, quiet=quiet)
    if fmt == "graphml":
        if output is None:
            sys.stdout.write(graphml(rows))
        else:
            output.write_text(graphml(rows), encoding="utf-8")
    elif not out.readable:
        out.records([vars(r) for r in rows], ["publisher", "medium", "kind", "weight", "first", "last"],
                    [[r.publisher, r.medium, r.kind, r.weight, r.first, r.last] for r in rows])
    else:
        table = Table(title=f"{len(rows)} relay edge(s)")
        for column in ("publisher", "medium", "kind", "weight", "first", "last"):
            table.add_column(column, overflow="fold")
        for r in rows:
            _add_row(table, r.publisher, r.medium, r.kind, str(r.weight), r.first or "", r.last or "")
        out.table(table)
