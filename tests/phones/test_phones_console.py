"""The facilitator's console (F9) with phones: a player whose phone is not connected is
shown as such (a real WebSocket stays open for the other), the facilitator reopens the join
after the start with a click, and a phone then joins the game being played."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pygame
import pytest

from engine.core import actions as ac
from engine.core.state import FACILITATOR
from engine.load.check import load_scenario
from engine.phones.link import attach_phones
from engine.phones.server import COOKIE, JoinRequest
from engine.shipped import resolve_scenario

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture()
def game() -> Iterator[Any]:
    from engine.player.app import App

    path = resolve_scenario("demo-escape")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    app = App(scenario, path.parent, size=(1920, 1080), headless=True)
    close = attach_phones("127.0.0.1", 0)(app)
    for n, name in ((1, "Lina"), (2, "Sam")):
        app.act(ac.Join(player=f"p{n}", pseudonym=name, colour="#e69f00", avatar="cercle"))
        app.phone_link.server.room.bind(f"jeton-{n}", f"p{n}")
    app.act(ac.Start(player=FACILITATOR))
    yield app
    close()
    app.close()


def hold_socket(url: str, token: str, opened: threading.Event, leave: threading.Event) -> None:
    async def main() -> None:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as session:
            session.cookie_jar.update_cookies({COOKIE: token}, aiohttp.client.URL(url))
            async with session.ws_connect(url + "ws") as ws:
                await ws.receive(timeout=10)  # the view: the server has counted the socket
                opened.set()
                while not leave.is_set():
                    await asyncio.sleep(0.02)

    asyncio.run(main())


def click(app: Any, key: str) -> None:
    app.frame()
    widget = app.console.find(key)
    assert widget is not None and widget.interactive, key
    pos = app.console.painter.to_window(widget.centre)
    for kind in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        values: dict[str, Any] = {"pos": pos, "touch": False}
        if kind == pygame.MOUSEMOTION:
            values.update(rel=(0, 0), buttons=(0, 0, 0))
        else:
            values["button"] = 1
        pygame.event.post(pygame.event.Event(kind, **values))
    app.frame()


def test_console_shows_phones_off_and_reopens_the_join(game: Any, tmp_path: Path) -> None:
    app = game
    link = app.phone_link
    opened, leave = threading.Event(), threading.Event()
    app.frame()  # the views are published: the socket gets one at once
    holder = threading.Thread(
        target=hold_socket, args=(link.server.url, "jeton-1", opened, leave), daemon=True
    )
    holder.start()
    try:
        assert opened.wait(15)
        assert link.offline() == {"p2"}
        app.console.open()
        app.frame()
        names = {w.key: w.label for w in app.console.widgets}
        assert names["console:player:p1"] == "Lina"
        assert names["console:player:p2"] == "Sam, téléphone hors ligne"
        assert names["console:phones"] == "Ouvrir l'entrée aux téléphones"
        assert not link.server.room.open  # closed at the start

        click(app, "console:phones")
        assert link.joining() and link.server.room.open
        names = {w.key: w.label for w in app.console.widgets}
        _link, url, code = app.ui.phones
        where = url.removeprefix("http://").rstrip("/")  # what a late player types
        assert names["console:phones"] == f"Fermer l'entrée (code {code}, {where})"
        path = tmp_path / "console-phones.png"
        app.screenshot(path)
        if os.environ.get("DECLIC_UPDATE_DOCS") == "1":
            shutil.copy(path, DOCS / "console-phones.png")

        done: concurrent.futures.Future[str | None] = concurrent.futures.Future()
        link.server.put(JoinRequest("jeton-3", "Yanis", "#56b4e9", "carre", done))
        app.frame()
        assert done.result(timeout=1) == "p3"
        assert app.state.players["p3"].pseudonym == "Yanis"
        assert app.state.phase == "playing"

        click(app, "console:phones")
        assert not link.joining() and not link.server.room.open
    finally:
        leave.set()
        holder.join(10)
