"""Hand-built analyses for the store tests (no spaCy needed)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from sourcier.model import (
    Analysis,
    ArticleMeta,
    Entity,
    Outlet,
    Paragraph,
    Quote,
    Source,
    Speaker,
    TextSpan,
    Via,
    text_id,
)


def spans(text: str, needle: str) -> list[TextSpan]:
    out, start = [], text.find(needle)
    while start >= 0:
        out.append(TextSpan(start, start + len(needle), needle))
        start = text.find(needle, start + 1)
    return out


def entity(eid: str, name: str, text: str, *, type: str = "PERSON", roles: Sequence[str] = (),
           written: Sequence[str] = ()) -> Entity:
    """An entity whose mentions are every occurrence of its name (and of ``written`` forms)."""
    mentions = spans(text, name)
    for w in written:
        mentions += [m for m in spans(text, w) if not any(o.start <= m.start < o.end for o in mentions)]
    mentions.sort(key=lambda m: m.start)
    return Entity(id=eid, name=name, type=type, roles=list(roles), mentions=mentions)  # type: ignore[arg-type]


def quote(qid: str, text: str, said: str, *, speaker: Entity | None = None, name: str | None = None,
          via: Sequence[Via] = (), confidence: float = 0.9) -> Quote:
    start = text.index(said)
    return Quote(
        id=qid, type="direct", start=start, end=start + len(said), text=said,
        speaker=Speaker(entity=speaker.id if speaker else None, name=name or (speaker.name if speaker else None)),
        cue=None, via=list(via), confidence=confidence,
    )


def source(sid: str, name: str, text: str, *, role: str = "relay", state: bool | None = None,
           country: str | None = None, outlet_name: str | None = None) -> Source:
    outlet = Outlet(name=outlet_name or name, country=country, state_affiliated=state,
                    state=country if state else None)
    return Source(id=sid, name=name, role=role, outlet=outlet, mentions=spans(text, name))  # type: ignore[arg-type]


def article(text: str, *, url: str | None = None, outlet: str | None = "Jeune Afrique",
            published: str | None = "2024-03-05", title: str | None = None, external_id: str | None = None,
            entities: Sequence[Entity] = (), quotes: Sequence[Quote] = (), sources: Sequence[Source] = (),
            relations: Sequence[dict] = ()) -> Analysis:
    return Analysis(
        id=text_id(text),
        article=ArticleMeta(title=title, url=url, outlet=outlet, published=published, external_id=external_id,
                            language="fr"),
        text=text,
        paragraphs=[Paragraph(0, len(text))],
        entities=list(entities),
        quotes=list(quotes),
        sources=list(sources),
        relations=list(relations),
    )


def simple(n: int, **kw) -> Analysis:
    """The n-th of a family of small distinct articles, each with one quote."""
    text = (f"Article numéro {n}. Le porte-parole Issa Traoré a déclaré : « Nous tiendrons "
            f"la réunion numéro {n} à Bamako. »")
    speaker = entity("e1", "Issa Traoré", text, roles=["porte-parole du gouvernement"])
    return article(text, title=f"Titre {n}", entities=[speaker],
                   quotes=[quote("q1", text, f"Nous tiendrons la réunion numéro {n} à Bamako.", speaker=speaker)],
                   **kw)


def wait_until(predicate: Callable[[], bool], timeout: float = 60.0, interval: float = 0.1) -> bool:
    """Poll ``predicate`` until it holds (True) or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
