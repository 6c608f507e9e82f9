"""The hub's badge addresses: DID documents, revocation lists, laptop keys, ``/verifier``.

Public: ``/org/<slug>/did.json`` (where ``did:web:<host>:org:<slug>`` resolves) and
``/org/<slug>/statuts`` (its Bitstring Status List, signed by the organisation).
For enrolled laptops (``Authorization: Bearer``): ``POST /hub/api/v1/badges/key`` registers the
laptop's public key, ``POST /hub/api/v1/badges/status`` records its badges' positions. The
portal's ``/verifier`` page is registered too, checking keys and lists against this hub's
database. ``create_hub_app`` registers all of it with one line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from flask import Blueprint, Response, abort, g, request
from flask.blueprints import BlueprintSetupState

from facilitator.credentials import status
from facilitator.hub import org_keys
from facilitator.hub.api import _as_device, _json, _refused, hub_context
from facilitator.hub.people import Device, HubError, find_organisation, organisation_by_id
from facilitator.portal import verifier

blueprint = Blueprint("hub_credentials", __name__)


@blueprint.record_once
def _with_verifier(state: BlueprintSetupState) -> None:
    state.app.extensions[verifier.CHECKS] = _hub_checks
    state.app.register_blueprint(verifier.page)


def _base_url() -> str:
    return request.host_url.rstrip("/")


def _public_json(document: dict[str, Any], mimetype: str) -> Response:
    response = Response(json.dumps(document, ensure_ascii=False), mimetype=mimetype)
    response.headers["Access-Control-Allow-Origin"] = "*"  # verifiers in a browser fetch it
    return response


@blueprint.get("/org/<slug>/did.json")
def did_json(slug: str) -> Response:
    with hub_context().engine.begin() as conn:  # begin: may make an older organisation's key
        org = find_organisation(conn, slug[:64])
        if org is None:
            abort(404)
        document = org_keys.did_document(conn, org, request.host, g.now)
    return _public_json(document, "application/did+json")


@blueprint.get("/org/<slug>/statuts")
def status_list(slug: str) -> Response:
    with hub_context().engine.begin() as conn:
        org = find_organisation(conn, slug[:64])
        if org is None:
            abort(404)
        signer = org_keys.signer(conn, org, request.host, g.now)
        revoked = org_keys.revoked_positions(conn, org)
    url = org_keys.status_list_url(_base_url(), org.slug)
    moment = datetime.fromtimestamp(g.now, UTC)
    document = status.list_credential(url, revoked, status.LIST_LENGTH, signer, moment)
    return _public_json(document, "application/vc+ld+json")


@blueprint.post("/hub/api/v1/badges/key")
def register_key() -> Response | tuple[Response, int]:
    try:
        public_key = str(_json().get("public_key", ""))
    except HubError as exc:
        return _refused(str(exc), 400)
    base_url, now = _base_url(), hub_context().clock()

    def work(conn: sa.Connection, device: Device) -> dict[str, Any]:
        org = organisation_by_id(conn, device.org_id)
        done = org_keys.register_device_key(conn, device, org, public_key, base_url, now)
        return {
            "organisation": {"slug": org.slug, "name": org.name},
            "did": done.did,
            "verification_method": done.verification_method,
            "did_document": done.did_document,
            "status_list": done.status_list,
            "positions": done.positions,
        }

    return _as_device(work)


@blueprint.post("/hub/api/v1/badges/status")
def record_status() -> Response | tuple[Response, int]:
    try:
        entries = _json().get("entries")
    except HubError as exc:
        return _refused(str(exc), 400)
    now = hub_context().clock()

    def work(conn: sa.Connection, device: Device) -> dict[str, Any]:
        return {"positions": org_keys.record_status(conn, device, entries, now)}

    return _as_device(work)


def _hub_checks() -> tuple[
    Callable[[str], Ed25519PublicKey | None], Callable[[str, int], bool | None]
]:
    """The verifier's key resolver and revocation lookup over this hub's database."""
    engine, host, base_url, now = hub_context().reader, request.host, _base_url(), g.now

    def resolve(verification_method: str) -> Ed25519PublicKey | None:
        with engine.connect() as conn:
            return org_keys.public_key(conn, host, verification_method, now)

    def revoked(url: str, index: int) -> bool | None:
        with engine.connect() as conn:
            return org_keys.is_revoked(conn, base_url, url, index)

    return resolve, revoked
