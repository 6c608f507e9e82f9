"""The sync API laptops call (JSON over HTTP, ``/hub/api/v1/...``), as a Flask blueprint.

Every call but ``enrol`` carries ``Authorization: Bearer DEVICE.SECRET``; a revoked or unknown
device gets 401. Each call is one transaction, retried once if two requests for the same
session crossed (a retry arriving while the cut request is still being handled).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, jsonify, request

from facilitator.hub import dashboards, jsonio, sync_batch, sync_server
from facilitator.hub.people import Device, HubError, authenticate_device, enrol_device

blueprint = Blueprint("hub_api", __name__, url_prefix="/hub/api/v1")
T = TypeVar("T")


@dataclass(frozen=True)
class HubContext:
    """What the hub's pages and API share: the database engine and the clock."""

    engine: sa.Engine
    clock: Callable[[], float] = time.time

    @functools.cached_property
    def reader(self) -> sa.Engine:
        """The same pool for reads; autocommit on PostgreSQL (SQLite keeps its transactions,
        see ``database._sqlite_settings``). Made once, not per request."""
        if self.engine.dialect.name == "postgresql":
            return self.engine.execution_options(isolation_level="AUTOCOMMIT")
        return self.engine


def hub_context() -> HubContext:
    context: HubContext = current_app.extensions["declic_hub"]
    return context


def _transaction(work: Callable[[sa.Connection], T]) -> T:
    engine = hub_context().engine
    for attempt in (1, 2, 3):
        try:
            with engine.begin() as conn:
                return work(conn)
        except (sa.exc.IntegrityError, sa.exc.OperationalError):
            if attempt == 3:
                raise
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


def _refused(message: str, status: int, **extra: Any) -> tuple[Response, int]:
    return jsonify({"error": message, **extra}), status


def _device(conn: sa.Connection) -> Device | None:
    header = request.headers.get("Authorization", "")
    scheme, _, credential = header.partition(" ")
    return authenticate_device(conn, credential.strip()) if scheme == "Bearer" else None


def _as_device(
    work: Callable[[sa.Connection, Device], dict[str, Any] | list[Any]],
) -> Response | tuple[Response, int]:
    """Run ``work`` for the calling device; French errors as JSON with the right status."""

    def guarded(conn: sa.Connection) -> dict[str, Any] | list[Any] | None:
        device = _device(conn)
        return None if device is None else work(conn, device)

    try:
        result = _transaction(guarded)
    except sync_server.Restart as exc:
        return _refused(str(exc), 409, restart=True)
    except HubError as exc:
        return _refused(str(exc), 422)
    if result is None:
        return _refused(
            "poste inconnu ou retiré du hub : inscrivez-le à nouveau (declic hub enrol)", 401
        )
    return jsonify(result)


def _json() -> dict[str, Any]:
    """The request's JSON object (``request.get_json(silent=True)``, read by orjson)."""
    try:
        body = jsonio.loads(request.get_data()) if request.is_json else None
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise HubError("corps JSON attendu")
    return body


@blueprint.post("/enrol")
def enrol() -> Response | tuple[Response, int]:
    try:
        body = _json()
        now = hub_context().clock()
        device, credential, org = _transaction(
            lambda conn: enrol_device(
                conn, str(body.get("code", "")), str(body.get("label", "")), now
            )
        )
    except HubError as exc:
        return _refused(str(exc), 422)
    return jsonify(
        {
            "device": device.id,
            "credential": credential,
            "organisation": {"slug": org.slug, "name": org.name},
        }
    )


@blueprint.get("/whoami")
def whoami() -> Response | tuple[Response, int]:
    from facilitator.hub.people import organisation_by_id

    def work(conn: sa.Connection, device: Device) -> dict[str, Any]:
        org = organisation_by_id(conn, device.org_id)
        return {"device": device.id, "organisation": {"slug": org.slug, "name": org.name}}

    return _as_device(work)


def _with_body(
    step: Callable[[sa.Connection, Device, int, dict[str, Any], float], dict[str, Any]],
    laptop_session: int,
) -> Response | tuple[Response, int]:
    """A session step that takes the JSON body and the hub's time."""
    try:
        body = _json()
    except HubError as exc:
        return _refused(str(exc), 400)
    now = hub_context().clock()
    return _as_device(lambda conn, device: step(conn, device, laptop_session, body, now))


@blueprint.post("/sessions/<int:laptop_session>/begin")
def begin(laptop_session: int) -> Response | tuple[Response, int]:
    return _with_body(sync_server.begin, laptop_session)


@blueprint.put("/scenarios/<digest>")
def scenario(digest: str) -> Response | tuple[Response, int]:
    content = request.get_data(cache=False)
    now = hub_context().clock()

    def work(conn: sa.Connection, _device: Device) -> dict[str, Any]:
        sync_server.store_scenario(conn, digest, content, now)
        return {"stored": digest}

    return _as_device(work)


@blueprint.post("/sessions/<int:laptop_session>/events")
def add_events(laptop_session: int) -> Response | tuple[Response, int]:
    try:
        batch = _json().get("events", [])
    except HubError as exc:
        return _refused(str(exc), 400)

    def work(conn: sa.Connection, device: Device) -> dict[str, Any]:
        return {"received": sync_server.store_events(conn, device, laptop_session, batch)}

    return _as_device(work)


@blueprint.post("/sessions/<int:laptop_session>/commit")
def commit(laptop_session: int) -> Response | tuple[Response, int]:
    return _with_body(sync_server.commit, laptop_session)


@blueprint.post("/sessions/batch")
def commit_batch() -> Response | tuple[Response, int]:
    """Several whole sessions in one request (``sync_batch``)."""
    try:
        body = _json()
    except HubError as exc:
        return _refused(str(exc), 400)
    now = hub_context().clock()
    organisation: list[int] = []

    def work(conn: sa.Connection, device: Device) -> dict[str, Any]:
        organisation[:] = [device.org_id]
        return sync_batch.commit_batch(conn, device, body, now)

    answer = _as_device(work)
    if organisation:  # the batch's figures, added once it is committed (``dashboards.fold``)
        _transaction(lambda conn: dashboards.fold(conn, organisation[0]))
    return answer


@blueprint.get("/forgotten")
def forgotten() -> Response | tuple[Response, int]:
    after = request.args.get("after", "0")
    since = int(after) if after.isdigit() else 0

    def work(conn: sa.Connection, device: Device) -> dict[str, Any]:
        return {"forgotten": sync_server.forgotten_on_hub(conn, device, since)}

    return _as_device(work)
