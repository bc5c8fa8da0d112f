"""``sourcier relations``: relations between international actors across the corpus.

Filters by actor, target, type, date and the speaker who claims them; ``--timeline``
counts them month by month and type (a story republished by several outlets counts
once). The logic lives in :mod:`sourcier.store.relations`.
"""

from __future__ import annotations

from datetime import date

import click
from rich.table import Table

from sourcier.cli.corpus import _common, _store
from sourcier.cli.output import Output, limit_option


@click.command("relations")
@_common(outlet=False)
@click.option("--actor", help='Who acts: a state (code "MLI", name, capital, seat of power) or an organisation.')
@click.option("--target", help="Whom it is done to, the same way.")
@click.option("--type", "kind", help="A PLOVER type: AGREE, CONSULT, COOPERATE, AID, ACCUSE, SANCTION, ASSAULT, …")
@click.option("--claimed-by", help="Only relations claimed in a quote by this speaker (or part of the name).")
@click.option("--timeline", is_flag=True, help="Counts per month and type instead of the relations themselves.")
@limit_option(100)
def relations(db: str, since: date | None, until: date | None, out: Output, actor: str | None, target: str | None,
              kind: str | None, claimed_by: str | None, timeline: bool, limit: int | None) -> None:
    """Relations between states and organisations, with their evidence, newest first."""
    from sourcier.store import relations as stored

    filters = {"actor": actor, "target": target, "type": kind, "since": since, "until": until, "claimed_by": claimed_by}
    with _store(db) as store:
        if timeline:
            _print_timeline(stored.timeline(store, **filters), out)
            return
        hits = stored.relations(store, limit=out.limit(limit, 100), **filters)
    if not out.readable:
        columns = ["article_id", "published", "outlet", "title", "url", "type", "actor", "target", "negated",
                   "claimed_by", "quote_id", "evidence", "evidence_start", "evidence_end"]
        out.records([h.to_dict() for h in hits], columns, [[getattr(h, c) for c in columns] for h in hits])
    else:
        table = Table(title=f"{len(hits)} relation(s)", show_lines=True)
        for col in ("published", "relation", "claimed by", "evidence", "article"):
            table.add_column(col, overflow="fold")
        for h in hits:
            relation = f"{h.actor} {'NOT ' if h.negated else ''}{h.type} {h.target}"
            table.add_row((h.published or "")[:10], relation, h.claimed_by or "", h.evidence or "",
                          h.title or h.url or h.article_id)
        out.table(table)


def _print_timeline(rows: list[tuple[str, str, int]], out: Output) -> None:
    if not out.readable:
        out.records([{"month": m, "type": t, "count": n} for m, t, n in rows], ["month", "type", "count"],
                    [list(row) for row in rows])
    else:
        table = Table(title="relations per month")
        for col in ("month", "type", "count"):
            table.add_column(col)
        for month, kind, n in rows:
            table.add_row(month, kind, str(n))
        out.table(table)
