"""Reading the knowledge base's CSV tables with errors that point at a file and line.

Every table (bundled data, user overlays, import files) goes through :func:`read_table`,
so a malformed file always fails the same way: a :class:`KnowledgeBaseError` whose
message starts with ``path:line``. Line numbers are physical lines of the file, counted
from 1 (the header), at the line where the faulty record starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from sourcier.errors import KnowledgeBaseError


@dataclass(frozen=True, slots=True)
class Row:
    """One record of a table: its values by column, and where it came from."""

    path: str
    line: int
    values: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def get(self, column: str) -> str:
        """The stripped value of ``column``, ``""`` when the column is absent or empty."""
        return (self.values.get(column) or "").strip()

    def error(self, message: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(message, origin=self.where)


def read_text(path: Path | str) -> str:
    """Read a UTF-8 file (a BOM is tolerated); a decoding error names the line of the bad byte."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read the file ({exc.strerror or exc})", origin=str(path)) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise KnowledgeBaseError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            origin=f"{path}:{line}",
        ) from exc


def read_table(
    path: Path | str,
    *,
    known: Collection[str] | None,
    required: Collection[str] = (),
    text: str | None = None,
    fold_header: bool = False,
) -> Iterator[Row]:
    """Yield the records of a CSV file with a header line.

    ``known``: the columns allowed (``None``: any). ``required``: columns the header must
    have. ``fold_header``: match column names case-insensitively (for third-party files
    whose capitalisation we do not control); values are then keyed by the lower-cased name.
    Blank lines are skipped; a record with more fields than the header is an error.
    """
    origin = str(path)
    if text is None:
        text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise KnowledgeBaseError(f"unreadable CSV header ({exc})", origin=f"{origin}:1") from exc
    if not header or not any(h.strip() for h in header):
        raise KnowledgeBaseError("empty file: expected a header line naming the columns", origin=f"{origin}:1")
    columns = [h.strip().lower() if fold_header else h.strip() for h in header]
    _check_header(columns, origin, known, required)

    last = reader.line_num
    while True:
        start = last + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise KnowledgeBaseError(f"malformed CSV ({exc})", origin=f"{origin}:{start}") from exc
        last = reader.line_num
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > len(columns):
            raise KnowledgeBaseError(
                f"{len(fields)} fields but the header has {len(columns)} columns "
                "(a value containing a comma must be in double quotes)",
                origin=f"{origin}:{start}",
            )
        yield Row(origin, start, dict(zip(columns, fields, strict=False)))


def _check_header(columns: list[str], origin: str, known: Collection[str] | None, required: Collection[str]) -> None:
    where = f"{origin}:1"
    seen: set[str] = set()
    for column in columns:
        if not column:
            raise KnowledgeBaseError("a column has no name in the header", origin=where)
        if column in seen:
            raise KnowledgeBaseError(f"column {column!r} appears twice in the header", origin=where)
        seen.add(column)
        if known is not None and column not in known:
            raise KnowledgeBaseError(
                f"unknown column {column!r}; expected some of: {', '.join(known)}", origin=where
            )
    missing = [c for c in required if c not in seen]
    if missing:
        raise KnowledgeBaseError(f"missing column(s) {', '.join(map(repr, missing))} in the header", origin=where)
