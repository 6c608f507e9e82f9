"""Several sessions in one request: each checked as a single push, written together, once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hub_helpers import (
    figures_held_and_counted,
    hub_events,
    laptop_events,
    organisation_with_code,
    play,
)

from facilitator.hub import client, dashboards, local, schema
from facilitator.hub.cards import EventRow, scenario_from_bytes, session_cards
from facilitator.hub.web import ServerThread
from facilitator.storage.db import open_database


def _laptop(tmp_path: Path, url: str, code: str) -> tuple[Path, client.HubClient]:
    path = tmp_path / "laptop.db"
    play(path, "demo-escape")
    play(path, "demo-rally", tag="-r")
    play(path, "demo-escape", tag="-2")
    db = open_database(path)
    link = client.enrol(db, url, code)
    db.close()
    return path, client.HubClient(link.url, link.credential)


def _items(path: Path) -> list[dict[str, Any]]:
    db = open_database(path)
    pushes = [local.build_push(db, sid) for sid in (1, 2, 3)]
    db.close()
    return [
        {
            "session": p.session_id,
            "meta": p.meta,
            "digest": p.digest,
            "events": [list(row) for row in p.rows],
            "players": p.players,
            "cards": session_cards(p.rows, scenario_from_bytes(p.scenario)),
            "scenario": p.scenario,
        }
        for p in pushes
    ]


def _send(hub_client: client.HubClient, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    body = {"sessions": [{k: v for k, v in i.items() if k != "scenario"} for i in items]}
    results: list[dict[str, Any]] = hub_client.call("POST", "/sessions/batch", body)["results"]
    return results


def test_a_refused_session_leaves_the_others_and_a_batch_sent_twice_is_held_once(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop, hub_client = _laptop(tmp_path, served.url, code)
    items = _items(laptop)
    first = _send(hub_client, items)
    assert [r.get("need_scenario") for r in first] == [True, True, True]
    for item in {i["meta"]["scenario_hash"]: i for i in items}.values():
        hub_client.call("PUT", f"/scenarios/{item['meta']['scenario_hash']}", raw=item["scenario"])
    tampered = json.loads(json.dumps(items[1]["cards"]))
    for card in tampered.values():
        card["skills"] = [dict(s, level=3) for s in card["skills"]]
    sent = [items[0], {**items[1], "cards": tampered}, items[2]]
    results = _send(hub_client, sent)
    assert [r.get("state") for r in results] == ["committed", None, "committed"]
    assert "ne correspondent pas" in results[1]["error"]
    assert [r.get("state") for r in _send(hub_client, sent)] == ["committed", None, "committed"]
    assert [r.get("state") for r in _send(hub_client, items)] == ["committed"] * 3
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    with hub.connect() as conn:
        states = list(conn.execute(sa.select(schema.sessions.c.state)).scalars())
        tokens = list(conn.execute(sa.select(schema.players.c.token)).scalars())
    assert states == ["committed"] * 3
    assert sorted(tokens) == sorted(p["token"] for i in items for p in i["players"])


def test_figures_of_a_batch_equal_those_counted_from_the_stored_players(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop, _client = _laptop(tmp_path, served.url, code)
    db = open_database(laptop)
    report = client.push_waiting(db)
    db.close()
    assert sorted(report.pushed) == [1, 2, 3]
    with hub.connect() as conn:
        for session_id in conn.execute(sa.select(schema.sessions.c.id)).scalars():
            figures = dashboards._session_figures(conn, session_id)
            assert figures is not None and dashboards._stored(conn, session_id) == figures[1]
    held, total = figures_held_and_counted(hub)
    assert held == total
    assert sum(v for k, v in total.items() if k[2] == dashboards.PLAYERS) == len(tokens_of(laptop))


def tokens_of(laptop: Path) -> list[str]:
    db = open_database(laptop)
    try:
        return [r[0] for r in db.execute("SELECT token FROM players")]
    finally:
        db.close()


def test_sessions_the_hub_holds_in_another_version_are_replaced_within_the_batch(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    """A forget on the laptop in two sessions: both go again in one batch, each through the
    single push's commit (in a savepoint), and the figures count each player once."""
    from facilitator.sessions.privacy import forget
    from facilitator.storage.players import session_players

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop, _client = _laptop(tmp_path, served.url, code)
    db = open_database(laptop)
    assert sorted(client.push_waiting(db).pushed) == [1, 2, 3]
    gone = [session_players(db, sid)[0] for sid in (1, 3)]
    for player in gone:
        forget(db, player)
    recording: list[list[int]] = []
    real_call = client.HubClient.call

    def call(self: client.HubClient, method: str, path: str, *args: Any, **kwargs: Any) -> Any:
        body = args[0] if args else kwargs.get("body")
        body = body.value() if isinstance(body, client.Encoded) else body
        if isinstance(body, dict) and "sessions" in body:
            recording.append([item["session"] for item in body["sessions"]])
        return real_call(self, method, path, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(client.HubClient, "call", call)
        assert sorted(client.push_waiting(db).pushed) == [1, 3]
    db.close()
    assert recording == [[1, 3]]
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    with hub.connect() as conn:
        tokens = set(conn.execute(sa.select(schema.players.c.token)).scalars())
        stones = set(conn.execute(sa.select(schema.tombstones.c.token)).scalars())
        players = conn.execute(
            sa.select(sa.func.sum(schema.dashboard_counts.c.value)).where(
                schema.dashboard_counts.c.measure == dashboards.PLAYERS
            )
        ).scalar()
    assert tokens == set(tokens_of(laptop)) and stones == {p.token for p in gone}
    assert players == len(tokens)


def _push_of(session_id: int, events: int) -> local.SessionPush:
    rows: list[EventRow] = [(n, 0.0, "x", None, None, "{}") for n in range(1, events + 1)]
    return local.SessionPush(session_id, {}, b"", rows, [], str(session_id))


def test_short_sessions_are_grouped_and_long_ones_go_alone() -> None:
    long = client.CHUNK + 1
    grouped = client.batches([_push_of(n, e) for n, e in enumerate([10, long, 10, 10, long], 1)])
    assert [[p.session_id for p in g] for g in grouped] == [[1], [2], [3, 4], [5]]
    many = client.batches([_push_of(n, 10) for n in range(1, client.BATCH + 6)])
    assert [len(g) for g in many] == [client.BATCH, 5]
    full = client.CHUNK
    heavy = client.batches([_push_of(n, full) for n in range(1, 11)])
    per_group = client.BATCH_EVENTS // full
    assert [len(g) for g in heavy] == [per_group, 10 - per_group]


def test_a_full_group_leaves_before_the_next_session_is_read() -> None:
    read: list[int] = []

    def reading() -> Iterator[local.SessionPush]:
        for n in range(1, 2 * client.BATCH + 3):
            read.append(n)
            yield _push_of(n, 10 if n != client.BATCH + 2 else client.CHUNK + 1)

    seen = []
    for group in client.iter_batches(reading()):
        seen.append(([p.session_id for p in group], len(read)))
    first, before_long, long, last = seen
    assert first == (list(range(1, client.BATCH + 1)), client.BATCH)  # the next one not read yet
    assert before_long == ([client.BATCH + 1], client.BATCH + 2)
    assert long == ([client.BATCH + 2], client.BATCH + 2)  # a long session leaves at once
    assert last == (list(range(client.BATCH + 3, 2 * client.BATCH + 3)), 2 * client.BATCH + 2)
    assert len(read) == 2 * client.BATCH + 2


@pytest.mark.parametrize(
    "sessions",
    [
        "pas une liste",
        [],
        [{"session": 1, "events": 5}],
        [{"session": 1, "meta": "pas un objet", "events": []}],
        [{"session": 10**30, "meta": {}, "events": []}],
        [{"session": 1, "meta": {"scenario_hash": ["x"]}, "events": [[1, 2]]}],
        [7, "x"],
    ],
)
def test_a_malformed_batch_is_refused_in_french_never_a_server_error(
    sessions: Any, tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    _, hub_client = _laptop(tmp_path, served.url, code)
    try:
        answer = hub_client.call("POST", "/sessions/batch", {"sessions": sessions})
    except client.HubRefused as refused:
        assert refused.status in (400, 422) and refused.args[0], refused
    else:  # accepted as a whole: each session then says why it was refused
        assert all("error" in r for r in answer["results"]), answer
    with hub.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.events)).scalar() == 0
