"""Queries the web app needs beyond :mod:`sourcier.store.queries`: paginated lists with
totals, counts per period, one speaker or outlet, corpus figures. Read-only, both backends."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from sourcier.store import queries, schema
from sourcier.store.db import Store

A, Q, E, S, O, P, R = (schema.articles, schema.quotes, schema.entities, schema.sources, schema.outlets,
                       schema.publications, schema.relations)

PERIODS = ("day", "week", "month")
# Newest texts first; the index ix_articles_newest (migration 0005_serve) reads them in this
# order, so a page of the newest texts or quotes needs no sort of the whole table.
NEWEST_FIRST = (A.c.published_date.desc().nulls_last(), A.c.id)


def corpus_stamp(store: Store) -> tuple[Any, ...]:
    """A fingerprint of the corpus that changes with every write a page can show: texts or
    publications ingested (with the speakers and outlets they add or complete), and speaker
    corrections (merge, rename, alias, split: each one is logged in ``speaker_corrections``).
    Three primary-key maxima, read from the index whatever the corpus size: the store's
    generation, without a counter that every writer would have to remember to bump."""
    with store.connect() as conn:
        return tuple(conn.execute(sa.select(*(sa.select(sa.func.max(t.c.id)).scalar_subquery()
                                              for t in (P, E, schema.speaker_corrections)))).one())


def article_total(store: Store, *, outlet: str | None) -> int:
    where = queries.article_filters(outlet, None, None)
    with store.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(A).where(*where)).scalar_one())


def article_rows(store: Store, *, outlet: str | None, offset: int, limit: int) -> list[dict[str, Any]]:
    """One page of the texts, newest first (an outlet's only, when one is given)."""
    where = queries.article_filters(outlet, None, None)
    stmt = (
        sa.select(A.c.id, A.c.external_id, A.c.title, A.c.url, A.c.outlet, A.c.published)
        .where(*where)
        .order_by(*NEWEST_FIRST)
        .offset(offset)
        .limit(limit)
    )
    with store.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def publications_of(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Every recorded publication of one stored text."""
    with store.connect() as conn:
        rows = conn.execute(
            sa.select(P.c.id, P.c.url, P.c.outlet, P.c.published, P.c.first_seen)
            .where(P.c.article_id == article_id)
            .order_by(P.c.published_date.nulls_last(), P.c.id)
        ).mappings().all()
    return [{**r, "first_seen": r["first_seen"].isoformat() if r["first_seen"] else None} for r in rows]


def publication_page(store: Store, *, outlet: str | None, offset: int, limit: int) -> tuple[int, list[dict[str, Any]]]:
    where = [P.c.outlet == outlet] if outlet else []
    stmt = (
        sa.select(P.c.id, P.c.article_id, P.c.url, P.c.outlet, P.c.published, A.c.title)
        .join(A, A.c.id == P.c.article_id)
        .where(*where)
        .order_by(P.c.published_date.desc().nulls_last(), P.c.id)
        .offset(offset)
        .limit(limit)
    )
    with store.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(P).where(*where)).scalar_one()
        rows = conn.execute(stmt).mappings().all()
    return int(total), [dict(r) for r in rows]


def entity(store: Store, entity_id: int) -> dict[str, Any] | None:
    with store.connect() as conn:
        row = conn.execute(
            sa.select(E.c.id, E.c.name, E.c.type, E.c.variants, E.c.roles, E.c.countries)
            .where(E.c.id == entity_id, E.c.merged_into.is_(None))  # a merged speaker lives on in another
        ).mappings().first()
    return dict(row) if row else None


def outlet_facts(store: Store, name: str) -> dict[str, Any] | None:
    with store.connect() as conn:
        row = conn.execute(sa.select(O).where(O.c.name == name)).mappings().first()
    return dict(row) if row else None


def outlets_table(store: Store) -> list[dict[str, Any]]:
    """Every known outlet with how many articles it published and how often it is cited."""
    published = sa.select(A.c.outlet, sa.func.count().label("n")).group_by(A.c.outlet).subquery()
    cited = sa.select(S.c.outlet, sa.func.count().label("n")).where(S.c.outlet.is_not(None)).group_by(S.c.outlet).subquery()
    stmt = (
        sa.select(O.c.name, O.c.domain, O.c.country, O.c.kind, O.c.state_affiliated, O.c.state,
                  sa.func.coalesce(published.c.n, 0).label("articles"), sa.func.coalesce(cited.c.n, 0).label("cited"))
        .outerjoin(published, published.c.outlet == O.c.name)
        .outerjoin(cited, cited.c.outlet == O.c.name)
        .order_by(sa.desc("articles"), sa.desc("cited"), O.c.name)
    )
    with store.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def overview(store: Store) -> dict[str, Any]:
    """The corpus at a glance: table sizes and the state-affiliated shares."""
    with store.connect() as conn:
        def count(table: sa.Table) -> int:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())

        sizes = {name: count(t) for name, t in
                 (("articles", A), ("publications", P), ("quotes", Q), ("speakers", E), ("sources", S),
                  ("outlets", O), ("relations", R))}
        cited_state = conn.execute(sa.select(sa.func.count()).select_from(S).where(S.c.state_affiliated.is_(True))).scalar_one()
        cited_media = conn.execute(sa.select(sa.func.count()).select_from(S).where(S.c.outlet.is_not(None))).scalar_one()
    return {
        **sizes,
        # Publishers resolved through the outlet knowledge base, one count per publication.
        "state_publisher_share": round(queries.publisher_share(store).state_share, 4),
        "state_cited_share": round(cited_state / cited_media, 4) if cited_media else 0.0,
    }


def top_cited(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    name = sa.func.coalesce(S.c.outlet, S.c.name)
    state = sa.func.max(sa.case((S.c.state_affiliated.is_(True), 1), else_=0))
    stmt = (
        sa.select(name.label("name"), sa.func.count().label("citations"), state.label("state"))
        .where(S.c.role != "photo")
        .group_by(name)
        .order_by(sa.desc("citations"), name)
        .limit(limit)
    )
    with store.connect() as conn:
        return [{"name": r.name, "citations": r.citations, "state_affiliated": bool(r.state)} for r in conn.execute(stmt)]


def speaker_summaries(store: Store, speakers: Sequence[int]) -> dict[int, dict[str, Any]]:
    """For these corpus speakers, over all their quotes: how
    many, quotes per month, the outlets that quote them and the media the quotes came
    through (most first).

    The server asks for one speaker at a time, through the index on the quotes' speaker, and
    keeps the answer until the corpus changes: one pass over every quote of the corpus took
    a second of CPU on 200,000 quotes (four under load), during which every request of the
    process waited; the most quoted speaker of that corpus has 2,652 quotes.
    """
    stmt = (sa.select(Q.c.speaker_entity_id, A.c.published_date, A.c.outlet, Q.c.via)
            .join(A, A.c.id == Q.c.article_id)
            .where(Q.c.speaker_entity_id.in_(speakers)))
    tallies: dict[int, tuple[Counter[str], Counter[str], Counter[str]]] = {}
    counts: Counter[int] = Counter()
    with store.connect() as conn:
        for speaker, day, outlet, through in conn.execute(stmt):
            months, outlets, via = tallies.get(speaker) or tallies.setdefault(speaker, (Counter(), Counter(), Counter()))
            counts[speaker] += 1
            if day is not None:
                months[period_start(day, "month")] += 1
            outlets[outlet or "(unknown)"] += 1
            via.update(v.get("name") or "?" for v in through or [] if isinstance(v, dict))
    return {speaker: {"quotes": counts[speaker], "per_month": sorted(months.items()),
                      "outlets": dict(outlets.most_common()), "via": dict(via.most_common())}
            for speaker, (months, outlets, via) in tallies.items()}


def period_start(day: date, per: str) -> str:
    if per == "week":
        return (day - timedelta(days=day.weekday())).isoformat()
    if per == "month":
        return day.strftime("%Y-%m")
    return day.isoformat()


def counts(store: Store, what: str, per: str, *, outlet: str | None = None,
           speaker: str | None = None) -> list[dict[str, Any]]:
    """How many publications, quotes, articles or relations per day, week or month (dated ones only)."""
    if what == "publications":
        stmt = sa.select(P.c.published_date, P.c.outlet).where(P.c.published_date.is_not(None))
        if outlet:
            stmt = stmt.where(P.c.outlet == outlet)
    elif what == "quotes":
        stmt = (sa.select(A.c.published_date, A.c.outlet).join(A, A.c.id == Q.c.article_id)
                .outerjoin(E, E.c.id == Q.c.speaker_entity_id)
                .where(A.c.published_date.is_not(None),
                       *queries.quote_filters(store, queries.QuoteQuery(speaker=speaker, outlet=outlet))))
    elif what == "relations":
        stmt = (sa.select(A.c.published_date, A.c.outlet).join(A, A.c.id == R.c.article_id)
                .where(A.c.published_date.is_not(None), *queries.article_filters(outlet, None, None)))
    else:
        stmt = sa.select(A.c.published_date, A.c.outlet).where(A.c.published_date.is_not(None),
                                                              *queries.article_filters(outlet, None, None))
    with store.connect() as conn:
        tally = Counter((period_start(day, per), who or "(unknown)") for day, who in conn.execute(stmt))
    periods: dict[str, dict[str, int]] = {}
    for (period, who), n in sorted(tally.items()):
        periods.setdefault(period, {})[who] = n
    return [{"period": p, "total": sum(by.values()), "by_outlet": by} for p, by in periods.items()]

