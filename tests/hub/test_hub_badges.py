"""Badges signed as the organisation (issue 18, the hub's side), on SQLite and PostgreSQL.

A real hub served on 127.0.0.1; a laptop enrolled with ``declic hub enrol`` makes its key and
the hub lists the public half in the organisation's ``did:web`` document; badges written after
enrolment verify with Digital Bazaar's libraries (Node) given only what the hub serves (its
DID document and status list, fetched over HTTP), fail once altered, and are reported revoked
after a ``forget`` on the hub or on the laptop.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hub_helpers import organisation_with_code, play

from declic.cli import main
from facilitator.credentials.verify import verify_badge
from facilitator.hub import badge_keys, client, org_keys, session_hooks
from facilitator.hub.people import new_device_code
from facilitator.hub.schema import badge_status, device_keys, organisation_keys
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.sessions.privacy import forget
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players
from facilitator.summaries.badges import validate_credential
from facilitator.summaries.write import write_session_summary
from tests.badges.badge_helpers import alter_one_character, node_verify

ORGANISATION = "Mission Locale de Rouen"


@dataclass
class World:
    url: str
    host: str
    hub: sa.Engine
    laptop: Path
    badges: list[Path]
    folder: Path


@pytest.fixture
def world(hub: sa.Engine, tmp_path: Path) -> Iterator[World]:
    yield from enrolled_world(hub, tmp_path)


def enrolled_world(hub: sa.Engine, tmp_path: Path) -> Iterator[World]:
    """A hub, a laptop enrolled to it that played one session and wrote its badges."""
    code = organisation_with_code(hub, "ml-rouen", ORGANISATION)
    with ServerThread(create_hub_app(hub)) as server:
        laptop = tmp_path / "declic.db"
        assert main(["hub", "enrol", server.url, code, "--db", str(laptop)]) == 0
        session_id = play(laptop)
        with session_hooks._running:  # the push started by the game's end is over
            pass
        db = open_database(laptop)
        summary = write_session_summary(db, session_id, tmp_path / "out", with_badges=True)
        db.close()
        kept = tmp_path / "kept"  # the young people's copies (forget deletes Déclic's)
        kept.mkdir()
        badges = [Path(shutil.copy(p, kept / p.name)) for p in summary.written.badges]
        host = server.url.removeprefix("http://")
        yield World(server.url, host, hub, laptop, badges, tmp_path)


def fetch(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        data: dict[str, Any] = json.loads(response.read())
        return data


def served_by_hub(world: World, badge: dict[str, Any]) -> dict[str, Path]:
    """The hub's DID document and the badge's status list, fetched over HTTP into files."""
    did = badge["issuer"]["id"]
    list_url = badge["credentialStatus"]["statusListCredential"]
    (world.folder / "did.json").write_text(json.dumps(fetch(world.url + "/org/ml-rouen/did.json")))
    (world.folder / "statut.json").write_text(json.dumps(fetch(list_url)))
    return {did: world.folder / "did.json", list_url: world.folder / "statut.json"}


def test_badges_verify_with_what_the_hub_serves_and_fail_altered_or_revoked(world: World) -> None:
    did = f"did:web:{world.host.replace(':', '%3A')}:org:ml-rouen"
    first = json.loads(world.badges[0].read_text(encoding="utf-8"))
    assert first["issuer"] == {"id": did, "type": ["Profile"], "name": ORGANISATION}
    assert first["proof"][0]["verificationMethod"] == did + "#poste-1"
    assert first["credentialStatus"]["statusListCredential"] == world.url + "/org/ml-rouen/statuts"
    for path in world.badges:
        assert validate_credential(json.loads(path.read_text(encoding="utf-8"))) == []

    served = served_by_hub(world, first)
    altered = alter_one_character(world.badges[0], world.folder / "altered.json")
    *real, changed = node_verify([*world.badges, altered], served, world.folder)
    assert all(r["accepted"] and r["revoked"] is False and r["safe"] for r in real), real
    assert changed["accepted"] is False and changed["verified"] is False

    db = open_database(world.laptop)
    lina = {p.player_id: p for p in session_players(db, 1)}["p1"]
    db.close()
    # Erased on the hub before the laptop sent its badges' positions: the laptop applies the
    # erasure at its next sync, then sends the positions, revoked.
    assert main(["hub", "forget", lina.short_code, "--org", "ml-rouen", "--db", hub_db(world)]) == 0
    assert main(["hub", "push", "--db", str(world.laptop)]) == 0
    served = served_by_hub(world, first)
    after = {r["file"]: r for r in node_verify(world.badges, served, world.folder)}
    for path in world.badges:
        mine = path.name.startswith(lina.short_code)
        assert after[str(path)]["revoked"] is mine, (path.name, after[str(path)])
        assert after[str(path)]["accepted"] is not mine


def hub_db(world: World) -> str:
    return world.hub.url.render_as_string(hide_password=False)


def hub_verdicts(world: World) -> dict[str, str]:
    """Each badge's state as the hub's own /verifier sees it (its keys, its lists)."""
    now = datetime.now(UTC)
    with world.hub.connect() as conn:

        def revoked(url: str, index: int) -> bool | None:
            return org_keys.is_revoked(conn, world.url, url, index)

        def resolve(method: str) -> Any:
            return org_keys.public_key(conn, world.host, method, now.timestamp())

        return {
            p.name: verify_badge(
                json.loads(p.read_text(encoding="utf-8")), resolve=resolve, revoked=revoked, now=now
            ).state
            for p in world.badges
        }


def test_forget_on_the_hub_or_on_the_laptop_revokes_in_the_hubs_lists(world: World) -> None:
    db = open_database(world.laptop)
    assert client.push_waiting(db).unreachable is None  # the positions reach the hub
    players = {p.player_id: p for p in session_players(db, 1)}
    assert set(hub_verdicts(world).values()) == {"valid"}

    on_hub = players["p1"]  # the positions are known: the hub sets the bits at once
    assert (
        main(["hub", "forget", on_hub.short_code, "--org", "ml-rouen", "--db", hub_db(world)]) == 0
    )
    states = hub_verdicts(world)
    assert {s for n, s in states.items() if n.startswith(on_hub.short_code)} == {"revoked"}

    on_laptop = players["p2"]  # the laptop sets its bits, the hub's at the next push
    assert forget(db, on_laptop).badges_revoked >= 1
    assert client.push_waiting(db).unreachable is None
    db.close()
    states = hub_verdicts(world)
    gone = (on_hub.short_code, on_laptop.short_code)
    assert {s for n, s in states.items() if n.startswith(gone)} == {"revoked"}, states


def test_keys_private_halves_stay_home_and_a_revoked_laptop_leaves_the_document(
    world: World,
) -> None:
    document = fetch(world.url + "/org/ml-rouen/did.json")
    methods = {m["id"].rsplit("#", 1)[1]: m for m in document["verificationMethod"]}
    assert set(methods) == {"organisation", "poste-1"}
    assert document["assertionMethod"] == [m["id"] for m in document["verificationMethod"]]
    text = json.dumps(document)
    assert "private" not in text.lower() and "seed" not in text.lower()
    db = open_database(world.laptop)
    (seed,) = db.execute("SELECT private_seed FROM signing_keys WHERE kind = 'hub'").fetchone()
    db.close()
    with world.hub.connect() as conn:
        registered = conn.execute(sa.select(device_keys.c.public_key)).scalar_one()
        org_seed = conn.execute(sa.select(organisation_keys.c.private_seed)).scalar_one()
    assert registered == methods["poste-1"]["publicKeyMultibase"]
    assert bytes(seed) != bytes(org_seed)  # the laptop's key is its own, made on the laptop

    assert main(["hub", "revoke-device", "1", "--db", hub_db(world)]) == 0
    document = fetch(world.url + "/org/ml-rouen/did.json")
    assert [m["id"].rsplit("#", 1)[1] for m in document["verificationMethod"]] == ["organisation"]


def test_an_organisation_gets_its_key_at_creation(hub: sa.Engine) -> None:
    url = hub.url.render_as_string(hide_password=False)
    assert main(["hub", "add-organisation", "ml-caen", "--name", "ML de Caen", "--db", url]) == 0
    with hub.connect() as conn:
        keys = conn.execute(sa.select(organisation_keys)).all()
    assert len(keys) == 1 and keys[0].public_key.startswith("z6Mk")
    assert len(bytes(keys[0].private_seed)) == 32


def test_two_laptops_share_the_organisations_list_without_sharing_a_position(
    world: World, tmp_path: Path
) -> None:
    with world.hub.begin() as conn:
        code = new_device_code(conn, "ml-rouen", time.time())
    second = tmp_path / "second.db"
    assert main(["hub", "enrol", world.url, code, "--db", str(second)]) == 0
    reserves = {}
    for laptop in (world.laptop, second):
        db = open_database(laptop)
        reserves[laptop] = {
            int(i)
            for (i,) in db.execute(
                "SELECT idx FROM status_entries WHERE credential_id LIKE 'réserve:%'"
            )
        }
        db.close()
    used = {
        int(json.loads(p.read_text())["credentialStatus"]["statusListIndex"]) for p in world.badges
    }
    assert len(reserves[second]) == org_keys.RESERVE
    assert len(reserves[world.laptop]) == org_keys.RESERVE - len(used)
    assert not reserves[second] & (reserves[world.laptop] | used)
    db = open_database(world.laptop)
    assert client.push_waiting(db).unreachable is None  # used positions sent, reserve topped up
    (left,) = db.execute(
        "SELECT count(*) FROM status_entries WHERE credential_id LIKE 'réserve:%'"
    ).fetchone()
    db.close()
    assert left == org_keys.RESERVE
    with world.hub.connect() as conn:
        rows = conn.execute(sa.select(badge_status)).all()
    assert len(rows) == len({(r.org_id, r.idx) for r in rows}) == 2 * org_keys.RESERVE + len(used)
    assert {r.idx for r in rows if r.used_at is not None} == used


def test_a_laptops_tombstone_revokes_on_the_hub_by_itself(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = open_database(world.laptop)
    assert client.push_waiting(db).unreachable is None  # the positions reach the hub
    gone = {p.player_id: p for p in session_players(db, 1)}["p2"]
    forget(db, gone)
    monkeypatch.setattr(badge_keys, "sync_badges", lambda *_args: None)  # positions not sent
    assert client.push_waiting(db).pushed == [1]  # the session, with the player dropped
    db.close()
    states = hub_verdicts(world)
    assert {s for n, s in states.items() if n.startswith(gone.short_code)} == {"revoked"}
    assert {s for n, s in states.items() if not n.startswith(gone.short_code)} == {"valid"}


def test_the_summary_warns_when_the_hubs_reserve_runs_low(
    hub: sa.Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(org_keys, "RESERVE", 12)  # the hub runs in this process
    code = organisation_with_code(hub, "ml-rouen", ORGANISATION)
    with ServerThread(create_hub_app(hub)) as server:
        laptop = tmp_path / "declic.db"
        db = open_database(laptop)
        client.enrol(db, server.url, code)
        db.close()
        session_id = play(laptop)
        with session_hooks._running:
            pass
        db = open_database(laptop)
        summary = write_session_summary(db, session_id, tmp_path / "out", with_badges=True)
        db.close()
    left = 12 - len(summary.written.badges)
    assert 0 <= left < 12
    assert any(f"il ne reste que {left} places réservées" in w for w in summary.warnings)
