"""The hub's pages: the young person's card and code form, counsellors' login and their pages.

The same templates as ``declic portal`` (``facilitator/portal/templates``) and the same
endpoint names, read through ``youth`` and ``reads`` so that every read of a player is
inside the logged-in person's organisation; a ``region`` user gets the statistics only.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

import sqlalchemy as sa
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

from facilitator.hub import logins, reads, youth
from facilitator.hub.api import hub_context
from facilitator.portal.public import check_csrf, safe_next  # the portal's own checks
from facilitator.portal.security import CONSULTED, SESSION_COOKIE, WROTE_NOTES

public = Blueprint("public", __name__)
counsellor = Blueprint("counsellor", __name__)
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., object])
MAX_NOTES = 5000
SESSIONS_PAGE = 500
AUDIT_SHOWN = 200


def run(work: Callable[[sa.Connection], T]) -> T:
    with hub_context().engine.begin() as conn:
        return work(conn)


def read(work: Callable[[sa.Connection], T]) -> T:
    """A read that writes nothing: on PostgreSQL without BEGIN/COMMIT round trips."""
    with hub_context().reader.connect() as conn:
        return work(conn)


def _ip() -> str:
    return request.remote_addr or "?"


# --- the young person ---------------------------------------------------------------------------


@public.get("/")
@public.get("/s")
@public.get("/s/")
def home() -> str:
    return render_template("code.html", code="", error=None)


@public.get("/s/<token>")
def card(token: str) -> str:
    found = read(lambda conn: youth.card_by_token(conn, token))
    if found is None:
        abort(404)
    shown, organisation = found
    return render_template("card.html", card=shown, organisation=organisation)


@public.get("/s/<token>/carte.png")
def card_png(token: str) -> Response:
    image = read(lambda conn: youth.card_image(conn, token, request.host_url))
    if image is None:
        abort(404)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return Response(out.getvalue(), mimetype="image/png")


@public.route("/code", methods=["GET", "POST"])
def code() -> str | BaseResponse | tuple[str, int]:
    if request.method == "GET":
        return render_template("code.html", code="", error=None)
    check_csrf()
    typed = request.form.get("code", "")[:40]
    keys = logins.code_limits(_ip())

    def look(conn: sa.Connection) -> tuple[float, str | None]:
        wait = logins.wait_before_retry(conn, keys, g.now)
        if wait > 0:
            return wait, None
        token = youth.token_by_short_code(conn, typed)
        if token is None:
            logins.record_failure(conn, keys, g.now)
        return 0.0, token

    wait, token = run(look)
    if wait > 0:
        error = f"Trop d'essais. Attends {int(wait) + 1} secondes, puis recommence."
        return render_template("code.html", code=typed, error=error), 429
    if token is None:
        error = "Ce code ne marche pas. Vérifie les 8 signes sur ta carte."
        return render_template("code.html", code=typed, error=error), 404
    return redirect(url_for("public.card", token=token), code=303)


# --- counsellors' login -------------------------------------------------------------------------


@public.route("/login", methods=["GET", "POST"])
def login() -> str | BaseResponse | tuple[str, int]:
    next_page = safe_next(request.values.get("suite", ""))
    if request.method == "GET":
        if g.login:
            return redirect(next_page or url_for("counsellor.sessions"))
        return render_template("login.html", name="", error=None, suite=next_page)
    check_csrf()
    name = request.form.get("nom", "")[:80]
    password = request.form.get("mot_de_passe", "")[:1000]
    keys = logins.login_limits(_ip(), name)

    def attempt(conn: sa.Connection) -> tuple[float, str | None]:
        from facilitator.hub.people import check_user_password

        wait = logins.wait_before_retry(conn, keys, g.now)
        if wait > 0:
            return wait, None
        user = check_user_password(conn, name, password)
        if user is None:
            logins.record_failure(conn, keys, g.now)
            return 0.0, None
        logins.clear_account(conn, keys)
        return 0.0, logins.open_session(conn, user, g.now)

    wait, cookie = run(attempt)
    if wait > 0:
        error = f"Trop d'essais. Réessayez dans {int(wait) + 1} secondes."
        return render_template("login.html", name=name, error=error, suite=next_page), 429
    if cookie is None:
        error = "Nom ou mot de passe incorrect."
        return render_template("login.html", name=name, error=error, suite=next_page), 401
    response = redirect(next_page or url_for("counsellor.sessions"), code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="Strict",
        secure=request.is_secure,
        max_age=int(logins.SESSION_SECONDS),
    )
    return response


@public.post("/logout")
def logout() -> BaseResponse:
    if g.login:
        check_csrf()
    run(lambda conn: logins.close_session(conn, request.cookies.get(SESSION_COOKIE)))
    response = make_response(redirect(url_for("public.login", parti=1), code=303))
    response.delete_cookie(SESSION_COOKIE, samesite="Strict", httponly=True)
    return response


# --- counsellors' pages -------------------------------------------------------------------------


def login_required(*roles: str) -> Callable[[F], F]:
    """Logged in, with one of ``roles``; a region user reaching a player page gets 403."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: object, **kwargs: object) -> object:
            if g.login is None:
                if request.method != "GET":
                    abort(403)
                return redirect(url_for("public.login", suite=request.full_path.rstrip("?")))
            if g.login.user.role not in roles:
                if request.endpoint == "counsellor.sessions":
                    return redirect(url_for("counsellor.stats"))
                abort(403)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


PEOPLE = ("counsellor", "admin")


@counsellor.get("/sessions")
@login_required(*PEOPLE)
def sessions() -> str:
    search = request.args.get("q", "")[:80]
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= 10_000:
        page = 1
    start = (page - 1) * SESSIONS_PAGE
    found, more = read(
        lambda conn: reads.org_sessions(conn, g.login.user.org_id, search, SESSIONS_PAGE, start)
    )
    return render_template(
        "sessions.html",
        sessions=found,
        q=search,
        page=page,
        more=more,
        first=start + 1,
        last=start + sum(len(s.players) for s in found),
    )


@counsellor.get("/joueur/<int:player_id>")
@login_required(*PEOPLE)
def player(player_id: int) -> str:
    user = g.login.user

    def read(conn: sa.Connection) -> tuple[Any, Any]:
        shown = reads.org_player(conn, user.org_id, player_id)
        if shown is None:
            return None, None
        reads.log_access(conn, user.org_id, user.name, CONSULTED, player_id, g.now)
        return shown, reads.player_notes(conn, user.org_id, player_id)

    shown, notes = run(read)
    if shown is None:
        abort(404)  # the same answer for another organisation's player and an unknown one
    from facilitator.portal.counsellor import training_filters
    from facilitator.trainings.match import BASIS_REMOTE

    return render_template(
        "player.html",
        card=shown,
        filters=training_filters(shown.player.home_town),
        trainings=[],
        problems=[],
        today=datetime.fromtimestamp(g.now).date(),
        notes=notes,
        saved=request.args.get("enregistre") == "1",
        remote_basis=BASIS_REMOTE,
    )


@counsellor.post("/joueur/<int:player_id>/notes")
@login_required(*PEOPLE)
def save_notes(player_id: int) -> BaseResponse:
    check_csrf()
    user = g.login.user
    text = request.form.get("notes", "")[:MAX_NOTES]

    def write(conn: sa.Connection) -> bool:
        if reads.org_player(conn, user.org_id, player_id) is None:
            return False
        reads.save_notes(conn, user.org_id, player_id, user.name, text, g.now)
        reads.log_access(conn, user.org_id, user.name, WROTE_NOTES, player_id, g.now)
        return True

    if not run(write):
        abort(404)
    return redirect(
        url_for("counsellor.player", player_id=player_id, enregistre=1) + "#notes", code=303
    )


@counsellor.get("/stats")
@login_required("counsellor", "admin", "region")
def stats() -> str:
    user = g.login.user
    scope = None if user.role == "region" else user.org_id
    return render_template("stats.html", stats=read(lambda c: reads.territory_stats(c, scope)))


@counsellor.get("/audit")
@login_required(*PEOPLE)
def audit_log() -> str:
    user = g.login.user
    name = request.args.get("conseiller", "")[:80].strip()
    before = request.args.get("avant", type=int)
    if before is not None and not 0 < before < 2**62:
        before = None

    def read(conn: sa.Connection) -> dict[str, Any]:
        entries = reads.org_access_log(conn, user.org_id, name, before, AUDIT_SHOWN + 1)
        older = entries[AUDIT_SHOWN - 1].id if len(entries) > AUDIT_SHOWN else None
        entries = entries[:AUDIT_SHOWN]
        ids = [e.player_id for e in entries]
        names = reads.org_log_names(conn, user.org_id)
        return {
            "entries": entries,
            "players": reads.org_players_by_ids(conn, user.org_id, ids),
            "names": names,
            "selected": name if name in names else "",
            "chosen": name,
            "older": older,
            "paged": before is not None,
        }

    return render_template("audit.html", **run(read))
