"""``sourcier serve``: the corpus as a web app and an HTTP API (FastAPI, server-rendered pages)."""

from sourcier.serve.app import create_app

__all__ = ["create_app"]
