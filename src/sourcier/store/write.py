"""One write transaction of the store: its rows decided in memory, sent a table at a time.

``Store.add_batch`` and ``Store.add_publications`` run here. Sent row by row, an article of
fifty entities, twenty quotes and a few sources took a score of round trips, each costing
more than its row (a statement to build, bind and run). Instead, :class:`BatchWriter` reads
what the batch needs to know at once (the articles, publications and outlets already stored
under the batch's keys, and the linker's candidate entities), decides every row in memory in
input order exactly as the row-by-row writes did, and :meth:`BatchWriter.flush` sends each
table's rows in one statement, parents first. Rows are numbered in the order they are sent,
so each gets the id it got before (on PostgreSQL, a known publication or outlet no longer
uses up a sequence number).

The writer must hold the store's write lock (``_write_transaction``): nothing else writes
between its reads and its writes, so what it read stays true until it commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from sourcier.knowledge.publishers import url_domain
from sourcier.link.entities import EntityLinker, normalize
from sourcier.model import Analysis, ArticleMeta, Document, Outlet, Quote
from sourcier.store import schema
from sourcier.store.relations import relation_row
from sourcier.store.urls import canonical_url, content_hash, url_hash

#: The tables of an article's parts, written after the articles and the entities they point to.
_CHILDREN = (schema.mentions, schema.quotes, schema.sources, schema.relations)
_FACTS = ("domain", "country", "kind", "ownership", "state_affiliated", "state", "citation")
_CHUNK = 500  # keys per IN list: under SQLite's limit on variables


def parse_published(value: str | None) -> date | None:
    """The date of a publication date as ISO 8601, RFC 822 (RSS) or French news write it
    ("12 mars 2024", given through the Python API unread), or ``None``."""
    if not value:
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])  # the common case, without dateparser
    except ValueError:
        pass
    from sourcier.ingest.dates import parse_french_date  # here: the ingest package loads the HTML readers

    parsed = parse_french_date(value)
    return date.fromisoformat(parsed[:10]) if parsed else None


def publication_key(meta: ArticleMeta, c_hash: str) -> str:
    """What makes a publication the same one again: its canonical URL, else its external id,
    else (nothing else identifies it) its text."""
    u_hash = url_hash(meta.url)
    if u_hash:
        return f"url:{u_hash}"
    if meta.external_id:
        return f"id:{meta.external_id}"
    return f"text:{c_hash}"


def _outlet_row(outlet: Outlet) -> dict[str, Any]:
    return {
        "name": outlet.name,
        "country": outlet.country,
        "kind": outlet.kind,
        "ownership": outlet.ownership,
        "state_affiliated": outlet.state_affiliated,
        "state": outlet.state,
        "citation": outlet.citation,
    }


def _in_chunks(conn: sa.Connection, columns: Sequence[Any], key: Any, values: Iterable[Any]) -> list[Any]:
    """The rows of ``columns`` whose ``key`` is one of ``values``, a query per 500 values."""
    wanted = sorted({v for v in values if v is not None})
    rows: list[Any] = []
    for i in range(0, len(wanted), _CHUNK):
        rows += conn.execute(sa.select(*columns).where(key.in_(wanted[i : i + _CHUNK]))).all()
    return rows


class BatchWriter:
    """The writes of one transaction. ``analyses`` and ``documents`` are what it will be
    given (:meth:`add`, :meth:`add_publication`): their keys are looked up at once."""

    def __init__(self, conn: sa.Connection, analyses: Sequence[Analysis] = (),
                 documents: Sequence[Document] = ()) -> None:
        self.conn = conn
        self.linker = EntityLinker(conn, before_counting=self.flush)
        self.linker.prefetch(analyses)
        metas = [a.article for a in analyses] + [d.meta for d in documents]
        hashes = [content_hash(a.text) for a in analyses] + [content_hash(d.text) for d in documents]
        a = schema.articles
        columns = (a.c.id, a.c.url_hash, a.c.content_hash)
        found = [*_in_chunks(conn, columns, a.c.id, (x.id for x in analyses)),
                 *_in_chunks(conn, columns, a.c.url_hash, (url_hash(m.url) for m in metas)),
                 *_in_chunks(conn, columns, a.c.content_hash, hashes)]
        self._ids = {r.id for r in found}
        self._urls = {r.url_hash for r in found if r.url_hash}
        self._contents = {r.content_hash: r.id for r in found}  # content hash → article id
        p = schema.publications
        keys = (publication_key(m, h) for m, h in zip(metas, hashes, strict=True))
        self._publications = {r.key for r in _in_chunks(conn, (p.c.key,), p.c.key, keys)}
        names = [m.outlet for m in metas] + [s.outlet.name for x in analyses for s in x.sources if s.outlet]
        o = schema.outlets
        self._outlets = {r.name: dict(r._mapping) for r in _in_chunks(conn, (o.c.name, *(o.c[f] for f in _FACTS)),
                                                                       o.c.name, names)}
        self._outlets_seen: set[tuple] = set()
        self._outlets_new: dict[str, dict[str, Any]] = {}  # name → row to insert
        self._outlets_filled: dict[str, set[str]] = {}  # stored outlet → facts it gains
        self._rows: dict[sa.Table, list[dict[str, Any]]] = {
            t: [] for t in (schema.articles, schema.publications, *_CHILDREN)}

    # -- deciding ------------------------------------------------------------

    def add(self, analysis: Analysis) -> str:
        """"inserted", "publication" (a new publication of a stored text) or "present"
        (an article with this text, canonical URL or id is stored, and so is this publication)."""
        meta = analysis.article
        u_hash, c_hash = url_hash(meta.url), content_hash(analysis.text)
        if meta.outlet:
            self._outlet({"name": meta.outlet, "domain": url_domain(meta.url)})
        if analysis.id in self._ids or (u_hash is not None and u_hash in self._urls) or c_hash in self._contents:
            known = self._contents.get(c_hash)
            new = known is not None and self._publication(known, meta, c_hash)
            return "publication" if new else "present"
        aid = analysis.id
        self._ids.add(aid)
        if u_hash is not None:
            self._urls.add(u_hash)
        self._contents[c_hash] = aid
        stored = analysis.to_dict()
        # The text has its own column; keeping it once in the JSON is enough (see analysis_from_row).
        stored.pop("text", None)
        self._rows[schema.articles].append({
            "id": aid, "external_id": meta.external_id, "url": meta.url, "canonical_url": canonical_url(meta.url),
            "url_hash": u_hash, "content_hash": c_hash, "title": meta.title, "published": meta.published,
            "published_date": parse_published(meta.published), "outlet": meta.outlet, "text": analysis.text,
            "analysis": stored, "ingested_at": datetime.now(UTC),
        })
        self._publication(aid, meta, c_hash)
        ids = self.linker.link(analysis)
        self._rows[schema.mentions] += [
            {"article_id": aid, "entity_id": ids[e.id], "local_id": e.id, "start": m.start if m else None,
             "end": m.end if m else None, "text": m.text if m else None}
            for e in analysis.entities for m in (e.mentions or [None])
        ]
        self._rows[schema.quotes] += [_quote_row(aid, q, ids) for q in analysis.quotes]
        for s in analysis.sources:
            if s.outlet is not None:
                self._outlet(_outlet_row(s.outlet))
            self._rows[schema.sources].append({
                "article_id": aid, "source_id": s.id, "name": s.name, "role": s.role,
                "outlet": s.outlet.name if s.outlet else None,
                "state_affiliated": s.outlet.state_affiliated if s.outlet else None, "channel": s.channel,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in s.mentions],
            })
        self._rows[schema.relations] += [relation_row(aid, r) for r in analysis.relations]
        return "inserted"

    def add_publication(self, document: Document) -> bool:
        """Record a new publication of a stored text (no analysis); ``False`` when its text is
        not stored or the publication is already recorded."""
        c_hash = content_hash(document.text)
        article_id = self._contents.get(c_hash)
        if article_id is None:
            return False
        if document.meta.outlet:  # its domain lets `--outlet DOMAIN` find this publication
            self._outlet({"name": document.meta.outlet, "domain": url_domain(document.meta.url)})
        return self._publication(article_id, document.meta, c_hash)

    def _publication(self, article_id: str, meta: ArticleMeta, c_hash: str) -> bool:
        key = publication_key(meta, c_hash)
        if key in self._publications:
            return False
        self._publications.add(key)
        self._rows[schema.publications].append({
            "key": key, "article_id": article_id, "url": meta.url, "canonical_url": canonical_url(meta.url),
            "external_id": meta.external_id, "outlet": meta.outlet, "published": meta.published,
            "published_date": parse_published(meta.published), "first_seen": datetime.now(UTC),
        })
        return True

    def _outlet(self, row: dict[str, Any]) -> None:
        """An outlet inserted as first given; a later row fills in facts it lacked."""
        seen = tuple(sorted(row.items()))
        if seen in self._outlets_seen:
            return
        self._outlets_seen.add(seen)
        current = self._outlets.get(row["name"])
        if current is None:
            current = self._outlets[row["name"]] = self._outlets_new[row["name"]] = {**dict.fromkeys(_FACTS), **row}
            return
        missing = {k: v for k, v in row.items() if v is not None and current[k] is None}
        current.update(missing)
        if missing and row["name"] not in self._outlets_new:  # a stored row: updated at flush
            self._outlets_filled.setdefault(current["name"], set()).update(missing)

    # -- writing -------------------------------------------------------------

    def flush(self) -> None:
        """Send every row decided so far: outlets, entities, articles, publications,
        then what points to them."""
        o = schema.outlets
        if self._outlets_new:
            self.conn.execute(sa.insert(o), list(self._outlets_new.values()))
            self._outlets_new.clear()
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for name, facts in self._outlets_filled.items():
            columns = tuple(sorted(facts))
            by_columns.setdefault(columns, []).append(
                {"outlet_name": name, **{c: self._outlets[name][c] for c in columns}})
        for columns, rows in by_columns.items():
            self.conn.execute(sa.update(o).where(o.c.name == sa.bindparam("outlet_name"))
                              .values({c: sa.bindparam(c) for c in columns}), rows)
        self._outlets_filled.clear()
        self.linker.flush()
        stored_id = self.linker.stored_id
        for row in self._rows[schema.mentions]:
            row["entity_id"] = stored_id(row["entity_id"])
        for row in self._rows[schema.quotes]:
            if row["speaker_entity_id"] is not None:
                row["speaker_entity_id"] = stored_id(row["speaker_entity_id"])
        for table, rows in self._rows.items():
            if rows:
                self.conn.execute(sa.insert(table), rows)
                rows.clear()


def _quote_row(article_id: str, q: Quote, ids: dict[str, int]) -> dict[str, Any]:
    """The ``quotes`` row of one quote (``ids``: the linker's entity ids of its article)."""
    return {
        "article_id": article_id,
        "quote_id": q.id,
        "type": q.type,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker_name": q.speaker.name,
        "speaker_key": normalize(q.speaker.name) if q.speaker.name else None,
        "speaker_local_id": q.speaker.entity,
        "speaker_entity_id": ids.get(q.speaker.entity) if q.speaker.entity else None,
        "cue": q.cue.text if q.cue else None,
        "confidence": q.confidence,
        "speaker_start": q.speaker.mention.start if q.speaker.mention else None,
        "speaker_end": q.speaker.mention.end if q.speaker.mention else None,
        "speaker_mention": q.speaker.mention.text if q.speaker.mention else None,
        "cue_start": q.cue.start if q.cue else None,
        "cue_end": q.cue.end if q.cue else None,
        "via": [{"name": v.name, "source": v.source} for v in q.via],
    }
