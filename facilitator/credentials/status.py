"""Revocation with a W3C Bitstring Status List, one per issuing organisation.

Each badge gets a random free position in its issuer's list (random, so that neighbouring
positions say nothing about who was in the same workshop) and a ``credentialStatus`` entry
pointing at the list's address. Revoking sets the bit. The list itself is a credential signed
by the same issuer, built from the database whenever it is asked for: ``encodedList`` is
``u`` + base64url (no padding) of the GZIP-compressed bits, the first bit being the leftmost
bit of the first byte, at least 16 KiB uncompressed (131 072 positions), as the spec asks.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from facilitator.credentials import proof
from facilitator.credentials.contexts import VC_V2
from facilitator.credentials.issuers import SigningIdentity

LIST_LENGTH = 131_072
PURPOSE = "revocation"
STATUS_PATH = "/statuts/"
RESERVED = "réserve:"  # credential_id prefix of a position held for a later badge


@dataclass(frozen=True)
class StatusList:
    id: int
    issuer_did: str
    slug: str
    url: str
    length: int


def list_slug(issuer_did: str) -> str:
    return hashlib.sha256(issuer_did.encode()).hexdigest()[:20]


def status_list_for(db: sqlite_utils.Database, issuer_did: str, base_url: str) -> StatusList:
    """The issuer's list (made on first use); its address is on the portal at ``base_url``."""
    row = db.execute(
        "SELECT id, issuer_did, slug, url, length FROM status_lists WHERE issuer_did = ?",
        (issuer_did,),
    ).fetchone()
    if row is not None:
        return StatusList(*row)
    slug = list_slug(issuer_did)
    url = base_url.rstrip("/") + STATUS_PATH + slug
    with db.atomic():
        cursor = db.execute(
            "INSERT INTO status_lists (issuer_did, slug, url, length) VALUES (?, ?, ?, ?)",
            (issuer_did, slug, url, LIST_LENGTH),
        )
    return StatusList(int(cursor.lastrowid or 0), issuer_did, slug, url, LIST_LENGTH)


def find_list(db: sqlite_utils.Database, slug: str) -> StatusList | None:
    row = db.execute(
        "SELECT id, issuer_did, slug, url, length FROM status_lists WHERE slug = ?", (slug,)
    ).fetchone()
    return StatusList(*row) if row else None


def reserved_id(status_list: StatusList, index: int) -> str:
    """The placeholder ``credential_id`` of a position held in reserve for later badges."""
    return f"{RESERVED}{status_list.id}:{index}"


def keep_reserve(db: sqlite_utils.Database, status_list: StatusList, positions: list[int]) -> None:
    """Hold ``positions`` (handed out by the hub for this laptop) for the next badges. One
    ``executemany``: every push tops up a reserve of 2,048, one statement a row cost more."""
    with db.atomic():
        db.conn.executemany(
            "INSERT OR IGNORE INTO status_entries (list_id, idx, credential_id, subject) "
            "VALUES (?, ?, ?, NULL)",
            [(status_list.id, int(i), reserved_id(status_list, int(i))) for i in positions],
        )


def reserve_left(db: sqlite_utils.Database, status_list: StatusList) -> int:
    """How many positions are still held in reserve in ``status_list``."""
    row = db.execute(
        "SELECT count(*) FROM status_entries WHERE list_id = ? AND credential_id LIKE ?",
        (status_list.id, f"{RESERVED}{status_list.id}:%"),
    ).fetchone()
    return int(row[0])


def allocate(
    db: sqlite_utils.Database, status_list: StatusList, credential_id: str, subject: str
) -> dict[str, Any]:
    """A free random position for ``credential_id`` (the same one if it has one already).

    A list with positions in reserve (a hub's list, shared by several laptops) takes one of
    them; else any free position (a list only this laptop writes to).
    """
    found = db.execute(
        "SELECT idx FROM status_entries WHERE list_id = ? AND credential_id = ?",
        (status_list.id, credential_id),
    ).fetchone()
    if found is not None:
        return entry(status_list, found[0])
    with db.atomic():
        start = secrets.randbelow(status_list.length)  # the next held one after a random point
        held = None
        for after in (start, 0):
            held = db.execute(
                "SELECT idx FROM status_entries WHERE list_id = ? AND idx >= ? "
                "AND credential_id LIKE ? ORDER BY idx LIMIT 1",
                (status_list.id, after, f"{RESERVED}{status_list.id}:%"),
            ).fetchone()
            if held is not None:
                break
        if held is not None:
            db.execute(
                "UPDATE status_entries SET credential_id = ?, subject = ? "
                "WHERE list_id = ? AND idx = ?",
                (credential_id, subject, status_list.id, held[0]),
            )
            return entry(status_list, held[0])
        while True:
            index = secrets.randbelow(status_list.length)
            taken = db.execute(
                "SELECT 1 FROM status_entries WHERE list_id = ? AND idx = ?",
                (status_list.id, index),
            ).fetchone()
            if taken is None:
                break
        db.execute(
            "INSERT INTO status_entries (list_id, idx, credential_id, subject) VALUES (?, ?, ?, ?)",
            (status_list.id, index, credential_id, subject),
        )
    return entry(status_list, index)


def entry(status_list: StatusList, index: int) -> dict[str, Any]:
    """The ``credentialStatus`` of a badge at ``index`` in ``status_list``."""
    return {
        "id": f"{status_list.url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": status_list.url,
    }


def revoke_subject(db: sqlite_utils.Database, subject: str, now: float | None = None) -> int:
    """Revoke every badge of one holder; the opaque subject id is then forgotten too.

    Returns how many badges were revoked. Runs inside the caller's transaction if any.
    """
    cursor = db.execute(
        "UPDATE status_entries SET revoked_at = ?, subject = NULL "
        "WHERE subject = ? AND revoked_at IS NULL",
        (time.time() if now is None else now, subject),
    )
    return cursor.rowcount


def revoked_indexes(db: sqlite_utils.Database, status_list: StatusList) -> list[int]:
    rows = db.execute(
        "SELECT idx FROM status_entries WHERE list_id = ? AND revoked_at IS NOT NULL",
        (status_list.id,),
    ).fetchall()
    return [r[0] for r in rows]


def encode_list(revoked: list[int], length: int = LIST_LENGTH) -> str:
    bits = bytearray(length // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode_list(encoded: str) -> bytes:
    """The raw bits of an ``encodedList`` (ValueError when it is not one)."""
    if not encoded.startswith("u"):
        raise ValueError("liste de statut : encodage inconnu")
    text = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def bit(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise ValueError("position hors de la liste de statut")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(
    db: sqlite_utils.Database, status_list: StatusList, signer: SigningIdentity, now: datetime
) -> dict[str, Any]:
    """The signed ``BitstringStatusListCredential`` as it is now."""
    if signer.did != status_list.issuer_did:
        raise ValueError("la liste de statut doit être signée par son émetteur")
    revoked = revoked_indexes(db, status_list)
    return list_credential(status_list.url, revoked, status_list.length, signer, now)


def list_credential(
    url: str, revoked: list[int], length: int, signer: SigningIdentity, now: datetime
) -> dict[str, Any]:
    """The signed list at ``url`` with the bits at ``revoked`` set (also used by the hub)."""
    document = {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": signer.did,
        "validFrom": proof.timestamp(now),
        "credentialSubject": {
            "id": f"{url}#liste",
            "type": "BitstringStatusList",
            "statusPurpose": PURPOSE,
            "encodedList": encode_list(revoked, length),
        },
    }
    return proof.sign(document, signer, now)


def revocation_lookup(db: sqlite_utils.Database) -> Callable[[str, int], bool | None]:
    """Look revocations up in this database's lists (``verify.RevocationLookup``)."""

    def revoked(url: str, index: int) -> bool | None:
        row = db.execute("SELECT id, length FROM status_lists WHERE url = ?", (url,)).fetchone()
        if row is None or not 0 <= index < row[1]:
            return None
        found = db.execute(
            "SELECT revoked_at FROM status_entries WHERE list_id = ? AND idx = ?", (row[0], index)
        ).fetchone()
        return found is not None and found[0] is not None

    return revoked
