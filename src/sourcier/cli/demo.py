"""``sourcier demo``: the main job on the bundled demo corpus (what ``make demo`` runs)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from rich.console import Console

DEMO_CORPUS = Path(__file__).resolve().parents[3] / "demo" / "corpus"


@click.command()
@click.option(
    "--corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=DEMO_CORPUS,
    show_default="demo/corpus",
    help="Directory of articles to analyse.",
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out/demo"), show_default=True)
def demo(corpus: Path, out: Path) -> None:
    """Analyse the demo corpus, write one JSON analysis per article, and print a short report."""
    from sourcier.api import analyze_many
    from sourcier.ingest import iter_documents

    console = Console(highlight=False)
    out.mkdir(parents=True, exist_ok=True)
    speakers: Counter[str] = Counter()
    media: Counter[str] = Counter()
    n = 0
    for analysis in analyze_many(iter_documents([str(corpus)])):
        n += 1
        (out / f"{analysis.id}.json").write_text(analysis.to_json(), encoding="utf-8")
        speakers.update(q.speaker.name for q in analysis.quotes if q.speaker.name)
        media.update(s.name for s in analysis.sources)
    console.print(f"Analysed {n} articles from {corpus} into {out}/")
    console.print("Top speakers: " + ", ".join(f"{s} ({c})" for s, c in speakers.most_common(8)))
    console.print("Most-cited media: " + ", ".join(f"{s} ({c})" for s, c in media.most_common(8)))
