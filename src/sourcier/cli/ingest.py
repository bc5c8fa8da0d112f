"""``sourcier ingest PATH...``: analyse articles into the corpus database, resumably."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from sourcier.cli.engine import Engine, engine_options
from sourcier.cli.untrusted import shown
from sourcier.errors import InputError, SourcierError
from sourcier.model import Document
from sourcier.store.db import Store
from sourcier.store.ingest import DEFAULT_ANALYZER, DOCUMENT_TIME_LIMIT_S, IngestSummary

DB_HELP = "Database: a SQLite path or URL, or postgresql://user@host/db."


def _default_workers() -> int:
    # Each worker holds a spaCy model (~0.5 GB); leave a core to the writer.
    return max(1, min(4, (os.cpu_count() or 2) - 1))


class _RateColumn(ProgressColumn):
    """Articles per second since the start (stored, skipped or failed). Progress comes
    in batch-sized jumps, which rich's sliding-window speed turns into spikes."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        rate = task.completed / elapsed if elapsed else 0.0
        return Text(f"{rate:.1f} art/s" if rate else "– art/s", style="progress.data.speed")


class _RichReporter:
    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def started(self, total: int | None) -> None:
        self.task = self.progress.add_task("ingest", total=total, counts="")

    def advanced(self, summary: IngestSummary) -> None:
        assert self.task is not None
        task = self.progress.tasks[self.task]
        done = summary.processed
        total = task.total
        if total is not None and done > total:
            total = None  # the estimate was low: no ETA rather than a wrong one
        self.progress.update(
            self.task,
            completed=done,
            total=total,
            counts=f"new {summary.ingested} · republished {summary.new_publications} · known {summary.already_present} "
                   f"· failed {len(summary.failed)}",
        )


def _print_summary(summary: IngestSummary, console: Console, db: str) -> None:
    table = Table(title=f"sourcier ingest → {db}", show_header=False)
    table.add_column("what")
    table.add_column("n", justify="right")
    table.add_row("ingested (new texts, analysed)", str(summary.ingested))
    table.add_row("new publications of known texts", str(summary.new_publications))
    table.add_row("already present (known publications, skipped)", str(summary.already_present))
    table.add_row("failed", str(len(summary.failed)))
    rate = summary.processed / summary.seconds if summary.seconds else 0.0
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:.1f} articles/s)")
    console.print(table)
    for reason, failures in summary.failures_by_reason().items():
        console.print(f"[yellow]{len(failures)} × {reason}[/]", markup=True, highlight=False)
        for f in failures[:5]:
            console.print(shown(f"    {f.origin}: {f.message}"), highlight=False, soft_wrap=True)
        if len(failures) > 5:
            console.print(f"    … and {len(failures) - 5} more", highlight=False)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", default=None, envvar="SOURCIER_DB", show_envvar=True,
              help=DB_HELP + "  [default: ./sourcier.db]")
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=_default_workers,
    show_default="min(4, CPUs - 1)",
    help="Analysis processes (each loads the model once); 0 analyses in the main process.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="Articles per batch: the unit of work of a worker and of one database transaction.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=DOCUMENT_TIME_LIMIT_S,
    show_default=True,
    help="Seconds one document's analysis may take; a slower one is reported (E109) and skipped. 0: no limit.",
)
@click.option("--retry-skipped", is_flag=True,
              help="Read and analyse again the known skips (see `sourcier skipped`) instead of passing them by.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--analyzer", default=DEFAULT_ANALYZER, hidden=True, help="module:function replacing analyze_many.")
@engine_options
def ingest(
    paths: tuple[str, ...], db_url: str | None, workers: int, batch_size: int, time_limit: float,
    retry_skipped: bool, quiet: bool, analyzer: str, engine: Engine,
) -> None:
    """Analyse articles and store them in the corpus database.

    PATHS are what `sourcier analyze` reads: files, directories, globs, JSONL, RSS/Atom
    and WARC files (e.g. the output of `sourcier fetch`). Articles already stored (same
    canonical URL or same text) are skipped before analysis, and each batch is committed
    in one transaction: an interrupted ingest is resumed by running it again.

    A document that can never be stored (binary, empty, too large, not French, malformed)
    is recorded as a known skip: the next run passes it by (`sourcier skipped` lists them,
    --retry-skipped tries them again). Exit status 1 when some documents failed, except
    known skips recorded by an earlier run.
    """
    from sourcier.ingest import iter_documents
    from sourcier.store import skips
    from sourcier.store.db import open_store
    from sourcier.store.ingest import estimate_total
    from sourcier.store.ingest import ingest as run_ingest

    err = Console(stderr=True, highlight=False)
    try:
        store = open_store(db_url)
    except SourcierError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        progress = Progress(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[counts]}"),
            console=err,
            disable=quiet,
        )
        known = skips.known_origins(store)
        passed_by: list[str] = []  # the known skips met in this run

        def select(items: Iterator[Document | InputError]) -> Iterator[Document | InputError]:
            return _known_skips_met(items, known, passed_by, keep=retry_skipped)

        with progress:
            settings = dict(batch_size=batch_size, analyzer=analyzer, time_limit=time_limit or None,
                            reporter=_RichReporter(progress), total=estimate_total(paths))
            if engine.name == "ray":
                from sourcier.scale.cli import ingest_on_ray

                summary = ingest_on_ray(paths, store, engine, select=select, **settings)
            else:
                summary = run_ingest(select(iter_documents(paths)), store, workers=workers, **settings)
        newly_failed = _remember_skips(store, summary, known, set(passed_by) if retry_skipped else set())
    except SourcierError as exc:
        raise click.ClickException(f"{exc}\nBatches committed before the error are kept; rerun to resume.") from exc
    except KeyboardInterrupt:
        err.print("interrupted: batches committed so far are kept; rerun the same command to resume.")
        sys.exit(130)
    finally:
        store.close()
    _print_summary(summary, err, store.url)
    if passed_by and not retry_skipped:
        err.print(f"{len(passed_by)} known skip(s) passed by (`sourcier skipped` lists them; "
                  "--retry-skipped tries them again)")
    if newly_failed:
        sys.exit(1)


def _known_skips_met(items: Iterator[Document | InputError], known: set[str], met: list[str], *, keep: bool,
                     ) -> Iterator[Document | InputError]:
    """``items``, noting in ``met`` the known skips among them, which are left out unless ``keep``."""
    for item in items:
        if item.origin in known:
            met.append(item.origin)
            if not keep:
                continue
        yield item


def _remember_skips(store: Store, summary: IngestSummary, known: set[str], retried: set[str]) -> int:
    """Record this run's permanent failures as known skips, forget the ``retried`` ones that
    did not fail again; returns how many failures should fail the run (any but known skips)."""
    from sourcier.store import skips

    permanent = [f for f in summary.failed if skips.is_permanent(f.reason) and f.origin != "<input>"]
    skips.record(store, [(f.origin, f.reason, f.message) for f in permanent])
    skips.forget(store, retried - {f.origin for f in summary.failed})
    return sum(1 for f in summary.failed if f.origin not in known or not skips.is_permanent(f.reason))
