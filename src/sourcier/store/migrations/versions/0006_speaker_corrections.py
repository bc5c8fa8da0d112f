"""Speakers you can correct (merges, aliases, renames, splits); a quote keeps its cue and speaker spans.

Revision ID: 0006
Revises: 0005_serve
Create Date: 2026-12-07

Additive. ``entities.merged_into`` points a merged speaker (or an alias, a row that holds
only another name) at the one it became, so that the linker sends later mentions there;
``entities.name_fixed`` keeps a name chosen by hand from being replaced by a fuller one
seen later. ``speaker_corrections`` records every correction, in order (``sourcier
speakers corrections`` lists them). Existing rows are unchanged (NULL, false).

``quotes`` gains the offsets of its cue and of its speaker's mention (and that mention's
text), so that a quote read from the corpus has the analysis's shape (speaker, cue, via);
they are filled in from each stored analysis.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql import column, table
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0006"
down_revision: str | None = "0005_serve"
branch_labels: str | None = None
depends_on: str | None = None


_QUOTE_SPANS = (("speaker_start", sa.Integer), ("speaker_end", sa.Integer), ("speaker_mention", sa.Text),
                ("cue_start", sa.Integer), ("cue_end", sa.Integer))


def _fill_quote_spans() -> None:
    """Copy the cue and speaker-mention spans of every stored analysis into its quote rows."""
    conn = op.get_bind()
    articles = table("articles", column("id", sa.String), column("analysis", sa.JSON))
    quotes = table("quotes", column("article_id", sa.String), column("quote_id", sa.Text),
                   *(column(name, kind) for name, kind in _QUOTE_SPANS))
    update = (sa.update(quotes)
              .where(quotes.c.article_id == sa.bindparam("a"), quotes.c.quote_id == sa.bindparam("q"))
              .values({name: sa.bindparam(f"v_{name}") for name, _ in _QUOTE_SPANS}))
    rows = []
    for article_id, analysis in conn.execute(sa.select(articles.c.id, articles.c.analysis)):
        stored = json.loads(analysis) if isinstance(analysis, str) else analysis
        for q in stored.get("quotes") or []:
            mention, cue = (q.get("speaker") or {}).get("mention") or {}, q.get("cue") or {}
            if mention or cue:
                rows.append({"a": article_id, "q": q["id"], "v_speaker_start": mention.get("start"),
                             "v_speaker_end": mention.get("end"), "v_speaker_mention": mention.get("text"),
                             "v_cue_start": cue.get("start"), "v_cue_end": cue.get("end")})
        if len(rows) >= 1000:
            conn.execute(update, rows)
            rows = []
    if rows:
        conn.execute(update, rows)


def upgrade() -> None:
    for name, kind in _QUOTE_SPANS:
        op.add_column("quotes", sa.Column(name, kind()))
    _fill_quote_spans()
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
    for name, _ in reversed(_QUOTE_SPANS):
        op.drop_column("quotes", name)  # in place: a copy of the table would lose its full-text triggers
    op.drop_table("speaker_corrections")
    # Not a batch (a copy of the table): other tables point at ``entities``. SQLite drops
    # a column in place since 3.35, once no index uses it.
    op.drop_index("ix_entities_merged_into", "entities")
    op.drop_column("entities", "name_fixed")
    op.drop_column("entities", "merged_into")
