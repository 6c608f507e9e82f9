"""Pages without login: the young person's card (QR link or short code), login and logout."""

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

from facilitator.portal import data
from facilitator.portal.accounts import check_password
from facilitator.portal.security import (
    SESSION_COOKIE,
    clear_failures,
    close_session,
    open_session,
    record_failure,
    throttle_key,
    tokens_match,
    wait_before_retry,
)
from facilitator.storage.hub_link import read_link

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
    player = data.player_by_token(g.db, token)
    if player is None:
        abort(404)  # same page whether the token never existed or was erased
    link = read_link(g.db)  # once this laptop is enrolled, the page names its Mission Locale
    return render_template(
        "card.html",
        card=data.player_card(g.db, player),
        organisation=link.organisation if link else None,
    )


@blueprint.get("/s/<token>/carte.png")
def card_png(token: str) -> Response:
    player = data.player_by_token(g.db, token)
    if player is None:
        abort(404)
    try:
        png = data.card_png(g.db, player, base_url=request.host_url)
    except LookupError:
        abort(404)
    return Response(png, mimetype="image/png")


@blueprint.route("/code", methods=["GET", "POST"])
def code() -> str | BaseResponse | tuple[str, int]:
    if request.method == "GET":
        return render_template("code.html", code="", error=None)
    check_csrf()
    typed = request.form.get("code", "")[:40]
    key = throttle_key(f"code:{_ip()}", "code")  # its own counters, apart from logins
    wait = wait_before_retry(g.db, key, g.now)
    if wait > 0:
        error = f"Trop d'essais. Attends {int(wait) + 1} secondes, puis recommence."
        return render_template("code.html", code=typed, error=error), 429
    player = data.player_by_short_code(g.db, typed)
    if player is None:
        record_failure(g.db, key, g.now)
        error = "Ce code ne marche pas. Vérifie les 8 signes sur ta carte."
        return render_template("code.html", code=typed, error=error), 404
    return redirect(url_for("public.card", token=player.token), code=303)


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
    key = throttle_key(_ip(), name)
    wait = wait_before_retry(g.db, key, g.now)
    if wait > 0:
        error = f"Trop d'essais. Réessayez dans {int(wait) + 1} secondes."
        return render_template("login.html", name=name, error=error, suite=next_page), 429
    counsellor = check_password(g.db, name, password)
    if counsellor is None:
        record_failure(g.db, key, g.now)
        error = "Nom ou mot de passe incorrect."
        return render_template("login.html", name=name, error=error, suite=next_page), 401
    clear_failures(g.db, key)
    cookie = open_session(g.db, counsellor, g.now)
    response = redirect(next_page or url_for("counsellor.sessions"), code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure,
        max_age=8 * 3600,
    )
    return response


@blueprint.post("/logout")
def logout() -> BaseResponse:
    if g.login:
        check_csrf()
    close_session(g.db, request.cookies.get(SESSION_COOKIE))
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
