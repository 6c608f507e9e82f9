"""The phones' web server (aiohttp) in its own thread, beside the pygame loop.

Why aiohttp: one well-kept dependency gives the HTTP server, WebSockets and static files.
The server never touches the game: it puts requests in ``inbox`` (a thread-safe queue) and
wakes the game's loop, which applies them on its own thread as soon as they arrive, between
frames; it sends phones the views the loop ``publish``es.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from engine.phones.page import join_page, message_page, play_page
from engine.phones.protocol import ProtocolError, RateLimit, check_join, parse, to_action
from engine.phones.room import Room, new_token
from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS

COOKIE = "declic_phone"
STATIC = Path(__file__).with_name("static")
JOIN_WAIT = 5.0


@dataclass(frozen=True)
class JoinRequest:
    token: str
    pseudonym: str
    colour: str
    avatar: str
    done: concurrent.futures.Future[str | None] = field(compare=False)


@dataclass(frozen=True)
class ActionRequest:
    player: str
    action: Any


class PhoneServer:
    def __init__(
        self,
        host: str,
        port: int = 0,
        room: Room | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.host = host
        self.clock = clock  # read by the rate limit; tests pass a still one
        self.port = port
        self.room = room or Room()
        self.inbox: queue.Queue[JoinRequest | ActionRequest] = queue.Queue()
        #: called after each request is queued: wakes the game's loop (``App.wake``)
        self.wake: Callable[[], None] = lambda: None
        self.views: dict[str, str] = {}
        #: each player's card picture (set by the game's loop), served to their phone only
        self.pictures: dict[str, Path] = {}
        self.sockets: dict[str, set[web.WebSocketResponse]] = {}
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True, name="phones")
        self.runner: web.AppRunner | None = None
        #: the scenario's « tu » or « vous » (set by ``attach_phones``): the join page follows it
        self.address = "vous"

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def join_url(self) -> str:
        return f"{self.url}?code={self.room.code}"

    # --- life -----------------------------------------------------------------------------

    def start(self) -> None:
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)

    async def _start(self) -> None:
        app = web.Application(client_max_size=4096)
        app.add_routes(self.routes())
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        await site.start()
        self.port = int(self.runner.addresses[0][1])

    def routes(self) -> list[web.AbstractRouteDef]:
        return [
            web.get("/", self.home),
            web.post("/rejoindre", self.join),
            web.get("/jeu", self.play),
            web.get("/ws", self.socket),
            web.get("/carte.png", self.picture),
            web.static("/static", STATIC),
        ]

    def stop(self) -> None:
        if self.runner is not None:
            future = asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop)
            with contextlib.suppress(TimeoutError, concurrent.futures.TimeoutError):
                future.result(timeout=5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)

    def put(self, request: JoinRequest | ActionRequest) -> None:
        """Hand a request to the game: queued, then the loop is woken to apply it now
        rather than at its next frame."""
        self.inbox.put(request)
        self.wake()

    # --- from the game's loop ---------------------------------------------------------------

    def publish(self, views: dict[str, dict[str, Any]]) -> None:
        """Send each connected phone its player's new view (called from the game's thread;
        the JSON is written in the server's thread, off the frame)."""
        self.loop.call_soon_threadsafe(self._push, views)

    def _push(self, views: dict[str, dict[str, Any]]) -> None:
        for player, view in views.items():
            text = json.dumps({"type": "view", "view": view})
            if self.views.get(player) == text:
                continue
            self.views[player] = text
            for ws in list(self.sockets.get(player, ())):
                if not ws.closed:
                    self.loop.create_task(ws.send_str(text))

    # --- pages ----------------------------------------------------------------------------

    async def home(self, request: web.Request) -> web.Response:
        if self.room.player_of(request.cookies.get(COOKIE)):
            raise web.HTTPSeeOther("/jeu")
        code = request.query.get("code", "")[:6]
        code = code if code.isdigit() else ""
        return _html(join_page(code, PLAYER_COLOURS, AVATAR_SHAPES, self.address))

    async def join(self, request: web.Request) -> web.Response:
        form = await request.post()
        refusal = self.room.refusal(str(form.get("code", "")))
        try:
            if refusal:
                raise ProtocolError(refusal)
            name = check_join(
                str(form.get("pseudonym", "")),
                str(form.get("colour", "")),
                str(form.get("avatar", "")),
                PLAYER_COLOURS,
                AVATAR_SHAPES,
            )
        except ProtocolError as exc:
            return _html(message_page(str(exc), back=True), status=400)
        token = new_token()
        done: concurrent.futures.Future[str | None] = concurrent.futures.Future()
        self.put(JoinRequest(token, name, str(form["colour"]), str(form["avatar"]), done))
        try:
            player = await asyncio.wait_for(asyncio.wrap_future(done), JOIN_WAIT)
        except TimeoutError:
            player = None
        if player is None:
            return _html(message_page("Le jeu n'a pas pu vous ajouter.", back=True), status=409)
        response = web.HTTPSeeOther("/jeu")
        response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", max_age=12 * 3600)
        raise response

    async def play(self, request: web.Request) -> web.Response:
        if not self.room.player_of(request.cookies.get(COOKIE)):
            raise web.HTTPSeeOther("/")
        return _html(play_page())

    async def picture(self, request: web.Request) -> web.StreamResponse:
        """The picture of the card of the cookie's player, and nobody else's."""
        player = self.room.player_of(request.cookies.get(COOKIE))
        path = self.pictures.get(player or "")
        if path is None or not path.is_file():
            raise web.HTTPNotFound(text="Pas encore de carte.")
        return web.FileResponse(path, headers={"Cache-Control": "private, no-store"})

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        player = self.room.player_of(request.cookies.get(COOKIE))
        ws = web.WebSocketResponse(max_msg_size=4096, heartbeat=20)
        await ws.prepare(request)
        if player is None:
            await ws.send_json({"type": "error", "text": "Rejoignez d'abord la partie."})
            await ws.close()
            return ws
        self.sockets.setdefault(player, set()).add(ws)
        self.room.connected(player, +1)
        if player in self.views:
            await ws.send_str(self.views[player])
        limit = RateLimit()
        try:
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                if not limit.allow(self.clock()):
                    await ws.send_json({"type": "error", "text": "Doucement : trop de messages."})
                    continue
                try:
                    action = to_action(parse(message.data), player)
                except ProtocolError as exc:
                    await ws.send_json({"type": "error", "text": str(exc)})
                    continue
                self.put(ActionRequest(player, action))
        finally:
            self.sockets.get(player, set()).discard(ws)
            self.room.connected(player, -1)
        return ws


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")
