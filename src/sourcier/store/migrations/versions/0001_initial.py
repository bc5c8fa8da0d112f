"""Initial corpus schema: outlets, articles, entities, mentions, quotes, sources, relations, full text.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

The tables are spelled out here rather than created from ``schema.metadata``: a
migration is a frozen record of what the schema was, and must not change when
``schema.py`` does (``tests/store/test_schema.py`` checks both still agree).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

Json = sa.JSON().with_variant(JSONB(), "postgresql")


def _article_fk(table: str) -> sa.Column:
    return sa.Column(
        "article_id",
        sa.String(64),
        sa.ForeignKey("articles.id", ondelete="CASCADE", name=f"fk_{table}_article_id_articles"),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("domain", sa.Text),
        sa.Column("country", sa.Text),
        sa.Column("kind", sa.Text),
        sa.Column("ownership", sa.Text),
        sa.Column("state_affiliated", sa.Boolean),
        sa.Column("state", sa.Text),
        sa.Column("citation", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_outlets"),
        sa.UniqueConstraint("name", name="uq_outlets_name"),
    )
    op.create_index("ix_outlets_domain", "outlets", ["domain"])

    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("external_id", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text),
        sa.Column("url_hash", sa.String(64)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("published_date", sa.Date),
        sa.Column(
            "outlet",
            sa.Text,
            sa.ForeignKey("outlets.name", ondelete="SET NULL", name="fk_articles_outlet_outlets"),
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("analysis", Json, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("url_hash", name="uq_articles_url_hash"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_external_id", "articles", ["external_id"])
    op.create_index("ix_articles_published_date", "articles", ["published_date"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])

    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("norm_name", sa.Text, nullable=False),
        sa.Column("last_token", sa.Text, nullable=False),
        sa.Column("variants", Json, nullable=False),
        sa.Column("roles", Json, nullable=False),
        sa.Column("countries", Json, nullable=False),
        sa.Column("search_key", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
    )
    op.create_index("ix_entities_type_norm_name", "entities", ["type", "norm_name"])
    op.create_index("ix_entities_type_last_token", "entities", ["type", "last_token"])

    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk("mentions"),
        sa.Column(
            "entity_id",
            sa.Integer,
            sa.ForeignKey("entities.id", name="fk_mentions_entity_id_entities"),
            nullable=False,
        ),
        sa.Column("local_id", sa.Text, nullable=False),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("text", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_mentions"),
    )
    op.create_index("ix_mentions_article_id", "mentions", ["article_id"])
    op.create_index("ix_mentions_entity_id", "mentions", ["entity_id"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk("quotes"),
        sa.Column("quote_id", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker_name", sa.Text),
        sa.Column("speaker_key", sa.Text),
        sa.Column("speaker_local_id", sa.Text),
        sa.Column(
            "speaker_entity_id",
            sa.Integer,
            sa.ForeignKey("entities.id", name="fk_quotes_speaker_entity_id_entities"),
        ),
        sa.Column("cue", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("via", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
        sa.UniqueConstraint("article_id", "quote_id", name="uq_quotes_article_id_quote_id"),
    )
    op.create_index("ix_quotes_article_id", "quotes", ["article_id"])
    op.create_index("ix_quotes_speaker_key", "quotes", ["speaker_key"])
    op.create_index("ix_quotes_speaker_entity_id", "quotes", ["speaker_entity_id"])

    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk("sources"),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column(
            "outlet",
            sa.Text,
            sa.ForeignKey("outlets.name", ondelete="SET NULL", name="fk_sources_outlet_outlets"),
        ),
        sa.Column("state_affiliated", sa.Boolean),
        sa.Column("channel", sa.Text),
        sa.Column("mentions", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("article_id", "source_id", name="uq_sources_article_id_source_id"),
    )
    op.create_index("ix_sources_article_id", "sources", ["article_id"])
    op.create_index("ix_sources_outlet", "sources", ["outlet"])

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _article_fk("relations"),
        sa.Column("relation_id", sa.Text),
        sa.Column("type", sa.Text),
        sa.Column("payload", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_relations"),
    )
    op.create_index("ix_relations_article_id", "relations", ["article_id"])
    op.create_index("ix_relations_type", "relations", ["type"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_fts()
    elif dialect == "postgresql":
        _postgresql_fts()


def _sqlite_fts() -> None:
    # Articles: the FTS table keeps its own copy of title and text. External
    # content would need a stable integer rowid, and ``articles`` is keyed by a
    # string (VACUUM may renumber the implicit rowids of such a table).
    # remove_diacritics 2: "election" finds "élection" and the reverse.
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "article_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts (article_id, title, text) "
        "VALUES (new.id, coalesce(new.title, ''), new.text); END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
        "DELETE FROM articles_fts WHERE article_id = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
        "DELETE FROM articles_fts WHERE article_id = old.id; "
        "INSERT INTO articles_fts (article_id, title, text) "
        "VALUES (new.id, coalesce(new.title, ''), new.text); END"
    )
    # Quotes: external content, since quotes.id is an INTEGER PRIMARY KEY (a stable rowid).
    op.execute(
        "CREATE VIRTUAL TABLE quotes_fts USING fts5("
        "text, content = 'quotes', content_rowid = 'id', "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN "
        "INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text); END"
    )
    op.execute(
        "CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN "
        "INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
    )
    op.execute(
        "CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN "
        "INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text); "
        "INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text); END"
    )


def _postgresql_fts() -> None:
    # Generated columns keep themselves in sync; the title weighs more than the body.
    op.execute(
        "ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('french', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('french', text), 'B')) STORED"
    )
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search)")
    op.execute(
        "ALTER TABLE quotes ADD COLUMN search tsvector "
        "GENERATED ALWAYS AS (to_tsvector('french', text)) STORED"
    )
    op.execute("CREATE INDEX ix_quotes_search ON quotes USING gin (search)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in ("quotes_fts_ai", "quotes_fts_ad", "quotes_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute("DROP TABLE IF EXISTS quotes_fts")
    for table in ("relations", "sources", "quotes", "mentions", "entities", "articles", "outlets"):
        op.drop_table(table)
