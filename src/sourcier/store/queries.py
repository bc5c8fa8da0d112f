"""Questions asked of a corpus: quotes, speakers, cited media, articles.

Each function takes an open :class:`~sourcier.store.db.Store` and returns plain
dataclasses (``to_dict()`` gives their JSON shape), whatever the backend. Full
text search uses FTS5 on SQLite and ``tsvector`` with the French configuration
on PostgreSQL; :func:`fts5_query` bridges the difference on SQLite with a light
French stemming of the terms (prefix queries on a stem), so that "élections"
finds "élection" on both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import sqlalchemy as sa

from sourcier.errors import QueryRefused
from sourcier.link.entities import normalize
from sourcier.model import plain
from sourcier.store import schema
from sourcier.store.db import Store

__all__ = [
    "MAX_SEARCH_TERMS",
    "MAX_SPEAKER_CHARS",
    "ArticleHit",
    "ArticleRef",
    "CitedMedium",
    "OutletSources",
    "PERIODS",
    "PeriodCount",
    "QUOTE_COLUMNS",
    "QUOTE_FLAT_COLUMNS",
    "REF_COLUMNS",
    "PublisherShare",
    "QuoteHit",
    "QuoteQuery",
    "QuoteSpeaker",
    "SpeakerStat",
    "article_filters",
    "articles",
    "count_articles",
    "count_quotes",
    "count_speakers",
    "fts5_query",
    "publisher_share",
    "quote_filters",
    "quote_hit",
    "quotes",
    "quotes_by",
    "quotes_matching",
    "search_stems",
    "search_terms",
    "sources",
    "sources_by",
    "speakers",
    "speakers_by",
]

A = schema.articles
Q = schema.quotes
E = schema.entities
S = schema.sources
O = schema.outlets
P = schema.publications

UNKNOWN_OUTLET = "(unknown)"
MAX_SEARCH_TERMS = 32  # distinct words and phrases of one search; no real question needs more
MAX_SPEAKER_CHARS = 200  # longer than any name with its titles


# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class ArticleRef:
    id: str
    external_id: str | None
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None


@dataclass(slots=True)
class QuoteSpeaker:
    """Who said a quote: the analysis's ``speaker`` (``entity``, ``mention``) with the corpus's
    answer: ``id`` the corpus speaker (``sourcier speakers``), ``name`` its name, else the
    name as the article writes it (``as_written``)."""

    name: str | None
    id: int | None
    entity: str | None  # the entity id inside the analysis ("e2")
    as_written: str | None
    mention: dict[str, Any] | None  # {"start", "end", "text"} in the article's text


@dataclass(slots=True)
class QuoteHit:
    """A quote read from the corpus, in the analysis's shape (``speaker``, ``cue``, ``via``)
    with the speaker resolved across the corpus and the article it comes from."""

    id: str  # the quote id within its article ("q1")
    type: str
    start: int
    end: int
    text: str
    speaker: QuoteSpeaker
    cue: dict[str, Any] | None  # {"start", "end", "text"}; offsets are None for rows stored before 0006
    via: list[dict[str, str]]
    confidence: float
    article: ArticleRef

    def to_dict(self) -> dict[str, Any]:
        # Written out: pages and API calls turn hundreds of these into JSON per request.
        s, a = self.speaker, self.article
        return {
            "id": self.id, "type": self.type, "start": self.start, "end": self.end, "text": self.text,
            "speaker": {"name": s.name, "id": s.id, "entity": s.entity, "as_written": s.as_written,
                        "mention": dict(s.mention) if s.mention is not None else None},
            "cue": dict(self.cue) if self.cue is not None else None,
            "via": [dict(v) for v in self.via], "confidence": self.confidence,
            "article": {"id": a.id, "external_id": a.external_id, "title": a.title, "url": a.url,
                        "outlet": a.outlet, "published": a.published},
        }

    def flat(self) -> dict[str, Any]:
        """One CSV row: the nested fields as ``speaker_…`` and ``cue_…`` columns, ``via`` as JSON."""
        d = self.to_dict()
        speaker, cue = d.pop("speaker"), d.pop("cue") or {}
        mention = speaker.get("mention") or {}
        return {
            **{f"article_{k}": v for k, v in d.pop("article").items()},
            "quote_id": d["id"], "type": d["type"], "start": d["start"], "end": d["end"], "text": d["text"],
            "speaker": speaker["name"], "speaker_id": speaker["id"], "speaker_entity": speaker["entity"],
            "speaker_as_written": speaker["as_written"], "speaker_start": mention.get("start"),
            "speaker_end": mention.get("end"), "speaker_mention": mention.get("text"),
            "cue": cue.get("text"), "cue_start": cue.get("start"), "cue_end": cue.get("end"),
            "via": json.dumps(d["via"], ensure_ascii=False), "confidence": d["confidence"],
        }


#: The columns of :meth:`QuoteHit.flat`, in order (``sourcier quotes --format csv``, the CSV export).
QUOTE_FLAT_COLUMNS = (
    "article_id", "article_external_id", "article_title", "article_url", "article_outlet", "article_published",
    "quote_id", "type", "start", "end", "text", "speaker", "speaker_id", "speaker_entity", "speaker_as_written",
    "speaker_start", "speaker_end", "speaker_mention", "cue", "cue_start", "cue_end", "via", "confidence",
)

#: The quote columns :func:`quote_hit` reads (with :data:`REF_COLUMNS` for the article).
QUOTE_COLUMNS = (
    Q.c.quote_id, Q.c.type, Q.c.start, Q.c.end, Q.c.text, Q.c.speaker_name, Q.c.speaker_local_id,
    Q.c.speaker_entity_id, E.c.name.label("entity_name"), Q.c.speaker_start, Q.c.speaker_end, Q.c.speaker_mention,
    Q.c.cue, Q.c.cue_start, Q.c.cue_end, Q.c.confidence, Q.c.via,
)


def _span(start: int | None, end: int | None, text: str | None) -> dict[str, Any] | None:
    return None if text is None else {"start": start, "end": end, "text": text}


def quote_hit(r: Any) -> QuoteHit:
    """A :class:`QuoteHit` from a row of :data:`QUOTE_COLUMNS` and :data:`REF_COLUMNS`."""
    return QuoteHit(
        id=r.quote_id, type=r.type, start=r.start, end=r.end, text=r.text,
        speaker=QuoteSpeaker(name=r.entity_name or r.speaker_name, id=r.speaker_entity_id,
                             entity=r.speaker_local_id, as_written=r.speaker_name,
                             mention=_span(r.speaker_start, r.speaker_end, r.speaker_mention)),
        cue=_span(r.cue_start, r.cue_end, r.cue),
        via=list(r.via or []), confidence=r.confidence, article=_ref(r),
    )


@dataclass(slots=True)
class SpeakerStat:
    name: str
    entity_id: int | None
    type: str | None
    quotes: int
    articles: int
    outlets: dict[str, int] = field(default_factory=dict)  # outlet → quotes, most first
    roles: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class CitedMedium:
    name: str
    citations: int
    articles: int
    state_affiliated: bool | None
    roles: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class OutletSources:
    outlet: str
    citations: int
    state_affiliated: int
    unknown_affiliation: int
    cited: list[CitedMedium] = field(default_factory=list)
    #: Whether the citing outlet (the publisher) is itself state-affiliated, as the outlet
    #: knowledge base says; None when the base does not know the publisher.
    publisher_state_affiliated: bool | None = None

    @property
    def state_share(self) -> float:
        """Share of citations that go to state-affiliated media (unknown counts as not)."""
        return self.state_affiliated / self.citations if self.citations else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        data["state_share"] = round(self.state_share, 4)
        return data


@dataclass(slots=True)
class ArticleHit:
    article: ArticleRef
    snippet: str | None = None
    rank: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


# --------------------------------------------------------------------------- full text

_WORD = re.compile(r"\w+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')


def _stem(word: str) -> str:
    """A light French stem for prefix matching: plural and feminine endings off."""
    w = normalize(word)
    if len(w) > 4 and w[-1] in "sx":
        w = w[:-1]
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    return w


def search_terms(text: str) -> list[str]:
    """The distinct "quoted phrases" and words of a search, as typed, first occurrence first.

    Repeating a word adds nothing to a search but work, so repeats count once; more than
    :data:`MAX_SEARCH_TERMS` distinct terms is refused (:class:`QueryRefused`) rather than
    left to run for minutes.
    """
    terms = [f'"{phrase}"' for phrase in _PHRASE.findall(text) if _WORD.search(phrase)]
    # "l", "d": elisions, not search terms.
    terms += [word for word in _WORD.findall(_PHRASE.sub(" ", text)) if len(word) > 1]
    distinct: dict[str, str] = {}
    for term in terms:
        distinct.setdefault(term.casefold(), term)
    if len(distinct) > MAX_SEARCH_TERMS:
        raise QueryRefused(
            f"the search has {len(distinct)} distinct words or phrases; at most {MAX_SEARCH_TERMS} are "
            "allowed (keep the words that matter, or quote a phrase)"
        )
    return list(distinct.values())


def search_stems(text: str) -> list[tuple[str, bool]]:
    """What the full-text search looks for, as ``(normalised words, is a prefix)``: a
    word's stem as a prefix ("élections" → ``("election", True)``), a quoted phrase
    as its words ("« la paix »" → ``("la paix", False)``). Highlighting uses it to mark
    exactly what the search matched."""
    found: list[tuple[str, bool]] = []
    for term in search_terms(text):
        if term.startswith('"'):
            found.append((" ".join(normalize(w) for w in _WORD.findall(term)), False))
        else:
            stem = _stem(term)
            found.append((stem, len(stem) > 3))
    return list(dict.fromkeys(found))


def fts5_query(text: str) -> str | None:
    """An FTS5 MATCH expression for what a user typed: every word must appear,
    as a prefix of its stem ("élections" → ``"election"*``); "quoted phrases" are
    kept as phrases. ``None`` when nothing searchable is left."""
    parts = [f'"{words}"*' if prefix else f'"{words}"' for words, prefix in search_stems(text)]
    return " ".join(parts) or None


def _pg_query(search: str) -> sa.ColumnElement[Any]:
    return sa.func.websearch_to_tsquery(sa.text("'french'::regconfig"), " ".join(search_terms(search)))


def quotes_matching(store: Store, search: str) -> sa.ColumnElement[bool]:
    """The condition on ``quotes`` of a full-text search (FTS5 on SQLite, ``tsvector`` on PostgreSQL)."""
    if store.dialect == "postgresql":
        return sa.literal_column("quotes.search").op("@@")(_pg_query(search))
    expr = fts5_query(search)
    if expr is None:
        return sa.false()
    return Q.c.id.in_(sa.text("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :fts_q").bindparams(fts_q=expr))


@dataclass(slots=True)
class PublisherShare:
    """Publications by state-affiliated publishers (resolved through the outlet knowledge
    base by the publication's outlet, URL host and parent domains)."""

    publications: int
    state_affiliated: int
    not_state_affiliated: int
    unknown: int  # the knowledge base does not know the publisher, or not its affiliation

    @property
    def state_share(self) -> float:
        """Share of publications whose publisher is state-affiliated (unknown counts as not)."""
        return self.state_affiliated / self.publications if self.publications else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = plain(self)
        data["state_share"] = round(self.state_share, 4)
        return data


# --------------------------------------------------------------------------- filters


def _outlet_query(outlet: str) -> tuple[set[str], set[str]]:
    """Names and domains ``--outlet`` designates, through the outlet knowledge base: "Sputnik
    Afrique", "Spoutnik Afrique" and "sputniknews.africa" all select Sputnik Afrique."""
    from sourcier.knowledge.outlets import load_outlets
    from sourcier.knowledge.publishers import outlet_names_and_domains

    return outlet_names_and_domains(load_outlets(), outlet)


def article_filters(
    outlet: str | None, since: date | None, until: date | None
) -> list[sa.ColumnElement[bool]]:
    """Conditions on ``articles``: publishing outlet (name, any case, or domain) and dates.

    The outlet is looked for among *all* the publications of a text, not only its first:
    a dispatch that Sputnik Afrique published first and Seneweb relayed word for word is
    an article of Seneweb too (the dates stay those of the first publication)."""
    where: list[sa.ColumnElement[bool]] = []
    if outlet:
        where.append(A.c.id.in_(sa.select(P.c.article_id).where(_published_by(outlet))))
    if since:
        where.append(A.c.published_date >= since)
    if until:
        where.append(A.c.published_date <= until)
    return where


def _published_by(outlet: str) -> sa.ColumnElement[bool]:
    """Publications by the outlet ``--outlet`` designates: by one of its names (any case), or
    by an outlet whose recorded domain is one of its domains or a subdomain of one."""
    names, domains = _outlet_query(outlet)
    on_domain = [sa.or_(O.c.domain == d, O.c.domain.like(f"%.{d}")) for d in sorted(domains)]
    by_domain = sa.select(O.c.name).where(sa.or_(sa.false(), *on_domain))
    return sa.or_(sa.func.lower(P.c.outlet).in_(sorted(names)), P.c.outlet.in_(by_domain))


def _speaker_filter(speaker: str) -> sa.ColumnElement[bool]:
    """Quotes whose speaker's name, or any name of its global entity, contains ``speaker``
    (case and accents ignored); "42" or "#42" is the corpus speaker of that id."""
    ident = speaker.strip().removeprefix("#")
    if ident.isdigit():
        return Q.c.speaker_entity_id == int(ident)
    if len(speaker) > MAX_SPEAKER_CHARS:
        raise QueryRefused(f"a speaker of {len(speaker):,} characters; at most {MAX_SPEAKER_CHARS} are allowed "
                           "(a name, or part of one)")
    key = normalize(speaker)
    if not key:
        # Only punctuation: normalize() drops it (% and _ included, so the needle never holds a
        # LIKE wildcard), and an empty needle would match every speaker.
        return sa.false()
    needle = f"%{key}%"
    by_entity = sa.select(E.c.id).where(E.c.search_key.like(needle))
    # Two lookups, not one OR tested on every quote: the names are scanned in their
    # index (a tenth of the table), the entity ids looked up in theirs, and only the
    # matching quotes are read (2-3x faster on 200,000 quotes).
    q = Q.alias("speaker_quotes")
    matching = sa.union_all(
        sa.select(q.c.id).where(q.c.speaker_key.like(needle)),
        sa.select(q.c.id).where(q.c.speaker_entity_id.in_(by_entity)),
    )
    return Q.c.id.in_(matching)


def _ref(row: Any) -> ArticleRef:
    return ArticleRef(
        id=row.article_id,
        external_id=row.external_id,
        title=row.title,
        url=row.url,
        outlet=row.outlet,
        published=row.published,
    )


REF_COLUMNS = (
    A.c.id.label("article_id"),
    A.c.external_id,
    A.c.title,
    A.c.url,
    A.c.outlet,
    A.c.published,
)


# --------------------------------------------------------------------------- quotes


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """The filters of every quote listing (``sourcier quotes``, this module, ``/api/quotes``,
    the web pages); they combine. Hashable, so that a server can cache a count per query."""

    speaker: str | None = None  # a name or part of one (any known variant), or an id: "42" or "#42"
    outlet: str | None = None  # a publishing outlet: any of its names (any case) or domains
    since: date | None = None
    until: date | None = None
    search: str | None = None  # words the quote holds ("a quoted phrase" for an exact phrase)
    via: str | None = None  # a cited medium the quote came through: any of its names
    state_affiliated: bool | None = None  # whether it came through a state-affiliated medium
    type: str | None = None


def quotes(store: Store, query: QuoteQuery | None = None, *, limit: int | None = 100, offset: int = 0,
           **filters: Any) -> list[QuoteHit]:
    """Quotes with their article, newest articles first, in text order within one
    (``limit=None``: all of them). ``filters`` are :class:`QuoteQuery` fields, given
    alone or over ``query``: ``quotes(store, speaker="Diop", outlet="RFI")``."""
    query = replace(query or QuoteQuery(), **filters)
    stmt = (
        sa.select(*QUOTE_COLUMNS, *REF_COLUMNS)
        .join(A, A.c.id == Q.c.article_id)
        .outerjoin(E, E.c.id == Q.c.speaker_entity_id)
        .where(*quote_filters(store, query))
        .order_by(A.c.published_date.desc().nulls_last(), A.c.id, Q.c.start)
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.connect() as conn:
        rows = conn.execute(stmt).all()
    return [quote_hit(r) for r in rows]


def count_quotes(store: Store, query: QuoteQuery | None = None, *, cap: int | None = None, **filters: Any) -> int:
    """How many quotes :func:`quotes` would return without a limit; at most ``cap`` (counting
    every quote of a common word, or of a whole outlet, reads tens of thousands of rows)."""
    query = replace(query or QuoteQuery(), **filters)
    matching = sa.select(sa.literal(1)).select_from(Q.join(A, A.c.id == Q.c.article_id)).where(*quote_filters(store, query))
    if cap is not None:
        matching = matching.limit(cap)
    with store.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(matching.subquery())).scalar_one())


def quote_filters(store: Store, query: QuoteQuery) -> list[Any]:
    """The conditions of ``query`` on ``quotes`` joined to ``articles``."""
    where: list[Any] = article_filters(query.outlet, query.since, query.until)
    if query.speaker:
        where.append(_speaker_filter(query.speaker))
    if query.search:
        where.append(quotes_matching(store, query.search))
    if query.type:
        where.append(Q.c.type == query.type)
    if query.via:
        names = sorted(_outlet_query(query.via)[0])
        where.append(_via_source(store, "(lower(s.name) IN :via_names OR lower(s.outlet) IN :via_names)",
                                 sa.bindparam("via_names", names, expanding=True)))
    if query.state_affiliated is not None:
        where.append(_via_source(store, "s.state_affiliated", through=query.state_affiliated))
    return where


def _via_source(store: Store, condition: str, *params: sa.BindParameter[Any], through: bool = True) -> sa.TextClause:
    """Quotes relayed through (``via``) a cited source of their article meeting ``condition``
    (SQL on the ``sources`` row ``s``), or with ``through=False`` through none: the via list
    holds source ids, unpacked per backend."""
    if store.dialect == "postgresql":
        elements, source_id = "jsonb_array_elements(quotes.via) AS v", "v->>'source'"
    else:
        elements, source_id = "json_each(quotes.via) AS v", "json_extract(v.value, '$.source')"
    return sa.text(
        f"{'' if through else 'NOT '}EXISTS (SELECT 1 FROM {elements} JOIN sources s ON s.article_id = quotes.article_id "
        f"AND s.source_id = {source_id} WHERE {condition})"
    ).bindparams(*params)


# --------------------------------------------------------------------------- speakers


def speakers(
    store: Store,
    *,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    type: str | None = None,
    limit: int | None = 50,
) -> list[SpeakerStat]:
    """The most quoted speakers: a global entity when the speaker was resolved,
    else the name as written (grouped case- and accent-insensitively); with the
    outlets that quote them. ``type``: only speakers resolved to an entity of this
    type (``person`` or ``organisation``; a name never resolved has no type)."""
    free_key = sa.case((Q.c.speaker_entity_id.is_(None), Q.c.speaker_key), else_=None).label("free_key")
    base_where = _speaker_where(outlet, since, until, type)
    display = sa.func.coalesce(sa.func.min(E.c.name), sa.func.min(Q.c.speaker_name))
    quotes_n = sa.func.count(Q.c.id)
    stmt = (
        sa.select(
            Q.c.speaker_entity_id,
            free_key,
            display.label("name"),
            sa.func.min(E.c.type).label("type"),
            quotes_n.label("quotes"),
            sa.func.count(sa.distinct(Q.c.article_id)).label("articles"),
        )
        .join(A, A.c.id == Q.c.article_id)
        .outerjoin(E, E.c.id == Q.c.speaker_entity_id)
        .where(*base_where)
        .group_by(Q.c.speaker_entity_id, free_key)
        .order_by(quotes_n.desc(), display, Q.c.speaker_entity_id)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.connect() as conn:
        top = conn.execute(stmt).all()
        if not top:
            return []
        stats: dict[tuple[int | None, str | None], SpeakerStat] = {
            (r.speaker_entity_id, r.free_key): SpeakerStat(
                name=r.name, entity_id=r.speaker_entity_id, type=r.type, quotes=r.quotes, articles=r.articles
            )
            for r in top
        }
        entity_ids = [k[0] for k in stats if k[0] is not None]
        free_keys = [k[1] for k in stats if k[0] is None]
        for i in range(0, len(entity_ids), 500):
            for eid, roles in conn.execute(sa.select(E.c.id, E.c.roles).where(E.c.id.in_(entity_ids[i : i + 500]))):
                stats[(eid, None)].roles = list(roles)
        who = []
        if entity_ids:
            who.append(Q.c.speaker_entity_id.in_(entity_ids))
        if free_keys:
            who.append(sa.and_(Q.c.speaker_entity_id.is_(None), Q.c.speaker_key.in_(free_keys)))
        per_outlet = (
            sa.select(Q.c.speaker_entity_id, free_key, A.c.outlet, sa.func.count(Q.c.id).label("n"))
            .join(A, A.c.id == Q.c.article_id)
            .where(*base_where, sa.or_(*who))
            .group_by(Q.c.speaker_entity_id, free_key, A.c.outlet)
        )
        for r in conn.execute(per_outlet):
            stat = stats.get((r.speaker_entity_id, r.free_key))
            if stat is not None:
                stat.outlets[r.outlet or UNKNOWN_OUTLET] = r.n
    for stat in stats.values():
        stat.outlets = dict(sorted(stat.outlets.items(), key=lambda kv: (-kv[1], kv[0])))
    return list(stats.values())


def count_speakers(
    store: Store, *, outlet: str | None = None, since: date | None = None, until: date | None = None,
    type: str | None = None,
) -> int:
    """How many speakers :func:`speakers` would return without a limit."""
    free_key = sa.case((Q.c.speaker_entity_id.is_(None), Q.c.speaker_key), else_=None)
    groups = (
        sa.select(Q.c.speaker_entity_id, free_key)
        .join(A, A.c.id == Q.c.article_id)
        .where(*_speaker_where(outlet, since, until, type))
        .group_by(Q.c.speaker_entity_id, free_key)
        .subquery()
    )
    with store.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(groups)).scalar_one())


#: ``speakers --type``: the entity types each word stands for.
SPEAKER_TYPES = {"person": ("PERSON",), "organisation": ("ORG", "MEDIA")}


def _speaker_where(
    outlet: str | None, since: date | None, until: date | None, type: str | None
) -> list[sa.ColumnElement[bool]]:
    """Quotes with a speaker (resolved, or a name as written), of this type when one is asked."""
    where = [sa.or_(Q.c.speaker_entity_id.is_not(None), Q.c.speaker_key.is_not(None)),
             *article_filters(outlet, since, until)]
    if type:
        typed = sa.select(E.c.id).where(E.c.type.in_(SPEAKER_TYPES[type]))
        where.append(Q.c.speaker_entity_id.in_(typed))
    return where


# --------------------------------------------------------------------------- sources


def sources(
    store: Store,
    *,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    roles: tuple[str, ...] | list[str] | None = None,
    cited: str | None = None,
) -> list[OutletSources]:
    """For each publishing outlet, the media it cites (one citation = one source
    of one article) and how many of those are state-affiliated. Outlets with most
    citations first. ``cited``: only the citations of this medium (any of its names)."""
    cited_name = sa.func.coalesce(S.c.outlet, S.c.name)
    source_where = _source_filters(outlet, since, until, roles, cited)
    # Booleans aggregate differently per backend; 0/1 integers do not.
    state = sa.case((S.c.state_affiliated.is_(True), 1), (S.c.state_affiliated.is_(False), 0), else_=None)
    stmt = (
        sa.select(
            A.c.outlet.label("citing"),
            cited_name.label("cited"),
            S.c.role,
            sa.func.count(S.c.id).label("n"),
            sa.func.max(state).label("state"),
        )
        .join(A, A.c.id == S.c.article_id)
        .where(*source_where)
        .group_by(A.c.outlet, cited_name, S.c.role)
    )
    with store.connect() as conn:
        rows = conn.execute(stmt).all()
        # Distinct articles per (citing, cited) across roles needs its own count.
        per_pair = {
            (r.citing, r.cited): r.articles
            for r in conn.execute(
                sa.select(
                    A.c.outlet.label("citing"),
                    cited_name.label("cited"),
                    sa.func.count(sa.distinct(S.c.article_id)).label("articles"),
                )
                .join(A, A.c.id == S.c.article_id)
                .where(*source_where)
                .group_by(A.c.outlet, cited_name)
            )
        }
    report: dict[str, OutletSources] = {}
    media: dict[tuple[str, str], CitedMedium] = {}
    for r in rows:
        citing = r.citing or UNKNOWN_OUTLET
        entry = report.setdefault(citing, OutletSources(citing, 0, 0, 0))
        entry.citations += r.n
        if r.state is None:
            entry.unknown_affiliation += r.n
        elif r.state:
            entry.state_affiliated += r.n
        key = (citing, r.cited)
        medium = media.get(key)
        if medium is None:
            medium = media[key] = CitedMedium(r.cited, 0, per_pair[(r.citing, r.cited)], None)
            entry.cited.append(medium)
        medium.citations += r.n
        medium.roles[r.role] = medium.roles.get(r.role, 0) + r.n
        if r.state is not None:
            medium.state_affiliated = bool(r.state) or bool(medium.state_affiliated)
    affiliation = _publisher_affiliation(store, [e.outlet for e in report.values() if e.outlet != UNKNOWN_OUTLET])
    for entry in report.values():
        entry.publisher_state_affiliated = affiliation.get(entry.outlet)
        entry.cited.sort(key=lambda m: (-m.citations, m.name))
        for m in entry.cited:
            m.roles = dict(sorted(m.roles.items(), key=lambda kv: (-kv[1], kv[0])))
    return sorted(report.values(), key=lambda e: (-e.citations, e.outlet))


def _publisher_affiliation(store: Store, names: list[str]) -> dict[str, bool | None]:
    """State affiliation of publishers named as stored, through the knowledge base (by the
    name, else by the domain the outlets table recorded for it)."""
    from sourcier.knowledge.outlets import load_outlets
    from sourcier.knowledge.publishers import resolve_publisher

    kb = load_outlets()
    domains: dict[str, str | None] = {}
    with store.connect() as conn:
        for i in range(0, len(names), 500):
            rows = conn.execute(sa.select(O.c.name, O.c.domain).where(O.c.name.in_(names[i : i + 500])))
            domains.update((r.name, r.domain) for r in rows)
    return {n: resolve_publisher(kb, outlet=n, url=domains.get(n)).state_affiliated for n in names}


def publisher_share(
    store: Store, *, outlet: str | None = None, since: date | None = None, until: date | None = None
) -> PublisherShare:
    """How many publications state-affiliated publishers made: every publication counts, so
    a dispatch relayed by three outlets counts three times, once per publisher. ``outlet``:
    only that outlet's publications; ``since``/``until``: of texts first published then.

    Publications that state their outlet are counted per outlet in the database (resolved
    once each); only those without one are resolved one by one, by their URL's host."""
    from sourcier.knowledge.outlets import load_outlets
    from sourcier.knowledge.publishers import resolve_publisher

    where = [*([_published_by(outlet)] if outlet else []), *article_filters(None, since, until)]
    joined = P.join(A, A.c.id == P.c.article_id)
    named = (sa.select(P.c.outlet, sa.func.count().label("n")).select_from(joined)
             .where(P.c.outlet.is_not(None), *where).group_by(P.c.outlet))
    unnamed = sa.select(P.c.url).select_from(joined).where(P.c.outlet.is_(None), *where)
    counts = {True: 0, False: 0, None: 0}
    kb = load_outlets()
    with store.connect() as conn:
        per_outlet = {r.outlet: r.n for r in conn.execute(named)}
        for url, in conn.execution_options(yield_per=2000).execute(unnamed):
            counts[resolve_publisher(kb, url=url).state_affiliated] += 1
    for name, affiliated in _publisher_affiliation(store, sorted(per_outlet)).items():
        counts[affiliated] += per_outlet[name]
    return PublisherShare(sum(counts.values()), counts[True], counts[False], counts[None])


def _source_filters(
    outlet: str | None, since: date | None, until: date | None,
    roles: tuple[str, ...] | list[str] | None, cited: str | None,
) -> list[sa.ColumnElement[bool]]:
    """Conditions on ``sources`` joined to ``articles``: the citing article, the role, the medium cited."""
    where = article_filters(outlet, since, until)
    if roles:
        where.append(S.c.role.in_(list(roles)))
    if cited:
        names = sorted(_outlet_query(cited)[0])
        where.append(sa.or_(sa.func.lower(S.c.name).in_(names), sa.func.lower(S.c.outlet).in_(names)))
    return where


# --------------------------------------------------------------------------- counts over time

PERIODS = ("day", "week", "month")


def _period(store: Store, by: str) -> sa.ColumnElement[str]:
    """The article's publication day, week (its Monday) or month, as ISO text."""
    day = A.c.published_date
    if store.dialect == "postgresql":
        if by == "week":
            return sa.func.to_char(sa.func.date_trunc("week", day), "YYYY-MM-DD")
        return sa.func.to_char(day, "YYYY-MM" if by == "month" else "YYYY-MM-DD")
    if by == "week":
        return sa.func.date(day, "-6 days", "weekday 1")  # the Monday on or before the day
    return sa.func.strftime("%Y-%m" if by == "month" else "%Y-%m-%d", day)


@dataclass(slots=True)
class PeriodCount:
    period: str  # "2024-03-05" (day), "2024-03-04" (the week's Monday) or "2024-03" (month)
    name: str | None  # the speaker or the cited medium; None when counting quotes
    count: int

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


def quotes_by(store: Store, by: str, query: QuoteQuery | None = None, **filters: Any) -> list[PeriodCount]:
    """Quotes per period (articles without a date are left out), oldest first; ``query`` and
    ``filters`` are those of :func:`quotes`."""
    period = _period(store, by).label("period")
    stmt = (
        sa.select(period, sa.func.count(Q.c.id).label("n"))
        .select_from(Q.join(A, A.c.id == Q.c.article_id))
        .where(A.c.published_date.is_not(None), *quote_filters(store, replace(query or QuoteQuery(), **filters)))
        .group_by(period)
        .order_by(period)
    )
    with store.connect() as conn:
        return [PeriodCount(r.period, None, r.n) for r in conn.execute(stmt)]


def speakers_by(store: Store, by: str, *, outlet: str | None = None, since: date | None = None,
                until: date | None = None, type: str | None = None) -> list[PeriodCount]:
    """Quotes per period and speaker (its global name, else the name as written), oldest
    period first, most quoted first within one."""
    period = _period(store, by).label("period")
    name = sa.func.coalesce(E.c.name, Q.c.speaker_name).label("name")
    n = sa.func.count(Q.c.id)
    stmt = (
        sa.select(period, name, n.label("n"))
        .select_from(Q.join(A, A.c.id == Q.c.article_id).outerjoin(E, E.c.id == Q.c.speaker_entity_id))
        .where(A.c.published_date.is_not(None), Q.c.speaker_name.is_not(None),
               *_speaker_where(outlet, since, until, type))
        .group_by(period, name)
        .order_by(period, n.desc(), name)
    )
    with store.connect() as conn:
        return [PeriodCount(r.period, r.name, r.n) for r in conn.execute(stmt)]


def sources_by(store: Store, by: str, *, outlet: str | None = None, since: date | None = None,
               until: date | None = None, roles: tuple[str, ...] | list[str] | None = None,
               cited: str | None = None) -> list[PeriodCount]:
    """Citations per period and cited medium, oldest period first, most cited first within one."""
    period = _period(store, by).label("period")
    name = sa.func.coalesce(S.c.outlet, S.c.name).label("name")
    n = sa.func.count(S.c.id)
    stmt = (
        sa.select(period, name, n.label("n"))
        .select_from(S.join(A, A.c.id == S.c.article_id))
        .where(A.c.published_date.is_not(None), *_source_filters(outlet, since, until, roles, cited))
        .group_by(period, name)
        .order_by(period, n.desc(), name)
    )
    with store.connect() as conn:
        return [PeriodCount(r.period, r.name, r.n) for r in conn.execute(stmt)]


# --------------------------------------------------------------------------- articles


def articles(
    store: Store,
    *,
    search: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = 20,
) -> list[ArticleHit]:
    """Articles matching a full-text search (best first, with a snippet), or the
    newest articles when there is no search."""
    where = article_filters(outlet, since, until)
    with store.connect() as conn:
        if not search:
            stmt = sa.select(*REF_COLUMNS).where(*where).order_by(A.c.published_date.desc().nulls_last(), A.c.id)
            if limit is not None:
                stmt = stmt.limit(limit)
            return [ArticleHit(_ref(r)) for r in conn.execute(stmt)]
        if store.dialect == "postgresql":
            return _articles_pg(conn, search, where, limit)
        return _articles_sqlite(conn, search, where, limit)


def count_articles(
    store: Store,
    *,
    search: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    cap: int | None = None,
) -> int:
    """How many articles :func:`articles` would return without a limit; at most ``cap``
    (a common word matches most of the corpus: counting stops there)."""
    where = article_filters(outlet, since, until)
    matching = sa.select(sa.literal(1)).select_from(A).where(*where)
    if search and store.dialect == "postgresql":
        matching = matching.where(sa.literal_column("articles.search").op("@@")(_pg_query(search)))
    elif search:
        expr = fts5_query(search)
        if expr is None:
            return 0
        fts = sa.table("articles_fts", sa.column("article_id"))
        matching = (
            sa.select(sa.literal(1))
            .select_from(fts.join(A, A.c.id == fts.c.article_id) if where else fts)
            .where(sa.text("articles_fts MATCH :fts_a").bindparams(fts_a=expr), *where)
        )
    if cap is not None:
        matching = matching.limit(cap)
    with store.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(matching.subquery())).scalar_one())


# FTS5's own ranking (bm25; weights: article_id, unindexed, 0; title 5; text 1).
FTS_RANK = "bm25(0.0, 5.0, 1.0)"


def _articles_sqlite(
    conn: sa.Connection, search: str, where: list[sa.ColumnElement[bool]], limit: int | None
) -> list[ArticleHit]:
    expr = fts5_query(search)
    if expr is None:
        return []
    fts = sa.table("articles_fts", sa.column("article_id"))
    fts_ref = sa.literal_column("articles_fts")
    # Ordered by the table's ``rank`` column, FTS5 ranks every hit itself and hands them over
    # best first: SQLite stops after ``limit`` rows and cuts snippets for those only. Ranking
    # with ``bm25()`` in the query instead made SQLite sort every hit, snippets included
    # (a common word matches most of the corpus). Ties keep the index's order, the same for
    # every limit, so that pages of a search neither repeat nor skip a hit.
    rank = sa.literal_column("articles_fts.rank")
    match = sa.text("articles_fts MATCH :fts_a AND articles_fts.rank MATCH :fts_rank").bindparams(
        fts_a=expr, fts_rank=FTS_RANK)
    stmt = (
        sa.select(*REF_COLUMNS, sa.func.snippet(fts_ref, -1, "[", "]", "…", 16).label("snippet"), rank.label("rank"))
        .select_from(fts.join(A, A.c.id == fts.c.article_id))
        .where(match, *where)
        .order_by(rank)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    return [ArticleHit(_ref(r), snippet=_one_line(r.snippet), rank=-float(r.rank)) for r in conn.execute(stmt)]


def articles_with_phrases(store: Store, phrases: Sequence[str]) -> set[str]:
    """Ids of the stored texts that hold one at least of these phrases (words in a row, as
    the full-text index splits them; accents and case aside on SQLite, stems on PostgreSQL),
    looked up in the full-text index rather than read text by text."""
    quoted = [f'"{" ".join(_WORD.findall(p))}"' for p in phrases if _WORD.search(p)]
    if not quoted:
        return set()
    with store.connect() as conn:
        if store.dialect == "postgresql":
            query = sa.func.websearch_to_tsquery(sa.text("'french'::regconfig"), " or ".join(quoted))
            rows = conn.execute(sa.select(A.c.id).where(sa.literal_column("articles.search").op("@@")(query)))
        else:
            rows = conn.execute(sa.text("SELECT article_id FROM articles_fts WHERE articles_fts MATCH :fts_p")
                                .bindparams(fts_p=" OR ".join(quoted)))
        return {r[0] for r in rows}


def _articles_pg(
    conn: sa.Connection, search: str, where: list[sa.ColumnElement[bool]], limit: int | None
) -> list[ArticleHit]:
    query = _pg_query(search)
    search_col = sa.literal_column("articles.search")
    rank = sa.func.ts_rank(search_col, query)
    best = (
        sa.select(A.c.id, rank.label("rank"))
        .where(search_col.op("@@")(query), *where)
        .order_by(rank.desc(), A.c.id)
    )
    if limit is not None:
        best = best.limit(limit)
    best_sq = best.subquery("best")
    # The headline is costly: compute it only for the rows kept.
    headline = sa.func.ts_headline(
        sa.text("'french'::regconfig"),
        A.c.text,
        query,
        "StartSel=[, StopSel=], MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=…",
    )
    stmt = (
        sa.select(*REF_COLUMNS, headline.label("snippet"), best_sq.c.rank)
        .join(best_sq, best_sq.c.id == A.c.id)
        .order_by(best_sq.c.rank.desc(), A.c.id)
    )
    return [ArticleHit(_ref(r), snippet=_one_line(r.snippet), rank=float(r.rank)) for r in conn.execute(stmt)]


def _one_line(snippet: str | None) -> str | None:
    """Snippets cross paragraph breaks; a listing wants them on one line."""
    return " ".join(snippet.split()) if snippet else snippet
