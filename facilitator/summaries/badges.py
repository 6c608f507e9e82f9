"""Open Badges 3.0: one ``OpenBadgeCredential`` per observed skill per player, unsigned.

Each credential aligns its achievement to the skill's ESCO URI and ROME savoir-être code and
records the observed level (1 to 3) as a ``Result``. Signing can come later: the credentials
say so in their description, and carry no ``proof``.

Privacy: the subject is an opaque ``urn:uuid`` derived from the player's random card token
with a one-way hash. Not the pseudonym (a nickname chosen in a workshop can still point to a
person in a small group) and not the token itself (it opens the counsellor portal page, and a
badge is made to be shown to others).

Validity: ``validFrom``/``validUntil`` (current OB 3.0 text, VC data model 2.0) and the same
dates as ``issuanceDate``/``expirationDate``, which the shipped revision of the official schema
(``assets/schemas``) requires.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator

from engine.reference import assets_dir
from engine.reference.skills import SkillsFramework, load_framework
from facilitator.summaries.evidence import PlayerEvidence, SkillEvidence

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
SCHEMA_FILE = "ob_v3p0_achievementcredential_schema.json"
VALID_YEARS = 2
UNSIGNED_NOTE = "Attestation non signée : la signature numérique viendra plus tard."

# A fixed namespace so that the same token always gives the same opaque subject id.
_SUBJECT_NAMESPACE = uuid.UUID("6f1c2a4e-9b0d-5e3f-8a71-d3c1e0b6a9f2")
_CREDENTIAL_NAMESPACE = uuid.UUID("0b7e5d2c-4a19-5f86-9c3e-71a2d8f04b65")


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who awards the badge: the Mission Locale running the workshop."""

    name: str = "Mission Locale"
    id: str = "urn:declic:issuer:mission-locale"
    url: str | None = None

    def profile(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": ["Profile"], "name": self.name}
        if self.url:
            data["url"] = self.url
        return data


DEFAULT_ISSUER = Issuer()


def subject_id(token: str) -> str:
    """An opaque, stable id for the player: a one-way function of their card token."""
    return f"urn:uuid:{uuid.uuid5(_SUBJECT_NAMESPACE, token)}"


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential(
    evidence: SkillEvidence,
    *,
    token: str,
    scenario_title: str,
    issued: datetime,
    issuer: Issuer = DEFAULT_ISSUER,
    framework: SkillsFramework | None = None,
    valid_years: int = VALID_YEARS,
) -> dict[str, Any]:
    """The OB 3.0 credential for one observed skill of one player."""
    framework = framework or load_framework()
    skill = framework.get(evidence.skill)
    if skill is None:
        raise ValueError(f"skill {evidence.skill!r} is not in framework {framework.id!r}")
    if evidence.level < 1:
        raise ValueError("a badge needs at least one observation (level ≥ 1)")
    start = _timestamp(issued)
    end = _timestamp(issued + timedelta(days=365 * valid_years))
    achievement_id = f"urn:declic:achievement:{framework.id}:{skill.id}"
    levels_id = f"{achievement_id}:niveau"
    subject = subject_id(token)
    return {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:{uuid.uuid5(_CREDENTIAL_NAMESPACE, f'{subject}|{skill.id}|{start}')}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{skill.label} — {scenario_title}",
        "description": f"{skill.label} : montré pendant le jeu « {scenario_title} ». {UNSIGNED_NOTE}",
        "issuer": issuer.profile(),
        "validFrom": start,
        "validUntil": end,
        "issuanceDate": start,
        "expirationDate": end,
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
                        "targetFramework": "ESCO v1.2 (compétences transversales)",
                        "targetType": "ext:ESCOSkill",
                    },
                    {
                        "type": ["Alignment"],
                        "targetName": skill.rome_label,
                        # ROME publishes no page per savoir-être: a URN, not an invented URL.
                        "targetUrl": f"urn:fr:francetravail:rome:competence:{skill.rome_code}",
                        "targetCode": skill.rome_code,
                        "targetFramework": "ROME 4.0 – savoir-être professionnels (France Travail)",
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
                "description": item.text,
                "genre": "Jeu sérieux Déclic",
            }
            for item in evidence.items
        ],
        "credentialSchema": [{"id": SCHEMA_URL, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def player_credentials(
    evidence: PlayerEvidence,
    *,
    token: str,
    scenario_title: str,
    issued: datetime,
    issuer: Issuer = DEFAULT_ISSUER,
    framework: SkillsFramework | None = None,
) -> list[dict[str, Any]]:
    """One credential per observed skill (level ≥ 1); self-assessment alone gives none."""
    return [
        credential(
            skill,
            token=token,
            scenario_title=scenario_title,
            issued=issued,
            issuer=issuer,
            framework=framework,
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
