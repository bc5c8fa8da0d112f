"""Speakers you can correct: merges, aliases, renames and splits, kept as a layer over the linking.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Additive. ``entities.merged_into`` points a merged speaker (or an alias, a row that holds
only another name) at the one it became, so that the linker sends later mentions there;
``entities.name_fixed`` keeps a name chosen by hand from being replaced by a fuller one
seen later. ``speaker_corrections`` records every correction, in order (``sourcier
speakers corrections`` lists them). Existing rows are unchanged (NULL, false).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.add_column("entities", sa.Column("merged_into", sa.Integer))
    op.add_column("entities", sa.Column("name_fixed", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("ix_entities_merged_into", "entities", ["merged_into"])
    op.create_table(
        "speaker_corrections",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("other_id", sa.Integer),
        sa.Column("name", sa.Text),
        sa.Column("articles", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_speaker_corrections"),
    )


def downgrade() -> None:
    op.drop_table("speaker_corrections")
    with op.batch_alter_table("entities") as batch:
        batch.drop_index("ix_entities_merged_into")
        batch.drop_column("name_fixed")
        batch.drop_column("merged_into")
