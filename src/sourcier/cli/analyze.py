"""``sourcier analyze PATH...``: analyse articles and print or write their analyses."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from sourcier.cli.progress import batch_progress
from sourcier.cli.render import render_analysis
from sourcier.cli.untrusted import shown
from sourcier.errors import InputError
from sourcier.model import Analysis, Document


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text"]),
    default="json",
    show_default=True,
    help="json: one indented object per article; jsonl: one line each; text: a readable summary.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one NAME.json per input into this directory instead of printing.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def analyze(paths: tuple[str, ...], fmt: str, out: Path | None, quiet: bool) -> None:
    """Analyse French news articles: entities, quotes and speakers, cited sources.

    PATHS are .txt or .html files, directories of them, JSONL, RSS/Atom or WARC files,
    glob patterns, or - for standard input. A document that cannot be read is reported
    on stderr and skipped; the exit status is 1 when any was skipped.
    """
    from sourcier.api import analyze_many
    from sourcier.ingest import iter_documents

    err = Console(stderr=True)
    failures: list[tuple[str, Exception]] = []

    def on_error(origin: str, exc: Exception) -> None:
        failures.append((origin, exc))
        err.print(Text.assemble(("skipped", "yellow"), " ", shown(f"{origin}: {exc}")), highlight=False)

    documents: list[Document] = []

    def remember(items: Iterator[Document | InputError]) -> Iterator[Document | InputError]:
        for item in items:
            if isinstance(item, Document):
                documents.append(item)
            yield item

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    console = Console(soft_wrap=True, highlight=False)
    names: set[str] = set()
    with batch_progress(disable=quiet) as advance:
        analyses = analyze_many(remember(iter_documents(paths)), on_error=on_error)
        for analysis in analyses:
            document = _document_of(analysis, documents)
            advance()
            if out is not None:
                target = out / _unique(_output_name(document), names)
                target.write_text(analysis.to_json(), encoding="utf-8")
            elif fmt == "text":
                render_analysis(analysis, console)
            else:
                sys.stdout.write(analysis.to_json(indent=1 if fmt == "json" else None) + "\n")
    if failures:
        err.print(f"{len(failures)} input(s) skipped.")
        sys.exit(1)


def _document_of(analysis: Analysis, documents: list[Document]) -> Document:
    """The document an analysis came from (analyses arrive in input order)."""
    while documents and documents[0].text != analysis.text:
        documents.pop(0)  # that one failed during analysis
    return documents.pop(0)


def _output_name(document: Document) -> str:
    """NAME.json for a file, NAME-ID.json for an item inside a JSONL/feed/WARC file."""
    origin = document.origin
    path, _, item = origin.partition("#")
    stem = Path(path).name
    for suffix in (".gz", ".jsonl", ".warc", ".html", ".htm", ".txt", ".xml", ".rss", ".atom"):
        stem = stem.removesuffix(suffix)
    if item:
        stem = f"{stem}-{item}"
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in stem) or "stdin"
    return safe


def _unique(stem: str, used: set[str]) -> str:
    name, n = f"{stem}.json", 1
    while name in used:
        n += 1
        name = f"{stem}-{n}.json"
    used.add(name)
    return name
