"""``sourcier speakers merge|alias|rename|split|corrections``: correcting the speakers by hand.

The corrections live in the database (see :mod:`sourcier.store.speakers`), so every query,
export and page sees them, and later ingests follow them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from rich.table import Table

from sourcier.cli.corpus import _add_row, _store, db_option, speakers
from sourcier.cli.output import Output, output_options


def _quiet(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--quiet", "-q", is_flag=True, help="Print nothing when the correction is made.")(f)


def _done(quiet: bool, message: str) -> None:
    if not quiet:
        click.echo(message)


@speakers.command("merge")
@click.argument("keep")
@click.argument("other")
@db_option
@_quiet
def merge(keep: str, other: str, db: str, quiet: bool) -> None:
    """Make OTHER the same speaker as KEEP: its quotes, names and roles move to KEEP.

    A speaker is named by its id (#12 or 12, as `sourcier speakers --format json`
    gives it) or its exact name. Later ingests link OTHER's names to KEEP.
    """
    from sourcier.store import speakers as fixes

    with _store(db) as store:
        kept, merged = fixes.merge(store, keep, other)
    _done(quiet, f"merged #{merged} into #{kept}")


def _naming(command: str, doc: str, done: str) -> None:
    """Register ``speakers COMMAND SPEAKER NAME`` (alias, rename): one correction with a name."""

    def run(speaker: str, name: str, db: str, quiet: bool) -> None:
        from sourcier.store import speakers as fixes

        with _store(db) as store:
            entity_id = getattr(fixes, command)(store, speaker, name)
        _done(quiet, done.format(id=entity_id, name=name))

    run.__doc__ = doc
    for decorate in (_quiet, db_option, click.argument("name"), click.argument("speaker"),
                     speakers.command(command)):
        run = decorate(run)


_naming("alias", "Give SPEAKER another NAME: `--speaker NAME` finds it, later ingests link NAME to it.",
        "#{id} is also called {name!r}")
_naming("rename", "Show SPEAKER as NAME from now on (its other names stay known).", "#{id} is now shown as {name!r}")


@speakers.command("split")
@click.argument("speaker")
@click.option("--article", "articles", multiple=True, required=True,
              help="An article (its id or the external id given at ingest) whose quotes of SPEAKER "
                   "belong to someone else; repeat for several.")
@click.option("--as", "name", help="The other speaker's name (default: the same name).")
@db_option
@_quiet
def split(speaker: str, articles: tuple[str, ...], name: str | None, db: str, quiet: bool) -> None:
    """Move what SPEAKER says in some articles to a new speaker (two namesakes linked as one)."""
    from sourcier.store import speakers as fixes

    with _store(db) as store:
        new_id = fixes.split(store, speaker, articles, name)
    _done(quiet, f"new speaker #{new_id} holds the quotes of {speaker!r} in {len(articles)} article(s)")


@speakers.command("corrections")
@db_option
@output_options
def corrections(db: str, out: Output) -> None:
    """Every correction made to the speakers, oldest first."""
    from sourcier.store import speakers as fixes

    with _store(db) as store:
        rows = fixes.corrections(store)
    header = ["id", "action", "entity_id", "other_id", "name", "articles", "made_at"]
    if not out.readable:
        out.records([r.to_dict() for r in rows], header,
                    [[r.id, r.action, r.entity_id, r.other_id, r.name, " ".join(r.articles), r.made_at.isoformat()]
                     for r in rows])
        return
    table = Table(title=f"{len(rows)} correction(s) to the speakers")
    for col in header:
        table.add_column(col, overflow="fold")
    for r in rows:
        _add_row(table, str(r.id), r.action, f"#{r.entity_id}", f"#{r.other_id}" if r.other_id else "",
                 r.name or "", " ".join(r.articles), r.made_at.strftime("%Y-%m-%d %H:%M"))
    out.table(table)
