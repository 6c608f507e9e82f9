"""The admins' pages on the hub (``/admin``): their organisation's accounts and laptops.

An ``admin`` lists, adds and disables the accounts of their own organisation, lists its
laptops and revokes one, and prints a laptop's enrolment code, shown once (only its hash is
kept). Everything is limited to the admin's organisation: another organisation's account
or laptop is answered 404, as an unknown one. Forms carry the session's CSRF token.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from facilitator.hub.api import hub_context
from facilitator.hub.people import (
    HubError,
    add_user,
    disable_user,
    list_devices,
    list_users,
    new_device_code,
    organisation_by_id,
    revoke_device,
)
from facilitator.hub.schema import MAX_ID
from facilitator.portal.accounts import local_time
from facilitator.portal.counsellor import login_required
from facilitator.portal.public import check_csrf
from facilitator.portal.store import ADMIN, COUNSELLOR

blueprint = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")
T = TypeVar("T")
ROLE_NAMES = {COUNSELLOR: "Conseiller ou conseillère", ADMIN: "Administrateur"}
DONE = {
    "compte": "Compte créé. Donnez le mot de passe à la personne, de vive voix.",
    "desactive": "Compte désactivé : il ne peut plus se connecter.",
    "revoque": "Poste révoqué : il ne peut plus envoyer de séances.",
}


@dataclass(frozen=True)
class DeviceLine:
    id: int
    label: str
    revoked: bool
    last_push: str


def _write(work: Callable[[sa.Connection], T]) -> T:
    with hub_context().engine.begin() as conn:
        return work(conn)


def _read(work: Callable[[sa.Connection], T]) -> T:
    with hub_context().reader.connect() as conn:
        return work(conn)


def _when(moment: float | None) -> str:
    return local_time(datetime.fromtimestamp(moment, UTC)) if moment else "jamais"


def _page(status: int = 200, **shown: Any) -> tuple[str, int]:
    """The admin page; ``shown`` adds an error (``form_error``: beside the new account's
    form), what was typed in that form, or a new code."""
    org_id = g.login.org_id

    def read(conn: sa.Connection) -> dict[str, Any]:
        return {
            "organisation": organisation_by_id(conn, org_id),
            "accounts": list_users(conn, org_id),
            "devices": [
                DeviceLine(d.id, d.label, d.revoked, _when(last))
                for d, _slug, last in list_devices(conn, org_id)
            ],
        }

    values = {"error": None, "form_error": None, "typed": {}, "code": None, "done": None, **shown}
    page = render_template(
        "admin.html", roles=ROLE_NAMES, when=_when, me=g.login.account_id, **_read(read), **values
    )
    return page, status


@blueprint.get("")
@login_required(ADMIN)
def page() -> tuple[str, int]:
    return _page(done=DONE.get(request.args.get("fait", "")))


@blueprint.post("/comptes")
@login_required(ADMIN)
def add_account() -> BaseResponse | tuple[str, int]:
    check_csrf()
    name = request.form.get("nom", "")[:80]
    role = request.form.get("role", "")
    password = request.form.get("mot_de_passe", "")[:1000]
    typed = {"nom": name, "role": role}
    if role not in ROLE_NAMES:
        return _page(400, form_error="Choisissez un rôle dans la liste.", typed=typed)
    org_id = g.login.org_id
    try:
        _write(
            lambda conn: add_user(
                conn, name, organisation_by_id(conn, org_id).slug, role, password, g.now
            )
        )
    except HubError as exc:
        return _page(400, form_error=f"Compte non créé : {exc}.", typed=typed)
    return redirect(url_for("admin.page", fait="compte"), code=303)


@blueprint.post("/comptes/<int:user_id>/desactiver")
@login_required(ADMIN)
def disable_account(user_id: int) -> BaseResponse | tuple[str, int]:
    check_csrf()
    login = g.login
    if not 0 < user_id < MAX_ID:
        abort(404)  # not an id the database could hold
    try:
        _write(lambda conn: disable_user(conn, login.org_id, user_id, login.account_id, g.now))
    except HubError as exc:
        if user_id == login.account_id:
            return _page(400, error=f"{str(exc).capitalize()}.")
        abort(404)  # another organisation's account is an unknown one
    return redirect(url_for("admin.page", fait="desactive"), code=303)


@blueprint.post("/postes/<int:device_id>/revoquer")
@login_required(ADMIN)
def revoke(device_id: int) -> BaseResponse:
    check_csrf()
    org_id = g.login.org_id
    if not 0 < device_id < MAX_ID:
        abort(404)
    try:
        _write(lambda conn: revoke_device(conn, device_id, g.now, org_id=org_id))
    except HubError:
        abort(404)
    return redirect(url_for("admin.page", fait="revoque"), code=303)


@blueprint.post("/code")
@login_required(ADMIN)
def device_code() -> tuple[str, int]:
    """A new enrolment code, on this page only: it is not stored and cannot be shown again."""
    check_csrf()
    org_id = g.login.org_id
    code = _write(lambda conn: new_device_code(conn, organisation_by_id(conn, org_id).slug, g.now))
    return _page(code=code)
