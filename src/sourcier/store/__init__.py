"""The corpus store: analyses in SQLite or PostgreSQL, linked across articles, queryable.

    from sourcier.store import open_store
    with open_store("sqlite:///corpus.db") as store:
        store.add_batch(analyses)

See ``docs/corpus.md`` for the workflow, ``schema.py`` for the tables.
"""

from sourcier.store.db import DEFAULT_URL, BatchResult, Store, open_store

__all__ = ["DEFAULT_URL", "BatchResult", "Store", "open_store"]
