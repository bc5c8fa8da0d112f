"""Newest texts first from an index, and planner statistics on SQLite.

Revision ID: 0005_serve
Revises: 0004
Create Date: 2026-12-07

The web app lists texts and quotes newest first (``published_date DESC NULLS LAST, id``),
a page at a time. Without an index in that order every page sorts the whole table (all
quotes for ``/api/quotes``); with ``ix_articles_newest`` the database reads the newest
texts in order and stops after a page. The index is written per backend: PostgreSQL needs
``NULLS LAST`` spelled out, SQLite refuses the words but puts NULLs last in a descending
index anyway; so it lives outside ``schema.py``, like the full-text objects.

SQLite's planner only walks that index when it knows the tables' sizes: ``ANALYZE`` records
them (sampled: ``analysis_limit`` keeps it quick on a large corpus); ``sourcier ingest``
refreshes them after each run. PostgreSQL's autovacuum keeps its own statistics.
"""

from __future__ import annotations

from alembic import op

revision: str = "0005_serve"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_articles_newest ON articles (published_date DESC NULLS LAST, id)")
    else:
        op.execute("CREATE INDEX ix_articles_newest ON articles (published_date DESC, id)")
        op.execute("PRAGMA analysis_limit = 1000")
        op.execute("ANALYZE")


def downgrade() -> None:
    op.execute("DROP INDEX ix_articles_newest")
