"""Open Badges 3.0: one signed ``OpenBadgeCredential`` per observed skill per player.

Current OB 3.0 (3.0.3 context over the VC Data Model 2.0 context, ``validFrom`` /
``validUntil``), validated against 1EdTech's latest JSON schema, signed with an
``eddsa-rdfc-2022`` Data Integrity proof by the organisation named by ``--issuer``
(``facilitator.credentials``), and revocable through the organisation's Bitstring Status List.

Alignments are honest: ESCO by its real concept URI; ROME by framework name, savoir-être code
and France Travail's public page of the ROME (France Travail publishes no page per savoir-être,
and no identifier is invented for one).

Privacy: the subject is an opaque ``urn:uuid`` derived from the player's random card token
with a one-way hash. Not the pseudonym (a nickname chosen in a workshop can still point to a
person in a small group) and not the token itself (it opens the counsellor portal page, and a
badge is made to be shown to others).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator

from engine.reference import assets_dir
from engine.reference.skills import SkillsFramework, load_framework
from facilitator.credentials import proof
from facilitator.credentials.contexts import OB_V3P0, VC_V2
from facilitator.credentials.issuers import DEFAULT_ORGANISATION, SigningIdentity
from facilitator.credentials.subjects import subject_id
from facilitator.summaries.evidence import FACILITATOR_DEFAULT, PlayerEvidence, SkillEvidence

CONTEXT = [VC_V2, OB_V3P0]
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
SCHEMA_FILE = "ob_v3p0_achievementcredential_schema.json"
VALID_YEARS = 2
ESCO_FRAMEWORK = "ESCO v1.2 (compétences transversales)"
ROME_FRAMEWORK = "ROME 4.0 – savoir-être professionnels (France Travail)"
#: France Travail's public page presenting the ROME and its job sheets (the framework itself).
ROME_PAGE = (
    "https://www.francetravail.fr/employeur/vos-recrutements/le-rome-et-les-fiches-metiers.html"
)

# A fixed namespace so that the same token always gives the same opaque subject id.
_CREDENTIAL_NAMESPACE = uuid.UUID("0b7e5d2c-4a19-5f86-9c3e-71a2d8f04b65")


@dataclass(frozen=True, slots=True)
class Issuer:
    """The organisation ``--issuer`` names (the Mission Locale running the workshop)."""

    name: str = DEFAULT_ORGANISATION
    url: str | None = None


DEFAULT_ISSUER = Issuer()

#: Gives the ``credentialStatus`` of a new badge from its id and subject (a status list entry).
StatusFor = Callable[[str, str], dict[str, Any]]


def credential(
    evidence: SkillEvidence,
    *,
    token: str,
    scenario_title: str,
    issued: datetime,
    issuer: dict[str, Any],
    framework: SkillsFramework | None = None,
    valid_years: int = VALID_YEARS,
) -> dict[str, Any]:
    """The unsigned OB 3.0 credential for one observed skill of one player.

    ``issuer`` is the OB ``Profile`` (``SigningIdentity.profile()``): its ``id`` is the DID
    whose key signs.
    """
    framework = framework or load_framework()
    skill = framework.get(evidence.skill)
    if skill is None:
        raise ValueError(f"skill {evidence.skill!r} is not in framework {framework.id!r}")
    if evidence.level < 1:
        raise ValueError("a badge needs at least one observation (level ≥ 1)")
    start = proof.timestamp(issued)
    end = proof.timestamp(issued + timedelta(days=365 * valid_years))
    achievement_id = f"urn:declic:achievement:{framework.id}:{skill.id}"
    levels_id = f"{achievement_id}:niveau"
    subject = subject_id(token)
    return {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:{uuid.uuid5(_CREDENTIAL_NAMESPACE, f'{subject}|{skill.id}|{start}')}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{skill.label} — {scenario_title}",
        "description": f"{skill.label} : montré pendant le jeu « {scenario_title} ».",
        "issuer": issuer,
        "validFrom": start,
        "validUntil": end,
        "credentialSubject": {
            "id": subject,
            "type": ["AchievementSubject"],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "Competency",
                "name": skill.label,
                "description": f"{skill.rome_label}. {skill.at_work}",
                "criteria": {
                    "narrative": (
                        "Observé pendant un jeu Déclic (escape game, rallye ou tour des métiers) "
                        "par les règles du jeu ou par l'animateur. Niveau 1 : vu une fois ; "
                        "2 : vu plusieurs fois ou confirmé par l'animateur ; 3 : vu souvent."
                    )
                },
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": skill.esco_label,
                        "targetUrl": skill.esco_uri,
                        "targetCode": skill.esco_uri.rsplit("/", 1)[-1],
                        "targetFramework": ESCO_FRAMEWORK,
                        "targetType": "ext:ESCOSkill",
                    },
                    {
                        "type": ["Alignment"],
                        "targetName": skill.rome_label,
                        "targetUrl": ROME_PAGE,
                        "targetCode": skill.rome_code,
                        "targetFramework": ROME_FRAMEWORK,
                        "targetType": "ext:ROMESavoirEtre",
                    },
                ],
                "resultDescription": [
                    {
                        "id": levels_id,
                        "type": ["ResultDescription"],
                        "name": "Niveau observé (1 à 3)",
                        "resultType": "PerformanceLevel",
                        "allowedValue": ["1", "2", "3"],
                    }
                ],
            },
            "result": [
                {"type": ["Result"], "resultDescription": levels_id, "value": str(evidence.level)}
            ],
        },
        "evidence": [
            {
                "type": ["Evidence"],
                "name": "Observé par l'animateur"
                if item.source == "facilitator"
                else "Observé dans le jeu",
                # The young person shows the badge to others: a facilitator's own words
                # (they may name other players) stay with the counsellor, as on the card.
                "description": item.text if item.source == "game" else FACILITATOR_DEFAULT,
                "genre": "Jeu sérieux Déclic",
            }
            for item in evidence.items
        ],
        "credentialSchema": [{"id": SCHEMA_URL, "type": "JsonSchema"}],
    }


@dataclass(frozen=True)
class BadgeSigner:
    """Signs badges as one organisation; ``status_for`` makes them revocable when set.

    ``batch`` (the database's ``atomic``) groups the revocation entries of one player's
    badges in one transaction: one disk sync per player instead of one per badge.
    """

    identity: SigningIdentity
    status_for: StatusFor | None = None
    batch: Callable[[], AbstractContextManager[Any]] = nullcontext

    def issue(self, unsigned: dict[str, Any], issued: datetime) -> dict[str, Any]:
        data = dict(unsigned)
        if self.status_for is not None:
            data["credentialStatus"] = self.status_for(
                str(data["id"]), str(data["credentialSubject"]["id"])
            )
        return proof.sign(data, self.identity, issued)


def player_credentials(
    evidence: PlayerEvidence,
    *,
    token: str,
    scenario_title: str,
    issued: datetime,
    signer: BadgeSigner,
    framework: SkillsFramework | None = None,
) -> list[dict[str, Any]]:
    """One signed credential per observed skill (level ≥ 1); self-assessment alone gives none."""
    with signer.batch():
        return [
            signer.issue(
                credential(
                    skill,
                    token=token,
                    scenario_title=scenario_title,
                    issued=issued,
                    issuer=signer.identity.profile(),
                    framework=framework,
                ),
                issued,
            )
            for skill in evidence.skills
            if skill.level >= 1
        ]


@cache
def _validator() -> Draft201909Validator:
    schema = json.loads((assets_dir() / "schemas" / SCHEMA_FILE).read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


def validate_credential(data: dict[str, Any]) -> list[str]:
    """Problems against the official OB 3.0 schema (empty when valid), as "path: message"."""
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(racine)"
        problems.append(f"{where}: {error.message}")
    return problems


def write_credentials(
    credentials: Sequence[dict[str, Any]], names: Sequence[str], folder: Path
) -> list[Path]:
    """Write each credential as pretty UTF-8 JSON; ``names`` are the file stems."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for data, name in zip(credentials, names, strict=True):
        path = folder / f"{name}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
