"""A rich progress display for batches (articles done, rate), on stderr."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn


@contextmanager
def batch_progress(*, total: int | None = None, label: str = "analysing", disable: bool = False) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n=1)``; shows articles done, articles/s and, when ``total`` is known, the ETA."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if total else TextColumn("{task.completed} articles"),
        TextColumn("{task.fields[rate]} art/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=disable,
        transient=False,
    )
    with progress:
        task = progress.add_task(label, total=total, rate="-")

        def advance(n: int = 1) -> None:
            progress.advance(task, n)
            speed = progress.tasks[task].speed
            progress.update(task, rate=f"{speed:.1f}" if speed else "-")

        yield advance
