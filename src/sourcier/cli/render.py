"""``--format text``: a readable summary of an analysis (rich)."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.markup import escape

from sourcier.cli.render_sources import render_sources
from sourcier.model import Analysis, Quote


def render_analysis(analysis: Analysis, console: Console) -> None:
    """Print the article's header, its quotes grouped by speaker, its sources and entities.

    Article text is untrusted: everything from it is escaped before it reaches rich markup.
    """
    meta = analysis.article
    console.rule(escape(meta.title or analysis.id))
    facts = [x for x in (meta.outlet, meta.published, ", ".join(meta.authors), meta.url) if x]
    if facts:
        console.print(escape(" · ".join(facts)))
    _quotes(analysis, console)
    render_sources(analysis, console)
    _entities(analysis, console)
    for warning in analysis.warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(warning)}")
    console.print()


def _quotes(analysis: Analysis, console: Console) -> None:
    if not analysis.quotes:
        console.print("[dim]No quotes.[/dim]")
        return
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in analysis.quotes:
        by_speaker[quote.speaker.name or "(unattributed)"].append(quote)
    console.print(f"[bold]Quotes[/bold] ({len(analysis.quotes)}), by speaker")
    for speaker, quotes in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        console.print(f"  [bold cyan]{escape(speaker)}[/bold cyan] ({len(quotes)})")
        for q in quotes:
            via = f" [dim]via {escape(', '.join(v.name for v in q.via))}[/dim]" if q.via else ""
            cue = f" [dim]({escape(q.cue.text)})[/dim]" if q.cue else ""
            console.print(f"    [magenta]{q.type:8}[/magenta] {escape(_shorten(q.text))}{cue}{via}")


def _entities(analysis: Analysis, console: Console) -> None:
    people = [e for e in analysis.entities if e.type in ("PERSON", "ORG", "MEDIA", "GPE")]
    if not people:
        return
    line = "; ".join(
        f"{escape(e.name)} [dim]{e.type}{' — ' + escape(', '.join(e.roles)) if e.roles else ''}[/dim]" for e in people
    )
    console.print(f"[bold]Entities[/bold]: {line}")


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
