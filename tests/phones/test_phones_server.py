"""The phones' server on 127.0.0.1 with a real aiohttp client: without the cookie a socket is
refused; a message too big or malformed gets a French error and the socket stays open; a
burst of 20 messages lets at most 10 through in a second; every action queued for the game
names the cookie's player, whatever the message says."""

from __future__ import annotations

import asyncio
import json
import queue
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest

from engine.phones.protocol import MAX_BYTES
from engine.phones.server import COOKIE, ActionRequest, PhoneServer


@pytest.fixture()
def server() -> Iterator[PhoneServer]:
    s = PhoneServer("127.0.0.1", 0)
    s.start()
    s.room.bind("jeton-de-lina", "p1")
    yield s
    s.stop()


async def talk(server: PhoneServer, cookie: str | None, sends: list[str]) -> list[Any]:
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as session:
        if cookie is not None:
            session.cookie_jar.update_cookies({COOKIE: cookie}, aiohttp.client.URL(server.url))
        async with session.ws_connect(server.url + "ws") as ws:
            replies: list[Any] = []
            for text in sends:
                await ws.send_str(text)
            while True:
                try:
                    message = await ws.receive(timeout=0.5)
                except TimeoutError:
                    break
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                replies.append(json.loads(message.data))
            return replies


def queued(server: PhoneServer) -> list[ActionRequest]:
    found = []
    while True:
        try:
            request = server.inbox.get_nowait()
        except queue.Empty:
            return found
        assert isinstance(request, ActionRequest)
        found.append(request)


def test_a_socket_without_the_cookie_is_refused(server: PhoneServer) -> None:
    replies = asyncio.run(talk(server, "forged", ['{"type": "close"}']))
    assert replies[0]["type"] == "error" and "Rejoignez" in replies[0]["text"]
    assert queued(server) == []


def test_bad_messages_get_a_french_error_and_the_socket_stays_open(server: PhoneServer) -> None:
    sends = ["x" * (MAX_BYTES + 1), "{oops", '{"type": "use", "hotspot": 1}']
    sends.append('{"type": "use", "hotspot": "casier", "player": "p2"}')
    replies = asyncio.run(talk(server, "jeton-de-lina", sends))
    errors = [r["text"] for r in replies if r["type"] == "error"]
    assert len(errors) == 3 and "trop long" in errors[0] and "illisible" in errors[1]
    [request] = queued(server)
    assert request.player == "p1" and request.action.player == "p1"
    assert request.action.hotspot == "casier"


def test_a_burst_lets_at_most_ten_messages_a_second_through(server: PhoneServer) -> None:
    server.clock = lambda: 1000.0  # the whole burst within one second, however slow the host
    replies = asyncio.run(talk(server, "jeton-de-lina", ['{"type": "close"}'] * 20))
    assert len(queued(server)) == 10
    assert sum("trop de messages" in r.get("text", "") for r in replies) == 10


@pytest.mark.parametrize(
    ("address", "said", "not_said"),
    [
        ("vous", ["Votre pseudo", "Votre couleur", "Votre forme", "Seul votre pseudo"], "Ton "),
        ("tu", ["Ton pseudo", "Ta couleur", "Ta forme", "Seul ton pseudo"], "Votre "),
    ],
)
def test_the_join_page_speaks_as_the_scenario_does(
    address: str, said: list[str], not_said: str
) -> None:
    from engine.load.check import load_scenario
    from engine.phones.link import attach_phones
    from engine.player.app import App
    from engine.shipped import resolve_scenario

    path = resolve_scenario("demo-escape")
    loaded = load_scenario(path).scenario
    assert loaded is not None and loaded.address == "vous"  # the default
    scenario = loaded.model_copy(update={"address": address})
    app = App(scenario, path.parent, size=(1920, 1080), headless=True)
    close = attach_phones("127.0.0.1", 0)(app)
    try:
        url = app.phone_link.server.join_url()

        async def fetch() -> str:
            async with aiohttp.ClientSession() as session, session.get(url) as response:
                assert response.status == 200
                return await response.text()

        page = asyncio.run(fetch())
    finally:
        close()
        app.close()
    for words in said:
        assert words in page
    assert not_said not in page
    assert "Rejoindre la partie" in page and "C&#x27;est moi !" in page
