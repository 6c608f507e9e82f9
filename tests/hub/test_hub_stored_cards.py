"""The cards a push carries are made once, when the game ends, and stored on the laptop: every
later push of that same session sends them as they are; anything that changes the session,
an erasure or a refusal by the hub makes them again."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hub_helpers import hub_events, laptop_events, organisation_with_code, play

from facilitator.hub import client, local, schema, session_hooks
from facilitator.hub.web import ServerThread
from facilitator.sessions.privacy import forget
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players


def _stored(db_path: Path) -> dict[int, tuple[str, str]]:
    db = open_database(db_path)
    try:
        return {
            int(r[0]): (str(r[1]), str(r[2]))
            for r in db.execute("SELECT session_id, made_for, cards FROM hub_cards")
        }
    finally:
        db.close()


def _no_card_making(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("cards made again")

    monkeypatch.setattr(local, "session_cards", refuse)
    monkeypatch.setattr(client, "session_cards", refuse)


def test_cards_made_when_the_game_ends_are_the_ones_pushed_later(
    tmp_path: Path, hub: sa.Engine, served: ServerThread, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offline at the game's end the cards are made and stored; the push days later sends
    them without making them again, and the hub, rebuilding them, accepts them."""
    laptop = tmp_path / "laptop.db"
    play(laptop, "demo-escape")
    play(laptop, "demo-rally", tag="-r")
    db = open_database(laptop)
    assert local.prepare_cards(db) == 2  # what session_hooks does first, network or not
    db.close()
    stored = _stored(laptop)
    assert sorted(stored) == [1, 2]
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    db = open_database(laptop)
    client.enrol(db, served.url, code)
    with monkeypatch.context() as patched:
        _no_card_making(patched)
        assert sorted(client.push_waiting(db).pushed) == [1, 2]
    db.close()
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)
    with hub.connect() as conn:
        held = {
            (int(s), str(p)): json.loads(c)
            for s, p, c in conn.execute(
                sa.select(
                    schema.sessions.c.laptop_session,
                    schema.players.c.player_id,
                    schema.players.c.card,
                ).join(schema.players, schema.players.c.session_id == schema.sessions.c.id)
            )
        }
    sent = {
        (sid, p): card for sid, (_m, text) in stored.items() for p, card in json.loads(text).items()
    }
    assert held == sent  # the hub's rebuild equals what the laptop stored


def test_an_erasure_drops_the_stored_cards_and_the_next_push_makes_them_from_the_cleaned_log(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    laptop = tmp_path / "laptop.db"
    play(laptop, "demo-escape")
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    db = open_database(laptop)
    client.enrol(db, served.url, code)
    assert client.push_waiting(db).pushed == [1]
    gone = session_players(db, 1)[0]
    assert gone.pseudonym in _stored(laptop)[1][1]
    forget(db, gone)
    assert _stored(laptop) == {}  # the copy naming the erased player went with the erasure
    assert client.push_waiting(db).pushed == [1]
    db.close()
    _made_for, text = _stored(laptop)[1]
    assert gone.pseudonym not in text
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)


def test_cards_the_hub_refuses_are_dropped_and_made_again_by_the_next_push(
    tmp_path: Path, hub: sa.Engine, served: ServerThread, capsys: pytest.CaptureFixture[str]
) -> None:
    """Stored cards that differ from the hub's rebuild (another engine version, a tampered
    file) are refused, as any push whose rebuild disagrees; the laptop drops them, and the
    next push makes them from the events and is accepted."""
    laptop = tmp_path / "laptop.db"
    play(laptop, "demo-escape")
    db = open_database(laptop)
    local.prepare_cards(db)
    made_for, text = _stored(laptop)[1]
    cards = json.loads(text)
    first = next(iter(cards))
    cards[first]["skills"] = []  # what another version of the engine could have made
    db.execute("UPDATE hub_cards SET cards = ?", (json.dumps(cards, ensure_ascii=False),))
    db.conn.commit()
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    client.enrol(db, served.url, code)
    report = client.push_waiting(db)
    assert report.pushed == [] and "ne correspondent pas" in report.failed[0][1]
    assert first in report.failed[0][1]
    assert _stored(laptop) == {}
    with hub.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.players)).scalar() == 0
    assert client.push_waiting(db).pushed == [1]
    db.close()
    assert _stored(laptop)[1] == (made_for, text)
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)


def test_cards_made_by_another_version_of_declic_are_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = tmp_path / "laptop.db"
    play(laptop, "demo-escape")
    db = open_database(laptop)
    local.prepare_cards(db)
    made_for, text = _stored(laptop)[1]
    monkeypatch.setattr(local, "installed_version", lambda: "99.0")
    local.prepare_cards(db)
    db.close()
    again, same = _stored(laptop)[1]
    assert again != made_for and again.startswith("99.0 ") and same == text


def test_the_background_push_makes_the_cards_even_when_the_hub_is_unreachable(
    tmp_path: Path,
) -> None:
    from facilitator.storage.hub_link import HubLink, save_link

    laptop = tmp_path / "laptop.db"
    play(laptop, "demo-escape")
    db = open_database(laptop)
    save_link(db, HubLink("http://127.0.0.1:9", "1.secret", "ML"))
    thread = session_hooks.push_in_background(db)
    db.close()
    assert thread is not None
    thread.join(timeout=60)
    assert sorted(_stored(laptop)) == [1]
    db = open_database(laptop)
    assert [s.pushed for s in local.session_state(db)] == [False]  # still waiting
    db.close()


class Watching(client.HubClient):
    """The real client, keeping each batch it sent as the hub read it."""

    def __init__(self, url: str, credential: str | None) -> None:
        super().__init__(url, credential)
        self.batches: list[list[dict[str, Any]]] = []

    def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
        if isinstance(body, client.Encoded):
            self.batches.append(body.value()["sessions"])
        return super().call(method, path, body, raw)


def _enrolled(tmp_path: Path, hub: sa.Engine, url: str) -> tuple[Path, Watching]:
    laptop = tmp_path / "laptop.db"
    play(laptop, "demo-escape")
    play(laptop, "demo-rally", tag="-r")
    code = organisation_with_code(hub, "ml-rouen", "Mission Locale de Rouen")
    db = open_database(laptop)
    link = client.enrol(db, url, code)
    db.close()
    return laptop, Watching(link.url, link.credential)


def test_cards_go_as_a_digest_once_the_hub_said_it_takes_it(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    """The first batch carries the cards as values (an older hub reads only those); the
    hub's answer says it takes their text's digest, and the batch sent again carries the
    SHA-256 of the stored text, which the hub finds equal to that of its rebuild."""
    laptop, watching = _enrolled(tmp_path, hub, served.url)
    db = open_database(laptop)
    assert sorted(client.push_waiting(db, client=watching).pushed) == [1, 2]
    stored = {
        p.session_id: local.card_text_for(db, p)
        for p in (local.build_push(db, 1), local.build_push(db, 2))
    }
    db.close()
    first, second = watching.batches  # the hub lacked both scenarios: sent again after them
    assert all("cards" in item and "cards_text" not in item for item in first)
    assert all("cards" not in item and "cards_text" not in item for item in second)
    assert [item["cards_sha256"] for item in second] == [
        hashlib.sha256(stored[n].encode()).hexdigest() for n in (1, 2)
    ]
    assert hub_events(hub, "ml-rouen") == laptop_events(laptop)


def test_cards_whose_digest_differs_are_sent_as_text_and_refused_with_the_players_named(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    """Session 2's stored cards were changed (another engine version would make them so):
    the hub, finding another digest, asks for them (``send_cards``, nothing written); sent
    as text, they are refused naming the player, session 1 goes in, and the laptop drops the
    refused cards."""
    laptop, watching = _enrolled(tmp_path, hub, served.url)
    db = open_database(laptop)
    local.prepare_cards(db)
    _made_for, text = _stored(laptop)[2]
    cards = json.loads(text)
    changed = next(iter(cards))
    cards[changed]["completed"] = not cards[changed]["completed"]
    db.execute(
        "UPDATE hub_cards SET cards = ? WHERE session_id = 2",
        (json.dumps(cards, ensure_ascii=False),),
    )
    db.conn.commit()
    report = client.push_waiting(db, client=watching)
    db.close()
    assert report.pushed == [1]
    assert [n for n, _ in report.failed] == [2] and "ne correspondent pas" in report.failed[0][1]
    assert changed in report.failed[0][1]
    _values, digests, text_asked = watching.batches
    assert [("cards_sha256" in i, i["session"]) for i in digests] == [(True, 1), (True, 2)]
    assert [(i["session"], "cards_text" in i) for i in text_asked] == [(2, True)]
    assert 2 not in _stored(laptop)
    with hub.connect() as conn:
        held = conn.execute(sa.select(schema.sessions.c.laptop_session)).scalars().all()
    assert held == [1]


def test_a_digest_that_differs_writes_nothing_and_asks_for_the_cards(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    laptop, hub_client, text = _session_one_ready(tmp_path, hub, served.url)
    item = {k: v for k, v in _batch_item(laptop, text).items() if k != "cards_text"}
    for wrong in ("0" * 64, 12, None):
        answer = hub_client.call(
            "POST", "/sessions/batch", {"sessions": [{**item, "cards_sha256": wrong}]}
        )
        if wrong is None:  # no digest and no cards: the rebuild differs from nothing sent
            assert "ne correspondent pas" in answer["results"][0]["error"]
        else:
            assert answer["results"] == [{"session": 1, "send_cards": True}]
        with hub.connect() as conn:
            assert (
                conn.execute(sa.select(sa.func.count()).select_from(schema.sessions)).scalar() == 0
            )
    right = hashlib.sha256(text.encode()).hexdigest()
    answer = hub_client.call(
        "POST", "/sessions/batch", {"sessions": [{**item, "cards_sha256": right}]}
    )
    assert answer["results"] == [{"session": 1, "state": "committed"}]
    assert answer["cards_sha256"] is True
    with hub.connect() as conn:
        held = {
            str(p): json.loads(c)
            for p, c in conn.execute(sa.select(schema.players.c.player_id, schema.players.c.card))
        }
    assert held == json.loads(text)


def _session_one_ready(
    tmp_path: Path, hub: sa.Engine, url: str
) -> tuple[Path, client.HubClient, str]:
    """An enrolled laptop, its client, and session 1's stored cards text; the hub holds the
    session's scenario already."""
    laptop, hub_client = _enrolled(tmp_path, hub, url)
    db = open_database(laptop)
    push = local.build_push(db, 1)
    text = local.card_text_for(db, push)
    db.close()
    hub_client.call("PUT", f"/scenarios/{push.meta['scenario_hash']}", raw=push.scenario)
    return laptop, hub_client, text


def _batch_item(laptop: Path, cards_text: Any) -> dict[str, Any]:
    db = open_database(laptop)
    push = local.build_push(db, 1)
    db.close()
    return {
        "session": 1,
        "meta": push.meta,
        "digest": push.digest,
        "events": [list(r) for r in push.rows],
        "players": push.players,
        "cards_text": cards_text,
    }


def test_cards_text_is_checked_as_values_when_it_is_written_differently(
    tmp_path: Path, hub: sa.Engine, served: ServerThread
) -> None:
    """Text written another way but saying the same cards is accepted; text saying other
    cards is refused as any push whose rebuild disagrees, and text that is not JSON is a
    French refusal; nothing of a refused session is written."""
    laptop, hub_client, text = _session_one_ready(tmp_path, hub, served.url)
    cards = json.loads(text)
    other = json.loads(text)
    changed = next(iter(other))
    other[changed]["completed"] = not other[changed]["completed"]
    for sent, refusal in (
        (json.dumps(other, ensure_ascii=False), "ne correspondent pas"),
        ("{pas du json", "cartes mal formées"),
        (["une", "liste"], "cartes mal formées"),
    ):
        (result,) = hub_client.call(
            "POST", "/sessions/batch", {"sessions": [_batch_item(laptop, sent)]}
        )["results"]
        assert refusal in result["error"], result
        with hub.connect() as conn:
            assert (
                conn.execute(sa.select(sa.func.count()).select_from(schema.sessions)).scalar() == 0
            )
    assert (
        changed
        in hub_client.call(
            "POST", "/sessions/batch", {"sessions": [_batch_item(laptop, json.dumps(other))]}
        )["results"][0]["error"]
    )
    compact = json.dumps(cards, separators=(",", ":"))  # same cards, other text
    assert compact != text
    (result,) = hub_client.call(
        "POST", "/sessions/batch", {"sessions": [_batch_item(laptop, compact)]}
    )["results"]
    assert result == {"session": 1, "state": "committed"}
    with hub.connect() as conn:
        held = {
            str(p): json.loads(c)
            for p, c in conn.execute(sa.select(schema.players.c.player_id, schema.players.c.card))
        }
    assert held == cards
