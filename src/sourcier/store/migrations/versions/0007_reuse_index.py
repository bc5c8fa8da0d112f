"""The reuse index of ``sourcier reprints --db``, kept in the store.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

Additive: three new tables, empty. ``reuse_sketches`` holds each indexed publication's MinHash
signature and sampled 5-grams, ``reuse_matches`` the matches found, ``reuse_settings`` the
settings they were found with (see ``sourcier.store.reuse``). An old store gets its index on
the first ``reprints``, ``trace`` or ``relays`` with ``--db``; later calls index only the
publications added since.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "reuse_sketches",
        sa.Column("publication_id", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.Column("grams", sa.LargeBinary, nullable=False),
        sa.ForeignKeyConstraint(["publication_id"], ["publications.id"], ondelete="CASCADE",
                                name="fk_reuse_sketches_publication_id_publications"),
        sa.PrimaryKeyConstraint("publication_id", name="pk_reuse_sketches"),
    )
    op.create_table(
        "reuse_matches",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("publication_a", sa.Integer, nullable=False),
        sa.Column("publication_b", sa.Integer, nullable=False),
        sa.Column("coverage_a", sa.Float, nullable=False),
        sa.Column("coverage_b", sa.Float, nullable=False),
        sa.Column("spans", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(["publication_a"], ["publications.id"], ondelete="CASCADE",
                                name="fk_reuse_matches_publication_a_publications"),
        sa.ForeignKeyConstraint(["publication_b"], ["publications.id"], ondelete="CASCADE",
                                name="fk_reuse_matches_publication_b_publications"),
        sa.PrimaryKeyConstraint("id", name="pk_reuse_matches"),
    )
    op.create_index("ix_reuse_matches_publication_a", "reuse_matches", ["publication_a"])
    op.create_index("ix_reuse_matches_publication_b", "reuse_matches", ["publication_b"])
    op.create_table(
        "reuse_settings",
        sa.Column("fingerprint", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_reuse_settings"),
    )


def downgrade() -> None:
    op.drop_table("reuse_settings")
    op.drop_table("reuse_matches")
    op.drop_table("reuse_sketches")
