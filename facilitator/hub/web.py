"""The hub's web application: the portal's pages over the hub database, the sync API, admin.

``declic hub serve`` runs it with waitress; tests run it on 127.0.0.1 in a thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask
from waitress.server import create_server

from facilitator.hub import admin, api, credentials_web, followup_web
from facilitator.hub.retention import RETENTION_EVERY, RetentionSchedule
from facilitator.hub.store import HubStore
from facilitator.portal.app import create_web_app

MAX_REQUEST_BYTES = 16 * 1024 * 1024


def create_hub_app(
    engine: sa.Engine,
    *,
    clock: Callable[[], float] = time.time,
    retention_every: float = RETENTION_EVERY,
) -> Flask:
    """The hub for ``engine``: the portal's one application over the hub database
    (``HubStore``), plus the laptops' sync API and the admins' pages. Retention is applied
    while it serves, at most once every ``retention_every`` seconds (``retention.py``)."""
    context = api.HubContext(engine, clock)
    app = create_web_app(
        HubStore(context),
        clock=clock,
        # did:web documents, status lists, laptop keys and /verifier (credentials_web.py)
        blueprints=(
            api.blueprint,
            admin.blueprint,
            credentials_web.blueprint,
            followup_web.blueprint,  # follow-ups, dashboards, the catalogue (issue 15)
        ),
    )
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.extensions["declic_hub"] = context
    schedule = RetentionSchedule(engine, retention_every)

    @app.before_request
    def _retention() -> None:
        schedule.run_if_due(clock())

    return app


class ServerThread:
    """A waitress server on 127.0.0.1 in a daemon thread (tests, bench)."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0, threads: int = 8):
        self.server = create_server(
            app, host=host, port=port, threads=threads, asyncore_use_poll=True
        )
        self.port = int(self.server.effective_port)
        self.url = f"http://{host}:{self.port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close every socket from the server's own loop thread, so its loop ends cleanly."""
        server = self.server

        def stop() -> None:
            for channel in list(server._map.values()):
                channel.close()

        server.trigger.pull_trigger(stop)
        self.thread.join(timeout=5)
        server.task_dispatcher.shutdown()
