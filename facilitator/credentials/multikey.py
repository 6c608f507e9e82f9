"""Ed25519 keys written the way DIDs and Data Integrity proofs write them.

``publicKeyMultibase`` is ``z`` + base58btc(0xed 0x01 + 32 key bytes) (the Multikey format);
a ``did:key`` is that same string after ``did:key:``, and its verification method is
``did:key:z…#z…``. The private key is kept as its 32 raw bytes (``seed``).
"""

from __future__ import annotations

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ED25519_PUB_PREFIX = b"\xed\x01"
DID_KEY = "did:key:"


def public_multibase(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "z" + base58.b58encode(ED25519_PUB_PREFIX + raw).decode("ascii")


def public_from_multibase(value: str) -> Ed25519PublicKey:
    """The Ed25519 key in a ``z6Mk…`` Multikey string (ValueError when it is not one)."""
    if not value.startswith("z"):
        raise ValueError("clé publique : base58btc attendue (préfixe « z »)")
    raw = base58.b58decode(value[1:])
    if not raw.startswith(ED25519_PUB_PREFIX) or len(raw) != 34:
        raise ValueError("clé publique : une clé Ed25519 Multikey était attendue")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def did_key(public: Ed25519PublicKey) -> str:
    return DID_KEY + public_multibase(public)


def did_key_method(public: Ed25519PublicKey) -> str:
    """The verification method id of a ``did:key``: ``did:key:z…#z…``."""
    mb = public_multibase(public)
    return f"{DID_KEY}{mb}#{mb}"


def public_from_did_key(did: str) -> Ed25519PublicKey:
    """The key a ``did:key`` (or one of its ``#fragment`` methods) stands for."""
    bare = did.split("#", 1)[0]
    if not bare.startswith(DID_KEY):
        raise ValueError(f"pas un did:key : {did}")
    return public_from_multibase(bare[len(DID_KEY) :])


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_from_seed(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)
