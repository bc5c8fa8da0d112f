"""Opening the corpus database and writing analyses into it.

``open_store(url)`` connects (SQLite by default, PostgreSQL with a
``postgresql://`` URL), brings the schema up to date with the Alembic
migrations, and returns a :class:`Store`. ``Store.add_batch`` writes analyses in
one transaction: all of a batch or none of it, and an article already stored
(same canonical URL, or same text) is counted, not written twice. That is what
makes an interrupted ingest safe to rerun.
"""

from __future__ import annotations

import importlib.util
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa

from sourcier.errors import QueryTimeout, SchemaTooNew, StoreError
from sourcier.model import Analysis, Document
from sourcier.store import schema
from sourcier.store.urls import content_hash, url_hash
from sourcier.store.write import BatchWriter, parse_published, publication_key

__all__ = ["DEFAULT_URL", "BatchResult", "Store", "article_keys", "normalize_url", "open_store", "parse_published",
           "publication_key"]

DEFAULT_URL = "sqlite:///./sourcier.db"
DEFAULT_QUERY_TIMEOUT = 60.0  # seconds a PostgreSQL statement may run before the server cancels it

# Any constant will do: it only has to be the same for every Sourcier process.
_PG_LOCK_KEY = 0x50_75_72_63_69_65_72  # "Sourcier"-ish


class BatchResult(NamedTuple):
    """What ``add_batch`` did: ``inserted`` new articles, ``already_present`` skipped, and
    ``new_publications`` of texts already stored (recorded, not analysed again)."""

    inserted: int
    already_present: int
    new_publications: int = 0


# --------------------------------------------------------------------------- URLs


def normalize_url(url: str | None) -> str:
    """A SQLAlchemy URL from what a user typed.

    ``None`` → ``sqlite:///./sourcier.db``; a plain path → a SQLite URL;
    ``postgresql://`` and ``postgres://`` → ``postgresql+psycopg://`` (psycopg 3 is
    the driver we ship, not psycopg2).
    """
    if url is None or not url.strip():
        return DEFAULT_URL
    url = url.strip()
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_path(url: sa.URL) -> Path | None:
    db = url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db)


def _check_sqlite_path(path: Path, *, create: bool) -> None:
    """Clear errors before SQLite's terse "unable to open database file"."""
    if path.is_dir():
        raise StoreError(
            f"{path} is a directory, not a database file; give a file path (e.g. {path / 'sourcier.db'})"
        )
    if path.exists():
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read the database file {path}: permission denied")
        return
    if not create:
        raise StoreError(f"no database at {path}; create one with `sourcier ingest --db {path} ...`")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise StoreError(f"cannot create the database {path}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise StoreError(f"cannot create the database {path}: directory {parent} is not writable")


# --------------------------------------------------------------------------- engine


def _may_only_read(path: Path) -> bool:
    """Whether this process can read the database file but not write it or its directory
    (where SQLite keeps its journal and WAL files)."""
    directory = path.parent if str(path.parent) else Path(".")
    return not os.access(path, os.W_OK) or not os.access(directory, os.W_OK | os.X_OK)


def _read_only_url(path: Path) -> sa.URL:
    """A read-only SQLite URL for ``path``.

    ``immutable``: reading a WAL database needs its shared-memory index (``-shm``), which
    SQLite cannot create in a directory it may not write; an immutable database needs none.
    Nothing can change the file through this process, and a writer elsewhere at the same
    time would at worst make a query fail (reported as a damaged database), never the file.
    """
    return sa.URL.create("sqlite", database=f"file:{path.resolve()}",
                         query={"mode": "ro", "immutable": "1", "uri": "true"})


def _sqlite_engine(url: sa.URL, *, read_only: bool = False) -> sa.Engine:
    # timeout: wait up to 30 s for another writer instead of failing at once.
    engine = sa.create_engine(url, connect_args={"timeout": 30})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below): pysqlite's implicit transactions would
        # otherwise start late and make "BEGIN IMMEDIATE" impossible.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        if not read_only:  # changing the journal mode writes to the file
            # WAL: readers never block the writer; NORMAL sync is still crash-safe in WAL
            # (a killed process loses nothing committed; only power loss may drop the last ones).
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock up front: a deferred transaction that reads
        # and then writes can fail with SQLITE_BUSY instead of waiting its turn.
        mode = "IMMEDIATE" if conn.get_execution_options().get("sqlite_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def require_extra(module: str, extra: str, purpose: str) -> None:
    """Refuse, saying what to install, when an optional dependency is missing."""
    if importlib.util.find_spec(module) is None:
        raise StoreError(f"{purpose} needs the {module} package, not installed: pip install 'sourcier[{extra}]'")


def _pg_engine(url: sa.URL) -> sa.Engine:
    require_extra("psycopg", "postgres", "PostgreSQL")
    return sa.create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def _describe(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


# --------------------------------------------------------------------------- migrations


def _migrations_dir() -> Path:
    return Path(str(resources.files("sourcier.store").joinpath("migrations")))


def _alembic_config(connection: sa.Connection | None = None) -> Any:
    # Built in code, not read from an alembic.ini: the migrations travel inside the package.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version of Sourcier."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _current_revision(conn: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _check_known(revision: str | None) -> None:
    """A revision this version has no migration for was written by a newer Sourcier."""
    from alembic.script import ScriptDirectory

    if revision is None:
        return
    known = {script.revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    if revision not in known:
        raise SchemaTooNew(
            f"the database was written by a newer version of Sourcier (schema revision {revision}; "
            f"this version knows up to {head_revision()}): upgrade Sourcier to read it"
        )


def _upgrade(engine: sa.Engine, *, read_only: bool = False) -> None:
    """Apply pending migrations, in one transaction, one process at a time."""
    from alembic import command

    head = head_revision()
    with engine.connect() as conn:
        current = _current_revision(conn)
        conn.rollback()
    if current == head:
        return
    _check_known(current)
    if read_only:
        raise StoreError("the database needs upgrading to this version's schema, but this process may only "
                         "read it: run any `sourcier ingest` on it once from an account that can write it")
    with _write_transaction(engine) as conn:
        # Re-read under the lock: another process may have migrated meanwhile.
        if _current_revision(conn) != head:
            command.upgrade(_alembic_config(conn), "head")


@contextmanager
def _write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that holds the database's write lock until commit or rollback.

    SQLite: BEGIN IMMEDIATE. PostgreSQL: a transaction-scoped advisory lock, so
    that concurrent writers link entities one after the other (linking reads
    what earlier batches wrote).
    """
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_write=True)
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
            yield conn


# --------------------------------------------------------------------------- rows


def article_keys(text: str, url: str | None) -> tuple[str | None, str]:
    """``(url_hash, content_hash)``: what identifies an article in the store."""
    return url_hash(url), content_hash(text)


class Store:
    """An open corpus database. Use :func:`open_store` to get one; close it (or use
    it as a context manager) when done."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.query_timeout = DEFAULT_QUERY_TIMEOUT  # PostgreSQL: seconds before a statement is cancelled

    # -- lifecycle ---------------------------------------------------------

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({_describe(self.engine.url)!r})"

    @contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        """A read connection (rolled back on exit: queries never write).

        On PostgreSQL the server cancels any statement running past :attr:`query_timeout`
        seconds, so a costly search stops there even if its client died. Database errors come
        out as :class:`StoreError` (:class:`QueryTimeout` for a cancelled statement).
        """
        try:
            with self.engine.connect() as conn:
                try:
                    if self.dialect == "postgresql":
                        # Local to this transaction: the pooled connection keeps no trace of it.
                        milliseconds = max(1, round(self.query_timeout * 1000))
                        conn.execute(sa.select(sa.func.set_config("statement_timeout", f"{milliseconds}ms", True)))
                    yield conn
                finally:
                    conn.rollback()
        except sa.exc.SQLAlchemyError as exc:
            raise self._read_error(exc) from exc

    def _read_error(self, exc: sa.exc.SQLAlchemyError) -> StoreError:
        orig = getattr(exc, "orig", None)
        if getattr(orig, "sqlstate", None) == "57014":  # query_canceled: statement_timeout
            return QueryTimeout(f"the query ran past the {self.query_timeout:g} s limit and was cancelled; "
                                "narrow it (fewer or rarer words, dates, an outlet)")
        reason = str(orig or exc).strip().splitlines()[0]
        if "malformed" in reason or "not a database" in reason:
            return StoreError(f"the database is damaged ({reason}): restore a copy, or ingest the sources again "
                              "into a new database")
        return StoreError(f"cannot read the database: {type(orig or exc).__name__}: {reason}")

    # -- reading what is there ---------------------------------------------

    def count(self, table: str = "articles") -> int:
        t = schema.metadata.tables[table]
        with self.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())

    def existing(
        self, url_hashes: Iterable[str | None], content_hashes: Iterable[str]
    ) -> tuple[set[str], set[str]]:
        """Which of these URL hashes and content hashes are already stored."""
        urls = sorted({h for h in url_hashes if h})
        contents = sorted(set(content_hashes))
        found_urls: set[str] = set()
        found_contents: set[str] = set()
        a = schema.articles
        with self.connect() as conn:
            # Chunks keep the IN lists under SQLite's variable limit.
            for i in range(0, len(urls), 500):
                rows = conn.execute(sa.select(a.c.url_hash).where(a.c.url_hash.in_(urls[i : i + 500])))
                found_urls.update(r[0] for r in rows)
            for i in range(0, len(contents), 500):
                rows = conn.execute(
                    sa.select(a.c.content_hash).where(a.c.content_hash.in_(contents[i : i + 500]))
                )
                found_contents.update(r[0] for r in rows)
        return found_urls, found_contents

    def existing_publications(self, keys: Iterable[str]) -> set[str]:
        """Which of these publication keys (:func:`publication_key`) are already stored."""
        wanted = sorted(set(keys))
        p = schema.publications
        found: set[str] = set()
        with self.connect() as conn:
            for i in range(0, len(wanted), 500):
                found.update(r[0] for r in conn.execute(sa.select(p.c.key).where(p.c.key.in_(wanted[i : i + 500]))))
        return found

    def add_publications(self, documents: Iterable[Document]) -> int:
        """Record new publications of texts already stored (no analysis); returns how many
        were new (a publication already recorded is skipped)."""
        documents = list(documents)
        try:
            with _write_transaction(self.engine) as conn:
                writer = BatchWriter(conn, documents=documents)
                added = sum(writer.add_publication(doc) for doc in documents)
                writer.flush()
        except sa.exc.SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(f"publications rolled back, nothing written: {type(reason).__name__}: {reason}") from exc
        return added

    def get(self, article_id: str) -> Analysis | None:
        """The stored analysis of an article, or ``None``."""
        a = schema.articles
        with self.connect() as conn:
            row = conn.execute(sa.select(a.c.analysis, a.c.text).where(a.c.id == article_id)).first()
        return None if row is None else analysis_from_row(row.analysis, row.text)

    # -- writing -----------------------------------------------------------

    def refresh_statistics(self) -> None:
        """SQLite: record the tables' sizes for the query planner (sampled, so quick at any
        size), which then pages through the newest texts by index instead of sorting them
        all. PostgreSQL's autovacuum keeps its statistics itself."""
        if self.dialect == "sqlite":
            with _write_transaction(self.engine) as conn:
                conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                conn.exec_driver_sql("ANALYZE")

    def add(self, analysis: Analysis) -> bool:
        """Store one analysis; ``False`` if the article was already there."""
        return self.add_batch([analysis]).inserted == 1

    def add_batch(self, analyses: Iterable[Analysis]) -> BatchResult:
        """Store analyses in one transaction: every new one, or (on any error) none.

        An article whose canonical URL or text is already stored — by an earlier
        batch or earlier in this one — is skipped and counted in ``already_present``.
        Database failures are raised as :class:`StoreError` after the rollback.
        """
        outcomes: Counter[str] = Counter()
        try:
            analyses = list(analyses)
            with _write_transaction(self.engine) as conn:
                writer = BatchWriter(conn, analyses)
                for analysis in analyses:
                    outcomes[writer.add(analysis)] += 1
                writer.flush()
        except sa.exc.SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(f"batch rolled back, nothing written: {type(reason).__name__}: {reason}") from exc
        return BatchResult(outcomes["inserted"], outcomes["present"], outcomes["publication"])


def analysis_from_row(stored: dict[str, Any], text: str) -> Analysis:
    """Rebuild an :class:`Analysis` from the ``analysis`` and ``text`` columns."""
    return Analysis.from_dict({**stored, "text": text})


# --------------------------------------------------------------------------- opening


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (and, with ``create``, create) the corpus database at ``url``, migrated to
    the current schema.

    ``url``: ``None`` for ``./sourcier.db``, a file path, ``sqlite:///path.db``, or
    ``postgresql://user:pass@host:port/db``. With ``create=False`` a missing SQLite
    file is an error instead of a new empty corpus (what query commands want).
    Raises :class:`StoreError` with a message saying what to fix.
    """
    full = normalize_url(url)
    try:
        parsed = sa.make_url(full)
    except sa.exc.ArgumentError as exc:
        raise StoreError(
            f"not a database URL: {url!r} (expected a path, sqlite:///path.db or postgresql://…)"
        ) from exc
    backend = parsed.get_backend_name()
    read_only = False
    if backend == "sqlite":
        path = _sqlite_path(parsed)
        if path is not None:
            _check_sqlite_path(path, create=create)
            read_only = not create and _may_only_read(path)
        engine = _sqlite_engine(_read_only_url(path) if read_only else parsed, read_only=read_only)
    elif backend == "postgresql":
        engine = _pg_engine(parsed)
    else:
        raise StoreError(f"unsupported database {backend!r} in {_describe(parsed)}: use SQLite or PostgreSQL")
    try:
        _upgrade(engine, read_only=read_only)
    except StoreError:
        engine.dispose()
        raise
    except sa.exc.OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        if backend == "postgresql":
            raise StoreError(
                f"cannot connect to PostgreSQL at {_describe(parsed)}: {reason} "
                "(is the server running and the URL right?)"
            ) from exc
        raise StoreError(f"cannot open the SQLite database {parsed.database}: {reason}") from exc
    except sa.exc.SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot prepare the database {_describe(parsed)}: {exc}") from exc
    return Store(engine, _describe(parsed))
