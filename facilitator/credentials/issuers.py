"""Who signs a badge: the organisation named by ``--issuer``, with its own key.

``KeyStore`` is the seam with the hub. ``SqliteKeyStore`` keeps keys in the workshop database:

* a laptop **enrolled** to the hub holds a key the hub issued to it for the organisation, under
  the organisation's ``did:web`` (``enrol_hub_key``, called by the hub's enrolment code with
  the key and the DID document the hub publishes); badges then name that DID as issuer;
* a laptop **not enrolled** makes a local Ed25519 key per organisation and signs as its
  ``did:key``: the badge still names the organisation and verifies anywhere, but nothing ties
  that key to the organisation, so the card says so (``SigningIdentity.enrolled``).
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from facilitator.credentials import multikey

DEFAULT_ORGANISATION = "Mission Locale"


@dataclass(frozen=True)
class SigningIdentity:
    """An organisation ready to sign: its name, DID, verification method and private key."""

    organisation: str
    did: str
    verification_method: str
    private_key: Ed25519PrivateKey
    enrolled: bool
    url: str | None = None

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)

    def profile(self) -> dict[str, Any]:
        """The OB 3.0 ``Profile`` of the issuer, as it appears in each badge."""
        data: dict[str, Any] = {"id": self.did, "type": ["Profile"], "name": self.organisation}
        if self.url:
            data["url"] = self.url
        return data


class KeyStore(Protocol):
    """Where signing identities and the public keys of known issuers come from."""

    def identity(self, organisation: str, url: str | None = None) -> SigningIdentity:
        """The identity that signs for ``organisation`` on this laptop (made if needed)."""
        ...

    def public_key(self, verification_method: str) -> Ed25519PublicKey | None:
        """The key behind a verification method id, or None when unknown."""
        ...


def organisation_key(name: str) -> str:
    """One organisation, however it is typed: « Mission Locale de Caen » = « mission locale  de caen »."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _seed(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


class SqliteKeyStore:
    """Keys in the workshop database (tables of ``facilitator.credentials.store``)."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def identity(self, organisation: str, url: str | None = None) -> SigningIdentity:
        name = " ".join(organisation.split()) or DEFAULT_ORGANISATION
        key = organisation_key(name)
        rows = self.db.execute(
            "SELECT kind, did, verification_method, private_seed FROM signing_keys "
            "WHERE organisation_key = ? ORDER BY kind = 'hub' DESC",
            (key,),
        ).fetchall()
        if rows:
            kind, did, method, seed = rows[0]
            private = multikey.private_from_seed(bytes(seed))
            return SigningIdentity(name, did, method, private, kind == "hub", url)
        private = multikey.new_private_key()
        public = private.public_key()
        did, method = multikey.did_key(public), multikey.did_key_method(public)
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO signing_keys (organisation_key, organisation, kind, did, "
                "verification_method, private_seed, created_at) VALUES (?, ?, 'local', ?, ?, ?, ?)",
                (key, name, did, method, _seed(private), time.time()),
            )
        return SigningIdentity(name, did, method, private, False, url)

    def identity_for_did(self, did: str) -> SigningIdentity | None:
        """The identity holding ``did``'s key on this laptop (to sign its status list)."""
        row = self.db.execute(
            "SELECT organisation, kind, verification_method, private_seed FROM signing_keys "
            "WHERE did = ?",
            (did,),
        ).fetchone()
        if row is None:
            return None
        name, kind, method, seed = row
        return SigningIdentity(
            name, did, method, multikey.private_from_seed(bytes(seed)), kind == "hub"
        )

    def public_key(self, verification_method: str) -> Ed25519PublicKey | None:
        return public_key_from(verification_method, self._did_document)

    def _did_document(self, did: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT document FROM did_documents WHERE did = ?", (did,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))


def public_key_from(
    verification_method: str, did_document: Callable[[str], dict[str, Any] | None]
) -> Ed25519PublicKey | None:
    """The key behind a method: a ``did:key`` holds it, another DID's document lists it
    (``did_document(did)`` gives that document, None when unknown)."""
    if verification_method.startswith(multikey.DID_KEY):
        try:
            return multikey.public_from_did_key(verification_method)
        except ValueError:
            return None
    document = did_document(verification_method.split("#", 1)[0])
    return None if document is None else key_in_document(document, verification_method)


def key_in_document(document: dict[str, Any], verification_method: str) -> Ed25519PublicKey | None:
    """The Ed25519 key a DID document lists under ``verification_method``, else None."""
    for method in document.get("verificationMethod", []):
        if method.get("id") == verification_method and "publicKeyMultibase" in method:
            try:
                return multikey.public_from_multibase(method["publicKeyMultibase"])
            except ValueError:
                return None
    return None


def enrol_hub_key(
    db: sqlite_utils.Database,
    organisation: str,
    *,
    did_document: dict[str, Any],
    verification_method: str,
    private_seed: bytes,
) -> SigningIdentity:
    """Record the key the hub issued to this laptop for ``organisation`` (its ``did:web``).

    ``did_document`` is the organisation's DID document as the hub publishes it; it must list
    ``verification_method`` with the matching ``publicKeyMultibase`` and in ``assertionMethod``.
    From then on this laptop signs that organisation's badges with this key.
    """
    did = str(did_document.get("id", ""))
    if not did.startswith("did:web:") or verification_method.split("#", 1)[0] != did:
        raise ValueError("document DID : un did:web et une clé de ce DID sont attendus")
    private = multikey.private_from_seed(private_seed)
    public = multikey.public_multibase(private.public_key())
    listed = {
        m.get("id"): m.get("publicKeyMultibase") for m in did_document.get("verificationMethod", [])
    }
    if listed.get(verification_method) != public:
        raise ValueError("document DID : la clé publique ne correspond pas à la clé privée reçue")
    if verification_method not in did_document.get("assertionMethod", []):
        raise ValueError("document DID : la clé n'est pas autorisée à signer (assertionMethod)")
    name = " ".join(organisation.split())
    with db.atomic():
        db.execute(
            "INSERT OR REPLACE INTO signing_keys (organisation_key, organisation, kind, did, "
            "verification_method, private_seed, created_at) VALUES (?, ?, 'hub', ?, ?, ?, ?)",
            (organisation_key(name), name, did, verification_method, private_seed, time.time()),
        )
        db.execute(
            "INSERT OR REPLACE INTO did_documents (did, document) VALUES (?, ?)",
            (did, json.dumps(did_document, ensure_ascii=False)),
        )
    return SigningIdentity(name, did, verification_method, private, True)


def did_web_document(did: str, keys: dict[str, Ed25519PublicKey]) -> dict[str, Any]:
    """A minimal ``did:web`` document listing Ed25519 Multikeys allowed to sign badges.

    For the hub (it publishes one per organisation) and for tests; ``keys`` maps each
    fragment (``#laptop-1``) to a public key.
    """
    methods = [
        {
            "id": f"{did}{fragment}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": multikey.public_multibase(public),
        }
        for fragment, public in keys.items()
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }
