"""Relations in the corpus: how they are stored, filtered and counted over time.

Each relation of an analysis is one row of ``relations``: the relation as reported
(``payload``) and, since migration 0003, the columns the queries filter on — actor and
target (a state's alpha-3 code, else the organisation's name), negation, the speaker of
the quote that claims it, and the evidence with its offsets into the article's text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from sourcier.knowledge.actors import load_actors
from sourcier.knowledge.names import fold
from sourcier.model import plain
from sourcier.store import schema


def actor_code(actor: dict[str, Any] | None) -> str | None:
    """What a stored relation names its actor or target by: a state's code, else a name."""
    if not actor:
        return None
    return actor.get("country") or actor.get("name")


def relation_row(article_id: str, relation: dict[str, Any]) -> dict[str, Any]:
    """The ``relations`` row of one relation of an analysis."""
    claimed = relation.get("claimed_by") or {}
    evidence = relation.get("evidence") or {}
    return {
        "article_id": article_id,
        "relation_id": str(relation["id"]) if relation.get("id") is not None else None,
        "type": str(relation["type"]) if relation.get("type") is not None else None,
        "payload": relation,
        "actor": actor_code(relation.get("actor")),
        "target": actor_code(relation.get("target")),
        "negated": bool(relation.get("negated")),
        "claimed_by": claimed.get("name"),
        "claimed_by_key": fold(claimed["name"]) if claimed.get("name") else None,
        "quote_id": claimed.get("quote"),
        "evidence_start": evidence.get("start"),
        "evidence_end": evidence.get("end"),
        "evidence": evidence.get("text"),
    }


def actor_filter(value: str) -> str:
    """What the user typed ("MLI", "Mali", "Bamako", "l'ONU") as the stored actor code."""
    value = value.strip()
    actor = load_actors().lookup(value)
    if actor is not None:
        return actor.country or actor.name
    return value.upper() if len(value) == 3 else value


@dataclass(slots=True)
class RelationHit:
    article_id: str
    published: str | None
    outlet: str | None
    title: str | None
    url: str | None
    type: str
    actor: str | None
    target: str | None
    negated: bool
    claimed_by: str | None
    quote_id: str | None
    evidence: str | None
    evidence_start: int | None
    evidence_end: int | None

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


def _filtered(
    query: sa.Select,
    *,
    actor: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    claimed_by: str | None = None,
) -> sa.Select:
    r, a = schema.relations, schema.articles
    if actor:
        query = query.where(r.c.actor == actor_filter(actor))
    if target:
        query = query.where(r.c.target == actor_filter(target))
    if type:
        query = query.where(r.c.type == type.upper())
    if since:
        query = query.where(a.c.published_date >= since)
    if until:
        query = query.where(a.c.published_date <= until)
    if claimed_by:
        pattern = "%" + fold(claimed_by).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(r.c.claimed_by_key.like(pattern, escape="\\"))
    return query


def relations(store: Any, *, limit: int = 100, **filters: Any) -> list[RelationHit]:
    """Relations matching ``filters`` (actor, target, type, since, until, claimed_by), newest first."""
    r, a = schema.relations, schema.articles
    query = sa.select(
        a.c.id, a.c.published, a.c.outlet, a.c.title, a.c.url, r.c.type, r.c.actor, r.c.target, r.c.negated,
        r.c.claimed_by, r.c.quote_id, r.c.evidence, r.c.evidence_start, r.c.evidence_end,
    ).join(a, a.c.id == r.c.article_id)
    query = _filtered(query, **filters).order_by(a.c.published_date.desc(), a.c.id, r.c.id).limit(limit)
    with store.connect() as conn:
        return [RelationHit(*row) for row in conn.execute(query)]


def timeline(store: Any, **filters: Any) -> list[tuple[str, str, int]]:
    """(month, type, count) for the matching relations, month by month.

    A story republished by several outlets is one event: each (month, type, actor,
    target, evidence) counts once however many articles carry it.
    """
    r, a = schema.relations, schema.articles
    query = sa.select(a.c.published_date, r.c.type, r.c.actor, r.c.target, r.c.evidence).join(
        a, a.c.id == r.c.article_id
    )
    query = _filtered(query, **filters).where(a.c.published_date.is_not(None))
    with store.connect() as conn:
        events = {
            (day.strftime("%Y-%m"), kind, actor, target, fold(evidence or ""))
            for day, kind, actor, target, evidence in conn.execute(query)
        }
    counts = Counter((month, kind) for month, kind, *_ in events)
    return [(month, kind, n) for (month, kind), n in sorted(counts.items())]
