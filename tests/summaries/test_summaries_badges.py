"""Open Badges 3.0 credentials validate against the official schema and carry nothing personal."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from engine.core import events as ev
from facilitator.summaries.badges import (
    ROME_PAGE,
    SCHEMA_URL,
    BadgeSigner,
    credential,
    player_credentials,
    subject_id,
    validate_credential,
)
from facilitator.summaries.evidence import compute_evidence
from facilitator.summaries.session import ephemeral_identity

ISSUED = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)
TOKEN = "q3Zr8Kd0-XwT5vB2nYpL4mHcJ6sFa9Ue"


def log() -> list[ev.Event]:
    return [
        ev.PlayerJoined(
            t=0,
            player="a",
            team="e",
            pseudonym="Ana",
            colour="#000000",
            avatar="x",
            team_name="L'équipe",
        ),
        ev.EvidenceRecorded(
            t=1,
            player="a",
            team="e",
            skill="equipe",
            players=("a",),
            text="A aidé",
            source="game",
            puzzle="p",
        ),
        ev.EvidenceRecorded(
            t=2,
            player="facilitator",
            team="e",
            skill="ecoute",
            players=("a",),
            text="",
            source="facilitator",
        ),
        ev.SelfAssessed(t=3, player="a", team="e", skills=("creativite",)),
    ]


def credentials() -> list[dict]:
    evidence = compute_evidence(log())["a"]
    return player_credentials(
        evidence,
        token=TOKEN,
        scenario_title="La cuisine fermée",
        issued=ISSUED,
        signer=SIGNER,
    )


SIGNER = BadgeSigner(ephemeral_identity("Mission Locale de Caen"))


def test_one_valid_credential_per_observed_skill_and_none_for_self_assessment_alone() -> None:
    found = credentials()
    assert len(found) == 2
    for data in found:
        assert validate_credential(data) == []
        assert data["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert data["credentialSchema"] == [{"id": SCHEMA_URL, "type": "JsonSchema"}]
    names = [d["credentialSubject"]["achievement"]["name"] for d in found]
    assert "Imaginer du nouveau" not in names


def test_alignments_to_esco_and_rome_and_the_level_as_a_result() -> None:
    data = next(
        d
        for d in credentials()
        if d["credentialSubject"]["achievement"]["name"] == "Écouter les autres"
    )
    alignment = data["credentialSubject"]["achievement"]["alignment"]
    esco, rome = alignment
    assert esco["targetUrl"].startswith("http://data.europa.eu/esco/skill/")
    assert esco["targetCode"] == esco["targetUrl"].rsplit("/", 1)[-1]
    assert rome["targetCode"] == "300412" and rome["targetUrl"] == ROME_PAGE
    assert rome["targetFramework"].startswith("ROME 4.0")
    assert "urn:" not in json.dumps(alignment)  # no invented identifier
    assert data["credentialSubject"]["result"][0]["value"] == "2"  # confirmed by the facilitator


def test_subject_is_opaque_and_nothing_personal_is_in_the_credential() -> None:
    for data in credentials():
        text = json.dumps(data, ensure_ascii=False)
        assert "Ana" not in text and TOKEN not in text
        assert data["credentialSubject"]["id"] == subject_id(TOKEN)
        assert data["credentialSubject"]["id"].startswith("urn:uuid:")


def test_a_facilitators_own_words_never_go_into_a_badge() -> None:
    """The words may name other players; the badge says who noticed, not what was written."""
    noted = [
        *log(),
        ev.EvidenceRecorded(
            t=4,
            player="facilitator",
            team="e",
            skill="ecoute",
            players=("a",),
            text="A calmé Kevin quand il s'est énervé",
            source="facilitator",
        ),
    ]
    evidence = compute_evidence(noted)["a"]
    found = player_credentials(
        evidence, token=TOKEN, scenario_title="x", issued=ISSUED, signer=SIGNER
    )
    text = json.dumps(found, ensure_ascii=False)
    assert "Kevin" not in text and "calmé" not in text
    assert "Remarqué par l'animateur" in text


def test_current_validity_dates_the_named_issuer_and_a_proof() -> None:
    data = credentials()[0]
    assert data["validFrom"] == "2026-11-26T14:30:00Z"
    assert data["validUntil"] > data["validFrom"]
    assert "issuanceDate" not in data and "expirationDate" not in data
    assert data["issuer"]["name"] == "Mission Locale de Caen"
    assert data["issuer"]["id"] == SIGNER.identity.did and data["issuer"]["id"].startswith(
        "did:key:"
    )
    assert data["proof"][0]["verificationMethod"].startswith(data["issuer"]["id"] + "#")
    evidence = compute_evidence(log())["a"].skills[0]
    profile = {
        "id": "did:web:ml.example.org",
        "type": ["Profile"],
        "name": "ML",
        "url": "https://ml.example.org",
    }
    other = credential(evidence, token=TOKEN, scenario_title="x", issued=ISSUED, issuer=profile)
    assert other["issuer"]["url"] == "https://ml.example.org" and validate_credential(other) == []


def test_the_schema_catches_a_broken_credential() -> None:
    broken = credentials()[0]
    del broken["issuer"]
    del broken["credentialSubject"]["achievement"]["criteria"]
    problems = validate_credential(broken)
    assert any("issuer" in p for p in problems) and any("criteria" in p for p in problems)


def test_same_inputs_same_ids() -> None:
    assert [d["id"] for d in credentials()] == [d["id"] for d in credentials()]


def test_the_shipped_schema_is_the_official_one() -> None:
    path = (
        Path(__file__).resolve().parents[2]
        / "assets/schemas/ob_v3p0_achievementcredential_schema.json"
    )
    schema = json.loads(path.read_text(encoding="utf-8"))
    # The latest automated build names itself "…-jsonschema1.json"; it is published at SCHEMA_URL.
    assert schema["$id"].startswith(SCHEMA_URL.removesuffix("_schema.json"))
    assert schema["required"] == [
        "@context",
        "id",
        "type",
        "credentialSubject",
        "issuer",
        "validFrom",
    ]
    assert len(path.read_bytes()) == 63200  # the byte-for-byte copy (see assets/schemas/README.md)


def test_level_zero_gives_no_badge() -> None:
    from facilitator.summaries.evidence import SkillEvidence

    with pytest.raises(ValueError):
        credential(
            SkillEvidence("equipe", 0, ()),
            token=TOKEN,
            scenario_title="x",
            issued=ISSUED,
            issuer=SIGNER.identity.profile(),
        )
