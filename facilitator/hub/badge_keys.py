"""The laptop's badge key for its hub organisation, and its revocation list kept on the hub.

At enrolment (and at a later sync if the hub could not be asked then) the laptop makes an
Ed25519 key pair, sends the public key only, and the hub lists it in the organisation's
``did:web`` document. The private key goes into the workshop database through
``enrol_hub_key`` (the ``KeyStore`` seam): from then on badges for that organisation are signed
offline as ``did:web:<hub>:org:<slug>``, with a ``credentialStatus`` pointing at the
list on the hub: the organisation's one list, at a position from the reserve the hub handed
this laptop (so that no two laptops pick the same). At each sync the laptop sends the
positions it used (opaque subject id, revoked or not), so that the hub's list, and a
``forget`` made on the hub, are up to date, and gets its reserve topped up.
"""

from __future__ import annotations

import sqlite_utils
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from facilitator.credentials import multikey, status
from facilitator.credentials.issuers import (
    SigningIdentity,
    SqliteKeyStore,
    enrol_hub_key,
    organisation_key,
)
from facilitator.hub.client import HubClient, HubRefused, HubUnreachable
from facilitator.storage import hub_link as link_store


def hub_identity(db: sqlite_utils.Database, link: link_store.HubLink) -> SigningIdentity | None:
    """The organisation's hub key on this laptop, if it has one for this hub."""
    row = db.execute(
        "SELECT did FROM signing_keys WHERE organisation_key = ? AND kind = 'hub'",
        (organisation_key(link.organisation),),
    ).fetchone()
    if row is None or not _is_hub_list(db, link, str(row[0])):
        return None
    return SqliteKeyStore(db).identity_for_did(str(row[0]))


def _is_hub_list(db: sqlite_utils.Database, link: link_store.HubLink, did: str) -> bool:
    row = db.execute("SELECT url FROM status_lists WHERE issuer_did = ?", (did,)).fetchone()
    return row is not None and str(row[0]).startswith(link.url + "/org/")


def register_key(db: sqlite_utils.Database, client: HubClient, organisation: str) -> str:
    """Make this laptop's key, have the hub list it; returns the organisation's DID."""
    private = multikey.new_private_key()
    public = multikey.public_multibase(private.public_key())
    answer = client.call("POST", "/badges/key", {"public_key": public})
    seed = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    try:
        identity = enrol_hub_key(
            db,
            organisation,
            did_document=answer["did_document"],
            verification_method=str(answer["verification_method"]),
            private_seed=seed,
        )
        url = str(answer["status_list"])
        positions = [int(i) for i in answer["positions"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise HubRefused(f"réponse du hub pour la clé des badges inutilisable ({exc})", 0) from None
    with db.atomic():  # the badges signed from now on point at this laptop's list on the hub
        db.execute(
            "INSERT INTO status_lists (issuer_did, slug, url, length) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (issuer_did) DO UPDATE SET url = excluded.url",
            (identity.did, status.list_slug(identity.did), url, status.LIST_LENGTH),
        )
    _keep(db, identity.did, positions, fresh=True)
    return identity.did


def _keep(db: sqlite_utils.Database, did: str, positions: list[int], fresh: bool = False) -> None:
    """Hold the hub's reserve; ``fresh``: a new key, the previous key's reserve is dropped."""
    found = status.find_list(db, status.list_slug(did))
    if found is not None:
        if fresh:
            db.execute(
                "DELETE FROM status_entries WHERE list_id = ? AND credential_id LIKE ?",
                (found.id, status.RESERVED + "%"),
            )
        status.keep_reserve(db, found, positions)


def push_status(db: sqlite_utils.Database, client: HubClient, did: str) -> int:
    """Send the positions this laptop used in the hub's list, take the reserve topped up;
    returns how many positions were sent."""
    entries = [
        [int(idx), subject, revoked_at is not None]
        for idx, subject, revoked_at in db.execute(
            "SELECT e.idx, e.subject, e.revoked_at FROM status_entries e "
            "JOIN status_lists l ON l.id = e.list_id "
            "WHERE l.issuer_did = ? AND e.credential_id NOT LIKE ? ORDER BY e.idx",
            (did, status.RESERVED + "%"),
        )
    ]
    for start in range(0, max(len(entries), 1), 10_000):
        answer = client.call("POST", "/badges/status", {"entries": entries[start : start + 10_000]})
    try:
        _keep(db, did, [int(i) for i in answer["positions"]])
    except (KeyError, TypeError, ValueError) as exc:
        raise HubRefused(f"réponse du hub pour les badges inutilisable ({exc})", 0) from None
    return len(entries)


def sync_badges(db: sqlite_utils.Database, client: HubClient) -> str | None:
    """Register the key if needed, then send the positions. Returns a problem, or None.

    Raises ``HubUnreachable`` (the caller's offline handling applies); a refusal is returned,
    so that it never stops the sessions from being pushed.
    """
    link = link_store.read_link(db)
    if link is None:
        return None
    try:
        identity = hub_identity(db, link)
        did = identity.did if identity else register_key(db, client, link.organisation)
        push_status(db, client, did)
    except HubRefused as exc:
        return str(exc)
    return None


def enrol_key(db: sqlite_utils.Database, client: HubClient, organisation: str) -> str | None:
    """At enrolment: the key now if the hub answers, else at the next sync. A problem or None."""
    try:
        register_key(db, client, organisation)
    except (HubRefused, HubUnreachable) as exc:
        return f"clé des badges pas encore reçue du hub ({exc}) : nouvel essai au prochain envoi"
    return None
