"""``declic session forget`` forgets the player's phone too: the hash of their cookie leaves
the session (and the database file), so after ``declic session resume`` that phone is a
stranger who must join again, while the other players' phones are still theirs."""

from __future__ import annotations

import asyncio
from pathlib import Path

import aiohttp
import pytest
from yarl import URL

from declic.cli import main
from declic.commands.session import phone_memory
from engine.core import actions as ac
from engine.phones.room import token_hash
from engine.phones.server import COOKIE, PhoneServer
from engine.shipped import resolve_scenario
from facilitator.sessions.phones import kept_phones
from facilitator.sessions.service import GameSession, create_session, get_session
from facilitator.storage.db import open_database
from facilitator.storage.location import DB_ENV

SECRET = "Zoubida"


def served_as(server: PhoneServer, token: str) -> str:
    """What the server answers a phone holding ``token`` that opens the game's page."""

    async def ask() -> str:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
            client.cookie_jar.update_cookies({COOKIE: token}, URL(server.url))
            async with client.get(server.url + "jeu", allow_redirects=False) as answer:
                return f"{answer.status} {answer.headers.get('Location', '')}"

    return asyncio.run(ask())


def test_a_forgotten_players_phone_cannot_come_back_as_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "atelier.db"
    monkeypatch.setenv(DB_ENV, str(db_path))
    db = open_database(db_path)
    session = create_session(db, resolve_scenario("demo-escape"))
    game = GameSession.open(db, session.id)
    game.step(ac.Join(player="p1", pseudonym="Lina"), 10.0)
    game.step(ac.Join(player="p2", pseudonym=SECRET), 11.0)
    # the phones joined on the real server; the game keeps what its room knows (PhoneLink)
    server = PhoneServer("127.0.0.1", 0)
    server.room.bind("jeton-de-lina", "p1")
    server.room.bind("jeton-de-zoubida", "p2")
    server.room.bind("second-jeton-de-zoubida", "p2")  # her phone's browser lost its cookie once
    phone_memory(game).save(server.room.code, dict(server.room.known))
    db.close()

    assert main(["session", "forget", SECRET]) == 0
    assert "son téléphone oublié" in capsys.readouterr().out

    db = open_database(db_path)
    code, known = kept_phones(get_session(db, session.id).settings)
    assert (code, known) == (server.room.code, {token_hash("jeton-de-lina"): "p1"})
    memory = phone_memory(GameSession.open(db, session.id))  # declic session resume
    db.close()
    for name in ("jeton-de-zoubida", "second-jeton-de-zoubida"):  # nowhere in the files
        for path in tmp_path.glob("atelier.db*"):
            assert token_hash(name).encode() not in path.read_bytes(), path

    again = PhoneServer("127.0.0.1", 0)
    again.room.known = dict(memory.known)
    again.room.code = memory.code or again.room.code
    again.start()
    try:
        assert served_as(again, "jeton-de-zoubida") == "303 /"  # a stranger: join again
        assert served_as(again, "second-jeton-de-zoubida") == "303 /"
        assert served_as(again, "jeton-de-lina") == "200 "  # Lina's phone is still hers
        assert again.room.phones() == {"p1"}
    finally:
        again.stop()


def test_forget_without_phones_changes_no_setting(tmp_path: Path) -> None:
    from facilitator.sessions.privacy import forget
    from facilitator.storage.players import find_players

    db = open_database(tmp_path / "atelier.db")
    session = create_session(db, resolve_scenario("demo-escape"))
    GameSession.open(db, session.id).step(ac.Join(player="p1", pseudonym=SECRET), 10.0)
    report = forget(db, find_players(db, SECRET)[0])
    assert report.phones_forgotten == 0
    assert "phones" not in get_session(db, session.id).settings
    db.close()
