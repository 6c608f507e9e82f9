"""Badge keys on the hub: each organisation's ``did:web``, its laptops' keys, their status lists.

* Each organisation has an Ed25519 key pair, made when it is created (or the first time it is
  needed, for organisations created before this revision). The private key stays in the hub's
  database: it signs the organisation's revocation lists and is never served.
* An enrolled laptop makes its own key pair and registers only the public half
  (``register_device_key``): the hub lists it in the organisation's DID document, so badges the
  laptop signs offline verify as the organisation's. No private key travels over the network.
  Revoking the device removes its key from the document.
* Each organisation has one Bitstring Status List (``/org/<slug>/statuts``, signed with its
  key). Laptops sign offline, so the hub hands each laptop a reserve of random free positions
  in that list (``RESERVE``, topped up at each sync): two laptops never pick the same one. The
  laptop sends the positions it used (the opaque subject id, revoked or not) at each sync;
  ``forget`` on the hub sets the bits of that player.

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
RESERVE = 2_048  # positions a laptop holds in advance: about 400 players between two syncs


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


def status_list_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}/org/{slug}/statuts"


@dataclass(frozen=True)
class Registered:
    did: str
    verification_method: str
    did_document: dict[str, Any]
    status_list: str
    positions: list[int]


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
        conn.execute(
            device_keys.insert().values(
                device_id=device.id, org_id=org.id, public_key=public_key, registered_at=now
            )
        )
    elif row.public_key != public_key:
        raise HubError(
            "ce poste a déjà une clé de signature sur le hub : inscrivez-le à nouveau "
            "avec un nouveau code (declic hub device-code)"
        )
    did = did_for(host, org.slug)
    return Registered(
        did,
        did + device_fragment(device.id),
        did_document(conn, org, host, now),
        status_list_url(base_url, org.slug),
        reserve(conn, device),
    )


def reserve(conn: sa.Connection, device: Device) -> list[int]:
    """The device's unused positions, topped up to ``RESERVE`` with random free ones."""
    kept = list(
        conn.execute(
            sa.select(badge_status.c.idx).where(
                badge_status.c.device_id == device.id, badge_status.c.used_at.is_(None)
            )
        ).scalars()
    )
    wanted = RESERVE - len(kept)
    if wanted <= 0:
        return sorted(kept)
    taken = set(
        conn.execute(
            sa.select(badge_status.c.idx).where(badge_status.c.org_id == device.org_id)
        ).scalars()
    )
    wanted = min(wanted, LIST_LENGTH - len(taken))
    fresh: set[int] = set()
    while len(fresh) < wanted:  # random, so that positions say nothing about who sat together
        index = secrets.randbelow(LIST_LENGTH)
        if index not in taken:
            fresh.add(index)
    rows = [{"org_id": device.org_id, "idx": i, "device_id": device.id} for i in sorted(fresh)]
    for start in range(0, len(rows), 1000):
        conn.execute(badge_status.insert(), rows[start : start + 1000])
    return sorted([*kept, *fresh])


def record_status(conn: sa.Connection, device: Device, entries: Any, now: float) -> list[int]:
    """The positions the laptop used: ``[index, subject or null, revoked]`` each.

    Only the device's own positions change (a position no one holds is taken for it); a
    revoked one is set, its subject forgotten, and never unset. Returns the device's reserve.
    """
    if not isinstance(entries, list) or len(entries) > MAX_ENTRIES:
        raise HubError(f"liste de positions attendue ({MAX_ENTRIES} au plus par envoi)")
    sent: dict[int, tuple[str | None, bool]] = {}
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
        sent[index] = (None if is_revoked else subject or None, bool(is_revoked))
    if not sent:  # no badge made since: only the reserve (not every position read twice)
        return reserve(conn, device)
    held = {
        r.idx: r
        for r in conn.execute(
            sa.select(badge_status).where(badge_status.c.device_id == device.id)
        ).all()
    }
    new = [i for i in sent if i not in held]
    insert_ignoring_duplicates(
        conn,
        badge_status,
        [{"org_id": device.org_id, "idx": i, "device_id": device.id} for i in new],
    )
    if new:
        held = {
            r.idx: r
            for r in conn.execute(
                sa.select(badge_status).where(badge_status.c.device_id == device.id)
            ).all()
        }
    for index, (subject, is_revoked) in sent.items():
        row = held.get(index)
        if row is None or row.revoked_at is not None:
            continue  # another laptop's position, or revoked already: left as it is
        if row.used_at is not None and row.subject == subject and not is_revoked:
            continue
        conn.execute(
            badge_status.update()
            .where(badge_status.c.org_id == device.org_id, badge_status.c.idx == index)
            .values(
                subject=subject,
                used_at=row.used_at or now,
                revoked_at=now if is_revoked else None,
            )
        )
    return reserve(conn, device)


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


def revoked_positions(conn: sa.Connection, org: Organisation) -> list[int]:
    """The set positions of the organisation's list."""
    return sorted(
        int(i)
        for i in conn.execute(
            sa.select(badge_status.c.idx).where(
                badge_status.c.org_id == org.id, badge_status.c.revoked_at.is_not(None)
            )
        ).scalars()
    )


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
    prefix, suffix = base_url.rstrip("/") + "/org/", "/statuts"
    if not url.startswith(prefix) or not url.endswith(suffix) or not 0 <= index < LIST_LENGTH:
        return None
    org = find_organisation(conn, url[len(prefix) : -len(suffix)])
    if org is None:
        return None
    row = conn.execute(
        sa.select(badge_status.c.revoked_at).where(
            badge_status.c.org_id == org.id, badge_status.c.idx == index
        )
    ).first()
    return row is not None and row.revoked_at is not None
