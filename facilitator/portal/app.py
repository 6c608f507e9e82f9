"""The one Flask application of `declic portal` and `declic hub serve`: the factory, the
request's login, security headers, errors. What the pages read comes from a `WebStore`.

Why Flask + Jinja2 + waitress: Flask is small, long-maintained and has a real test client;
Jinja2 escapes every value by default; waitress is a pure-Python production WSGI server
that runs the same on the Mission Locale's Windows PC and on Linux, with no build step.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    g,
    render_template,
    request,
    send_from_directory,
)

from engine.reference import assets_dir
from facilitator.portal import counsellor, public, small_counts
from facilitator.portal.accounts import ensure_schema
from facilitator.portal.security import CSRF_COOKIE, SESSION_COOKIE, new_token
from facilitator.portal.store import STORE, WebStore
from facilitator.portal.verifier import blueprint as verifier_pages
from facilitator.portal.workshop import WorkshopStore
from facilitator.storage.db import open_database

NO_LOGIN_PREFIX = "/hub/api/"  # the laptops' sync API authenticates devices, not people
FONTS = {"Andika-Regular.ttf", "Andika-Bold.ttf"}
# No inline script or style, nothing from elsewhere; no Referer, so a /s/TOKEN address never
# leaks to a training organisation's site through a link.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; "
        "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}


def secure_response(response: Response) -> Response:
    """Security headers, no caching of pages, and the CSRF cookie a form page needs: the
    portal's and the hub's pages are finished the same way."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    if g.get("new_csrf_cookie") and response.mimetype == "text/html":
        response.set_cookie(
            CSRF_COOKIE,
            g.new_csrf_cookie,
            httponly=True,
            samesite="Strict",
            secure=request.is_secure,
        )
    return response


def create_app(
    db_path: str | Path,
    *,
    clock: Callable[[], float] = time.time,
    today: Callable[[], date] = date.today,
) -> Flask:
    """The portal for one workshop database (`declic portal`). `clock` and `today` are
    injectable for tests.

    Raises `StorageError` (French message) when the file is not a usable Déclic database.
    """
    db = open_database(db_path)  # migrations and the privacy check, once at start
    try:
        ensure_schema(db)
    finally:
        db.close()
    workshop = WorkshopStore(str(db_path))
    app = create_web_app(workshop, clock=clock, today=today, blueprints=(verifier_pages,))
    app.config["DB_PATH"] = str(db_path)

    @app.before_request
    def _badge_database() -> None:
        if request.blueprint == "verifier":  # the badge pages read the workshop file itself
            g.db = workshop.db

    return app


#: Pages with no form for someone not logged in: no CSRF cookie to make and set (the young
#: person's card is the page a whole region opens; its QR code is its only way in).
NO_FORM = frozenset({"public.card", "public.card_png"})


def create_web_app(
    store: WebStore,
    *,
    clock: Callable[[], float] = time.time,
    today: Callable[[], date] | None = None,
    blueprints: Iterable[Blueprint] = (),
) -> Flask:
    """The one web application: the young person's pages, the counsellors' pages and
    `blueprints`, over `store` (the laptop's workshop database or the hub's). Each further
    feature is one Blueprint, passed here by its caller."""
    app = Flask(__name__)
    app.config.update(CLOCK=clock, TODAY=today or (lambda: date.fromtimestamp(clock())))
    app.extensions[STORE] = store

    @app.before_request
    def _open() -> None:
        g.now = clock()
        g.login = None
        if request.endpoint in ("static", "font") or request.path.startswith(NO_LOGIN_PREFIX):
            return  # files and the laptops' sync API: no login session
        g.login = store.current_login(request.cookies.get(SESSION_COOKIE), g.now)
        g.csrf_cookie = request.cookies.get(CSRF_COOKIE) or ""
        g.new_csrf_cookie = None
        if not g.login and not g.csrf_cookie and request.endpoint not in NO_FORM:
            g.new_csrf_cookie = g.csrf_cookie = new_token()

    @app.teardown_request
    def _close(_exc: BaseException | None) -> None:
        if request.endpoint not in ("static", "font"):
            store.end_request()

    app.after_request(secure_response)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        login = g.get("login")
        return {
            "login": login,
            "csrf": login.csrf if login else g.get("csrf_cookie", ""),
            "badge_pages": store.badge_pages,
            "local_accounts": store.local_accounts,
        }

    app.add_template_filter(web_link)
    app.add_template_filter(few)

    @app.get("/static/fonts/<name>")
    def font(name: str) -> Response:
        if name not in FONTS:
            abort(404)
        return send_from_directory(assets_dir() / "fonts", name, max_age=86400)

    for status, template in ((400, "400.html"), (403, "403.html"), (404, "404.html")):
        app.register_error_handler(status, _error_page(status, template))
    app.register_blueprint(public.blueprint)
    app.register_blueprint(counsellor.blueprint)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    return app


def few(count: int, hide: bool = True) -> str:
    """A count of young people as the region reads it: under 5 (0 included) « < 5 »."""
    return small_counts.shown(count, hide and count < small_counts.THRESHOLD)


def web_link(url: object) -> str:
    """The address a link may point to, or "": only http(s) with a host. A training catalogue
    is imported from elsewhere, and `javascript:` or `data:` in an href runs in the portal."""
    if not isinstance(url, str) or any(c.isspace() or not c.isprintable() for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else ""


def _error_page(status: int, template: str) -> Callable[[Exception], tuple[str, int]]:
    def handler(_error: Exception) -> tuple[str, int]:
        return render_template(template), status

    return handler
