"""Pages behind the login: sessions and players, one player's full view, territory statistics,
the audit log.

The same views on a laptop and on the hub (``web_store()`` reads inside what the logged-in
person may see). Roles: counsellors and admins open players; a ``region`` user (hub only)
gets the statistics, and is sent there from the list of sessions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from engine.reference.geo import find_town
from facilitator.portal import data
from facilitator.portal.accounts import MAX_NAME_LENGTH
from facilitator.portal.public import check_csrf
from facilitator.portal.store import PEOPLE, REGION, TrainingQuery, web_store
from facilitator.trainings.match import BASIS_REMOTE, Match

blueprint = Blueprint("counsellor", __name__)

MAX_NOTES = 5000
DEFAULT_RADIUS_KM = 30
DEFAULT_WEEKS = 12
TRAININGS_SHOWN = 10
AUDIT_SHOWN = 200
SESSIONS_PAGE = 500  # players a page
MAX_PAGE = 10**9

F = TypeVar("F", bound=Callable[..., object])


def login_required(*roles: str) -> Callable[[F], F]:
    """Pages behind the login for ``roles``: without a valid session, GET goes to the login
    page and POST is refused; another role gets 403 (a region user asking for the sessions
    is sent to the statistics)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: object, **kwargs: object) -> object:
            if g.login is None:
                if request.method != "GET":
                    abort(403)
                return redirect(url_for("public.login", suite=request.full_path.rstrip("?")))
            if g.login.role not in roles:
                if request.endpoint == "counsellor.sessions":
                    return redirect(url_for("counsellor.stats"))
                abort(403)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


@blueprint.get("/sessions")
@login_required(*PEOPLE)
def sessions() -> str:
    """Players by session, SESSIONS_PAGE at a time (`page`, from 1; a number that makes no
    sense shows the first page)."""
    search = request.args.get("q", "")[:80]
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= MAX_PAGE:
        page = 1
    found, more = web_store().list_sessions(
        g.login, search, SESSIONS_PAGE, (page - 1) * SESSIONS_PAGE
    )
    return render_template(
        "sessions.html",
        sessions=found,
        q=search,
        page=page,
        more=more,
        first=(page - 1) * SESSIONS_PAGE + 1,
        last=(page - 1) * SESSIONS_PAGE + sum(len(s.players) for s in found),
    )


@dataclass(frozen=True, slots=True)
class Filters:
    """The training search as typed in the form; `problems` are shown beside the results."""

    town: str
    radius: float | None
    weeks: float | None
    remote: bool
    job: str
    problems: tuple[str, ...]


def _number(name: str, default: float, problems: list[str], label: str) -> float | None:
    raw = request.args.get(name)
    if raw is None:
        return default
    raw = raw.strip().replace(",", ".")
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        problems.append(f"{label} : « {raw[:20]} » n'est pas un nombre, filtre ignoré.")
        return None
    if not 0 < value <= 1000:
        problems.append(f"{label} : entre 1 et 1000, filtre ignoré.")
        return None
    return value


def training_filters(home_town: str | None) -> Filters:
    problems: list[str] = []
    submitted = "commune" in request.args
    return Filters(
        town=request.args.get("commune", home_town or "")[:60].strip(),
        radius=_number("rayon", DEFAULT_RADIUS_KM, problems, "Rayon"),
        weeks=_number("semaines", DEFAULT_WEEKS, problems, "Début dans"),
        remote=(request.args.get("distance") == "1") if submitted else True,
        job=request.args.get("metier", "")[:10],
        problems=tuple(problems),
    )


def _trainings(
    jobs: tuple[data.Job, ...], filters: Filters, today: date
) -> tuple[list[Match], list[str]]:
    problems = list(filters.problems)
    codes = [job.code for job in jobs if not filters.job or job.code == filters.job][:3]
    if not codes:
        return [], problems
    home = None
    radius = filters.radius
    if filters.town:
        town = find_town(filters.town)
        if town is None:
            problems.append(f"Commune « {filters.town} » inconnue : essayez le code postal.")
        else:
            home = (town.lat, town.lon)
    if home is None:
        radius = None
    try:
        query = TrainingQuery(
            tuple(codes), home, today, radius, filters.weeks, filters.remote, TRAININGS_SHOWN
        )
        found = web_store().match_trainings(query)
    except ValueError as error:
        problems.append(str(error))
        found = []
    return found, problems


@blueprint.get("/joueur/<int:player_id>")
@login_required(*PEOPLE)
def player(player_id: int) -> str:
    shown = web_store().open_player(g.login, player_id, _ip(), g.now)
    if shown is None:
        abort(404)  # the same answer for another organisation's player and an unknown one
    filters = training_filters(shown.card.player.home_town)
    today = current_app.config["TODAY"]()
    trainings, problems = _trainings(shown.card.jobs, filters, today)
    return render_template(
        "player.html",
        card=shown.card,
        filters=filters,
        trainings=trainings,
        problems=problems,
        today=today,
        notes=shown.notes,
        saved=request.args.get("enregistre") == "1",
        remote_basis=BASIS_REMOTE,
    )


@blueprint.post("/joueur/<int:player_id>/notes")
@login_required(*PEOPLE)
def save_notes(player_id: int) -> BaseResponse:
    check_csrf()
    text = request.form.get("notes", "")[:MAX_NOTES]
    if not web_store().save_notes(g.login, player_id, text, _ip(), g.now):
        abort(404)
    return redirect(
        url_for("counsellor.player", player_id=player_id, enregistre=1) + "#notes", code=303
    )


@blueprint.get("/stats")
@login_required(*PEOPLE, REGION)
def stats() -> str:
    """The territory's figures; for a region user (every organisation's young people, no
    pseudonym) a count under 5 is « < 5 », as on the dashboards."""
    region = g.login.role == REGION
    return render_template("stats.html", stats=web_store().stats(g.login), small_hidden=region)


@blueprint.get("/audit")
@login_required(*PEOPLE)
def audit_log() -> str:
    """Who consulted or annotated which player, newest first, AUDIT_SHOWN a page. Reading it
    is not itself recorded: it names only counsellors and what the other pages show."""
    name = request.args.get("conseiller", "")[: 2 * MAX_NAME_LENGTH].strip()
    before = request.args.get("avant", type=int)
    if before is not None and not 0 < before < 2**63:  # not an id SQLite could hold
        before = None
    found = web_store().audit_page(g.login, name, before, AUDIT_SHOWN + 1)
    entries = found.entries
    older = entries[AUDIT_SHOWN - 1].id if len(entries) > AUDIT_SHOWN else None
    return render_template(
        "audit.html",
        entries=entries[:AUDIT_SHOWN],
        players=found.players,
        names=found.names,
        selected=found.selected,
        chosen=name,
        older=older,
        paged=before is not None,
    )


def _ip() -> str:
    return request.remote_addr or "?"
