"""``sourcier analyze PATH...``: analyse articles and print or write their analyses."""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console
from rich.text import Text

from sourcier.cli.engine import Engine, engine_options
from sourcier.cli.progress import batch_progress
from sourcier.cli.render import render_analysis
from sourcier.cli.untrusted import shown
from sourcier.errors import InputError, UnreadableInput
from sourcier.model import Analysis, Document


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "text"]),
    default="json",
    show_default=True,
    help="json: one JSON array holding every analysis; jsonl: one analysis per line; text: a readable summary.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
@click.option(
    "--out-dir",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write one NAME.json per input into this directory instead (--out is its former name).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@engine_options
def analyze(paths: tuple[str, ...], fmt: str, output: Path | None, out_dir: Path | None, quiet: bool,
            engine: Engine) -> None:
    """Analyse French news articles: entities, quotes and speakers, cited sources.

    PATHS are .txt or .html files, directories of them, JSONL, RSS/Atom or WARC files,
    glob patterns, or - for standard input. A document that cannot be read is reported
    on stderr and skipped; the exit status is 1 when any was skipped. Missing files are
    reported before the model loads.
    """
    if output is not None and out_dir is not None:
        raise click.UsageError("give -o/--output (one file) or --out-dir (one file per input), not both")
    err = Console(stderr=True)
    skipped = 0

    def report(origin: str, exc: Exception) -> None:
        nonlocal skipped
        skipped += 1
        err.print(Text.assemble(("skipped", "yellow"), " ", shown(f"{origin}: {exc}")), highlight=False)

    missing = [p for p in paths if _missing(p)]
    for path in missing:
        report(path, UnreadableInput("no such file or directory", origin=path))
    present = [p for p in paths if p not in missing]
    if present:
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
        with _sink(output) as stream, batch_progress(disable=quiet) as advance:
            writer = _Writer(fmt, stream, out_dir)
            if engine.name == "ray":
                from sourcier.scale.cli import analyses_on_ray

                found = analyses_on_ray(present, engine, report, advance)
            else:
                found = _analyses(present, report, advance)
            for origin, analysis in found:
                writer.write(analysis, origin)
            writer.close()
    if skipped:
        err.print(f"{skipped} input(s) skipped.")
        sys.exit(1)


def _analyses(paths: list[str], report: Callable[[str, Exception], None], advance: Callable[[], None]) -> Iterator[tuple[str, Analysis]]:
    """(origin, analysis) of each readable document of ``paths``, in this process."""
    from sourcier.api import analyze_many
    from sourcier.ingest import iter_documents

    inputs: deque[Document | InputError] = deque()
    for result in analyze_many(_kept(iter_documents(paths), inputs, advance), on_error=report):
        item = inputs.popleft()  # results come one per input, in input order
        if isinstance(result, Analysis):
            yield item.origin or "stdin", result


def _missing(path: str) -> bool:
    """A named file or directory that is not there (not stdin, not a glob pattern)."""
    return path != "-" and not any(c in path for c in "*?[") and not os.path.lexists(path)


def _kept(
    items: Iterator[Document | InputError], inputs: deque[Document | InputError], advance: Callable[[], None]
) -> Iterator[Document | InputError]:
    """``items``, each remembered in ``inputs`` to name the output it gives."""
    for item in items:
        advance()
        inputs.append(item)
        yield item


@contextmanager
def _sink(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    with output.open("w", encoding="utf-8") as handle:
        yield handle


class _Writer:
    """Writes analyses as they come: a JSON array (valid even when empty), JSON lines,
    readable text, or one file per input in a directory."""

    def __init__(self, fmt: str, stream: TextIO, out_dir: Path | None) -> None:
        self.fmt, self.stream, self.out_dir = fmt, stream, out_dir
        self.count = 0
        self.names: set[str] = set()
        self.console = Console(file=stream, soft_wrap=True, highlight=False)

    def write(self, analysis: Analysis, origin: str) -> None:
        if self.out_dir is not None:
            target = self.out_dir / _unique(_output_name(origin), self.names)
            target.write_text(analysis.to_json(), encoding="utf-8")
        elif self.fmt == "text":
            render_analysis(analysis, self.console)
        elif self.fmt == "jsonl":
            self.stream.write(analysis.to_json(indent=None) + "\n")
        else:
            self.stream.write(("[\n" if self.count == 0 else ",\n") + analysis.to_json(indent=1))
        self.count += 1

    def close(self) -> None:
        if self.out_dir is None and self.fmt == "json":
            self.stream.write("\n]\n" if self.count else "[]\n")


def _output_name(origin: str) -> str:
    """NAME.json for a file, NAME-ID.json for an item inside a JSONL/feed/WARC file."""
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
