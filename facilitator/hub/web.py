"""The hub's web application: the sync API and the young people's pages over the hub database.

``declic hub serve`` runs it with waitress; tests run it on 127.0.0.1 in a thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, Response, abort, g, render_template, request, send_from_directory
from waitress.server import create_server

from engine.reference import assets_dir
from facilitator.hub import api, followup_web, logins, pages
from facilitator.portal.app import FONTS, secure_response, web_link
from facilitator.portal.security import CSRF_COOKIE, SESSION_COOKIE

PORTAL = Path(__file__).resolve().parent.parent / "portal"
MAX_REQUEST_BYTES = 16 * 1024 * 1024


def create_hub_app(engine: sa.Engine, *, clock: Callable[[], float] = time.time) -> Flask:
    """The hub for ``engine``: the portal's pages over the hub database, plus the sync API."""
    app = Flask(
        __name__,
        template_folder=str(PORTAL / "templates"),
        static_folder=str(PORTAL / "static"),
    )
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.extensions["declic_hub"] = api.HubContext(engine, clock)

    @app.before_request
    def _open() -> None:
        g.now = clock()
        g.login = None
        if request.endpoint in ("static", "font") or request.path.startswith("/hub/api/"):
            return
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            with engine.connect() as conn:
                g.login = logins.current_login(conn, cookie, g.now)
        g.csrf_cookie = request.cookies.get(CSRF_COOKIE) or ""
        g.new_csrf_cookie = None
        if not g.login and not g.csrf_cookie:
            g.new_csrf_cookie = g.csrf_cookie = logins.new_token()

    app.after_request(secure_response)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        login = g.get("login")
        return {
            "login": login,
            "csrf": login.csrf if login else g.get("csrf_cookie", ""),
            # the badges stay on the laptop that signed them: no « Garder mes badges » here
            "badge_pages": False,
        }

    @app.get("/static/fonts/<name>")
    def font(name: str) -> Response:
        if name not in FONTS:
            abort(404)
        return send_from_directory(assets_dir() / "fonts", name, max_age=86400)

    for status, template in ((400, "400.html"), (403, "403.html"), (404, "404.html")):
        app.register_error_handler(status, _error_page(template, status))
    app.add_template_filter(web_link)
    app.register_blueprint(api.blueprint)
    app.register_blueprint(pages.public)
    app.register_blueprint(pages.counsellor)
    app.register_blueprint(followup_web.blueprint)
    return app


def _error_page(template: str, status: int) -> Callable[[Exception], tuple[str, int]]:
    def handler(_error: Exception) -> tuple[str, int]:
        return render_template(template), status

    return handler


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
