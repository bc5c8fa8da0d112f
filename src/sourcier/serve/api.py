"""The HTTP API under ``/api/``: JSON by default, CSV (``?format=csv``) on the list endpoints."""

from __future__ import annotations

import csv
import hmac
import io
import json
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sourcier.errors import UnknownSpeaker
from sourcier.safe_text import csv_cell
from sourcier.serve import data
from sourcier.serve.state import AppState
from sourcier.store import queries
from sourcier.store import relations as relation_store
from sourcier.store import speakers as speaker_fixes

router = APIRouter(prefix="/api")

Format = Annotated[Literal["json", "csv"], Query(description="json, or csv for a spreadsheet")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Limit = Annotated[int, Query(ge=1, le=500)]
Text = Annotated[str | None, Query(max_length=500)]
Day = Annotated[date | None, Query()]
SEARCH_CAP = 1000
ANALYZE_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object",
    "properties": {"text": {"type": "string"}, "html": {"type": "string"}, "title": {"type": "string"},
                   "url": {"type": "string"}, "outlet": {"type": "string"}, "published": {"type": "string"}},
}}}}}


def state(request: Request) -> AppState:
    return request.app.state.sourcier


State = Annotated[AppState, Depends(state)]


def require_token(request: Request, app_state: State) -> None:
    """Writing is off without a configured token; with one, ``Authorization: Bearer`` must match."""
    if app_state.token is None:
        raise HTTPException(403, "writing is off: start the server with a token (SOURCIER_TOKEN) to enable it")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), app_state.token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                            headers={"WWW-Authenticate": "Bearer"})


Writer = Depends(require_token)


# --------------------------------------------------------------------------- output


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value


def csv_response(rows: list[dict[str, Any]], name: str) -> Response:
    """Rows as CSV; nested values as JSON; every cell neutralised against formula injection."""
    out = io.StringIO()
    columns = list(dict.fromkeys(k for r in rows for k in r))
    writer = csv.writer(out)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([csv_cell(_flat(r.get(c))) for c in columns])
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


class JSON(JSONResponse):
    """JSON written by the standard library in one call: the API's values are plain dicts,
    lists, strings and numbers, so FastAPI's value-by-value encoder (most of the time of a
    large response) has nothing to do."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def listing(rows: list[dict[str, Any]], fmt: str, name: str, **page: Any) -> Response:
    if fmt == "csv":
        return csv_response(rows, name)
    return JSON({**page, "items": rows})


# --------------------------------------------------------------------------- corpus


@router.get("/stats", summary="The corpus at a glance")
def stats(app_state: State) -> Response:
    return JSON(app_state.cached("stats", lambda: data.overview(app_state.store)))


@router.get("/articles", summary="Texts: newest first, or best first for a full-text search (q)")
def articles(app_state: State, q: Text = None, outlet: Text = None, offset: Offset = 0, limit: Limit = 20,
             format: Format = "json") -> Response:
    if q:
        # A common word matches most of the corpus: the count stops at SEARCH_CAP (the total
        # says if it was reached), and only the hits up to this page are ranked and cut out.
        total = queries.count_articles(app_state.store, search=q, outlet=outlet, cap=SEARCH_CAP)
        hits = queries.articles(app_state.store, search=q, outlet=outlet, limit=offset + limit) if offset < total else []
        rows = [{**_ref(h.article), "snippet": h.snippet} for h in hits[offset:]]
        return listing(rows, format, "articles", total=total, total_capped=total >= SEARCH_CAP,
                       offset=offset, limit=limit)
    total, rows = app_state.article_page(outlet=outlet, offset=offset, limit=limit)
    return listing(rows, format, "articles", total=total, offset=offset, limit=limit)


def _ref(ref: queries.ArticleRef) -> dict[str, Any]:
    return {"id": ref.id, "external_id": ref.external_id, "title": ref.title, "url": ref.url,
            "outlet": ref.outlet, "published": ref.published}


@router.get("/articles/{article_id}", summary="One text with its full analysis and its publications")
def article(article_id: str, app_state: State) -> Response:
    analysis = app_state.store.get(article_id)
    if analysis is None:
        raise HTTPException(404, "no such article")
    return JSON({"analysis": analysis.to_dict(), "publications": data.publications_of(app_state.store, article_id)})


@router.get("/publications", summary="Every recorded publication (a text may be published by several outlets)")
def publications(app_state: State, outlet: Text = None, offset: Offset = 0, limit: Limit = 20,
                 format: Format = "json") -> Response:
    total, rows = data.publication_page(app_state.store, outlet=outlet, offset=offset, limit=limit)
    return listing(rows, format, "publications", total=total, offset=offset, limit=limit)


# --------------------------------------------------------------------------- analysis


async def _json_body(request: Request, cap: int) -> dict[str, Any]:
    """The request's JSON object, refused with 413 past ``cap`` bytes (before reading it all)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise HTTPException(413, f"the request is over {cap} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > cap:
            raise HTTPException(413, f"the request is over {cap} bytes")
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPException(422, f"the body is not JSON: {exc}") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("text") or payload.get("html"), str):
        raise HTTPException(422, "send a JSON object with a 'text' or an 'html' string")
    return payload


def _analyse(payload: dict[str, Any]) -> Any:
    from sourcier.api import analyze
    from sourcier.ingest import read_html
    from sourcier.model import ArticleMeta

    meta = {k: payload[k] for k in ("title", "url", "outlet", "published") if isinstance(payload.get(k), str)}
    if payload.get("html"):
        document = read_html(payload["html"], "<posted html>", url=meta.get("url"), published=meta.get("published"))
        for key in ("title", "outlet"):
            if meta.get(key):
                setattr(document.meta, key, meta[key])
        return analyze(document)
    return analyze(payload["text"], meta=ArticleMeta(**meta))


@router.post("/analyze", summary="Analyse a posted text or HTML page (nothing is stored)", openapi_extra=ANALYZE_BODY)
async def analyze(request: Request, app_state: State) -> Response:
    client = request.client.host if request.client else "?"
    if not app_state.analyze_limiter.allow(client):
        raise HTTPException(429, "too many analyses: wait a minute", headers={"Retry-After": "60"})
    payload = await _json_body(request, app_state.max_analyze_bytes)
    return JSON((await run_in_threadpool(_analyse, payload)).to_dict())


# --------------------------------------------------------------------------- quotes, speakers, outlets


@router.get("/quotes", summary="Quotes with their article; filters combine")
def quotes(app_state: State,
           speaker: Annotated[str | None, Query(max_length=500, description=(
               "part of any known name of the speaker (case and accents ignored), or its id: 42 or #42"))] = None,
           outlet: Annotated[str | None, Query(max_length=500, description=(
               "a publishing outlet: any of its names or domains"))] = None,
           via: Annotated[str | None, Query(max_length=500, description=(
               "a cited medium the quote came through: any of its names"))] = None,
           state_affiliated: Annotated[bool | None, Query(description="came through a state-affiliated medium")] = None,
           type: Annotated[Literal["direct", "indirect", "mixed", "partial"] | None, Query()] = None,
           since: Day = None, until: Day = None, text: Text = None, offset: Offset = 0, limit: Limit = 50,
           format: Format = "json") -> Any:
    filters = queries.QuoteQuery(speaker=speaker, outlet=outlet, since=since, until=until, search=text, via=via,
                                 state_affiliated=state_affiliated, type=type)
    found = app_state.quote_page(filters, offset=offset, limit=limit)
    rows = [h.flat() if format == "csv" else h.to_dict() for h in found.hits]
    return listing(rows, format, "quotes", total=found.total, total_capped=found.capped, offset=offset, limit=limit)


@router.get("/speakers", summary="The most quoted speakers, with the outlets that quote them")
def speakers(app_state: State, outlet: Text = None, since: Day = None, until: Day = None,
             limit: Limit = 50, format: Format = "json") -> Response:
    rows = app_state.cached(("speakers", outlet, since, until, limit), lambda: [
        s.to_dict() for s in queries.speakers(app_state.store, outlet=outlet, since=since, until=until, limit=limit)])
    return listing(rows, format, "speakers", total=len(rows), limit=limit)


@router.get("/speakers/{entity_id}", summary="One resolved speaker: names, roles and quotes")
def speaker(entity_id: int, app_state: State, offset: Offset = 0, limit: Limit = 50) -> Response:
    found = data.entity(app_state.store, entity_id)
    if found is None:
        raise HTTPException(404, "no such speaker")
    total, _, hits = app_state.quote_page(queries.QuoteQuery(speaker=f"#{entity_id}"), offset=offset, limit=limit)
    return JSON({**found, "quotes": {"total": total, "offset": offset, "limit": limit,
                                      "items": [h.to_dict() for h in hits]}})


@router.get("/outlets", summary="Outlets: how much each publishes and is cited")
def outlets(app_state: State, format: Format = "json") -> Response:
    rows = app_state.cached("outlets", lambda: data.outlets_table(app_state.store))
    return listing(rows, format, "outlets", total=len(rows))


@router.get("/outlets/{name}", summary="One outlet: its facts, what it cites, who it relays and who relays it")
def outlet(name: str, app_state: State) -> Response:
    facts = data.outlet_facts(app_state.store, name)
    cites = queries.sources(app_state.store, outlet=name)
    total, _ = app_state.article_page(outlet=name, offset=0, limit=1)
    if facts is None and not total:
        raise HTTPException(404, "no such outlet")
    relaying = app_state.provenance.ask("outlet", name)
    return JSON({"outlet": facts or {"name": name}, "articles": total,
                 "sources": cites[0].to_dict() if cites else None,
                 "relays": relaying["relays"], "relayed_by": relaying["relayed_by"]})


# --------------------------------------------------------------------------- provenance


@router.get("/reprints", summary="Reprint clusters and partial reuse across the stored texts")
def reprints(app_state: State) -> Response:
    return JSON(app_state.cached("reprints", lambda: app_state.provenance.ask("reprints")))


@router.get("/trail", summary="A publication's (id) or a quote's (quote) appearances and relay edges")
def trail(app_state: State, id: Text = None, quote: Annotated[str | None, Query(max_length=2000)] = None) -> Response:
    if id:
        found = app_state.provenance.ask("publication_trail", id)
        if found is None:
            raise HTTPException(404, "no such publication in the reprint report")
    elif quote:
        found = app_state.provenance.ask("quote_trail", quote)
    else:
        raise HTTPException(422, "give a publication id (id) or a quote's text (quote)")
    return JSON(found)


@router.get("/relays", summary="Who relays whom: the relay edge list")
def relays(app_state: State, format: Format = "json") -> Response:
    rows = app_state.provenance.ask("relays")
    return listing(rows, format, "relays", total=len(rows))


# --------------------------------------------------------------------------- relations


@router.get("/relations", summary="Relations between actors, with their evidence")
def relations(app_state: State, actor: Text = None, target: Text = None, type: Text = None, since: Day = None,
              until: Day = None, claimed_by: Text = None, limit: Limit = 100, format: Format = "json") -> Response:
    rows = [r.to_dict() for r in relation_store.relations(
        app_state.store, limit=limit, actor=actor, target=target, type=type, since=since, until=until,
        claimed_by=claimed_by)]
    return listing(rows, format, "relations", total=len(rows), limit=limit)


@router.get("/relations/timeline", summary="A dyad's relations month by month (a story republished counts once)")
def relation_timeline(app_state: State, actor: Text = None, target: Text = None, type: Text = None,
                      format: Format = "json") -> Response:
    rows = [{"month": m, "type": t, "count": n}
            for m, t, n in relation_store.timeline(app_state.store, actor=actor, target=target, type=type)]
    return listing(rows, format, "relation-timeline", total=len(rows))


@router.get("/counts", summary="How many publications, articles, quotes or relations per day, week or month")
def counts(app_state: State, of: Literal["publications", "articles", "quotes", "relations"] = "publications",
           per: Literal["day", "week", "month"] = "day", outlet: Text = None, speaker: Text = None,
           format: Format = "json") -> Response:
    rows = app_state.cached(("counts", of, per, outlet, speaker),
                            lambda: data.counts(app_state.store, of, per, outlet=outlet, speaker=speaker))
    return listing(rows, format, f"{of}-per-{per}", total=len(rows), of=of, per=per)


# --------------------------------------------------------------------------- writing (token)


class Rename(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class Merge(BaseModel):
    keep: int
    merge: int


class Split(BaseModel):
    articles: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(min_length=1, max_length=1000)
    name: str | None = Field(default=None, min_length=1, max_length=200)


def _correct(app_state: AppState, action: Any, *args: Any) -> Any:
    """Run a speaker correction on the store and refresh the cached pages; a speaker or
    article it cannot find is a 404 that says why."""
    try:
        result = action(app_state.store, *args)
    except UnknownSpeaker as exc:
        raise HTTPException(404, exc.message) from exc
    app_state.changed()
    return result


@router.post("/speakers/{entity_id}/rename", summary="Rename a speaker (token)", dependencies=[Writer])
def rename_speaker(entity_id: int, body: Rename, app_state: State) -> dict[str, Any]:
    _correct(app_state, speaker_fixes.rename, entity_id, body.name)
    return {"id": entity_id, "name": " ".join(body.name.split())}


@router.post("/speakers/{entity_id}/alias", summary="Give a speaker another name (token)", dependencies=[Writer])
def alias_speaker(entity_id: int, body: Rename, app_state: State) -> dict[str, Any]:
    _correct(app_state, speaker_fixes.alias, entity_id, body.name)
    return {"id": entity_id, "alias": " ".join(body.name.split())}


@router.post("/speakers/merge", summary="Merge one speaker into another (token)", dependencies=[Writer])
def merge_speakers(body: Merge, app_state: State) -> dict[str, Any]:
    kept, merged = _correct(app_state, speaker_fixes.merge, body.keep, body.merge)
    return {"kept": kept, "merged": merged}


@router.post("/speakers/{entity_id}/split", summary="Move a speaker's quotes in some articles to a new speaker (token)",
             dependencies=[Writer])
def split_speaker(entity_id: int, body: Split, app_state: State) -> dict[str, Any]:
    new_id = _correct(app_state, speaker_fixes.split, entity_id, body.articles, body.name)
    return {"id": entity_id, "new_id": new_id}


@router.post("/ingest", summary="Analyse a posted text or HTML page and store it (token)", dependencies=[Writer],
             openapi_extra=ANALYZE_BODY)
async def ingest(request: Request, app_state: State) -> dict[str, Any]:
    payload = await _json_body(request, app_state.max_analyze_bytes)
    analysis = await run_in_threadpool(_analyse, payload)
    added = await run_in_threadpool(app_state.store.add, analysis)
    app_state.changed()
    return {"id": analysis.id, "stored": added}
