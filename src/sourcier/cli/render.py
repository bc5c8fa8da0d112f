"""``--format text``: a readable summary of an analysis (rich)."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.text import Text

from sourcier.cli.render_sources import render_sources
from sourcier.cli.untrusted import shown
from sourcier.model import Analysis, Quote


def render_analysis(analysis: Analysis, console: Console) -> None:
    """Print the article's header, its quotes grouped by speaker, its sources and entities.

    Article data is untrusted: it reaches the console only as plain :class:`~rich.text.Text`
    (never parsed as markup or emoji codes), its control characters made visible.
    """
    meta = analysis.article
    console.rule(shown(meta.title or analysis.id))
    facts = [x for x in (meta.outlet, meta.published, ", ".join(meta.authors), meta.url) if x]
    if facts:
        console.print(shown(" · ".join(facts)))
    _quotes(analysis, console)
    render_sources(analysis, console)
    _entities(analysis, console)
    for warning in analysis.warnings:
        console.print(Text.assemble(("warning:", "yellow"), " ", shown(warning)))
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
        console.print(Text.assemble("  ", shown(speaker, "bold cyan"), f" ({len(quotes)})"))
        for q in quotes:
            line = Text.assemble("    ", (f"{q.type:8}", "magenta"), " ", shown(_shorten(q.text)))
            if q.cue:
                line.append_text(Text.assemble(" (", shown(q.cue.text), ")", style="dim"))
            if q.via:
                line.append_text(Text.assemble(" via ", shown(", ".join(v.name for v in q.via)), style="dim"))
            console.print(line)


def _entities(analysis: Analysis, console: Console) -> None:
    people = [e for e in analysis.entities if e.type in ("PERSON", "ORG", "MEDIA", "GPE")]
    if not people:
        return
    line = Text.assemble(("Entities", "bold"), ": ")
    for i, e in enumerate(people):
        if i:
            line.append("; ")
        roles = " — " + ", ".join(e.roles) if e.roles else ""
        line.append_text(Text.assemble(shown(e.name), " ", shown(e.type + roles, "dim")))
    console.print(line)


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
