"""Digital Bazaar's JavaScript libraries, run by Node, verify the badges Déclic signs, and refuse
them once altered (one character) or revoked (``forget``). Nothing here comes from the network:
the verifier is served the shipped contexts, the status list files and DID documents."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from facilitator.credentials import multikey, status
from facilitator.credentials.issuers import did_web_document, enrol_hub_key
from facilitator.sessions.privacy import forget
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players
from facilitator.summaries.badges import validate_credential
from tests.badges.badge_helpers import (
    ORGANISATION,
    alter_one_character,
    issue_badges,
    node_verify,
    played_session,
    write_status_list,
)


def test_real_badges_verify_altered_and_revoked_ones_do_not(tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    badges = issue_badges(db_path, tmp_path / "out")
    kept = tmp_path / "kept"  # what the young people took home (forget deletes Déclic's copies)
    kept.mkdir()
    copies = [Path(shutil.copy(p, kept / p.name)) for p in badges]
    assert len(copies) >= 4
    for path in copies:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert validate_credential(data) == []
        assert data["issuer"]["name"] == ORGANISATION
        assert data["credentialStatus"]["type"] == "BitstringStatusListEntry"

    served = write_status_list(db_path, tmp_path)
    altered = alter_one_character(copies[0], tmp_path / "altered.json")
    old_term = json.loads(copies[1].read_text(encoding="utf-8")) | {"issuanceDate": "2026-01-01"}
    (tmp_path / "old-term.json").write_text(json.dumps(old_term), encoding="utf-8")
    results = node_verify([*copies, altered, tmp_path / "old-term.json"], served, tmp_path)
    *real, changed, undefined = results
    assert all(r["accepted"] and r["revoked"] is False for r in real), results
    assert all(r["safe"] for r in real)  # jsonld.js expansion in safe mode drops nothing
    assert changed["accepted"] is False and changed["verified"] is False and changed["errors"]
    assert undefined["safe"] is False and undefined["accepted"] is False

    db = open_database(db_path)
    players = {row.player_id: row for row in session_players(db, 1)}
    report = forget(db, players["p1"])
    db.close()
    lina = [p for p in copies if p.name.startswith(players["p1"].short_code)]
    others = [p for p in copies if p not in lina]
    assert lina and others and report.badges_revoked == len(lina)

    served = write_status_list(db_path, tmp_path)
    after = {r["file"]: r for r in node_verify(copies, served, tmp_path)}
    for path in lina:
        assert after[str(path)]["revoked"] is True and after[str(path)]["accepted"] is False
    for path in others:
        assert after[str(path)]["accepted"] is True and after[str(path)]["revoked"] is False


def test_a_laptop_enrolled_to_the_hub_signs_as_the_organisation_did_web(tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    played_session(db_path)
    hub_key = multikey.new_private_key()
    did = "did:web:hub.example.org:organisations:ml-caen"
    document = did_web_document(did, {"#portable-1": hub_key.public_key()})
    db = open_database(db_path)
    enrol_hub_key(
        db,
        ORGANISATION,
        did_document=document,
        verification_method=f"{did}#portable-1",
        private_seed=hub_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
    )
    db.close()
    (tmp_path / "did.json").write_text(json.dumps(document))
    badges = issue_badges(tmp_path / "declic.db", tmp_path / "out")
    data = json.loads(badges[0].read_text(encoding="utf-8"))
    assert data["issuer"]["id"] == did
    assert data["proof"][0]["verificationMethod"] == f"{did}#portable-1"
    served = {**write_status_list(db_path, tmp_path), did: tmp_path / "did.json"}
    assert all(r["accepted"] for r in node_verify(badges, served, tmp_path))
    # The same badge signed by an unknown key under that DID is refused.
    stranger = did_web_document(did, {"#portable-1": multikey.new_private_key().public_key()})
    (tmp_path / "did.json").write_text(json.dumps(stranger))
    assert not any(r["accepted"] for r in node_verify(badges[:1], served, tmp_path))


def test_the_status_list_bits_are_where_the_verifier_reads_them(tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    badges = issue_badges(db_path, tmp_path / "out")
    data = json.loads(badges[0].read_text(encoding="utf-8"))
    index = int(data["credentialStatus"]["statusListIndex"])
    served = write_status_list(db_path, tmp_path)
    listed = json.loads(next(iter(served.values())).read_text())
    bits = status.decode_list(listed["credentialSubject"]["encodedList"])
    assert len(bits) * 8 == status.LIST_LENGTH and not any(bits)
    assert status.bit(status.decode_list(status.encode_list([index])), index)
    assert not status.bit(status.decode_list(status.encode_list([index])), index ^ 1)
