"""One output vocabulary for the query commands: ``--format``, ``-o/--output``, ``--excel``, ``-q``.

Every query writes the same records as a table (for reading), JSON (one array), JSON lines
or CSV; a table shows a limited number of rows and says how many there were, the other
formats write every row unless ``--limit`` is given, and say so on stderr when it cut.
"""

from __future__ import annotations

import csv
import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console
from rich.table import Table

from sourcier.safe_text import csv_cell

#: ``table`` and ``text`` are the same readable table; the others are for other tools.
FORMATS = ("table", "text", "json", "jsonl", "csv")
READABLE = ("table", "text")


@dataclass(frozen=True, slots=True)
class Output:
    fmt: str
    path: Path | None
    excel: bool
    quiet: bool

    @property
    def readable(self) -> bool:
        return self.fmt in READABLE

    def limit(self, asked: int | None, table_default: int) -> int | None:
        """Rows to fetch: ``--limit`` as given (0: all); without it, all of them unless
        the output is a table, which shows ``table_default``."""
        if asked is None:
            return table_default if self.readable else None
        return asked or None

    def records(self, dicts: list[dict[str, Any]], header: list[str], rows: list[list[Any]]) -> None:
        """The records as JSON, JSON lines or CSV (``rows`` are ``dicts`` flattened for CSV)."""
        with self._stream() as stream:
            if self.fmt == "json":
                stream.write(json.dumps(dicts, ensure_ascii=False, indent=1) + "\n")
            elif self.fmt == "jsonl":
                stream.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)
            else:
                writer = csv.writer(stream, delimiter=";" if self.excel else ",")
                writer.writerow(header)
                writer.writerows([csv_cell(v) for v in row] for row in rows)

    def document(self, data: dict[str, Any]) -> None:
        """One JSON object: indented for json, on one line for jsonl."""
        with self._stream() as stream:
            stream.write(json.dumps(data, ensure_ascii=False, indent=1 if self.fmt == "json" else None) + "\n")

    def table(self, table: Table) -> None:
        with self._stream() as stream:
            Console(file=stream, highlight=False, soft_wrap=False).print(table)

    def cut(self, shown: int, total: int, what: str) -> None:
        """Say on stderr that ``--limit`` kept ``shown`` of ``total`` records."""
        if shown < total and not self.quiet:
            click.echo(f"wrote {shown:,} of {total:,} {what} (--limit; --limit 0 for all)", err=True)

    @contextmanager
    def _stream(self) -> Iterator[TextIO]:
        encoding = "utf-8-sig" if self.excel else "utf-8"  # the BOM tells Excel the file is UTF-8
        if self.path is None:
            if self.excel:
                sys.stdout.write("\ufeff")
            yield sys.stdout
            return
        with self.path.open("w", encoding=encoding, newline="") as handle:
            yield handle


def showing(shown: int, total: int, what: str) -> str:
    """A table's title: "showing 100 of 2,587 quotes", or "12 quotes" when all are shown."""
    return f"showing {shown:,} of {total:,} {what}" if shown < total else f"{total:,} {what}"


def output_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--format``, ``-o/--output``, ``--excel`` and ``-q`` to a command, which receives
    them as one ``out`` :class:`Output` argument."""

    @functools.wraps(f)
    def run(*args: Any, fmt: str, output: Path | None, excel: bool, quiet: bool, **kwargs: Any) -> Any:
        if excel and fmt not in ("csv", *READABLE):
            raise click.UsageError(f"--excel writes CSV; it cannot go with --format {fmt}")
        return f(*args, out=Output("csv" if excel else fmt, output, excel, quiet), **kwargs)

    run = click.option("--quiet", "-q", is_flag=True, help="No notes on stderr (such as rows cut by --limit).")(run)
    run = click.option("--excel", is_flag=True,
                       help="CSV for Excel: a UTF-8 byte-order mark and ; between cells (implies --format csv).")(run)
    run = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                       help="Write to this file instead of standard output.")(run)
    run = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                       help="table (or text) for reading; json (one array), jsonl (one record a line) "
                            "or csv for other tools.")(run)
    return run


def quiet_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """``-q/--quiet`` for a command that is not a query: only its results, no progress or notes."""
    return click.option("--quiet", "-q", is_flag=True,
                        help="Print only the results: no progress, notes or hints.")(f)


def limit_option(table_default: int) -> Callable[[Any], Any]:
    return click.option(
        "--limit", type=click.IntRange(min=0), default=None,
        help=f"At most this many rows; 0 for all. Default: all for json, jsonl and csv; {table_default} in a table.",
    )
