"""The application factory."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sourcier.errors import SourcierError
from sourcier.serve import api, pages
from sourcier.serve.provenance import NotReady
from sourcier.serve.state import MAX_ANALYZE_BYTES, AppState, RateLimiter
from sourcier.serve.templating import templates
from sourcier.store import open_store

STATIC = Path(__file__).parent / "static"


# Own scripts and styles only: an injected <script> could not run even if it got through.
HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Adds :data:`HEADERS` to every HTTP response (plain ASGI: no per-request task overhead)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


def app_from_environment() -> FastAPI:
    """For ``uvicorn --factory`` with several workers: the database URL and token come from
    ``SOURCIER_DB`` and ``SOURCIER_TOKEN``."""
    return create_app(os.environ.get("SOURCIER_DB"), os.environ.get("SOURCIER_TOKEN"))


def create_app(store_url: str | None, token: str | None = None, *, max_analyze_bytes: int = MAX_ANALYZE_BYTES,
               analyze_per_minute: int = 10) -> FastAPI:
    """The web app and API over the corpus at ``store_url``. Writing endpoints are off
    unless ``token`` is given; then they require ``Authorization: Bearer <token>``."""
    store = open_store(store_url, create=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.sourcier.provenance.close()
        store.close()

    app = FastAPI(title="Sourcier", summary="Quotes, speakers, cited media, trails and relations of a news corpus",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.sourcier = AppState(store, token or None, max_analyze_bytes, RateLimiter(analyze_per_minute),
                                  store_url=store_url)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(SecurityHeaders)

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

    @app.exception_handler(NotReady)
    def not_ready(request: Request, exc: NotReady) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503, headers={"Retry-After": "30"})

    @app.exception_handler(SourcierError)
    def store_error(request: Request, exc: SourcierError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return app
