"""Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C vc-di-eddsa).

Signing: canonicalise (RDFC-1.0, which pyld implements as ``URDNA2015``) the proof options,
with the document's ``@context``, and the document without its proof; the signed bytes are
SHA-256(options) ‖ SHA-256(document); ``proofValue`` is ``z`` + base58btc(signature).

Expansion runs in *safe mode*: a property that no context defines would be silently left out
of the canonical form (so not signed); here it stops signing and verifying instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Protocol

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from engine.typography import agree
from facilitator.credentials.contexts import load_document

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PURPOSE = "assertionMethod"


class Signer(Protocol):
    """What signs: a verification method id and an Ed25519 signing function."""

    @property
    def verification_method(self) -> str: ...

    def sign(self, data: bytes) -> bytes: ...


class DroppedTermError(ValueError):
    """A property that JSON-LD expansion would drop: it would not be covered by the proof."""


def expand_safely(document: dict[str, Any]) -> list[Any]:
    """JSON-LD expansion with the shipped contexts that fails on any dropped property."""
    dropped: list[str] = []
    expanded: list[Any] = jsonld.expand(
        document,
        {"documentLoader": load_document},
        on_property_dropped=lambda prop, *_args, **_kw: dropped.append(str(prop)),
    )
    dropped += _relative_types(expanded)
    if dropped:
        raise DroppedTermError(
            f"{agree(len(set(dropped)), 'terme', 'termes')} sans définition JSON-LD : {', '.join(sorted(dropped))}"
        )
    return expanded


def _relative(iri: str) -> bool:
    # pyld resolves a relative reference against its stand-in base when no base is given.
    return ":" not in iri or iri.startswith(jsonld.DEFAULT_BASE_IRI)


def _relative_types(node: Any) -> list[str]:
    """Type values and ids no context turned into an IRI: relative references, which
    JSON-LD safe mode refuses (jsonld.js drops them from the canonical form)."""
    found: list[str] = []
    if isinstance(node, list):
        for item in node:
            found += _relative_types(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("@type", "@id") and isinstance(value, list | str):
                values = [value] if isinstance(value, str) else value
                found += [v.removeprefix(jsonld.DEFAULT_BASE_IRI) for v in values if _relative(v)]
            elif key != "@value":
                found += _relative_types(value)
    return found


def canonical(document: dict[str, Any]) -> str:
    """RDFC-1.0 canonical N-Quads of ``document``, refusing what safe mode refuses.

    One expansion only: the processor reports dropped properties while normalising, and a
    relative type or id shows in the N-Quads as resolved against pyld's stand-in base.
    """
    dropped: list[str] = []
    processor = jsonld.JsonLdProcessor(
        on_property_dropped=lambda prop, *_args, **_kw: dropped.append(str(prop))
    )
    text: str = processor.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": load_document,
        },
    )
    stand_in = "<" + jsonld.DEFAULT_BASE_IRI
    if stand_in in text:
        dropped += [part.split(">", 1)[0] for part in text.split(stand_in)[1:]]
    if dropped:
        raise DroppedTermError(
            f"{agree(len(set(dropped)), 'terme', 'termes')} sans définition JSON-LD : "
            f"{', '.join(sorted(set(dropped)))}"
        )
    return text


def _hash_data(document: dict[str, Any], options: dict[str, Any]) -> bytes:
    config = {k: v for k, v in options.items() if k != "proofValue"}
    config["@context"] = document["@context"]
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    return (
        _config_digest(json.dumps(config, sort_keys=True))
        + hashlib.sha256(canonical(unsigned).encode()).digest()
    )


@lru_cache(maxsize=256)
def _config_digest(config_json: str) -> bytes:
    """SHA-256 of the canonical proof options: the same for every badge of one signing run
    (same time, key and contexts), so computed once per run instead of once per badge."""
    return hashlib.sha256(canonical(json.loads(config_json)).encode()).digest()


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign(document: dict[str, Any], signer: Signer, created: datetime) -> dict[str, Any]:
    """A copy of ``document`` with an ``eddsa-rdfc-2022`` proof by ``signer``."""
    options = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": timestamp(created),
        "verificationMethod": signer.verification_method,
        "proofPurpose": PURPOSE,
    }
    signature = signer.sign(_hash_data(document, options))
    proof = {**options, "proofValue": "z" + base58.b58encode(signature).decode("ascii")}
    # A list: the OB 3.0 schema wants one (a proof set of one proof, as VC 2.0 allows).
    return {**{k: v for k, v in document.items() if k != "proof"}, "proof": [proof]}


@dataclass(frozen=True)
class ProofCheck:
    """The outcome of checking one proof; ``problem`` is a French sentence when not ``valid``."""

    valid: bool
    verification_method: str = ""
    problem: str = ""


KeyResolver = Callable[[str], Ed25519PublicKey | None]


def verify(document: dict[str, Any], resolve: KeyResolver) -> ProofCheck:
    """Check the document's single ``eddsa-rdfc-2022`` proof with the key ``resolve`` gives.

    A document with several proofs is refused rather than half-checked.
    """
    proof = document.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if not isinstance(proof, dict):
        return ProofCheck(False, problem="le badge n'est pas signé (une seule « proof » attendue)")
    method = str(proof.get("verificationMethod", ""))
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") != CRYPTOSUITE:
        return ProofCheck(False, method, "signature d'un type que Déclic ne sait pas vérifier")
    if proof.get("proofPurpose") != PURPOSE:
        return ProofCheck(
            False, method, "la signature n'est pas faite pour attester (assertionMethod)"
        )
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if not isinstance(issuer_id, str) or method.split("#", 1)[0] != issuer_id:
        return ProofCheck(False, method, "la clé de signature n'appartient pas à l'émetteur")
    value = str(proof.get("proofValue", ""))
    try:
        key = resolve(method)
        if key is None:
            return ProofCheck(False, method, "clé de l'émetteur inconnue")
        if not value.startswith("z"):
            raise ValueError("proofValue")
        key.verify(base58.b58decode(value[1:]), _hash_data(document, proof))
    except InvalidSignature:
        return ProofCheck(False, method, "la signature ne correspond pas : le badge a été modifié")
    except DroppedTermError as exc:
        return ProofCheck(False, method, str(exc))
    except (ValueError, jsonld.JsonLdError) as exc:
        return ProofCheck(False, method, f"badge illisible ({type(exc).__name__})")
    return ProofCheck(True, method)
