"""``sourcier skipped``: the known skips, inputs ``ingest`` can never store and passes by."""

from __future__ import annotations

import click
from rich.table import Table

from sourcier.cli.corpus import _add_row, _store, db_option
from sourcier.cli.output import Output, output_options


@click.command("skipped")
@db_option
@output_options
def skipped(db: str, out: Output) -> None:
    """Documents `ingest` recorded as known skips (not French, empty, binary, too large,
    malformed…), which a rerun passes by; `ingest --retry-skipped` tries them again."""
    from sourcier.store.skips import known_skips

    with _store(db) as store:
        rows = known_skips(store)
    if not out.readable:
        out.records([r.to_dict() for r in rows], ["origin", "code", "reason", "message", "recorded_at"],
                    [[r.origin, r.code, r.reason, r.message, r.recorded_at.isoformat()] for r in rows])
        return
    table = Table(title=f"{len(rows):,} known skip(s)")
    for column in ("origin", "reason", "message", "recorded"):
        table.add_column(column, overflow="fold")
    for r in rows:
        _add_row(table, r.origin, r.reason, r.message, r.recorded_at.isoformat(timespec="seconds"))
    out.table(table)
