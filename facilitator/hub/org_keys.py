"""Badge keys on the hub: each organisation's ``did:web``, its laptops' keys, their status lists.

* Each organisation has an Ed25519 key pair, made when it is created (or the first time it is
  needed, for organisations created before this revision). The private key stays in the hub's
  database: it signs the organisation's revocation lists and is never served.
* An enrolled laptop makes its own key pair and registers only the public half
  (``register_device_key``): the hub lists it in the organisation's DID document, so badges the
  laptop signs offline verify as the organisation's. No private key travels over the network.
  Revoking the device removes its key from the document.
* Each registered laptop has its own Bitstring Status List under the organisation (same
  ``did:web``, signed with the organisation's key): a laptop allocates positions offline, so
  two laptops must not share one list. The laptop sends its positions (the opaque subject id
  and whether it is revoked) at each sync; ``forget`` on the hub sets the bits of that player.

The DID is ``did:web:<host>:org:<slug>`` (a port is written ``%3A``), resolved at
``https://<host>/org/<slug>/did.json``; the host is the one the request came to, so the DID is
the address the laptops enrolled with.
"""

from __future__ import annotations

import secrets
import urllib.parse
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from facilitator.credentials import multikey
from facilitator.credentials.issuers import SigningIdentity, public_key_from
from facilitator.credentials.status import LIST_LENGTH
from facilitator.credentials.subjects import subject_id
from facilitator.hub.people import Device, HubError, Organisation, find_organisation
from facilitator.hub.schema import badge_status, device_keys, devices, organisation_keys
from facilitator.hub.sync_server import insert_ignoring_duplicates

ORG_FRAGMENT = "#organisation"
MAX_ENTRIES = 20_000  # per request


def did_for(host: str, slug: str) -> str:
    """``did:web:hub.example.org:org:ml-rouen`` (``127.0.0.1%3A8766`` for a port)."""
    return f"did:web:{urllib.parse.quote(host.lower(), safe='.-')}:org:{slug}"


def device_fragment(device_id: int) -> str:
    return f"#poste-{device_id}"


def parse_did(did: str) -> tuple[str, str] | None:
    """(host, slug) of a hub organisation's DID, else None."""
    parts = did.split(":")
    if len(parts) != 5 or parts[:2] != ["did", "web"] or parts[3] != "org":
        return None
    return urllib.parse.unquote(parts[2]).lower(), parts[4]


def ensure_key(conn: sa.Connection, org_id: int, now: float) -> Ed25519PrivateKey:
    """The organisation's private key, made on first use (two hub threads agree on one)."""
    row = conn.execute(
        sa.select(organisation_keys.c.private_seed).where(organisation_keys.c.org_id == org_id)
    ).first()
    if row is None:
        private = multikey.new_private_key()
        seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        public = multikey.public_multibase(private.public_key())
        insert_ignoring_duplicates(
            conn,
            organisation_keys,
            [{"org_id": org_id, "public_key": public, "private_seed": seed, "created_at": now}],
        )
        row = conn.execute(
            sa.select(organisation_keys.c.private_seed).where(organisation_keys.c.org_id == org_id)
        ).one()
    return multikey.private_from_seed(bytes(row.private_seed))


def signer(conn: sa.Connection, org: Organisation, host: str, now: float) -> SigningIdentity:
    """The organisation signing as itself (its revocation lists)."""
    did = did_for(host, org.slug)
    return SigningIdentity(org.name, did, did + ORG_FRAGMENT, ensure_key(conn, org.id, now), True)


def did_document(conn: sa.Connection, org: Organisation, host: str, now: float) -> dict[str, Any]:
    """The organisation's DID document: its own key and the key of each device not revoked."""
    did = did_for(host, org.slug)
    keys: list[tuple[str, str]] = [
        (ORG_FRAGMENT, multikey.public_multibase(ensure_key(conn, org.id, now).public_key()))
    ]
    rows = conn.execute(
        sa.select(device_keys.c.device_id, device_keys.c.public_key)
        .join(devices, devices.c.id == device_keys.c.device_id)
        .where(device_keys.c.org_id == org.id, devices.c.revoked_at.is_(None))
        .order_by(device_keys.c.device_id)
    ).all()
    keys += [(device_fragment(r.device_id), r.public_key) for r in rows]
    methods = [
        {"id": did + fragment, "type": "Multikey", "controller": did, "publicKeyMultibase": key}
        for fragment, key in keys
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def status_list_url(base_url: str, slug: str, list_slug: str) -> str:
    return f"{base_url.rstrip('/')}/org/{slug}/statuts/{list_slug}"


@dataclass(frozen=True)
class Registered:
    did: str
    verification_method: str
    did_document: dict[str, Any]
    status_list: str


def register_device_key(
    conn: sa.Connection,
    device: Device,
    org: Organisation,
    public_key: str,
    base_url: str,
    now: float,
) -> Registered:
    """List the laptop's public key in its organisation's DID document (again: same answer)."""
    try:
        multikey.public_from_multibase(public_key)
    except ValueError as exc:
        raise HubError(f"clé du poste refusée : {exc}") from None
    host = urllib.parse.urlsplit(base_url).netloc
    row = conn.execute(sa.select(device_keys).where(device_keys.c.device_id == device.id)).first()
    if row is None:
        taken = conn.execute(
            sa.select(device_keys.c.device_id).where(device_keys.c.public_key == public_key)
        ).first()
        if taken is not None:
            raise HubError("cette clé est déjà celle d'un autre poste : relancez l'inscription")
        list_slug = secrets.token_hex(10)
        conn.execute(
            device_keys.insert().values(
                device_id=device.id,
                org_id=org.id,
                public_key=public_key,
                list_slug=list_slug,
                registered_at=now,
            )
        )
    elif row.public_key != public_key:
        raise HubError(
            "ce poste a déjà une clé de signature sur le hub : inscrivez-le à nouveau "
            "avec un nouveau code (declic hub device-code)"
        )
    else:
        list_slug = row.list_slug
    did = did_for(host, org.slug)
    return Registered(
        did,
        did + device_fragment(device.id),
        did_document(conn, org, host, now),
        status_list_url(base_url, org.slug, list_slug),
    )


def record_status(conn: sa.Connection, device: Device, entries: Any, now: float) -> int:
    """The laptop's positions in its list: ``[index, subject or null, revoked]`` each.

    New positions are added; a revoked one is set (and its subject forgotten), never unset.
    """
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise HubError(f"liste de positions attendue ({MAX_ENTRIES} au plus par envoi)")
    rows, revoked = [], []
    for entry in entries:
        try:
            index, subject, is_revoked = entry
            index = int(index)
        except (TypeError, ValueError):
            raise HubError(
                "position de badge illisible : [index, sujet, révoqué] attendu"
            ) from None
        if not 0 <= index < LIST_LENGTH or (subject is not None and not isinstance(subject, str)):
            raise HubError(f"position de badge invalide : {index}")
        rows.append(
            {
                "device_id": device.id,
                "idx": index,
                "org_id": device.org_id,
                "subject": None if is_revoked else (subject or None),
                "revoked_at": now if is_revoked else None,
            }
        )
        if is_revoked:
            revoked.append(index)
    insert_ignoring_duplicates(conn, badge_status, rows)
    for start in range(0, len(revoked), 1000):
        conn.execute(
            badge_status.update()
            .where(
                badge_status.c.device_id == device.id,
                badge_status.c.idx.in_(revoked[start : start + 1000]),
                badge_status.c.revoked_at.is_(None),
            )
            .values(revoked_at=now, subject=None)
        )
    return len(rows)


def revoke_player(conn: sa.Connection, org_id: int, token: str, now: float) -> int:
    """Revoke every badge of the player whose card token is ``token`` (a ``forget``)."""
    result = conn.execute(
        badge_status.update()
        .where(
            badge_status.c.org_id == org_id,
            badge_status.c.subject == subject_id(token),
            badge_status.c.revoked_at.is_(None),
        )
        .values(revoked_at=now, subject=None)
    )
    return int(result.rowcount)


@dataclass(frozen=True)
class DeviceList:
    org: Organisation
    device_id: int
    revoked: list[int]


def device_list(conn: sa.Connection, slug: str, list_slug: str) -> DeviceList | None:
    """One laptop's revocation list in organisation ``slug``, with its set positions."""
    org = find_organisation(conn, slug)
    if org is None:
        return None
    row = conn.execute(
        sa.select(device_keys.c.device_id).where(
            device_keys.c.org_id == org.id, device_keys.c.list_slug == list_slug
        )
    ).first()
    if row is None:
        return None
    revoked = conn.execute(
        sa.select(badge_status.c.idx).where(
            badge_status.c.device_id == row.device_id, badge_status.c.revoked_at.is_not(None)
        )
    ).scalars()
    return DeviceList(org, row.device_id, sorted(int(i) for i in revoked))


def public_key(
    conn: sa.Connection, host: str, verification_method: str, now: float
) -> Ed25519PublicKey | None:
    """The key behind a method of one of this hub's DIDs (``did:key``: the DID itself)."""

    def document(did: str) -> dict[str, Any] | None:
        parsed = parse_did(did)
        if parsed is None or parsed[0] != host.lower():
            return None  # another hub's DID: not resolved over the network from here
        org = find_organisation(conn, parsed[1])
        return None if org is None else did_document(conn, org, host, now)

    return public_key_from(verification_method, document)


def is_revoked(conn: sa.Connection, base_url: str, url: str, index: int) -> bool | None:
    """The bit at ``index`` of the list at ``url`` if it is one of this hub's, else None."""
    prefix = base_url.rstrip("/") + "/org/"
    if not url.startswith(prefix) or not 0 <= index < LIST_LENGTH:
        return None
    slug, _, rest = url[len(prefix) :].partition("/statuts/")
    found = device_list(conn, slug, rest)
    return None if found is None else index in found.revoked
