"""Laptops enrol and push; the hub keeps exactly one copy, rebuilt and checked."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from hub_helpers import hub_events, laptop_events, organisation_with_code, play

from facilitator.hub import client, local, schema
from facilitator.hub.cutting_proxy import CuttingProxy
from facilitator.hub.web import ServerThread
from facilitator.storage import hub_link as link_store
from facilitator.storage.db import open_database


def _enrolled_laptop(tmp_path: Path, url: str, code: str, name: str = "laptop") -> Path:
    path = tmp_path / f"{name}.db"
    play(path, "demo-escape")
    play(path, "demo-rally", tag=f"-{name}")
    db = open_database(path)
    client.enrol(db, url, code)
    db.close()
    return path


def _push(path: Path, **kwargs: object) -> client.PushReport:
    db = open_database(path)
    try:
        return client.push_waiting(db, **kwargs)  # type: ignore[arg-type]
    finally:
        db.close()


def test_push_sends_every_event_and_player_once(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path, served.url, code)
    first = _push(laptop)
    assert sorted(first.pushed) == [1, 2] and not first.failed
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    again = _push(laptop)
    assert again.pushed == [] and again.failed == []
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    db = open_database(laptop)
    tokens = {r[0] for r in db.execute("SELECT token FROM players")}
    assert all(state.pushed for state in local.session_state(db))
    db.close()
    with hub.connect() as conn:
        on_hub = set(conn.execute(sa.select(schema.players.c.token)).scalars())
        states = set(conn.execute(sa.select(schema.sessions.c.state)).scalars())
    assert on_hub == tokens and states == {"committed"}


def test_cards_on_the_hub_are_rebuilt_from_the_events(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path, served.url, code)
    _push(laptop)
    with hub.connect() as conn:
        cards = {
            r.pseudonym: json.loads(r.card)
            for r in conn.execute(sa.select(schema.players.c.pseudonym, schema.players.c.card))
        }
    assert len(cards) >= 4
    assert any(card["skills"] for card in cards.values())
    assert all(card["pseudonym"] == name for name, card in cards.items())


def test_a_push_whose_cards_disagree_is_refused(
    tmp_path: Path, hub: sa.Engine, served: ServerThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path, served.url, code)
    real = client.session_cards

    def tampered(rows: object, scenario: object) -> dict[str, object]:
        cards = real(rows, scenario)  # type: ignore[arg-type]
        for card in cards.values():
            card["skills"] = [dict(s, level=3) for s in card["skills"]]
        return cards  # type: ignore[return-value]

    monkeypatch.setattr(local, "session_cards", tampered)  # where the laptop makes them
    monkeypatch.setattr(client, "session_cards", tampered)
    report = _push(laptop)
    assert report.pushed == [] and len(report.failed) == 2
    assert "ne correspondent pas" in report.failed[0][1]
    with hub.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.players)).scalar() == 0
        # a session sent in one request leaves nothing when refused; never a committed one
        assert set(conn.execute(sa.select(schema.sessions.c.state)).scalars()) <= {"uploading"}
    monkeypatch.setattr(local, "session_cards", real)
    monkeypatch.setattr(client, "session_cards", real)
    assert sorted(_push(laptop).pushed) == [1, 2]  # the refused cards were not kept


@pytest.mark.parametrize("chunk", [40, client.CHUNK], ids=["in-steps", "one-request"])
def test_pushes_cut_at_random_bytes_leave_exactly_the_laptops_events(
    tmp_path: Path,
    hub: sa.Engine,
    served: ServerThread,
    monkeypatch: pytest.MonkeyPatch,
    chunk: int,
) -> None:
    # 40: many requests per session, so many places to cut; CHUNK: one request per session
    monkeypatch.setattr(client, "CHUNK", chunk)
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path, served.url, code)  # the one-time code: not cut
    with CuttingProxy(served.port, rate=0.4, max_offset=30_000, seed=7, max_cuts=60) as proxy:
        db = open_database(laptop)
        link = link_store.read_link(db)
        assert link is not None
        link_store.save_link(db, dataclasses.replace(link, url=proxy.url))  # pushes: through it
        db.close()
        for _round in range(20):
            report = _push(laptop, attempts=3)
            if not report.unreachable and not report.failed:
                db = open_database(laptop)
                done = all(s.pushed for s in local.session_state(db))
                db.close()
                if done:
                    break
        assert proxy.cuts > 5
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    with hub.connect() as conn:
        players = conn.execute(sa.select(sa.func.count()).select_from(schema.players)).scalar()
    db = open_database(laptop)
    assert players == db.execute("SELECT COUNT(*) FROM players").fetchone()[0]
    db.close()


def test_a_revoked_device_cannot_push(tmp_path: Path, hub: sa.Engine, served: ServerThread) -> None:
    from facilitator.hub.people import revoke_device

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path, served.url, code)
    with hub.begin() as conn:
        revoke_device(conn, 1, 2.0)
    report = _push(laptop)
    assert report.pushed == []
    assert report.unreachable is None
    assert report.refused is not None and "retiré" in report.refused


def _tokens_on_hub(hub: sa.Engine) -> set[str]:
    with hub.connect() as conn:
        return set(conn.execute(sa.select(schema.players.c.token)).scalars())


def test_forget_on_the_laptop_reaches_the_hub_at_the_next_push(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    from facilitator.sessions.privacy import forget
    from facilitator.storage.players import session_players

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path, served.url, code)
    _push(laptop)
    db = open_database(laptop)
    gone = session_players(db, 1)[0]
    forget(db, gone)
    db.close()
    assert gone.token in _tokens_on_hub(hub)
    assert _push(laptop).pushed == [1]
    assert gone.token not in _tokens_on_hub(hub)
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    assert gone.pseudonym not in json.dumps(hub_events(hub, "ml-rouen")[1])
    with hub.connect() as conn:
        stones = conn.execute(sa.select(schema.tombstones.c.token, schema.tombstones.c.origin))
        assert list(stones) == [(gone.token, "laptop")]


def test_forget_on_the_hub_is_pulled_by_the_laptop(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    from facilitator.hub.erase import forget_player
    from facilitator.storage.players import session_players

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _enrolled_laptop(tmp_path, served.url, code)
    _push(laptop)
    db = open_database(laptop)
    gone = session_players(db, 2)[0]
    db.close()
    with hub.begin() as conn:
        erased = forget_player(conn, "ml-rouen", gone.short_code, 5.0)
    assert erased.pseudonym == gone.pseudonym and erased.events_changed > 0
    assert gone.pseudonym not in json.dumps(hub_events(hub, "ml-rouen")[2])
    report = _push(laptop)
    assert report.forgotten == 1 and report.pushed == [2]
    db = open_database(laptop)
    assert gone.token not in {p.token for p in session_players(db, 2)}
    db.close()
    assert gone.token not in _tokens_on_hub(hub)
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    assert _push(laptop).forgotten == 0


def test_two_organisations_only_get_their_own_sessions(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    rouen = _enrolled_laptop(
        tmp_path, served.url, organisation_with_code(hub, "ml-rouen", "ML Rouen"), "rouen"
    )
    caen = _enrolled_laptop(
        tmp_path, served.url, organisation_with_code(hub, "ml-caen", "ML Caen"), "caen"
    )
    _push(rouen)
    _push(caen)
    assert hub_events(hub, "ml-rouen") == laptop_events(rouen)
    assert hub_events(hub, "ml-caen") == laptop_events(caen)


def test_retention_on_the_hub_deletes_old_sessions(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    from hub_helpers import STARTED

    from facilitator.hub.erase import apply_retention, set_retention

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    _push(_enrolled_laptop(tmp_path, served.url, code))
    with hub.begin() as conn:
        set_retention(conn, "ml-rouen", 30)
        assert apply_retention(conn, STARTED + 10 * 86_400) == 0
        assert apply_retention(conn, STARTED + 40 * 86_400) == 2
    assert hub_events(hub, "ml-rouen") == {} and _tokens_on_hub(hub) == set()
