"""Server-rendered pages: home, search, article, speaker, outlet, trail, relations."""

from __future__ import annotations

from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from sourcier.serve import data
from sourcier.serve.api import State
from sourcier.serve.provenance import NotReady
from sourcier.serve.state import AppState
from sourcier.serve.templating import article_paragraphs, speaker_colours, templates
from sourcier.store import queries, schema
from sourcier.store import relations as relation_store

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Text = Annotated[str | None, Query(max_length=500)]


def page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context)


@router.get("/")
def home(request: Request, app_state: State) -> HTMLResponse:
    return page(request, "home.html", title="Corpus", **app_state.cached("home", lambda: _home(app_state)))


def _home(app_state: AppState) -> dict[str, Any]:
    """The home page's figures: all corpus-wide, so computed once per version of the corpus."""
    store = app_state.store
    per_day = data.counts(store, "publications", "day")[-30:]
    publishers = [o for o in data.outlets_table(store) if o["articles"]][:10]
    speakers = queries.speakers(store, limit=10)
    cited = data.top_cited(store, 10)
    return dict(stats=data.overview(store), per_day=per_day,
                outlet_bars=[(o["name"], o["articles"]) for o in publishers],
                day_bars=[(r["period"], r["total"]) for r in per_day], speakers=speakers, cited=cited,
                speaker_bars=[(s.name, s.quotes) for s in speakers], cited_bars=[(c["name"], c["citations"]) for c in cited],
                latest=app_state.article_page(outlet=None, offset=0, limit=10)[1])


SEARCH_HITS = 30  # texts and quotes shown per search page


@router.get("/search")
def search(request: Request, app_state: State, q: Text = None, outlet: Text = None,
           speaker: Text = None) -> HTMLResponse:
    store = app_state.store
    hits = queries.articles(store, search=q, outlet=outlet, limit=SEARCH_HITS) if q else []
    filters = queries.QuoteQuery(speaker=speaker, outlet=outlet, search=q)
    found = app_state.quote_page(filters, offset=0, limit=SEARCH_HITS) if q or speaker else None
    publishers = app_state.cached("outlets", lambda: data.outlets_table(store))
    return page(request, "search.html", title=f"Search: {q}" if q else "Search", q=q or "", outlet=outlet or "",
                speaker=speaker or "", hits=hits, quotes=found.hits if found else [],
                quote_total=(f"{found.total:,}+" if found.capped else f"{found.total:,}") if found else "0",
                outlets=[o["name"] for o in publishers if o["articles"]])


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str, app_state: State) -> HTMLResponse:
    found = app_state.store.get(article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    analysis = found.to_dict()
    colours = speaker_colours(analysis)
    speakers = {}
    for q in analysis["quotes"]:
        sp = q.get("speaker") or {}
        speakers.setdefault(sp.get("entity") or sp.get("name") or "?", sp.get("name") or "unknown speaker")
    entity_ids = _global_speaker_ids(app_state, article_id)
    return page(request, "article.html", title=analysis["article"].get("title") or "Article", a=analysis,
                paragraphs=article_paragraphs(analysis), colours=colours, speakers=speakers, entity_ids=entity_ids,
                publications=data.publications_of(app_state.store, article_id),
                reprints=_reprints_of(app_state, article_id), relations=analysis["relations"])


def _global_speaker_ids(app_state: Any, article_id: str) -> dict[str, int]:
    """The corpus-wide entity id of each speaker of an article (by its local entity id)."""
    q = schema.quotes
    with app_state.store.connect() as conn:
        rows = conn.execute(sa.select(q.c.speaker_local_id, q.c.speaker_entity_id)
                            .where(q.c.article_id == article_id, q.c.speaker_entity_id.is_not(None)))
        return {local: global_id for local, global_id in rows}


def _reprints_of(app_state: AppState, article_id: str) -> list[dict[str, Any]] | None:
    """The reprint cluster of an article; None while the clusters are being computed."""
    try:
        return app_state.provenance.ask("cluster", article_id)
    except NotReady:
        return None


SPEAKER_QUOTES = 50  # quotes per page of a speaker's list


@router.get("/speakers/{entity_id}")
def speaker(request: Request, entity_id: int, app_state: State,
            page_number: Annotated[int, Query(alias="page", ge=1, le=100_000)] = 1) -> HTMLResponse:
    store = app_state.store
    found = data.entity(store, entity_id)
    if found is None:
        raise HTTPException(404, "no such speaker")
    offset = (page_number - 1) * SPEAKER_QUOTES
    total, _, hits = app_state.quote_page(queries.QuoteQuery(speaker=f"#{entity_id}"), offset=offset,
                                            limit=SPEAKER_QUOTES)
    quotes = [h.to_dict() for h in hits]
    summary = app_state.speaker_summary(entity_id)
    pages = max(1, -(-total // SPEAKER_QUOTES))
    if page_number > pages:
        raise HTTPException(404, f"this speaker's quotes fill {pages} page(s)")
    return page(request, "speaker.html", title=found["name"], s=found, total=total, quotes=quotes,
                page_number=page_number, pages=pages, first=offset + 1, per_month=summary["per_month"],
                outlets=summary["outlets"], via=summary["via"],
                writing=app_state.token is not None)


@router.get("/speakers")
def speakers(request: Request, app_state: State) -> HTMLResponse:
    top = app_state.cached("speakers-page", lambda: queries.speakers(app_state.store, limit=200))
    return page(request, "speakers.html", title="Speakers", speakers=top)


@router.get("/outlets")
def outlets(request: Request, app_state: State) -> HTMLResponse:
    return page(request, "outlets.html", title="Outlets",
                outlets=app_state.cached("outlets", lambda: data.outlets_table(app_state.store)))


@router.get("/outlets/{name}")
def outlet(request: Request, name: str, app_state: State) -> HTMLResponse:
    store = app_state.store
    facts = data.outlet_facts(store, name)
    total, latest = app_state.article_page(outlet=name, offset=0, limit=30)
    if facts is None and not total:
        raise HTTPException(404, "no such outlet")
    cites = queries.sources(store, outlet=name)
    try:
        relaying = app_state.provenance.ask("outlet", name)
    except NotReady:
        relaying = None
    return page(request, "outlet.html", pending=relaying is None, title=name, name=name, facts=facts or {},
                total=total, latest=latest, cites=cites[0] if cites else None,
                cite_bars=[(m.name, m.citations) for m in cites[0].cited[:10]] if cites else [],
                relays=relaying["relays"] if relaying else [], relayed_by=relaying["relayed_by"] if relaying else [],
                reprints=relaying["reprints"] if relaying else [])


@router.get("/trail")
def trail(request: Request, app_state: State, id: Text = None,
          quote: Annotated[str | None, Query(max_length=2000)] = None) -> HTMLResponse:
    trail_json, pending = None, False
    try:
        if id:
            trail_json = app_state.provenance.ask("publication_trail", id)
        elif quote:
            trail_json = app_state.provenance.ask("quote_trail", quote)
    except NotReady:
        pending = True
    names = {a["id"]: f"{a['publisher']} ({(a.get('published') or 'undated')[:10]})"
             for a in (trail_json or {}).get("appearances", [])}
    return page(request, "trail.html", title="Trail", id=id or "", quote=quote or "", trail=trail_json, names=names,
                pending=pending,
                graph=_graph(trail_json) if trail_json else None)


def _graph(trail_json: dict[str, Any]) -> dict[str, Any]:
    """Node positions for the relay graph: appearances left to right in time order."""
    ids = [a["id"] for a in trail_json["appearances"]]
    step = 160
    nodes = [{"id": i, "label": a["publisher"], "date": a.get("published") or "undated", "x": 80 + n * step, "y": 60}
             for n, (i, a) in enumerate(zip(ids, trail_json["appearances"], strict=True))]
    where = {n["id"]: n for n in nodes}
    edges = [{"from": where[e["source"]], "to": where[e["target"]], "directed": e["directed"]}
             for e in trail_json["edges"] if e["source"] in where and e["target"] in where]
    return {"nodes": nodes, "edges": edges, "width": 160 + max(len(nodes) - 1, 0) * step}


@router.get("/relations")
def relations(request: Request, app_state: State, actor: Text = None, target: Text = None,
              type: Text = None) -> HTMLResponse:
    store = app_state.store
    hits = relation_store.relations(store, limit=200, actor=actor, target=target, type=type)
    months = relation_store.timeline(store, actor=actor, target=target, type=type)
    per_month: dict[str, int] = {}
    for month, _kind, n in months:
        per_month[month] = per_month.get(month, 0) + n
    return page(request, "relations.html", title="Relations", actor=actor or "", target=target or "",
                type=type or "", hits=hits, months=months, per_month=list(per_month.items()))
