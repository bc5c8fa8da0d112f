"""``sourcier outlets publishers``: who published the articles, as outlets of the knowledge base."""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter

import click
from rich.table import Table

from sourcier.cli.corpus import _add_row, _console
from sourcier.cli.reprints import _with_sources
from sourcier.cli.output import quiet_option
from sourcier.knowledge.outlets import COLUMNS


@click.command("publishers")
@_with_sources
@click.option("--unknown", is_flag=True,
              help="Only publishers the knowledge base does not know, as overlay CSV rows to complete.")
@quiet_option
def publishers(db: str | None, inputs: tuple[str, ...], unknown: bool, quiet: bool) -> None:
    """The publishers of a corpus (--db) or of files (--input), resolved through the outlet
    knowledge base by the record's outlet, the URL's host and parent domains, or the site name."""
    from sourcier.knowledge.outlets import load_outlets
    from sourcier.knowledge.publishers import resolve_publisher, state_affiliated_share, unknown_publishers

    kb = load_outlets()
    found = [resolve_publisher(kb, url=it.url, outlet=it.outlet) for it in _items(db, inputs)]
    if unknown:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
        writer.writeheader()
        for name, _count in unknown_publishers(found):
            domain = name if "." in name and " " not in name else ""
            writer.writerow({**dict.fromkeys(COLUMNS, ""), "id": _slug(name), "name": name, "domains": domain})
        return
    counts = Counter((p.name or "(none)", p.record.id if p.record else "", p.resolved_by or "unknown",
                      {True: "yes", False: "no", None: "?"}[p.state_affiliated]) for p in found)
    state, _, unknown_affiliation = state_affiliated_share(found)
    share = f"{state / len(found):.0%}" if found else "0%"
    table = Table(title=f"{len(found)} publication(s), {len(counts)} publisher(s); {state} by state-affiliated "
                        f"publishers ({share}), {unknown_affiliation} of unknown affiliation")
    for column in ("publisher", "outlet id", "resolved by", "state-affiliated", "publications"):
        table.add_column(column, overflow="fold")
    for (name, outlet_id, how, affiliated), n in counts.most_common():
        _add_row(table, name, outlet_id, how, affiliated, str(n))
    _console().print(table)


def _slug(name: str) -> str:
    """An overlay id from a domain or name: "www.journal-inconnu.example" → "journal-inconnu-example"."""
    folded = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "outlet"


def _items(db: str | None, inputs: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from sourcier.cli.corpus import DB_DEFAULT, _store
    from sourcier.link.reprints import read_items, store_items

    if inputs:
        yield from read_items(inputs, [])
    else:
        with _store(db or DB_DEFAULT) as store:
            yield from store_items(store)
