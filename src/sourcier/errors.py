"""Sourcier's exceptions, one tree, each with a stable code shown to users.

    SourcierError                 base of everything we raise on purpose
    ├── InputError                an input document cannot be read or analysed (skipped in a batch):
    │                             E101–E107 reading, E108 too complex, E109 timeout, E110 unexpected
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
        # Messages quote input (an id, a URL, a parser's complaint): never raw control codes.
        message, origin = _printable(message), _printable(origin) if origin is not None else None
        self.origin = origin
        prefix = f"[{self.code}] "
        where = f"{origin}: " if origin else ""
        super().__init__(prefix + where + message)
        self.message = message


def _printable(text: str) -> str:
    """``text`` with control and unprintable characters escaped (``\\x1b``), newlines kept."""
    if text.replace("\n", "").isprintable():
        return text
    return "".join(c if c.isprintable() or c == "\n" else ascii(c)[1:-1] for c in text)


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


class InputTooComplex(InputError):
    """The text would cost more than a document may (too many tokens or quotation marks)."""

    code = "E108"


class DocumentTimeout(InputError):
    """The document's analysis ran past the per-document time budget of ``ingest``."""

    code = "E109"


class UnexpectedFailure(InputError):
    """Reading or analysing this document raised an error nobody planned for (a bug, or a
    library choking on hostile input); only this document is skipped."""

    code = "E110"


def coded(exc: BaseException, origin: str) -> SourcierError:
    """``exc`` when it is one of ours, else an :class:`UnexpectedFailure` that names it."""
    if isinstance(exc, SourcierError):
        return exc
    return UnexpectedFailure(f"unexpected error: {type(exc).__name__}: {exc}", origin=origin)


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


class UnknownSpeaker(StoreError):
    """A speaker correction names no speaker, or a name that several speakers answer to."""

    code = "E304"


class FetchError(SourcierError):
    """Raised when a crawl cannot start (bad feed list, unwritable WARC)."""

    code = "E400"
