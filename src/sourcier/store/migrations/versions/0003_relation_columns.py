"""Relations become queryable: actor, target, negation, speaker and evidence as columns.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

Additive: the ``relations`` table keeps its rows and its ``payload`` (the relation as the
analysis reports it); the new columns are nullable. Analyses stored before 0003 had no
relations (the array was always empty), so there is nothing to fill in.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

_COLUMNS = (
    ("actor", sa.Text, True),
    ("target", sa.Text, True),
    ("negated", sa.Boolean, False),
    ("claimed_by", sa.Text, False),
    ("claimed_by_key", sa.Text, True),
    ("quote_id", sa.Text, False),
    ("evidence_start", sa.Integer, False),
    ("evidence_end", sa.Integer, False),
    ("evidence", sa.Text, False),
)


def upgrade() -> None:
    for name, kind, indexed in _COLUMNS:
        op.add_column("relations", sa.Column(name, kind()))
        if indexed:
            op.create_index(f"ix_relations_{name}", "relations", [name])


def downgrade() -> None:
    with op.batch_alter_table("relations") as batch:
        for name, _, indexed in reversed(_COLUMNS):
            if indexed:
                batch.drop_index(f"ix_relations_{name}")
            batch.drop_column(name)
