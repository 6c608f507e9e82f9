"""``--phones/--no-phones``, ``--phones-port`` and ``--phones-host`` on the command line: off
means no server; on, the headless walkthrough plays to its ending with the server attached."""

from __future__ import annotations

import argparse

from declic.cli import main
from declic.commands.phones import add_phone_arguments, phone_attachers
from engine.shipped import resolve_scenario


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_phone_arguments(parser)
    return parser.parse_args(list(argv))


def test_no_phones_attaches_nothing_and_phones_attaches_the_server() -> None:
    assert phone_attachers(parse("--no-phones")) == []
    forced = parse("--phones", "--phones-host", "127.0.0.1", "--phones-port", "0")
    assert (forced.phones, forced.phones_port) == (True, 0)
    assert len(phone_attachers(forced)) == 1


def test_play_with_phones_still_plays_the_walkthrough_to_its_ending(capsys) -> None:  # type: ignore[no-untyped-def]
    scenario = resolve_scenario("demo-escape")
    walkthrough = scenario.with_name("demo-escape.walkthrough.yaml")
    argv = ["play", str(scenario), "--headless", "--walkthrough", str(walkthrough)]
    argv += ["--phones", "--phones-host", "127.0.0.1", "--phones-port", "0"]
    assert main(argv) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_sessions_phone_ends_on_its_players_card_code(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from declic.commands.session import phone_card
    from engine.core import actions as ac
    from facilitator.sessions.service import GameSession, create_session
    from facilitator.storage.db import open_database
    from facilitator.storage.players import format_short_code, session_players

    db = open_database(tmp_path / "declic.db")
    session = create_session(db, resolve_scenario("demo-escape"))
    game = GameSession.open(db, session.id)
    game.step(ac.Join(player="p1", pseudonym="Lina"), 10.0)
    row = session_players(db, session.id)[0]
    assert phone_card(game)("p1") == {"code": format_short_code(row.short_code)}
    assert phone_card(game)("p9") is None

    # once the cards are written (and the laptop enrolled in a hub): the picture and the page
    from facilitator.storage.exports import record_export
    from facilitator.storage.hub_link import HubLink, save_link

    picture = tmp_path / "cartes" / "01-Lina.png"
    picture.parent.mkdir()
    picture.write_bytes(b"\x89PNG")
    record_export(db, picture, "png", session.id, player_row=row.id)
    save_link(db, HubLink("https://hub.example.fr/", "secret", "Mission Locale"))
    assert phone_card(game)("p1") == {
        "code": format_short_code(row.short_code),
        "url": f"https://hub.example.fr/s/{row.token}",
        "image": str(picture.resolve()),
    }
    db.close()


def test_session_new_and_play_offer_the_phone_options(capsys) -> None:  # type: ignore[no-untyped-def]
    import pytest

    for argv in (["session", "new", "--help"], ["session", "resume", "--help"], ["play", "--help"]):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 0
        shown = capsys.readouterr().out
        assert "--phones" in shown and "--no-phones" in shown and "--phones-port" in shown


def test_a_resumed_session_keeps_its_room_code_and_knows_its_phones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """What the phones keep goes into the session (code, cookies' hashes, never a cookie);
    on resume, a phone with its old cookie is its player again, on a real server."""
    import asyncio
    import json

    import aiohttp

    from declic.commands.session import phone_memory
    from engine.core import actions as ac
    from engine.phones.room import token_hash
    from engine.phones.server import COOKIE, PhoneServer
    from facilitator.sessions.service import GameSession, create_session
    from facilitator.storage.db import open_database

    db = open_database(tmp_path / "declic.db")
    session = create_session(db, resolve_scenario("demo-escape"))
    game = GameSession.open(db, session.id)
    game.step(ac.Join(player="p1", pseudonym="Lina"), 10.0)
    first = phone_memory(game)
    assert (first.code, first.known) == (None, {})
    first.save("123456", {token_hash("jeton-de-lina"): "p1"})
    stored = db.execute("SELECT settings FROM sessions WHERE id = ?", (session.id,)).fetchone()[0]
    assert "jeton-de-lina" not in stored
    assert json.loads(stored)["phones"]["code"] == "123456"

    again = phone_memory(GameSession.open(db, session.id))  # declic session resume
    assert (again.code, again.known) == ("123456", {token_hash("jeton-de-lina"): "p1"})
    server = PhoneServer("127.0.0.1", 0)
    server.room.known = dict(again.known)
    server.start()
    try:

        async def page(token: str) -> str:
            jar = aiohttp.CookieJar(unsafe=True)
            async with aiohttp.ClientSession(cookie_jar=jar) as client:
                client.cookie_jar.update_cookies({COOKIE: token}, aiohttp.client.URL(server.url))
                async with client.get(server.url + "jeu", allow_redirects=False) as answer:
                    return f"{answer.status} {answer.headers.get('Location', '')}"

        assert asyncio.run(page("jeton-de-lina")) == "200 "  # the game's page: Lina again
        assert asyncio.run(page("un-autre-jeton")) == "303 /"  # a stranger must join
        assert server.room.player_of("jeton-de-lina") == "p1"
        assert server.room.phones() == {"p1"}
    finally:
        server.stop()
    db.close()


def test_a_phone_server_that_cannot_listen_is_said_and_closes_the_window(capsys) -> None:  # type: ignore[no-untyped-def]
    """A bad ``--phones-host``: exit 1 with the address in French, and the window it had
    opened is closed (its raised garbage threshold put back, seen by a later window)."""
    import gc

    before = gc.get_threshold()
    for host, said in (("-1", "« -1:8765 »"), ("\u202eabc", "« \\u202eabc:8765 »")):
        argv = ["play", str(resolve_scenario("demo-escape")), "--headless", f"--phones-host={host}"]
        assert main(argv) == 1
        assert said in capsys.readouterr().err
        assert gc.get_threshold() == before


def test_the_phones_server_starts_right_after_the_first_frame_and_stops_with_the_window() -> None:
    """The room sees the game first (bench/frames.py: aiohttp waits for its first frame);
    the server listens from the frame after, its QR in the lobby; the stop closes it."""
    import urllib.error
    import urllib.request

    import pytest

    from engine.load.check import load_scenario
    from engine.player.app import App

    path = resolve_scenario("demo-escape")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    app = App(scenario, path.parent, headless=True)
    (plug,) = phone_attachers(parse("--phones", "--phones-host", "127.0.0.1", "--phones-port", "0"))
    stop = plug(app)
    try:
        assert app.phone_link is None and app.ui.phones is None
        app.frame()  # the first screen is shown, then the server starts
        assert app.phone_link is not None and app.ui.phones is not None
        join_url, url, code = app.ui.phones
        assert join_url.startswith(url) and code
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200
    finally:
        stop()
        app.close()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=10)
