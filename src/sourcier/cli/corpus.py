"""Corpus queries: ``sourcier quotes``, ``speakers``, ``sources``, ``articles``, ``export``.

Each reads the database named by ``--db`` (default: ``$SOURCIER_DB``, else ``./sourcier.db``)
and prints a table, JSON, JSON lines or CSV (see :mod:`sourcier.cli.output`); the logic lives in :mod:`sourcier.store.queries`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from sourcier.cli.output import Output, limit_option, output_options, showing
from sourcier.cli.untrusted import shown
from sourcier.errors import SourcierError

DB_DEFAULT = "./sourcier.db"


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


def db_option(f: Any) -> Any:
    return click.option("--db", default=DB_DEFAULT, show_default=True, envvar="SOURCIER_DB", show_envvar=True,
                        help="Database: a SQLite path or URL, or postgresql://user@host/db.")(f)


def _common(*, dates: bool = True, outlet: bool = True, fmt: bool = True) -> Callable[[Any], Any]:
    """The options every query shares (``fmt``: the output options, see :mod:`sourcier.cli.output`)."""

    def wrap(f: Any) -> Any:
        if fmt:
            f = output_options(f)
        if dates:
            f = click.option("--until", type=click.DateTime(["%Y-%m-%d"]), callback=_date,
                             help="Articles published on or before this day (YYYY-MM-DD).")(f)
            f = click.option("--since", type=click.DateTime(["%Y-%m-%d"]), callback=_date,
                             help="Articles published on or after this day (YYYY-MM-DD).")(f)
        if outlet:
            f = click.option("--outlet", help="Publishing outlet: its name (any case) or its domain.")(f)
        return db_option(f)

    return wrap


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _add_row(table: Table, *cells: str) -> None:
    """Cells hold article data: shown as plain text, never as markup or terminal codes."""
    table.add_row(*map(shown, cells))


def _by_option(what: str) -> Callable[[Any], Any]:
    return click.option("--by", type=click.Choice(["day", "week", "month"]),
                        help=f"Count {what} per day, week (from its Monday) or month of publication instead.")


def _print_counts(out: Output, rows: list[Any], what: str) -> None:
    """Counts over time: one row per period (and per name, when the counts are per speaker or medium)."""
    named = any(r.name is not None for r in rows)
    header = ["period", "name", "count"] if named else ["period", "count"]
    if not out.readable:
        out.records([r.to_dict() if named else {"period": r.period, "count": r.count} for r in rows], header,
                    [[r.period, r.name, r.count] if named else [r.period, r.count] for r in rows])
        return
    table = Table(title=f"{what} per period")
    for col in header:
        table.add_column(col, overflow="fold", justify="right" if col == "count" else "left")
    for r in rows:
        _add_row(table, *([r.period, r.name or "", str(r.count)] if named else [r.period, str(r.count)]))
    out.table(table)


def _total(hits: list[Any], limit: int | None, count: Callable[[], int]) -> int:
    """How many rows there are without the limit (counted only when the limit may have cut)."""
    return count() if limit is not None and len(hits) >= limit else len(hits)


# --------------------------------------------------------------------------- quotes


@click.command("quotes")
@_common()
@click.option("--speaker", help="Speaker name, or part of it (case and accents ignored; any known variant), "
                                "or a speaker id (42 or #42).")
@click.option("--search", help='Words the quote must contain ("quoted phrase" for an exact phrase).')
@click.option("--via", help="Only quotes relayed through this cited medium (any of its names, e.g. Sputnik).")
@click.option("--state-affiliated-via", is_flag=True,
              help="Only quotes relayed through a state-affiliated medium.")
@click.option("--type", "kind", type=click.Choice(["direct", "indirect", "mixed"]),
              help="Only quotes of this type.")
@_by_option("quotes")
@limit_option(100)
def quotes(db: str, outlet: str | None, since: date | None, until: date | None, out: Output,
           speaker: str | None, search: str | None, via: str | None, state_affiliated_via: bool,
           kind: str | None, by: str | None, limit: int | None) -> None:
    """Quotes from the corpus, with their speaker and article, newest first."""
    from sourcier.store import queries

    query = queries.QuoteQuery(speaker=speaker, outlet=outlet, since=since, until=until, search=search, via=via,
                               state_affiliated=True if state_affiliated_via else None, type=kind)
    limit = out.limit(limit, 100)
    with _store(db) as store:
        if by:
            _print_counts(out, queries.quotes_by(store, by, query), "quotes")
            return
        hits = queries.quotes(store, query, limit=limit)
        total = _total(hits, limit, lambda: queries.count_quotes(store, query))
    if not out.readable:
        flat = [h.flat() for h in hits]
        out.records([h.to_dict() for h in hits], list(queries.QUOTE_FLAT_COLUMNS),
                    [[row[c] for c in queries.QUOTE_FLAT_COLUMNS] for row in flat])
        out.cut(len(hits), total, "quotes")
        return
    table = Table(title=showing(len(hits), total, "quote(s)"), show_lines=True)
    for col in ("published", "outlet", "speaker", "quote", "article"):
        table.add_column(col, overflow="fold")
    for h in hits:
        via = f" (via {', '.join(v['name'] for v in h.via)})" if h.via else ""
        _add_row(table, (h.article.published or "")[:10], h.article.outlet or "", (h.speaker.name or "?") + via,
                 h.text, h.article.title or h.article.url or h.article.id)
    out.table(table)


# --------------------------------------------------------------------------- speakers


@click.group("speakers", invoke_without_command=True)
@_common()
@click.option("--type", "kind", type=click.Choice(["person", "organisation"]),
              help="Only speakers resolved to a person, or to an organisation (media included).")
@_by_option("each speaker's quotes")
@limit_option(30)
@click.pass_context
def speakers(ctx: click.Context, db: str, outlet: str | None, since: date | None, until: date | None, out: Output,
             kind: str | None, by: str | None, limit: int | None) -> None:
    """The most quoted speakers, and the outlets that quote them.

    The subcommands correct the speakers (merge, alias, rename, split): the
    corrections hold in every query, export and page, and later ingests follow them.
    """
    if ctx.invoked_subcommand is not None:
        return
    from sourcier.store import queries

    filters = {"outlet": outlet, "since": since, "until": until, "type": kind}
    limit = out.limit(limit, 30)
    with _store(db) as store:
        if by:
            _print_counts(out, queries.speakers_by(store, by, **filters), "quotes of each speaker")
            return
        stats = queries.speakers(store, limit=limit, **filters)
        total = _total(stats, limit, lambda: queries.count_speakers(store, **filters))
    if not out.readable:
        out.records(
            [s.to_dict() for s in stats],
            ["name", "entity_id", "type", "quotes", "articles", "outlets", "roles"],
            [[s.name, s.entity_id, s.type, s.quotes, s.articles, json.dumps(s.outlets, ensure_ascii=False),
              json.dumps(s.roles, ensure_ascii=False)] for s in stats],
        )
        out.cut(len(stats), total, "speakers")
        return
    table = Table(title=showing(len(stats), total, "speaker(s), most quoted first"))
    table.add_column("speaker", overflow="fold")
    table.add_column("quotes", justify="right")
    table.add_column("articles", justify="right")
    table.add_column("quoted by", overflow="fold")
    table.add_column("roles", overflow="fold")
    for s in stats:
        outlets = ", ".join(f"{name} {n}" for name, n in s.outlets.items())
        _add_row(table, s.name, str(s.quotes), str(s.articles), outlets, "; ".join(s.roles[:3]))
    out.table(table)


# --------------------------------------------------------------------------- sources


@click.command("sources")
@_common()
@click.option("--role", "roles", multiple=True,
              type=click.Choice(["interview", "relay", "photo", "byline", "mention"]),
              help="Only sources cited in this role (repeatable).")
@click.option("--cited", help="Only citations of this medium (any of its names or its domain, e.g. TASS).")
@_by_option("citations of each medium")
def sources(db: str, outlet: str | None, since: date | None, until: date | None, out: Output,
            roles: tuple[str, ...], cited: str | None, by: str | None) -> None:
    """Which media each outlet cites, and its share of state-affiliated sources."""
    from sourcier.store import queries

    filters = {"outlet": outlet, "since": since, "until": until, "roles": roles or None, "cited": cited}
    with _store(db) as store:
        if by:
            _print_counts(out, queries.sources_by(store, by, **filters), "citations of each medium")
            return
        report = queries.sources(store, **filters)
        publishers = queries.publisher_share(store, outlet=outlet, since=since, until=until)
    if not out.readable:
        out.records(
            [r.to_dict() for r in report],
            ["outlet", "outlet_state_affiliated", "outlet_citations", "outlet_state_share", "cited", "citations",
             "articles", "state_affiliated", "roles"],
            [[r.outlet, _bool_cell(r.publisher_state_affiliated), r.citations, round(r.state_share, 4), m.name,
              m.citations, m.articles, _bool_cell(m.state_affiliated), json.dumps(m.roles, ensure_ascii=False)]
             for r in report for m in r.cited],
        )
        return
    table = Table(title="cited media per outlet", show_lines=True,
                  caption=f"publishers: {publishers.state_affiliated} of {publishers.publications} publication(s) "
                          f"by state-affiliated outlets ({publishers.state_share:.0%}), {publishers.unknown} by "
                          "outlets of unknown affiliation")
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
        publisher = f"{r.outlet} (state)" if r.publisher_state_affiliated else r.outlet
        _add_row(table, publisher, str(r.citations), share, cited)
    out.table(table)


def _bool_cell(value: bool | None) -> str:
    """"true", "false", or empty when unknown: what CSV readers take for a nullable boolean."""
    return "" if value is None else str(value).lower()


# --------------------------------------------------------------------------- articles


@click.command("articles")
@_common()
@click.option("--search", help='Full-text search in titles and texts ("quoted phrase" for a phrase).')
@limit_option(20)
def articles(db: str, outlet: str | None, since: date | None, until: date | None, out: Output,
             search: str | None, limit: int | None) -> None:
    """Articles matching a full-text search, best first (newest first without --search)."""
    from sourcier.store import queries

    filters = {"search": search, "outlet": outlet, "since": since, "until": until}
    limit = out.limit(limit, 20)
    with _store(db) as store:
        hits = queries.articles(store, limit=limit, **filters)
        total = _total(hits, limit, lambda: queries.count_articles(store, **filters))
    if not out.readable:
        out.records(
            [h.to_dict() for h in hits],
            ["id", "external_id", "published", "outlet", "title", "url", "snippet", "rank"],
            [[h.article.id, h.article.external_id, h.article.published, h.article.outlet, h.article.title,
              h.article.url, h.snippet, h.rank] for h in hits],
        )
        out.cut(len(hits), total, "articles")
        return
    table = Table(title=showing(len(hits), total, "article(s)"), show_lines=bool(search))
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
    out.table(table)


# --------------------------------------------------------------------------- export


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), required=True,
              help="jsonl: one analysis per line in OUT; csv/parquet: one file per table in the OUT directory.")
@click.argument("out")
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No row counts on stderr.")
def export(fmt: str, out: str, db: str, quiet: bool) -> None:
    """Export the corpus (OUT: a .jsonl[.gz] file or - for jsonl, a directory for csv/parquet)."""
    from sourcier.store.export import export as run_export

    with _store(db) as store:
        counts = run_export(store, fmt, out)  # type: ignore[arg-type]
    err = Console(stderr=True, highlight=False)
    for path, n in counts.items():
        if path != "-" and not quiet:
            err.print(f"{n:>8} rows → {Path(path)}")


#: Registered by ``sourcier.cli.main``.
COMMANDS = (quotes, speakers, sources, articles, export)
