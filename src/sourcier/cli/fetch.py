"""``sourcier fetch``: crawl RSS/Atom feeds and their article pages politely into a WARC."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from sourcier.cli.untrusted import shown
from sourcier.errors import FetchError
from sourcier.ingest.fetch import (
    DEFAULT_DELAY, DEFAULT_MAX_BYTES, FetchConfig, FetchResult, FetchSummary, Kind, Outcome, crawl,
    default_user_agent, read_feed_list,
)
from sourcier.safe_text import visible_controls

_REPORTED = (Outcome.SKIPPED_ROBOTS, Outcome.TOO_LARGE, Outcome.NOT_HTML, Outcome.DUPLICATE, Outcome.FAILED)
_LABELS = {
    Outcome.FETCHED: "fetched (archived)",
    Outcome.NOT_MODIFIED: "not modified (304)",
    Outcome.SKIPPED_ROBOTS: "skipped: robots.txt",
    Outcome.TOO_LARGE: "skipped: too large",
    Outcome.NOT_HTML: "skipped: not HTML",
    Outcome.DUPLICATE: "skipped: redirect to a page already archived",
    Outcome.FAILED: "failed",
}


class _ProgressObserver:
    """Feeds the crawl's progress hooks into a rich progress display, one bar per phase."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.tasks: dict[Kind, TaskID] = {}

    def planned(self, kind: Kind, total: int) -> None:
        self.tasks[kind] = self.progress.add_task(f"{kind}s", total=total, url="")

    def started(self, kind: Kind, url: str) -> None:
        if kind in self.tasks:
            self.progress.update(self.tasks[kind], url=visible_controls(url))

    def finished(self, result: FetchResult) -> None:
        if result.kind in self.tasks:
            self.progress.advance(self.tasks[result.kind])


def _report(summary: FetchSummary, console: Console) -> None:
    table = Table(title="sourcier fetch", show_header=True)
    table.add_column("outcome")
    table.add_column("feeds", justify="right")
    table.add_column("pages", justify="right")
    for outcome in Outcome:
        table.add_row(_LABELS[outcome], str(len(summary.select(outcome, "feed"))),
                      str(len(summary.select(outcome, "page"))))
    table.add_row("listed by more than one feed (fetched once)", "", str(summary.duplicates))
    table.add_row("left out by --max-pages", "", str(summary.unvisited))
    console.print(table)
    for outcome in _REPORTED:
        for result in summary.select(outcome):
            # URLs come from feeds and reasons from servers: plain text only.
            console.print(Text.assemble((outcome.value, "yellow"), " ",
                                        shown(f"{result.kind} {result.url}: {result.reason}")),
                          highlight=False, soft_wrap=True)
    console.print(f"{summary.warc_records} WARC records written.")


@click.command("fetch")
@click.option("--feeds", "feeds_path", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Text file: one RSS/Atom URL per line, '#' comments allowed.")
@click.option("--warc", "warc_path", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Output WARC (gzip); appended to if it exists.")
@click.option("--delay", type=click.FloatRange(min=0), default=DEFAULT_DELAY, show_default=True,
              help="Seconds between requests to one host (robots.txt Crawl-delay may raise it).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Read timeout in seconds (longest silence from a server).")
@click.option("--connect-timeout", type=click.FloatRange(min=0, min_open=True), default=10.0,
              show_default=True, help="Connect timeout in seconds.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True,
              help="Extra attempts on 5xx, 429 and connection errors, with exponential back-off.")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest body kept; bigger downloads are stopped and skipped.")
@click.option("--max-pages", type=click.IntRange(min=0), default=None, help="Fetch at most this many pages.")
@click.option("--state", "state_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="ETag/Last-Modified state file [default: next to the WARC, *.fetch-state.json].")
@click.option("--user-agent", default=None, help=f"User-Agent header [default: {default_user_agent()}].")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def fetch(feeds_path: Path, warc_path: Path, delay: float, timeout: float, connect_timeout: float,
          retries: int, max_bytes: int, max_pages: int | None, state_path: Path | None,
          user_agent: str | None, quiet: bool) -> None:
    """Fetch the feeds listed in the --feeds file and every article page they link to, into a WARC.

    Polite by default: one request per second per host, robots.txt obeyed, conditional GET on
    re-runs. Exits 0 when the run completes, even if some feeds or pages failed (they are listed).
    """
    err = Console(stderr=True)
    try:
        config = FetchConfig(delay=delay, read_timeout=timeout, connect_timeout=connect_timeout,
                             retries=retries, max_bytes=max_bytes, max_pages=max_pages,
                             user_agent=user_agent or default_user_agent())
        feeds = read_feed_list(feeds_path)
        with Progress(TextColumn("{task.description:>5}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), TextColumn("{task.fields[url]}", style="dim", markup=False), console=err,
                      transient=True, disable=quiet) as progress:
            summary = crawl(feeds, warc_path, config=config, state_path=state_path,
                            observer=_ProgressObserver(progress))
    except FetchError as exc:
        raise click.ClickException(str(exc)) from exc
    _report(summary, Console())
