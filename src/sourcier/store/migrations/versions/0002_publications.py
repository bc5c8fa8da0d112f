"""Publications: every input record, pointing to its analysed text; existing articles carried over.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07

Each stored article becomes its own first publication (same URL, external id, outlet and
date; first seen when it was ingested), so no row is lost and "already present" keeps
meaning what it meant for the articles already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column(
            "article_id",
            sa.String(64),
            sa.ForeignKey("articles.id", ondelete="CASCADE", name="fk_publications_article_id_articles"),
            nullable=False,
        ),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text),
        sa.Column("external_id", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("published_date", sa.Date),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_publications"),
        sa.UniqueConstraint("key", name="uq_publications_key"),
    )
    op.create_index("ix_publications_article_id", "publications", ["article_id"])
    op.create_index("ix_publications_outlet", "publications", ["outlet"])
    op.create_index("ix_publications_published_date", "publications", ["published_date"])
    # The key as sourcier.store.db.publication_key computes it: URL hash, else external id, else text.
    op.execute(
        "INSERT INTO publications (key, article_id, url, canonical_url, external_id, outlet, published, "
        "published_date, first_seen) "
        "SELECT CASE WHEN url_hash IS NOT NULL THEN 'url:' || url_hash "
        "WHEN external_id IS NOT NULL THEN 'id:' || external_id "
        "ELSE 'text:' || content_hash END, "
        "id, url, canonical_url, external_id, outlet, published, published_date, ingested_at FROM articles"
    )


def downgrade() -> None:
    op.drop_table("publications")
