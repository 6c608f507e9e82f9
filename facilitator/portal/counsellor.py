"""Pages behind the login: sessions and players, one player's full view, territory statistics,
the audit log."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TypeVar

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from engine.reference.geo import find_town
from facilitator.portal import data
from facilitator.portal.accounts import MAX_NAME_LENGTH, NOTES, name_key
from facilitator.portal.public import check_csrf
from facilitator.portal.security import (
    CONSULTED,
    WROTE_NOTES,
    audit,
    audit_entries,
    audit_names,
)
from facilitator.trainings.match import BASIS_REMOTE, Match, match_trainings

blueprint = Blueprint("counsellor", __name__)

MAX_NOTES = 5000
DEFAULT_RADIUS_KM = 30
DEFAULT_WEEKS = 12
JOBS_SHOWN = 8
TRAININGS_SHOWN = 10
AUDIT_SHOWN = 200
SESSIONS_PAGE = 500  # players a page
MAX_PAGE = 10**9

F = TypeVar("F", bound=Callable[..., object])


def login_required(view: F) -> F:
    """Counsellor pages: without a valid session, GET goes to the login page, POST is refused."""

    @functools.wraps(view)
    def wrapper(*args: object, **kwargs: object) -> object:
        if g.login is None:
            if request.method != "GET":
                abort(403)
            return redirect(url_for("public.login", suite=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@blueprint.get("/sessions")
@login_required
def sessions() -> str:
    """Players by session, SESSIONS_PAGE at a time (`page`, from 1; a number that makes no
    sense shows the first page)."""
    search = request.args.get("q", "")[:80]
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= MAX_PAGE:
        page = 1
    found, more = data.list_sessions(g.db, search, SESSIONS_PAGE, (page - 1) * SESSIONS_PAGE)
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
        found = match_trainings(
            g.db,
            codes,
            home,
            today=today,
            radius_km=radius,
            start_within_weeks=filters.weeks,
            remote_ok=filters.remote,
            limit=TRAININGS_SHOWN,
        )
    except ValueError as error:
        problems.append(str(error))
        found = []
    return found, problems


@blueprint.get("/joueur/<int:player_id>")
@login_required
def player(player_id: int) -> str:
    ref = data.player_by_id(g.db, player_id)
    if ref is None:
        abort(404)
    audit(g.db, g.login.counsellor.name, ref.id, CONSULTED, request.remote_addr or "?")
    card = data.player_card(g.db, ref, jobs=JOBS_SHOWN)
    filters = training_filters(ref.home_town)
    today = current_app.config["TODAY"]()
    trainings, problems = _trainings(card.jobs, filters, today)
    notes_row = g.db.execute(
        f"SELECT notes, updated_at, updated_by FROM {NOTES} WHERE player_id = ?", [ref.id]
    ).fetchone()
    return render_template(
        "player.html",
        card=card,
        filters=filters,
        trainings=trainings,
        problems=problems,
        today=today,
        notes=notes_row,
        saved=request.args.get("enregistre") == "1",
        remote_basis=BASIS_REMOTE,
    )


@blueprint.post("/joueur/<int:player_id>/notes")
@login_required
def save_notes(player_id: int) -> BaseResponse:
    check_csrf()
    ref = data.player_by_id(g.db, player_id)
    if ref is None:
        abort(404)
    notes = request.form.get("notes", "")[:MAX_NOTES]
    g.db.table(NOTES).upsert(
        {
            "player_id": ref.id,
            "notes": notes,
            "updated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "updated_by": g.login.counsellor.name,
        },
        pk="player_id",
    )
    audit(g.db, g.login.counsellor.name, ref.id, WROTE_NOTES, request.remote_addr or "?")
    return redirect(
        url_for("counsellor.player", player_id=ref.id, enregistre=1) + "#notes", code=303
    )


@blueprint.get("/stats")
@login_required
def stats() -> str:
    return render_template("stats.html", stats=data.territory_stats(g.db))


@blueprint.get("/audit")
@login_required
def audit_log() -> str:
    """Who consulted or annotated which player, newest first, AUDIT_SHOWN a page. Reading it
    is not itself recorded: it names only counsellors and what the other pages show."""
    name = request.args.get("conseiller", "")[: 2 * MAX_NAME_LENGTH].strip()
    before = request.args.get("avant", type=int)
    if before is not None and not 0 < before < 2**63:  # not an id SQLite could hold
        before = None
    entries = audit_entries(g.db, name, before, AUDIT_SHOWN + 1)
    older = entries[AUDIT_SHOWN - 1].id if len(entries) > AUDIT_SHOWN else None
    entries = entries[:AUDIT_SHOWN]
    names = audit_names(g.db)
    return render_template(
        "audit.html",
        entries=entries,
        players=data.players_by_ids(g.db, [e.player_id for e in entries]),
        names=names,
        selected=next((n for n in names if name and name_key(n) == name_key(name)), ""),
        chosen=name,
        older=older,
        paged=before is not None,
    )
