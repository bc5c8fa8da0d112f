"""Corpus queries: ``sourcier quotes``, ``speakers``, ``sources``, ``articles``, ``export``.

Each reads the database named by ``--db`` (default ``./sourcier.db``) and prints
a table, CSV or JSON; the logic lives in :mod:`sourcier.store.queries`.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sourcier.cli.untrusted import shown
from sourcier.errors import SourcierError
from sourcier.safe_text import csv_cell

DB_DEFAULT = "./sourcier.db"
FORMATS = ("table", "csv", "json")


@contextmanager
def _store(db: str) -> Iterator[Any]:
    from sourcier.store.db import open_store

    try:
        store = open_store(db, create=False)
    except SourcierError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield store
    except SourcierError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


def _date(_ctx: click.Context, _param: click.Parameter, value: datetime | None) -> date | None:
    return value.date() if value else None


def _common(*, dates: bool = True, outlet: bool = True, fmt: bool = True) -> Callable[[Any], Any]:
    """The options every query shares."""

    def wrap(f: Any) -> Any:
        if fmt:
            f = click.option(
                "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                help="table for reading, csv or json for other tools.",
            )(f)
        if dates:
            f = click.option("--until", type=click.DateTime(["%Y-%m-%d"]), callback=_date,
                             help="Articles published on or before this day (YYYY-MM-DD).")(f)
            f = click.option("--since", type=click.DateTime(["%Y-%m-%d"]), callback=_date,
                             help="Articles published on or after this day (YYYY-MM-DD).")(f)
        if outlet:
            f = click.option("--outlet", help="Publishing outlet: its name (any case) or its domain.")(f)
        f = click.option("--db", default=DB_DEFAULT, show_default=True,
                         help="Database: a SQLite path or URL, or postgresql://user@host/db.")(f)
        return f

    return wrap


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _emit_csv(header: list[str], rows: list[list[Any]]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _add_row(table: Table, *cells: str) -> None:
    """Cells hold article data: shown as plain text, never as markup or terminal codes."""
    table.add_row(*map(shown, cells))


# --------------------------------------------------------------------------- quotes


@click.command("quotes")
@_common()
@click.option("--speaker", help="Speaker name, or part of it (case and accents ignored; any known variant).")
@click.option("--search", help='Words the quote must contain ("quoted phrase" for an exact phrase).')
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
def quotes(db: str, outlet: str | None, since: date | None, until: date | None, fmt: str,
           speaker: str | None, search: str | None, limit: int) -> None:
    """Quotes from the corpus, with their speaker and article, newest first."""
    from sourcier.store import queries

    with _store(db) as store:
        hits = queries.quotes(store, speaker=speaker, outlet=outlet, since=since, until=until,
                              search=search, limit=limit)
    if fmt == "json":
        _emit_json([h.to_dict() for h in hits])
    elif fmt == "csv":
        _emit_csv(
            ["article_id", "external_id", "published", "outlet", "title", "url", "quote_id", "type",
             "speaker", "speaker_entity_id", "speaker_as_written", "text", "cue", "confidence", "via"],
            [[h.article.id, h.article.external_id, h.article.published, h.article.outlet, h.article.title,
              h.article.url, h.id, h.type, h.speaker, h.speaker_entity_id, h.speaker_as_written, h.text,
              h.cue, h.confidence, json.dumps(h.via, ensure_ascii=False)] for h in hits],
        )
    else:
        table = Table(title=f"{len(hits)} quote(s)", show_lines=True)
        for col in ("published", "outlet", "speaker", "quote", "article"):
            table.add_column(col, overflow="fold")
        for h in hits:
            via = f" (via {', '.join(v['name'] for v in h.via)})" if h.via else ""
            _add_row(table, (h.article.published or "")[:10], h.article.outlet or "", (h.speaker or "?") + via,
                     h.text, h.article.title or h.article.url or h.article.id)
        _console().print(table)


# --------------------------------------------------------------------------- speakers


@click.command("speakers")
@_common()
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True)
def speakers(db: str, outlet: str | None, since: date | None, until: date | None, fmt: str, limit: int) -> None:
    """The most quoted speakers, and the outlets that quote them."""
    from sourcier.store import queries

    with _store(db) as store:
        stats = queries.speakers(store, outlet=outlet, since=since, until=until, limit=limit)
    if fmt == "json":
        _emit_json([s.to_dict() for s in stats])
    elif fmt == "csv":
        _emit_csv(
            ["name", "entity_id", "type", "quotes", "articles", "outlets", "roles"],
            [[s.name, s.entity_id, s.type, s.quotes, s.articles, json.dumps(s.outlets, ensure_ascii=False),
              json.dumps(s.roles, ensure_ascii=False)] for s in stats],
        )
    else:
        table = Table(title=f"{len(stats)} most quoted speaker(s)")
        table.add_column("speaker", overflow="fold")
        table.add_column("quotes", justify="right")
        table.add_column("articles", justify="right")
        table.add_column("quoted by", overflow="fold")
        table.add_column("roles", overflow="fold")
        for s in stats:
            outlets = ", ".join(f"{name} {n}" for name, n in s.outlets.items())
            _add_row(table, s.name, str(s.quotes), str(s.articles), outlets, "; ".join(s.roles[:3]))
        _console().print(table)


# --------------------------------------------------------------------------- sources


@click.command("sources")
@_common()
@click.option("--role", "roles", multiple=True,
              type=click.Choice(["interview", "relay", "photo", "byline", "mention"]),
              help="Only sources cited in this role (repeatable).")
def sources(db: str, outlet: str | None, since: date | None, until: date | None, fmt: str,
            roles: tuple[str, ...]) -> None:
    """Which media each outlet cites, and its share of state-affiliated sources."""
    from sourcier.store import queries

    with _store(db) as store:
        report = queries.sources(store, outlet=outlet, since=since, until=until, roles=roles or None)
    if fmt == "json":
        _emit_json([r.to_dict() for r in report])
    elif fmt == "csv":
        _emit_csv(
            ["outlet", "outlet_citations", "outlet_state_share", "cited", "citations", "articles",
             "state_affiliated", "roles"],
            [[r.outlet, r.citations, round(r.state_share, 4), m.name, m.citations, m.articles,
              "" if m.state_affiliated is None else str(m.state_affiliated).lower(),
              json.dumps(m.roles, ensure_ascii=False)] for r in report for m in r.cited],
        )
    else:
        table = Table(title="cited media per outlet", show_lines=True)
        table.add_column("outlet", overflow="fold")
        table.add_column("citations", justify="right")
        table.add_column("state-affiliated", justify="right")
        table.add_column("cites", overflow="fold")
        for r in report:
            cited = ", ".join(
                f"{m.name}{' (state)' if m.state_affiliated else ''} {m.citations}" for m in r.cited[:12]
            )
            if len(r.cited) > 12:
                cited += f", … {len(r.cited) - 12} more"
            share = f"{r.state_affiliated} ({r.state_share:.0%})"
            _add_row(table, r.outlet, str(r.citations), share, cited)
        _console().print(table)


# --------------------------------------------------------------------------- articles


@click.command("articles")
@_common()
@click.option("--search", help='Full-text search in titles and texts ("quoted phrase" for a phrase).')
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
def articles(db: str, outlet: str | None, since: date | None, until: date | None, fmt: str,
             search: str | None, limit: int) -> None:
    """Articles matching a full-text search, best first (newest first without --search)."""
    from sourcier.store import queries

    with _store(db) as store:
        hits = queries.articles(store, search=search, outlet=outlet, since=since, until=until, limit=limit)
    if fmt == "json":
        _emit_json([h.to_dict() for h in hits])
    elif fmt == "csv":
        _emit_csv(
            ["id", "external_id", "published", "outlet", "title", "url", "snippet", "rank"],
            [[h.article.id, h.article.external_id, h.article.published, h.article.outlet, h.article.title,
              h.article.url, h.snippet, h.rank] for h in hits],
        )
    else:
        table = Table(title=f"{len(hits)} article(s)", show_lines=bool(search))
        for col in ("published", "outlet", "title", "id"):
            table.add_column(col, overflow="fold")
        if search:
            table.add_column("match", overflow="fold")
        for h in hits:
            row = [(h.article.published or "")[:10], h.article.outlet or "", h.article.title or h.article.url or "",
                   h.article.id]
            if search:
                row.append(h.snippet or "")
            _add_row(table, *row)
        _console().print(table)


# --------------------------------------------------------------------------- export


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), required=True,
              help="jsonl: one analysis per line in OUT; csv/parquet: one file per table in the OUT directory.")
@click.argument("out")
@click.option("--db", default=DB_DEFAULT, show_default=True,
              help="Database: a SQLite path or URL, or postgresql://user@host/db.")
def export(fmt: str, out: str, db: str) -> None:
    """Export the corpus (OUT: a .jsonl[.gz] file or - for jsonl, a directory for csv/parquet)."""
    from sourcier.store.export import export as run_export

    with _store(db) as store:
        counts = run_export(store, fmt, out)  # type: ignore[arg-type]
    err = Console(stderr=True, highlight=False)
    for path, n in counts.items():
        if path != "-":
            err.print(f"{n:>8} rows → {Path(path)}")


#: Registered by ``sourcier.cli.main``.
COMMANDS = (quotes, speakers, sources, articles, export)
