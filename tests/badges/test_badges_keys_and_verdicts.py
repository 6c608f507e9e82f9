"""Issuer keys per organisation, hub enrolment checks, and the verdict the /verifier page gives."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from facilitator.credentials import multikey, status
from facilitator.credentials.issuers import SqliteKeyStore, did_web_document, enrol_hub_key
from facilitator.credentials.verify import verify_badge
from facilitator.storage.db import open_database
from facilitator.summaries.badges import subject_id, validate_credential
from tests.badges.badge_helpers import ORGANISATION, alter_one_character, issue_badges


def test_one_key_per_organisation_kept_across_runs(tmp_path: Path) -> None:
    db = open_database(tmp_path / "d.db")
    first = SqliteKeyStore(db).identity("Mission Locale de Caen")
    again = SqliteKeyStore(db).identity("  mission locale  DE CAEN ")
    other = SqliteKeyStore(db).identity("Mission Locale de Rouen")
    assert first.did == again.did and first.did.startswith("did:key:z6Mk")
    assert other.did != first.did and not first.enrolled
    public = SqliteKeyStore(db).public_key(first.verification_method)
    assert public is not None and multikey.did_key(public) == first.did


def test_hub_enrolment_refuses_a_key_the_did_document_does_not_list(tmp_path: Path) -> None:
    db = open_database(tmp_path / "d.db")
    key = multikey.new_private_key()
    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    did = "did:web:hub.example.org:ml-caen"
    wrong = did_web_document(did, {"#k": multikey.new_private_key().public_key()})
    with pytest.raises(ValueError, match="ne correspond pas"):
        enrol_hub_key(
            db, ORGANISATION, did_document=wrong, verification_method=f"{did}#k", private_seed=seed
        )
    right = did_web_document(did, {"#k": key.public_key()})
    enrolled = enrol_hub_key(
        db, ORGANISATION, did_document=right, verification_method=f"{did}#k", private_seed=seed
    )
    identity = SqliteKeyStore(db).identity(ORGANISATION)
    assert enrolled.enrolled and identity.enrolled and identity.did == did


def _verdict(db_path: Path, path: Path, now: datetime | None = None):  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    try:
        return verify_badge(
            json.loads(path.read_text(encoding="utf-8")),
            resolve=SqliteKeyStore(db).public_key,
            revoked=status.revocation_lookup(db),
            now=now or datetime.now(UTC),
            schema_problems=validate_credential,
        )
    finally:
        db.close()


def test_verdicts_valid_altered_expired_revoked(tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    badges = issue_badges(db_path, tmp_path / "out")
    good = _verdict(db_path, badges[0])
    assert good.state == "valid" and good.status_checked, good.problems
    assert good.issuer_name == ORGANISATION and good.issuer_key == "did:key"
    assert good.achievement and good.level in {"1", "2", "3"}

    altered = _verdict(db_path, alter_one_character(badges[0], tmp_path / "altered.json"))
    assert altered.state == "altered"
    later = datetime.now(UTC) + timedelta(days=365 * 3)
    assert _verdict(db_path, badges[0], later).state == "expired"

    data = json.loads(badges[0].read_text(encoding="utf-8"))
    db = open_database(db_path)
    revoked = status.revoke_subject(db, data["credentialSubject"]["id"])
    db.close()
    assert revoked >= 1
    assert _verdict(db_path, badges[0]).state == "revoked"


def test_revoking_forgets_the_subject_and_unsigned_or_foreign_input_is_invalid(
    tmp_path: Path,
) -> None:
    db_path = tmp_path / "declic.db"
    badges = issue_badges(db_path, tmp_path / "out")
    subject = json.loads(badges[0].read_text(encoding="utf-8"))["credentialSubject"]["id"]
    db = open_database(db_path)
    assert status.revoke_subject(db, subject) >= 1
    assert (
        db.execute("SELECT count(*) FROM status_entries WHERE subject = ?", (subject,)).fetchone()[
            0
        ]
        == 0
    )
    db.close()
    unsigned = json.loads(badges[1].read_text(encoding="utf-8"))
    del unsigned["proof"]
    (tmp_path / "unsigned.json").write_text(json.dumps(unsigned))
    assert _verdict(db_path, tmp_path / "unsigned.json").state == "invalid"
    (tmp_path / "list.json").write_text("[1, 2]")
    assert _verdict(db_path, tmp_path / "list.json").state == "invalid"
    assert subject_id("x") != subject_id("y")
