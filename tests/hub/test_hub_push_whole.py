"""A session pushed in one request (``commit`` carrying ``meta``), the scenario parsed once per
hash, the pool sized for the server, and the young person's page without a cookie."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hub_helpers import hub_events, laptop_events, organisation_with_code, play

from declic.shipped import resolve_scenario
from facilitator.hub import cards, client, local, schema
from facilitator.hub.database import create_hub_engine
from facilitator.hub.web import ServerThread, create_hub_app
from facilitator.portal.security import CSRF_COOKIE
from facilitator.storage.db import open_database
from facilitator.storage.hub_link import read_link


class Recording(client.HubClient):
    """A client that writes down every call (method, path, whether it carried ``meta``)."""

    def __init__(self, url: str, credential: str | None) -> None:
        super().__init__(url, credential)
        self.calls: list[tuple[str, str, bool]] = []
        self.batched: list[list[int]] = []  # the sessions of each batch request

    def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
        sent = body.value() if isinstance(body, client.Encoded) else body
        self.calls.append((method, path, isinstance(sent, dict) and "meta" in sent))
        if isinstance(sent, dict) and "sessions" in sent:
            self.batched.append(sorted(item["session"] for item in sent["sessions"]))
        return super().call(method, path, body, raw)


def _laptop(tmp_path: Path, url: str, code: str) -> Path:
    path = tmp_path / "laptop.db"
    play(path, "demo-escape")
    play(path, "demo-rally", tag="-r")
    db = open_database(path)
    client.enrol(db, url, code)
    db.close()
    return path


def _recording(path: Path, cls: type[Recording] = Recording) -> Recording:
    db = open_database(path)
    link = read_link(db)
    db.close()
    assert link is not None
    return cls(link.url, link.credential)


def _push(path: Path, hub_client: client.HubClient) -> client.PushReport:
    db = open_database(path)
    try:
        return client.push_waiting(db, client=hub_client)
    finally:
        db.close()


def test_short_sessions_go_together_in_one_request(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    recording = _recording(laptop)
    assert sorted(_push(laptop, recording).pushed) == [1, 2]
    steps = [(m, p) for m, p, _ in recording.calls]
    assert not any(p.endswith(("/begin", "/events", "/commit")) for _m, p in steps)
    # both sessions in one batch (the hub lacks both scenarios), the scenarios, the batch again
    assert [p for m, p in steps if m == "PUT"] == [
        f"/scenarios/{h}" for h in _scenario_hashes(laptop)
    ]
    assert recording.batched == [[1, 2], [1, 2]]
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    again = _recording(laptop)
    assert _push(laptop, again).pushed == []
    with hub.connect() as conn:
        assert set(conn.execute(sa.select(schema.sessions.c.state)).scalars()) == {"committed"}


def _scenario_hashes(laptop: Path) -> list[str]:
    db = open_database(laptop)
    try:
        return [local.build_push(db, sid).meta["scenario_hash"] for sid in (1, 2)]
    finally:
        db.close()


def test_one_request_continues_a_push_begun_in_steps(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    """Events already held (a push in steps cut after some chunks) are neither lost nor
    stored twice when the next try sends the whole session at once."""
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    hub_client = _recording(laptop)
    db = open_database(laptop)
    push = local.build_push(db, 1)
    db.close()
    hub_client.call("PUT", f"/scenarios/{push.meta['scenario_hash']}", raw=push.scenario)
    assert hub_client.call("POST", "/sessions/1/begin", push.meta)["received"] == 0
    first = [list(row) for row in push.rows[:10]]
    assert hub_client.call("POST", "/sessions/1/events", {"events": first})["received"] == 10
    assert sorted(_push(laptop, _recording(laptop)).pushed) == [1, 2]
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)


def test_a_hub_refusing_the_one_request_push_gets_it_in_steps(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    """An older hub knows neither batches (its 404 page) nor ``meta`` (« session inconnue »,
    409, restart): the laptop then pushes each session step by step."""

    class OlderHub(Recording):
        def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
            if path == "/sessions/batch":  # the route the older hub lacks: its own 404
                return super().call(method, "/sessions/unknown-route", body, raw)
            if isinstance(body, dict) and "meta" in body:
                self.calls.append((method, path, True))
                raise client.HubRefused("session inconnue : recommencez l'envoi", 409, True)
            return super().call(method, path, body, raw)

    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    older = _recording(laptop, OlderHub)
    assert sorted(_push(laptop, older).pushed) == [1, 2]
    assert older.batched == [[1, 2]]
    assert any(p.endswith("/begin") for _m, p, _meta in older.calls)
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)


def test_a_malformed_session_description_is_refused_in_french(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    hub_client = _recording(laptop)
    for meta in ({"scenario_hash": "x"}, ["not", "a", "dict"]):
        with pytest.raises(client.HubRefused) as refused:
            hub_client.call("POST", "/sessions/1/commit", {"meta": meta, "digest": "d"})
        assert refused.value.status == 422 and "mal formée" in str(refused.value)
    with hub.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.sessions)).scalar() == 0


def test_a_scenario_is_parsed_once_per_content(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards, "_PARSED", {})
    monkeypatch.setattr(cards, "PARSED_KEPT", 2)
    bad = b"id: essai\n"  # not a valid scenario: parsed to None, and remembered as such
    first = cards.scenario_from_bytes(bad)
    assert first is None and cards.scenario_hash(bad) in cards._PARSED
    content = resolve_scenario("demo-escape").read_bytes()
    parsed = cards.scenario_from_bytes(content)
    assert parsed is not None and cards.scenario_from_bytes(content) is parsed

    def never() -> bytes:
        raise AssertionError("read again although parsed")

    assert cards.parsed_scenario(cards.scenario_hash(content), never) is parsed
    cards.scenario_from_bytes(b"id: autre\n")  # a third content: the oldest is dropped
    assert list(cards._PARSED) == [
        cards.scenario_hash(content),
        cards.scenario_hash(b"id: autre\n"),
    ]
    assert cards.parsed_scenario(cards.scenario_hash(bad), lambda: bad) is None


def test_the_pool_keeps_a_connection_per_thread_without_pinging(hub_url: str) -> None:
    engine = create_hub_engine(hub_url, pool_size=7)
    try:
        if engine.dialect.name == "postgresql":
            assert engine.pool.size() == 7  # type: ignore[attr-defined]
            assert not engine.pool._pre_ping
    finally:
        engine.dispose()


def test_the_young_persons_page_sets_no_cookie_but_keeps_its_headers(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    laptop = _laptop(tmp_path, served.url, code)
    assert sorted(_push(laptop, _recording(laptop)).pushed) == [1, 2]
    with hub.connect() as conn:
        token = conn.execute(sa.select(schema.players.c.token)).scalars().first()
    web = create_hub_app(hub).test_client()
    page = web.get(f"/s/{token}")
    assert page.status_code == 200 and "Set-Cookie" not in page.headers
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    form = web.get("/code")  # a page with a form still gets its CSRF cookie
    assert CSRF_COOKIE in form.headers.get("Set-Cookie", "")


def test_rows_inserted_in_one_statement_come_back_exactly(hub: sa.Engine) -> None:
    """``insert_rows`` (JSON rows on PostgreSQL, executemany on SQLite): quotes, backslashes,
    accents, emoji, None and floats come back as given; duplicates are ignored on request."""
    from facilitator.hub.sync_server import insert_rows

    with hub.begin() as conn:
        conn.execute(
            schema.organisations.insert(), [{"id": 1, "slug": "o", "name": "O", "created_at": 0.0}]
        )
        conn.execute(
            schema.devices.insert(),
            [{"id": 1, "org_id": 1, "secret_hash": "x", "label": "l", "enrolled_at": 0.0}],
        )
        conn.execute(schema.scenarios.insert(), [{"hash": "h", "content": b"x", "stored_at": 0.0}])
        conn.execute(
            schema.sessions.insert(),
            [
                {
                    "id": 1,
                    "org_id": 1,
                    "device_id": 1,
                    "laptop_session": 1,
                    "scenario_hash": "h",
                    "scenario_id": "s",
                    "scenario_title": "t",
                    "created_at": 0.0,
                    "state": "uploading",
                }
            ],
        )
    given = [
        {
            "session_id": 1,
            "seq": n + 1,
            "at": 1_780_000_000.123456789 + n / 3,
            "kind": "Événement",
            "player": None if n % 2 else 'Zoé "la" \\ 🦊',
            "team": None,
            "data": '{"texte": "l\'équipe \\u00e9 \\n 🍳", "n": ' + str(n) + "}",
        }
        for n in range(3)
    ]
    with hub.begin() as conn:
        insert_rows(conn, schema.events, given, ignore_duplicates=True)
        insert_rows(conn, schema.events, given[:2], ignore_duplicates=True)  # held already
    with hub.connect() as conn:
        held = [
            dict(r._mapping)
            for r in conn.execute(sa.select(schema.events).order_by(schema.events.c.seq))
        ]
    assert held == given
