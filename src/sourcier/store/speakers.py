"""Speakers you can correct: merge, alias, rename and split, as a layer over the linking.

The linker (:mod:`sourcier.link.entities`) decides automatically which mentions are one
speaker; a user who knows better corrects it here, and the correction holds everywhere:

* the quotes and mentions move to the right speaker row, so every query, export, page
  and API answer sees the corrected speakers without knowing about corrections;
* the rows that lost their quotes stay, pointing at the speaker they became
  (``merged_into``): the linker follows them, so a later ingest sends "Macron" to the
  speaker it was merged into instead of creating the duplicate again. An alias is such a
  row, holding only the other name ("Boutef" → "Abdelaziz Bouteflika");
* a name given by hand is kept (``name_fixed``) when a fuller name turns up later;
* each correction is recorded in ``speaker_corrections``, in order (:func:`corrections`).

A speaker is named by its id ("#12" or "12") or by its name (case and accents ignored),
which must then be the name of exactly one speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from sourcier.errors import UnknownSpeaker
from sourcier.link.entities import name_tokens, normalize, search_key
from sourcier.store import schema
from sourcier.store.db import Store, _write_transaction

E, Q, M, C = schema.entities, schema.quotes, schema.mentions, schema.speaker_corrections

ACTIONS = ("merge", "alias", "rename", "split")


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    action: str
    entity_id: int
    other_id: int | None
    name: str | None
    articles: list[str]
    made_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "entity_id": self.entity_id, "other_id": self.other_id,
                "name": self.name, "articles": self.articles, "made_at": self.made_at.isoformat()}


# --------------------------------------------------------------------------- finding a speaker


def _row(conn: sa.Connection, entity_id: int) -> sa.Row[Any]:
    row = conn.execute(sa.select(E).where(E.c.id == entity_id)).one_or_none()
    if row is None:
        raise UnknownSpeaker(f"no speaker #{entity_id}")
    return row


def _final(conn: sa.Connection, entity_id: int) -> sa.Row[Any]:
    """The speaker row ``entity_id`` stands for, following merges (at most one hop: see :func:`merge`)."""
    row = _row(conn, entity_id)
    return _row(conn, row.merged_into) if row.merged_into is not None else row


def find(conn: sa.Connection, who: str | int) -> sa.Row[Any]:
    """The speaker named by ``who``: an id ("#12", "12", 12) or an exact name, any case or accents."""
    text = str(who).strip()
    if text.lstrip("#").isdigit():
        return _final(conn, int(text.lstrip("#")))
    key = normalize(text)
    rows = conn.execute(
        sa.select(E).where(E.c.merged_into.is_(None), sa.or_(E.c.norm_name == key, E.c.search_key.like(f"%|{key}|%")))
        .order_by(E.c.id)
    ).all()
    exact = [r for r in rows if normalize(r.name) == key] or rows
    if not exact:
        raise UnknownSpeaker(f"no speaker is called {text!r}", origin=text)
    if len(exact) > 1:
        listed = ", ".join(f"#{r.id} {r.name}" for r in exact[:10])
        raise UnknownSpeaker(f"{len(exact)} speakers answer to {text!r} ({listed}): name one by its id", origin=text)
    return exact[0]


# --------------------------------------------------------------------------- corrections


def _log(conn: sa.Connection, action: str, entity_id: int, other_id: int | None = None, name: str | None = None,
         articles: Sequence[str] = ()) -> None:
    conn.execute(sa.insert(C).values(action=action, entity_id=entity_id, other_id=other_id, name=name,
                                     articles=list(articles), made_at=datetime.now(UTC)))


def _union(*lists: Iterable[str]) -> list[str]:
    out: dict[str, str] = {}
    for items in lists:
        for item in items:
            out.setdefault(normalize(item), item)
    return list(out.values())


def _add_names(conn: sa.Connection, row: sa.Row[Any], names: Iterable[str], **values: Any) -> None:
    variants = _union(row.variants, names)
    conn.execute(sa.update(E).where(E.c.id == row.id).values(variants=variants, search_key=search_key(variants),
                                                             **values))


def merge(store: Store, keep: str | int, merged: str | int) -> tuple[int, int]:
    """Fold speaker ``merged`` into ``keep``: its quotes, mentions, names, roles and
    countries move; its row stays, pointing at ``keep``. Returns (kept id, merged id)."""
    with _write_transaction(store.engine) as conn:
        k, m = find(conn, keep), find(conn, merged)
        if k.id == m.id:
            raise UnknownSpeaker(f"#{k.id} {k.name} is already one speaker with {merged!r}")
        conn.execute(sa.update(Q).where(Q.c.speaker_entity_id == m.id).values(speaker_entity_id=k.id))
        conn.execute(sa.update(M).where(M.c.entity_id == m.id).values(entity_id=k.id))
        # Rows already merged into ``m`` now point at ``k``: chains stay one hop long.
        conn.execute(sa.update(E).where(E.c.merged_into == m.id).values(merged_into=k.id))
        conn.execute(sa.update(E).where(E.c.id == m.id).values(merged_into=k.id, search_key=""))
        _add_names(conn, k, m.variants, roles=_union(k.roles, m.roles),
                   countries=sorted(set(k.countries) | set(m.countries)))
        _log(conn, "merge", k.id, m.id)
    return k.id, m.id


def alias(store: Store, who: str | int, name: str) -> int:
    """Make ``name`` another name of ``who``: found by ``--speaker``, and linked to it by later
    ingests even when the linker alone would not (a nickname, another surname)."""
    name = _clean(name)
    with _write_transaction(store.engine) as conn:
        row = find(conn, who)
        tokens = name_tokens(name) if row.type == "PERSON" else tuple(normalize(name).split())
        other = conn.execute(sa.insert(E).values(
            name=name, type=row.type, norm_name=" ".join(tokens), last_token=tokens[-1] if tokens else "",
            variants=[name], roles=[], countries=[], search_key="", merged_into=row.id,
        ).returning(E.c.id)).scalar_one()
        _add_names(conn, row, [name])
        _log(conn, "alias", row.id, other, name)
    return row.id


def rename(store: Store, who: str | int, name: str) -> int:
    """Show speaker ``who`` as ``name`` from now on (the old names stay as variants)."""
    name = _clean(name)
    with _write_transaction(store.engine) as conn:
        row = find(conn, who)
        _add_names(conn, row, [name], name=name, name_fixed=True)
        _log(conn, "rename", row.id, None, name)
    return row.id


def split(store: Store, who: str | int, articles: Sequence[str], name: str | None = None) -> int:
    """Move what speaker ``who`` says in ``articles`` (ids, or the external ids given at
    ingest) to a new speaker, called ``name`` (default: the same name). Returns its id."""
    with _write_transaction(store.engine) as conn:
        row = find(conn, who)
        ids = _article_ids(conn, articles)
        moved = conn.execute(
            sa.select(sa.func.count()).select_from(Q).where(Q.c.speaker_entity_id == row.id, Q.c.article_id.in_(ids))
        ).scalar_one()
        if not moved:
            raise UnknownSpeaker(f"#{row.id} {row.name} says nothing in the articles given")
        new_name = _clean(name) if name else row.name
        tokens = name_tokens(new_name) if row.type == "PERSON" else tuple(normalize(new_name).split())
        new_id = conn.execute(sa.insert(E).values(
            name=new_name, type=row.type, norm_name=" ".join(tokens), last_token=tokens[-1] if tokens else "",
            variants=[new_name], roles=[], countries=[], search_key=search_key([new_name]), name_fixed=bool(name),
        ).returning(E.c.id)).scalar_one()
        conn.execute(sa.update(Q).where(Q.c.speaker_entity_id == row.id, Q.c.article_id.in_(ids))
                     .values(speaker_entity_id=new_id))
        conn.execute(sa.update(M).where(M.c.entity_id == row.id, M.c.article_id.in_(ids)).values(entity_id=new_id))
        _log(conn, "split", row.id, new_id, new_name, ids)
    return int(new_id)


def corrections(store: Store) -> list[Correction]:
    """Every correction, oldest first."""
    with store.connect() as conn:
        rows = conn.execute(sa.select(C).order_by(C.c.id)).all()
    return [Correction(r.id, r.action, r.entity_id, r.other_id, r.name, list(r.articles), r.made_at) for r in rows]


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise UnknownSpeaker("a speaker's name must have 1 to 200 characters")
    return name


def _article_ids(conn: sa.Connection, given: Sequence[str]) -> list[str]:
    a = schema.articles
    wanted = sorted({g.strip() for g in given if g.strip()})
    rows = conn.execute(sa.select(a.c.id).where(sa.or_(a.c.id.in_(wanted), a.c.external_id.in_(wanted)))).scalars()
    found = sorted(set(rows))
    if not found:
        raise UnknownSpeaker(f"no stored article has the id {', '.join(wanted) or '(none)'}")
    return found
