"""Known skips: inputs that can never be stored (not French, empty, binary…), remembered.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

Additive: a new table, empty. ``sourcier ingest`` records there the documents that failed
for a reason that does not change on a rerun, skips them on the next run (exit status 0
once every failure is a known skip), and retries them with ``--retry-skipped``.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "known_skips",
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("origin", name="pk_known_skips"),
    )


def downgrade() -> None:
    op.drop_table("known_skips")
