"""``sourcier demo``: the main job on the bundled demo corpus (what ``make demo`` runs).

Ingests ``demo/corpus`` into the corpus database (``./sourcier.db`` by default) and
prints a short report: top speakers, most-cited media, the share of state-affiliated
sources. Running it again finds every article already present and reports the same.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sourcier.cli.ingest import DB_HELP
from sourcier.cli.output import quiet_option

DEMO_CORPUS = Path(__file__).resolve().parents[3] / "demo" / "corpus"


@click.command()
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEMO_CORPUS,
    show_default="demo/corpus",
    help="Directory of articles to ingest.",
)
@click.option("--db", default=None, envvar="SOURCIER_DB", show_envvar=True,
              help=DB_HELP + "  [default: ./sourcier.db]")
@quiet_option
def demo(corpus: Path, db: str | None, quiet: bool) -> None:
    """Ingest the demo corpus and print who is quoted and which media are cited."""
    from sourcier.store import open_store
    from sourcier.store.ingest import ingest_paths
    from sourcier.store.queries import sources, speakers

    console = Console(highlight=False)
    store = open_store(db)
    if not quiet:
        console.print(f"Ingesting {corpus} into {escape(db or './sourcier.db')} …")
    summary = ingest_paths([corpus], store, workers=0, batch_size=16)
    if not quiet:
        console.print(
            f"{summary.ingested} ingested, {summary.already_present} already present, {len(summary.failed)} failed."
        )
    _report_speakers(console, speakers(store, limit=10))
    _report_media(console, sources(store))
    store.close()
    if quiet:
        return
    console.print(
        "\nNext: [bold].venv/bin/sourcier quotes --speaker Diop[/bold], "
        "[bold].venv/bin/sourcier sources[/bold], "
        "[bold].venv/bin/sourcier analyze demo/corpus/05-*.html --format text[/bold]"
    )


def _report_speakers(console: Console, stats) -> None:
    table = Table(title="Top speakers", title_justify="left")
    for col in ("speaker", "quotes", "articles", "outlets"):
        table.add_column(col)
    for s in stats:
        table.add_row(escape(s.name), str(s.quotes), str(s.articles), escape(", ".join(list(s.outlets)[:3])))
    console.print(table)


def _report_media(console: Console, report) -> None:
    cited: Counter[str] = Counter()
    state: dict[str, bool | None] = {}
    total = affiliated = 0
    for outlet in report:
        total += outlet.citations
        affiliated += outlet.state_affiliated
        for medium in outlet.cited:
            cited[medium.name] += medium.citations
            state[medium.name] = medium.state_affiliated
    table = Table(title="Most-cited media", title_justify="left")
    for col in ("medium", "citations", "state-affiliated"):
        table.add_column(col)
    for name, n in cited.most_common(10):
        table.add_row(escape(name), str(n), {True: "yes", False: "no", None: "?"}[state[name]])
    console.print(table)
    share = f"{100 * affiliated / total:.0f} %" if total else "n/a"
    console.print(f"State-affiliated share of cited sources: [bold]{share}[/bold] ({affiliated} of {total})")
