"""``sourcier serve``: the corpus as a web app and HTTP API."""

from __future__ import annotations

import click

from sourcier.cli.corpus import DB_DEFAULT
from sourcier.cli.output import quiet_option

WORKER_HEALTHCHECK_SECONDS = 120


@click.command("serve")
@click.option("--db", default=None, metavar="URL", envvar="SOURCIER_DB", show_envvar=True,
              help=f"the corpus database (default {DB_DEFAULT})")
@click.option("--host", default="127.0.0.1", show_default=True, help="address to listen on (loopback by default)")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="port to listen on")
@click.option("--token", envvar="SOURCIER_TOKEN", default=None,
              help="enables the writing endpoints, which then require 'Authorization: Bearer TOKEN' "
                   "(or set SOURCIER_TOKEN)")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="server processes (more serve more readers at once on a many-core machine)")
@quiet_option
def serve(db: str | None, host: str, port: int, token: str | None, workers: int, quiet: bool) -> None:
    """Open the corpus in a browser (home /, search /search, API /api, docs /docs)."""
    import os

    import uvicorn

    from sourcier.errors import StoreError
    from sourcier.serve import create_app

    try:
        app = create_app(db or DB_DEFAULT, token)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    if not quiet:
        click.echo(f"Sourcier on http://{host}:{port}/  (API docs: /docs; Ctrl-C to stop)")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    app.state.sourcier.store.close()  # checked; each worker opens its own
    os.environ["SOURCIER_DB"] = db or DB_DEFAULT
    if token:
        os.environ["SOURCIER_TOKEN"] = token
    # A worker that does not answer the supervisor's ping in time is killed and started again:
    # uvicorn's 5 s is less than a busy small machine takes to start one (the corpus-wide
    # reprints are computed by a helper process of each worker, which does not hold it up).
    uvicorn.run("sourcier.serve.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning", timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS)
