"""The corpus schema, as SQLAlchemy Core tables.

One row per article (keyed by the analysis id), the analysis JSON kept whole so
nothing is lost, and the parts worth querying spread into flat tables:
``mentions``, ``quotes``, ``sources`` and ``relations`` point to their article
(``ON DELETE CASCADE``, so an article never leaves orphans behind), and to the
cross-article ``entities`` built by :mod:`sourcier.link.entities`.

This module is the reference the queries are written against; the database
itself is created by the Alembic migrations in ``store/migrations`` (a test
checks the two agree). Full-text search, and the ``ix_articles_newest`` index
(migration 0005_serve), live outside this metadata because they differ per backend:
an FTS5 table on SQLite (``articles_fts``, ``quotes_fts``, filled by triggers) and
generated ``tsvector`` columns named ``search`` with GIN indexes on PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData(
    # Stable constraint names, so later migrations can refer to them on both backends.
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# JSON everywhere, JSONB on PostgreSQL (indexable, compact).
Json = sa.JSON().with_variant(JSONB(), "postgresql")

outlets = sa.Table(
    "outlets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("domain", sa.Text, index=True),  # host without "www.", from article URLs
    sa.Column("country", sa.Text),  # ISO 3166-1 alpha-2
    sa.Column("kind", sa.Text),
    sa.Column("ownership", sa.Text),
    sa.Column("state_affiliated", sa.Boolean),
    sa.Column("state", sa.Text),  # the affiliated state, ISO 3166-1 alpha-2
    sa.Column("citation", sa.Text),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),  # the analysis id (text_id of the text)
    sa.Column("external_id", sa.Text, index=True),
    sa.Column("url", sa.Text),  # as given
    sa.Column("canonical_url", sa.Text),
    # NULL when the article has no URL: several NULLs do not collide in a UNIQUE index.
    sa.Column("url_hash", sa.String(64), unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Text),  # as the source gave it
    sa.Column("published_date", sa.Date, index=True),  # parsed, for --since/--until
    sa.Column(
        "outlet",
        sa.Text,
        sa.ForeignKey("outlets.name", ondelete="SET NULL"),
        index=True,
    ),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("analysis", Json, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),  # the fullest name seen
    sa.Column("type", sa.String(16), nullable=False),
    # Lookup keys: the normalised name and its last token (accent-free, lowercase).
    sa.Column("norm_name", sa.Text, nullable=False),
    sa.Column("last_token", sa.Text, nullable=False),
    sa.Column("variants", Json, nullable=False),  # every name written, in order of appearance
    sa.Column("roles", Json, nullable=False),
    sa.Column("countries", Json, nullable=False),  # ISO codes from demonyms near the mentions
    # The normalised variants joined by "|", for substring search in --speaker.
    sa.Column("search_key", sa.Text, nullable=False),
    # Since migration 0006 (see sourcier.store.speakers): the speaker this one was merged
    # into (an alias is a row of its own merged into its speaker), and a name set by hand.
    sa.Column("merged_into", sa.Integer, index=True),
    sa.Column("name_fixed", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Index(None, "type", "norm_name"),
    sa.Index(None, "type", "last_token"),
)

def _article_id() -> sa.Column:
    """The column tying a row to its article; rows go with their article."""
    return sa.Column(
        "article_id",
        sa.String(64),
        sa.ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


# Every input record is a publication of one analysed text: the same text published by two
# outlets is one article (analysed once) with two publications. ``key`` says what makes a
# publication the same one again: its canonical URL, else its external id, else its text.
publications = sa.Table(
    "publications",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    _article_id(),
    sa.Column("url", sa.Text),
    sa.Column("canonical_url", sa.Text),
    sa.Column("external_id", sa.Text),
    sa.Column("outlet", sa.Text, index=True),  # as the record or page named it
    sa.Column("published", sa.Text),  # as the source gave it (ISO 8601 when readable)
    sa.Column("published_date", sa.Date, index=True),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_id(),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id"), nullable=False, index=True),
    sa.Column("local_id", sa.Text, nullable=False),  # the entity id inside the analysis
    # NULL offsets: the entity is known to the article but no span was kept.
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("text", sa.Text),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_id(),
    sa.Column("quote_id", sa.Text, nullable=False),  # the quote id inside the analysis
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_key", sa.Text, index=True),  # normalised speaker_name
    sa.Column("speaker_local_id", sa.Text),
    sa.Column("speaker_entity_id", sa.Integer, sa.ForeignKey("entities.id"), index=True),
    sa.Column("cue", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    # Since migration 0006: the spans of the speaker's mention and of the cue, so that a
    # quote read from the corpus has the analysis's shape (see queries.QuoteHit).
    sa.Column("speaker_start", sa.Integer),
    sa.Column("speaker_end", sa.Integer),
    sa.Column("speaker_mention", sa.Text),
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
    sa.Column("via", Json, nullable=False),
    sa.UniqueConstraint("article_id", "quote_id"),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_id(),
    sa.Column("source_id", sa.Text, nullable=False),  # the source id inside the analysis
    sa.Column("name", sa.Text, nullable=False),  # as written
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column(
        "outlet",
        sa.Text,
        sa.ForeignKey("outlets.name", ondelete="SET NULL"),
        index=True,
    ),
    # Copied from the outlet facts at insert time, so shares need no join.
    sa.Column("state_affiliated", sa.Boolean),
    sa.Column("channel", sa.Text),
    sa.Column("mentions", Json, nullable=False),
    sa.UniqueConstraint("article_id", "source_id"),
)

relations = sa.Table(
    "relations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _article_id(),
    sa.Column("relation_id", sa.Text),
    sa.Column("type", sa.Text, index=True),
    sa.Column("payload", Json, nullable=False),
    # Since migration 0003 (see sourcier.store.relations): what `sourcier relations` filters on.
    sa.Column("actor", sa.Text, index=True),  # alpha-3 code of a state, else the organisation's name
    sa.Column("target", sa.Text, index=True),
    sa.Column("negated", sa.Boolean),
    sa.Column("claimed_by", sa.Text),  # the claiming quote's speaker, as the analysis names them
    sa.Column("claimed_by_key", sa.Text, index=True),  # normalised claimed_by
    sa.Column("quote_id", sa.Text),
    sa.Column("evidence_start", sa.Integer),
    sa.Column("evidence_end", sa.Integer),
    sa.Column("evidence", sa.Text),
)

# Every hand correction of the speakers (merge, alias, rename, split), in the order made:
# the layer ``sourcier speakers corrections`` lists over the automatic linking.
speaker_corrections = sa.Table(
    "speaker_corrections",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("action", sa.String(16), nullable=False),  # merge | alias | rename | split
    sa.Column("entity_id", sa.Integer, nullable=False),  # the speaker kept, renamed or split
    sa.Column("other_id", sa.Integer),  # the speaker merged, the alias row, the new split speaker
    sa.Column("name", sa.Text),  # the alias or new name
    sa.Column("articles", Json, nullable=False),  # a split: the articles moved
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
)

# The reuse index of ``sourcier reprints --db`` (see sourcier.store.reuse), kept so that a later
# call matches only the publications added since: each indexed publication's MinHash signature
# and sampled 5-grams, the matches found (judged under the loosest --min-similarity, so that any
# threshold can be applied when reading), and the settings the index was built with.
reuse_sketches = sa.Table(
    "reuse_sketches",
    metadata,
    sa.Column("publication_id", sa.Integer, sa.ForeignKey("publications.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),  # uint32 per permutation
    sa.Column("grams", sa.LargeBinary, nullable=False),  # the sampled 5-gram hashes, uint64 each
)

reuse_matches = sa.Table(
    "reuse_matches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("publication_a", sa.Integer, sa.ForeignKey("publications.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("publication_b", sa.Integer, sa.ForeignKey("publications.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("coverage_a", sa.Float, nullable=False),
    sa.Column("coverage_b", sa.Float, nullable=False),
    sa.Column("spans", Json, nullable=False),  # [[a_start, a_end, b_start, b_end, words], …]
)

reuse_settings = sa.Table(
    "reuse_settings",
    metadata,
    sa.Column("fingerprint", sa.Text, primary_key=True),
)

#: Tables in dependency order (parents first): the order to create, fill and export them.
TABLES: tuple[sa.Table, ...] = (outlets, articles, publications, entities, mentions, quotes, sources, relations)

# Inputs that failed for a reason a rerun does not change (E102-E108: binary, empty, too
# large, not French, malformed, unsupported, too complex), keyed by where they came from
# ("feed.jsonl#42"): ``ingest`` skips them on the next run unless asked to retry them.
known_skips = sa.Table(
    "known_skips",
    metadata,
    sa.Column("origin", sa.Text, primary_key=True),
    sa.Column("code", sa.Text, nullable=False),  # "E105"
    sa.Column("reason", sa.Text, nullable=False),  # "E105 NotFrench", as ingest groups failures
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)
