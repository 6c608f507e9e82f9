"""Phones beside the projector: how long a tap takes to reach the game, and what 12 phones
cost the projector's frames, each beside a baseline measured in the same run.

The game (demo escape, headless 1920×1080) runs its real loop in this process at 60 frames a
second; 12 aiohttp clients, in another process (as phones are other machines), join through
the real join form, then each sends "use affiche" 4 times a second over its WebSocket. Tap-to-applied is the time from a client's send to the
moment the loop steps the core with that action: the server wakes the loop (``App.wake``),
which applies the action at once between frames (``App.wait_until``). The baseline is a bare
WebSocket echo route on the same server (a round trip, so it is the stricter of the two).
Frames: the loop's work per frame (``App.frame``) with 12 phones connected and sending,
against the same loop with the server running and no phone; beside it, the game thread's
whole work per 1/60 s (the frame plus the actions applied between frames).

    python bench/phones.py [--phones 12] [--seconds 8]

Targets: tap-to-applied p99 <= 50 ms and <= 3x the echo's p99; frame p99 <= 1.2x without.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import aiohttp
from aiohttp import web

from engine.core import actions as ac
from engine.core.state import FACILITATOR
from engine.load.check import load_scenario
from engine.phones.link import PhoneLink
from engine.phones.server import PhoneServer
from engine.player.app import App
from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS
from engine.shipped import resolve_scenario

TARGET_P99_MS = 50.0
TARGET_RATIO = 3.0
TARGET_FRAME_RATIO = 1.2


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class EchoServer(PhoneServer):
    """The phones' server with one more route: a bare WebSocket echo (the baseline)."""

    def routes(self) -> list[web.AbstractRouteDef]:
        return [*super().routes(), web.get("/echo", self.echo)]

    async def echo(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for message in ws:
            await ws.send_str(message.data)
        return ws


class Clients:
    """The phones, in their own process and event loop. The monotonic clock
    (``perf_counter``) is the system's, so send times compare with apply times."""

    def __init__(self, url: str, code: str, phones: int, seconds: float, events: Any) -> None:
        self.url, self.code, self.phones, self.seconds = url, code, phones, seconds
        self.joined, self.go, self.done = events
        self.sent: dict[str, list[float]] = defaultdict(list)
        self.echo: list[float] = []

    def run(self, results: Any) -> None:
        try:
            asyncio.run(self.main())
            results.put((dict(self.sent), self.echo, None))
        except BaseException as exc:
            results.put(({}, [], repr(exc)))
            self.joined.set()
        finally:
            self.done.set()

    async def main(self) -> None:
        sessions = [
            aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
            for _ in range(self.phones)
        ]
        try:
            for n, session in enumerate(sessions):
                form = {
                    "code": self.code,
                    "pseudonym": f"Joueur {n + 1}",
                    "colour": PLAYER_COLOURS[n % len(PLAYER_COLOURS)],
                    "avatar": AVATAR_SHAPES[n % len(AVATAR_SHAPES)],
                }
                async with session.post(self.url + "rejoindre", data=form) as answer:
                    assert answer.status == 200, await answer.text()
            self.joined.set()
            while not self.go.is_set():
                await asyncio.sleep(0.01)
            sockets = [await s.ws_connect(self.url + "ws") for s in sessions]
            players = [f"Joueur {n + 1}" for n in range(self.phones)]
            await asyncio.gather(
                *(self.tap(ws, p) for ws, p in zip(sockets, players, strict=True)),
                *(self.drain(ws) for ws in sockets),
                self.echoes(sessions[0]),
            )
        finally:
            for session in sessions:
                await session.close()

    async def tap(self, ws: Any, player: str) -> None:
        end = time.perf_counter() + self.seconds
        while time.perf_counter() < end:
            self.sent[player].append(time.perf_counter())
            await ws.send_str('{"type": "use", "hotspot": "affiche"}')
            await asyncio.sleep(0.25)
        await asyncio.sleep(0.3)
        await ws.close()

    async def drain(self, ws: Any) -> None:
        async for _message in ws:
            pass

    async def echoes(self, session: aiohttp.ClientSession) -> None:
        ws = await session.ws_connect(self.url + "echo")
        end = time.perf_counter() + self.seconds
        while time.perf_counter() < end:
            started = time.perf_counter()
            await ws.send_str('{"type": "use", "hotspot": "affiche"}')
            await ws.receive()
            self.echo.append(time.perf_counter() - started)
            await asyncio.sleep(0.05)
        await ws.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=12)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args()
    path: Path = resolve_scenario("demo-escape")
    scenario = load_scenario(path).scenario
    assert scenario is not None
    app = App(scenario, path.parent, headless=True, clock=time.time)
    server = EchoServer("127.0.0.1", 0)
    server.start()
    link = PhoneLink(app, server)
    app.frame_hooks.append(link.frame)
    server.wake = app.wake.set
    between: list[float] = [0.0]  # seconds spent applying between frames, since the last one

    def timed_apply() -> None:
        started = time.perf_counter()
        link.apply()
        between[0] += time.perf_counter() - started

    app.wake_hooks.append(timed_apply)
    applied: dict[str, list[float]] = defaultdict(list)  # by pseudonym
    spawn = multiprocessing.get_context("spawn")
    joined, go, done = spawn.Event(), spawn.Event(), spawn.Event()
    results = spawn.Queue()
    clients = Clients(server.url, server.room.code, args.phones, args.seconds, (joined, go, done))
    act = app.act

    def timed_act(action: ac.Action) -> Any:
        who = app.state.players.get(action.player)
        if who is not None and isinstance(action, ac.Use):
            applied[who.pseudonym].append(time.perf_counter())
        return act(action)

    app.act = timed_act  # type: ignore[method-assign]

    busy: list[float] = []  # the frame plus what was applied before it, per frame

    def frames(until: Any, count: int) -> list[float]:
        times: list[float] = []
        busy.clear()
        while (until is None and len(times) < count) or (until is not None and not until.is_set()):
            started = time.perf_counter()
            app.frame()
            times.append(time.perf_counter() - started)
            busy.append(times[-1] + between[0])
            between[0] = 0.0
            app.wait_until(started + 1 / 60)
        return times

    try:
        frames(None, 60)  # warm up
        alone = frames(None, int(args.seconds * 60))
        busy_alone = list(busy)
        process = spawn.Process(target=clients.run, args=(results,), daemon=True)
        process.start()
        while not joined.is_set():
            app.frame()
            time.sleep(1 / 60)
        app.act(ac.Start(player=FACILITATOR))
        go.set()
        with_phones = frames(done, 0)
        busy_phones = list(busy)
        sent, echo, failure = results.get(timeout=30)
        process.join(timeout=10)
        if failure is not None:
            raise RuntimeError(failure)
    finally:
        server.stop()
        app.close()
    latencies = [
        done_at - sent_at
        for who, times in sent.items()
        for sent_at, done_at in zip(times, applied[who], strict=False)
    ]
    tap50, tap99 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000
    echo50, echo99 = percentile(echo, 0.5) * 1000, percentile(echo, 0.99) * 1000
    f_alone, f_phones = percentile(alone, 0.99) * 1000, percentile(with_phones, 0.99) * 1000
    b_alone, b_phones = percentile(busy_alone, 0.99) * 1000, percentile(busy_phones, 0.99) * 1000
    print(f"{args.phones} phones, {len(latencies)} taps applied, {len(echo)} echoes")
    print(f"tap-to-applied  p50 {tap50:6.2f} ms  p99 {tap99:6.2f} ms")
    print(f"bare WS echo    p50 {echo50:6.2f} ms  p99 {echo99:6.2f} ms  (round trip)")
    print(
        f"ratio p99 tap/echo {tap99 / echo99:.2f}x (target <= {TARGET_RATIO}x, <= {TARGET_P99_MS} ms)"
    )
    print(f"frame p99: {f_phones:.2f} ms with phones, {f_alone:.2f} ms without")
    print(f"ratio {f_phones / f_alone:.2f}x (target <= {TARGET_FRAME_RATIO}x)")
    print(
        f"game thread per frame p99 (frame + actions applied between frames): "
        f"{b_phones:.2f} ms with phones, {b_alone:.2f} ms without ({b_phones / b_alone:.2f}x)"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ok = (
        tap99 <= TARGET_P99_MS
        and tap99 <= TARGET_RATIO * echo99
        and f_phones <= TARGET_FRAME_RATIO * f_alone
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
