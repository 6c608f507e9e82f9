"""The hub's web application: the sync API and the young people's pages over the hub database.

``declic hub serve`` runs it with waitress; tests run it on 127.0.0.1 in a thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from waitress.server import create_server

from facilitator.hub import api

PORTAL = Path(__file__).resolve().parent.parent / "portal"
MAX_REQUEST_BYTES = 16 * 1024 * 1024


def create_hub_app(engine: sa.Engine, *, clock: Callable[[], float] = time.time) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(PORTAL / "templates"),
        static_folder=str(PORTAL / "static"),
    )
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.extensions["declic_hub"] = api.HubContext(engine, clock)
    app.register_blueprint(api.blueprint)
    return app


class ServerThread:
    """A waitress server on 127.0.0.1 in a daemon thread (tests, bench)."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0, threads: int = 8):
        self.server = create_server(app, host=host, port=port, threads=threads)
        self.port = int(self.server.effective_port)
        self.url = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.close()
        self.thread.join(timeout=5)
