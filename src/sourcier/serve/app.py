"""The application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from sourcier.errors import SourcierError
from sourcier.serve import api, pages
from sourcier.serve.state import MAX_ANALYZE_BYTES, AppState, RateLimiter
from sourcier.serve.templating import templates
from sourcier.store import open_store

STATIC = Path(__file__).parent / "static"


def create_app(store_url: str | None, token: str | None = None, *, max_analyze_bytes: int = MAX_ANALYZE_BYTES,
               analyze_per_minute: int = 10) -> FastAPI:
    """The web app and API over the corpus at ``store_url``. Writing endpoints are off
    unless ``token`` is given; then they require ``Authorization: Bearer <token>``."""
    store = open_store(store_url, create=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="Sourcier", summary="Quotes, speakers, cited media, trails and relations of a news corpus",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.sourcier = AppState(store, token or None, max_analyze_bytes, RateLimiter(analyze_per_minute))
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        """The endpoints, read from the OpenAPI document (works offline: no Swagger from a CDN)."""
        spec = app.openapi()
        endpoints = [
            {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
             "description": op.get("description", ""),
             "parameters": [p["name"] for p in op.get("parameters", [])]}
            for path, ops in spec["paths"].items() for method, op in ops.items()
        ]
        return templates.TemplateResponse(request, "docs.html", {"endpoints": endpoints, "title": "API"})

    @app.exception_handler(SourcierError)
    def store_error(request: Request, exc: SourcierError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        # Own scripts and styles only: an injected <script> could not run even if it got through.
        response.headers.setdefault("Content-Security-Policy",
                                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    return app
