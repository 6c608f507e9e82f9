"""What a third party learns from a badge: valid, by whom, for what — or revoked, or altered.

Used by the portal's public ``/verifier`` page. The proof is checked with the key its
verification method names (``did:key``: the key is in the DID itself; ``did:web``: the DID
document the hub published, as this laptop knows it), the badge against the official OB 3.0
schema, its dates against ``now``, and its revocation bit in the issuer's status list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from facilitator.credentials import proof
from facilitator.credentials.proof import KeyResolver

State = Literal["valid", "revoked", "altered", "expired", "invalid"]
#: Whether position ``index`` of the status list at ``url`` is set; None when the list is unknown.
RevocationLookup = Callable[[str, int], bool | None]


@dataclass
class Verdict:
    state: State
    problems: list[str] = field(default_factory=list)
    issuer_name: str = ""
    issuer_id: str = ""
    issuer_key: Literal["did:web", "did:key", ""] = ""
    achievement: str = ""
    level: str = ""
    valid_from: str = ""
    valid_until: str = ""
    status_checked: bool = False


def _parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _describe(data: dict[str, Any], verdict: Verdict) -> None:
    issuer = data.get("issuer")
    if isinstance(issuer, dict):
        verdict.issuer_name = str(issuer.get("name", ""))
        verdict.issuer_id = str(issuer.get("id", ""))
    elif isinstance(issuer, str):
        verdict.issuer_id = issuer
    if verdict.issuer_id.startswith("did:web:"):
        verdict.issuer_key = "did:web"
    elif verdict.issuer_id.startswith("did:key:"):
        verdict.issuer_key = "did:key"
    subject = data.get("credentialSubject")
    if isinstance(subject, dict):
        achievement = subject.get("achievement")
        if isinstance(achievement, dict):
            verdict.achievement = str(achievement.get("name", ""))
        results = subject.get("result")
        if isinstance(results, list) and results and isinstance(results[0], dict):
            verdict.level = str(results[0].get("value", ""))
    verdict.valid_from = str(data.get("validFrom", ""))
    verdict.valid_until = str(data.get("validUntil", ""))


def verify_badge(
    data: Any,
    *,
    resolve: KeyResolver,
    revoked: RevocationLookup,
    now: datetime,
    schema_problems: Callable[[dict[str, Any]], list[str]] | None = None,
) -> Verdict:
    """The verdict on one badge (a parsed JSON value); never raises on bad input."""
    if not isinstance(data, dict):
        return Verdict("invalid", ["ce n'est pas un badge (un objet JSON est attendu)"])
    verdict = Verdict("valid")
    _describe(data, verdict)
    check = proof.verify(data, resolve)
    if not check.valid:
        altered = "modifié" in check.problem
        verdict.state = "altered" if altered else "invalid"
        verdict.problems.append(check.problem)
        return verdict
    problems = schema_problems(data) if schema_problems else []
    if problems:
        verdict.state = "invalid"
        verdict.problems += [f"non conforme au schéma Open Badges 3.0 : {p}" for p in problems[:5]]
        return verdict
    start, end = _parse_time(data.get("validFrom")), _parse_time(data.get("validUntil"))
    if start is None or now < start or (end is not None and now > end):
        verdict.state = "expired"
        verdict.problems.append("le badge n'est pas dans sa période de validité")
    status = data.get("credentialStatus")
    if isinstance(status, dict) and status.get("type") == "BitstringStatusListEntry":
        try:
            index = int(str(status.get("statusListIndex")))
        except ValueError:
            index = -1
        found = revoked(str(status.get("statusListCredential", "")), index) if index >= 0 else None
        if found is None:
            verdict.problems.append("liste de révocation introuvable ici : statut non vérifié")
        else:
            verdict.status_checked = True
            if found:
                verdict.state = "revoked"
                verdict.problems.append("le badge a été révoqué par son émetteur")
    return verdict
