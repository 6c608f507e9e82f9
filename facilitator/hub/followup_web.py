"""The hub's follow-up and dashboard pages (issue 15), one blueprint beside ``pages``.

Counsellors and admins position a young person and record the stages, inside their own
organisation (a player of another one answers 404, as in ``pages``); the dashboards read
``dashboard_counts`` only, for one organisation or, for a ``region`` user, for all of them
(no pseudonym there). The young person's card shows their trainings through
``youth_followups``, read with the card by the page's one statement.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from facilitator.hub import (
    catalogue,
    dashboard_tables,
    dashboards,
    followups,
    stages,
)
from facilitator.hub.catalogue import CATALOGUE_ENV
from facilitator.hub.schema import followups as followup_rows
from facilitator.hub.schema import organisations
from facilitator.hub.store import HubStore
from facilitator.portal.counsellor import login_required
from facilitator.portal.public import check_csrf
from facilitator.portal.recent import Recent
from facilitator.portal.store import PEOPLE, web_store

T = TypeVar("T")


def _store() -> HubStore:
    store = web_store()
    assert isinstance(store, HubStore), "the follow-up pages are the hub's"
    return store


def read(work: Callable[[sa.Connection], T]) -> T:
    """A read through the hub's store (no transaction round trips on PostgreSQL)."""
    return _store().read(work)


def run(work: Callable[[sa.Connection], T]) -> T:
    """One transaction through the hub's store."""
    return _store().write(work)


blueprint = Blueprint("followup", __name__, template_folder="templates")


def _today() -> date:
    return datetime.fromtimestamp(g.now).date()


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


@blueprint.app_context_processor
def _helpers() -> dict[str, Any]:
    return {
        "followup_pages": True,
        "stage_labels": stages.LABELS,
        "reasons": stages.REASONS,
        "youth_followups": _youth_followups,
        "player_followups": _player_followups,
        "catalogue_offers": _catalogue_offers,
    }


def _youth_followups(player_row: int) -> list[followups.ForYouth]:
    """The young person's trainings: those the page's own statement read with the card
    (``HubStore.card_by_token``, this request), else one indexed read."""
    kept = g.get("youth_trainings")
    if kept is not None and kept[0] == player_row:
        return list(kept[1])
    return read(lambda conn: followups.for_youth(conn, player_row))


def _catalogue_offers(card: Any) -> list[Any]:
    """The catalogue's best offers for this card (empty without a catalogue)."""
    configured = current_app.config.get(CATALOGUE_ENV)
    return catalogue.offers_for(card, catalogue.catalogue_path(configured), _today())


def _player_followups(player_row: int) -> list[followups.FollowUp]:
    login = g.get("login")
    if login is None or login.role not in PEOPLE:
        return []
    return read(lambda conn: followups.of_player(conn, login.org_id, player_row))


def _back(player_id: int, **args: Any) -> BaseResponse:
    return redirect(url_for("counsellor.player", player_id=player_id, **args) + "#suivi", code=303)


@blueprint.post("/joueur/<int:player_id>/suivis")
@login_required(*PEOPLE)
def position(player_id: int) -> BaseResponse:
    check_csrf()
    user = g.login
    on = _date(request.form.get("date", "")) or _today()
    try:
        made = run(
            lambda conn: followups.position(
                conn,
                user.org_id,
                player_id,
                user.name,
                request.form.get("formation", ""),
                request.form.get("lieu", ""),
                on,
                _today(),
                g.now,
                (request.form.get("ref", "")[:200] or None),
            )
        )
    except stages.StageError as error:
        return _back(player_id, erreur=str(error)[:200])
    if made is None:
        abort(404)
    return _back(player_id, suivi="positionne")


@blueprint.post("/suivis/<int:followup_id>/etape")
@login_required(*PEOPLE)
def advance(followup_id: int) -> BaseResponse:
    check_csrf()
    user = g.login
    stage = request.form.get("etape", "")
    on = _date(request.form.get("date", ""))
    reason = request.form.get("motif", "") or None
    if stage not in stages.STAGES or on is None:
        abort(400)
    step = stages.Step(stage, on, reason)

    def write(conn: sa.Connection) -> tuple[int | None, str | None]:
        try:
            return (
                followups.advance(
                    conn,
                    user.org_id,
                    followup_id,
                    step,
                    request.form.get("commentaire", ""),
                    user.name,
                    _today(),
                    g.now,
                ),
                None,
            )
        except stages.StageError as error:
            owner = conn.execute(
                sa.select(followup_rows.c.player_row).where(
                    followup_rows.c.id == followup_id,
                    followup_rows.c.org_id == user.org_id,
                )
            ).scalar()
            return owner, str(error)

    player_row, error = run(write)
    if player_row is None:
        abort(404)
    if error:
        return _back(player_row, erreur=error[:200])
    return _back(player_row, suivi=stage)


@blueprint.get("/suivis")
@login_required(*PEOPLE)
def open_followups() -> str:
    user = g.login
    listed = read(lambda conn: followups.open_of(conn, user.org_id, user.name, _today()))
    return render_template(
        "followups.html", listed=listed, weeks=stages.WAITING_DAYS // 7, today=_today()
    )


Built = tuple[str, list[dashboard_tables.Table], str]  # scope, tables, their HTML


def _built() -> Recent[Built]:
    """This app's built dashboards, one per organisation and the region's (per app: two hubs
    in one process never share one)."""
    cache = current_app.extensions.get("declic_dashboards")
    if cache is None:
        cache = current_app.extensions.setdefault("declic_dashboards", Recent[Built](64))
    return cache  # type: ignore[no-any-return]


def _tables(role: str, org_id: int) -> Built:
    """The dashboard's tables, built again only when the organisations' rows read here
    changed: their ``figures_version`` is bumped by every change of the figures, in its
    transaction, so another thread or server process never reuses stale tables. Read before
    the figures: newer figures may be kept under an older key, never older under a newer."""
    scope = None if role == "region" else org_id
    query = sa.select(
        organisations.c.id,
        organisations.c.name,
        organisations.c.departement,
        organisations.c.figures_version,
    ).order_by(organisations.c.id)
    if scope is not None:
        query = query.where(organisations.c.id == scope)
    orgs = tuple(tuple(o) for o in read(lambda conn: conn.execute(query).all()))

    def build() -> Built:
        rows = read(lambda conn: dashboards.figures(conn, scope))
        figures = [
            dashboard_tables.Figure(r.org_id, r.month, r.scenario, r.measure, r.key, int(r.value))
            for r in rows
        ]
        places = {o[0]: dashboard_tables.Place(o[1], o[2] or "?") for o in orgs}
        name = "la région" if scope is None else str(orgs[0][1]) if orgs else "?"
        tables = dashboard_tables.build(figures, places)
        return name, tables, render_template("dashboard_tables.html", tables=tables)

    return _built().get((scope, request.script_root, orgs), build)


@blueprint.get("/tableau-de-bord")
@login_required("counsellor", "admin", "region")
def dashboard() -> str:
    user = g.login
    name, _tables_built, html = _tables(user.role, user.org_id)
    return render_template("dashboard.html", scope=name, figures_html=html)


@blueprint.get("/tableau-de-bord/<slug>.csv")
@login_required("counsellor", "admin", "region")
def dashboard_csv(slug: str) -> Response:
    user = g.login
    _name, tables, _html = _tables(user.role, user.org_id)
    for table in tables:
        if table.slug == slug:
            return Response(
                dashboard_tables.csv_text(table),
                mimetype="text/csv",
                headers={"Content-Disposition": f'attachment; filename="declic-{slug}.csv"'},
            )
    abort(404)
