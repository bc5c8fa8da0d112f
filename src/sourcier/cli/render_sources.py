"""``--format text``: the sources an article cites, with what the knowledge base says of each."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sourcier.cli.untrusted import shown
from sourcier.model import Analysis, Outlet, Source


def render_sources(analysis: Analysis, console: Console) -> None:
    """Print one row per cited source: name, role (and channel), country, state affiliation, kind.

    Unknown outlets (no knowledge-base entry) show "?" for their facts. Article text is
    untrusted: it is shown as plain text.
    """
    if not analysis.sources:
        console.print("[dim]No cited media.[/dim]")
        return
    table = Table(title=f"Cited media ({len(analysis.sources)})", title_justify="left", show_edge=False)
    for column in ("source", "role", "country", "state-affiliated", "kind", "via quotes"):
        table.add_column(column)
    carried = _quotes_per_source(analysis)
    for source in analysis.sources:
        table.add_row(
            _name(source),
            _role(source),
            *map(shown, outlet_facts(source.outlet)),
            str(carried.get(source.id, 0)) if carried.get(source.id) else "",
        )
    console.print(table)


def outlet_facts(outlet: Outlet | None) -> tuple[str, str, str]:
    """(country, state affiliation, kind) as short strings; "?" when not known.

    >>> outlet_facts(Outlet(name="Sputnik", country="RU", state_affiliated=True, state="RU", kind="agency"))
    ('RU', 'yes (RU)', 'agency')
    """
    if outlet is None:
        return "?", "?", "?"
    affiliated = {True: f"yes ({outlet.state or '?'})", False: "no", None: "?"}[outlet.state_affiliated]
    return outlet.country or "?", affiliated, outlet.kind or "?"


def _name(source: Source) -> Text:
    name = shown(source.name)
    if source.outlet is not None and source.outlet.name != source.name:
        name.append_text(shown(f" ({source.outlet.name})", "dim"))
    return name


def _role(source: Source) -> Text:
    return shown(source.role + (f" ({source.channel})" if source.channel else ""))


def _quotes_per_source(analysis: Analysis) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quote in analysis.quotes:
        for via in quote.via:
            counts[via.source] = counts.get(via.source, 0) + 1
    return counts
