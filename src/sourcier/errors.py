"""Sourcier's exceptions, one tree, each with a stable code shown to users.

    SourcierError                 base of everything we raise on purpose
    ├── InputError                an input document cannot be read or analysed (skipped in a batch)
    ├── KnowledgeBaseError        a knowledge-base or import file is malformed (names file and line)
    ├── StoreError                the database cannot be opened, migrated, read or written
    │   ├── SchemaTooNew          written by a newer Sourcier (E301)
    │   ├── QueryRefused          a search or filter too long or too large to run (E302)
    │   └── QueryTimeout          a query cancelled at its time limit (E303)
    └── FetchError                a crawl cannot start (bad feed list, unwritable WARC)

Messages say what was expected and, where there is one, how to fix it.
"""

from __future__ import annotations


class SourcierError(Exception):
    """Base class of Sourcier's errors. ``code`` is stable across versions (e.g. ``E101``)."""

    code = "E000"

    def __init__(self, message: str, *, origin: str | None = None) -> None:
        self.origin = origin
        prefix = f"[{self.code}] "
        where = f"{origin}: " if origin else ""
        super().__init__(prefix + where + message)
        self.message = message


class InputError(SourcierError):
    """Raised when a document cannot be read or is not analysable text."""

    code = "E100"


class UnreadableInput(InputError):
    """The file or stream cannot be opened or read."""

    code = "E101"


class BinaryInput(InputError):
    """The bytes are not text (NUL bytes, an image, an archive, …)."""

    code = "E102"


class EmptyInput(InputError):
    """There is no text once markup and whitespace are removed."""

    code = "E103"


class InputTooLarge(InputError):
    """The text exceeds the size limit (``MAX_TEXT_CHARS``)."""

    code = "E104"


class NotFrench(InputError):
    """The text does not look like French."""

    code = "E105"


class MalformedInput(InputError):
    """HTML, JSONL, a feed or a WARC record that cannot be parsed."""

    code = "E106"


class UnsupportedInput(InputError):
    """A file type Sourcier does not read."""

    code = "E107"


class KnowledgeBaseError(SourcierError):
    """Raised when a knowledge-base or import file is malformed; the message names file and line."""

    code = "E200"


class StoreError(SourcierError):
    """Raised when the database cannot be opened, migrated or written."""

    code = "E300"


class SchemaTooNew(StoreError):
    """The database was written by a newer Sourcier, whose schema this version does not know."""

    code = "E301"


class QueryRefused(StoreError):
    """A query Sourcier will not run as given (a value too long, too many search terms)."""

    code = "E302"


class QueryTimeout(StoreError):
    """A query ran past its time limit and was cancelled by the database server."""

    code = "E303"


class FetchError(SourcierError):
    """Raised when a crawl cannot start (bad feed list, unwritable WARC)."""

    code = "E400"
