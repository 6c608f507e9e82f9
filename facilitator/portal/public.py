"""Pages without login: the young person's card (QR link or short code), login and logout.

The same views on a laptop and on the hub: what they read goes through ``web_store()``."""

from __future__ import annotations

import unicodedata

from flask import (
    Blueprint,
    Response,
    abort,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from facilitator.portal.security import SESSION_COOKIE, SESSION_SECONDS, tokens_match
from facilitator.portal.store import web_store

blueprint = Blueprint("public", __name__)


def check_csrf() -> None:
    """Refuse a form whose hidden token is not this browser's (403, nothing done)."""
    expected = g.login.csrf if g.login else g.csrf_cookie
    if g.get("new_csrf_cookie") or not tokens_match(expected, request.form.get("csrf")):
        abort(403)


def _ip() -> str:
    return request.remote_addr or "?"


@blueprint.get("/")
@blueprint.get("/s")
@blueprint.get("/s/")
def home() -> str:
    """The code form; `/s` is the address printed on the card beside the short code."""
    return render_template("code.html", code="", error=None)


@blueprint.get("/s/<token>")
def card(token: str) -> str:
    found = web_store().card_by_token(token)
    if found is None:
        abort(404)  # same page whether the token never existed or was erased
    shown, organisation = found  # once enrolled, the page names its Mission Locale
    return render_template("card.html", card=shown, organisation=organisation)


@blueprint.get("/s/<token>/carte.png")
def card_png(token: str) -> Response:
    png = web_store().card_png(token, request.host_url)
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png")


@blueprint.route("/code", methods=["GET", "POST"])
def code() -> str | BaseResponse | tuple[str, int]:
    if request.method == "GET":
        return render_template("code.html", code="", error=None)
    check_csrf()
    typed = request.form.get("code", "")[:40]
    attempt = web_store().try_code(_ip(), typed, g.now)
    if attempt.wait > 0:
        error = f"Trop d'essais. Attends {int(attempt.wait) + 1} secondes, puis recommence."
        return render_template("code.html", code=typed, error=error), 429
    if attempt.found is None:
        error = "Ce code ne marche pas. Vérifie les 8 signes sur ta carte."
        return render_template("code.html", code=typed, error=error), 404
    return redirect(url_for("public.card", token=attempt.found), code=303)


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> str | BaseResponse | tuple[str, int]:
    next_page = safe_next(request.values.get("suite", ""))
    if request.method == "GET":
        if g.login:
            return redirect(next_page or url_for("counsellor.sessions"))
        return render_template("login.html", name="", error=None, suite=next_page)
    check_csrf()
    name = request.form.get("nom", "")[:80]
    password = request.form.get("mot_de_passe", "")[:1000]
    attempt = web_store().try_login(_ip(), name, password, g.now)
    if attempt.wait > 0:
        error = f"Trop d'essais. Réessayez dans {int(attempt.wait) + 1} secondes."
        return render_template("login.html", name=name, error=error, suite=next_page), 429
    if attempt.found is None:
        error = "Nom ou mot de passe incorrect."
        return render_template("login.html", name=name, error=error, suite=next_page), 401
    response = redirect(next_page or url_for("counsellor.sessions"), code=303)
    response.set_cookie(
        SESSION_COOKIE,
        attempt.found,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure,
        max_age=SESSION_SECONDS,
    )
    return response


@blueprint.post("/logout")
def logout() -> BaseResponse:
    if g.login:
        check_csrf()
    web_store().close_session(request.cookies.get(SESSION_COOKIE))
    response = make_response(redirect(url_for("public.login", parti=1), code=303))
    response.delete_cookie(SESSION_COOKIE, samesite="Strict", httponly=True)
    return response


def safe_next(value: str) -> str:
    """Only a path of this site: never `//elsewhere` or `https://…` (open redirect).

    Browsers drop tabs and line breaks from an address (a slash, a tab, `/evil.example` is
    `//evil.example`), and a line break cannot go into a header: a value holding any control
    or invisible formatting character is refused whole rather than cleaned."""
    if len(value) > 2000 or any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value):
        return ""
    if value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return ""
