"""Phones beside the projector: how long a tap takes to reach the game, and what 12 phones
cost the projector's frames, each beside a baseline measured in the same run.

The game (demo escape, headless) runs its real loop in this process at 60 frames a second
and draws a real screen at every frame (the playing scene, repainted whole: a frame is then
a few milliseconds of real work, not the ~1 ms of an idle loop that skips drawing). 12
aiohttp clients, in another process (as phones are other machines), join through the real
join form. Then rounds follow; each round has two phases of ``--seconds`` each:

* with phones: the 12 phones connect their WebSockets and each sends "use affiche" 4 times
  a second; one more socket times a bare WebSocket echo route on the same server every 20 ms;
* without: every phone socket closed, the server still running, the same frames drawn.

The phases alternate A B, then B A at the next round (A B B A A B…), so a change of the
machine's load hits both alike; a first round is a warm-up and is not counted. Each round
gives its own ratios (tap p99 / echo p99, frame p99 with / without, CPU p99 with / without);
the figures are the median of those per-round ratios, with their spread (min-max), not one
lucky or unlucky run. The load average is printed at every round.

Tap-to-applied is the time from a client's send to the moment the loop steps the core with
that action (the server wakes the loop, which applies it between frames). The echo is a
round trip, so it is the stricter of the two. The frame is ``App.frame`` (the phones' hook,
events, drawing), its wall time and the game thread's CPU time (``time.thread_time``: what
the frame costs, whatever else the shared machine runs); beside them, the game thread's
whole work per 1/60 s (the frame plus the actions applied between frames).

    python bench/phones.py [--phones 12] [--rounds 8] [--seconds 8]

Targets: tap-to-applied p99 <= 50 ms and <= 3x the echo's p99; frame p99 with 12 phones
<= 1.2x without (each as the median of the rounds' figures).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import queue
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field
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
from engine.player.perform import perform
from engine.player.screens.start import go_lobby
from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS
from engine.shipped import resolve_scenario

TARGET_P99_MS = 50.0
TARGET_RATIO = 3.0
TARGET_FRAME_RATIO = 1.2
TAP = '{"type": "use", "hotspot": "affiche"}'


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
    """The phones, in their own process and event loop: they join once, then for each
    ``"round"`` command connect, tap for ``seconds``, close and report their send times.
    The monotonic clock (``perf_counter``) is the system's, so send times compare with
    apply times."""

    def __init__(self, url: str, code: str, phones: int, seconds: float) -> None:
        self.url, self.code, self.phones, self.seconds = url, code, phones, seconds

    def run(self, commands: Any, reports: Any) -> None:
        try:
            asyncio.run(self.main(commands, reports))
        except BaseException as exc:
            reports.put(("error", repr(exc)))

    async def main(self, commands: Any, reports: Any) -> None:
        sessions = [
            aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
            for _ in range(self.phones)
        ]
        loop = asyncio.get_running_loop()
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
            reports.put(("joined",))
            while await loop.run_in_executor(None, commands.get) == "round":
                sockets = [await s.ws_connect(self.url + "ws") for s in sessions]
                echo = await sessions[0].ws_connect(self.url + "echo")
                reports.put(("tapping",))
                sent: dict[str, list[float]] = defaultdict(list)
                echoes: list[float] = []
                drains = [asyncio.create_task(self.drain(ws)) for ws in sockets]
                await asyncio.gather(
                    *(self.tap(ws, f"Joueur {n + 1}", sent) for n, ws in enumerate(sockets)),
                    self.echoes(echo, echoes),
                )
                await asyncio.sleep(0.3)  # the last taps are applied before the sockets close
                for ws in [*sockets, echo]:
                    await ws.close()
                await asyncio.gather(*drains)
                reports.put(("round", dict(sent), echoes))
        finally:
            for session in sessions:
                await session.close()

    async def tap(self, ws: Any, player: str, sent: dict[str, list[float]]) -> None:
        end = time.perf_counter() + self.seconds
        while time.perf_counter() < end:
            sent[player].append(time.perf_counter())
            await ws.send_str(TAP)
            await asyncio.sleep(0.25)

    async def drain(self, ws: Any) -> None:
        async for _message in ws:
            pass

    async def echoes(self, ws: Any, times: list[float]) -> None:
        end = time.perf_counter() + self.seconds
        while time.perf_counter() < end:
            started = time.perf_counter()
            await ws.send_str(TAP)
            await ws.receive()
            times.append(time.perf_counter() - started)
            await asyncio.sleep(0.02)


@dataclass
class Frames:
    """One phase's frames: wall and CPU time of ``App.frame``, and the game thread's whole
    work per frame (the frame plus what was applied between frames)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    busy: list[float] = field(default_factory=list)
    process: float = 0.0  # this process's CPU (game and server threads) over the phase

    def process_per_frame(self) -> float:
        return self.process / max(1, len(self.wall)) * 1000

    def p99(self, name: str) -> float:
        return percentile(getattr(self, name), 0.99) * 1000


@dataclass
class Round:
    load: float
    with_phones: Frames
    without: Frames
    taps: list[float]
    echo: list[float]

    def tap_ratio(self) -> float:
        return percentile(self.taps, 0.99) / percentile(self.echo, 0.99)

    def ratio(self, name: str) -> float:
        return self.with_phones.p99(name) / self.without.p99(name)


class Bench:
    def __init__(self, phones: int, seconds: float) -> None:
        path: Path = resolve_scenario("demo-escape")
        scenario = load_scenario(path).scenario
        assert scenario is not None
        self.seconds = seconds
        self.app = app = App(scenario, path.parent, headless=True, clock=time.time)
        self.server = EchoServer("127.0.0.1", 0)
        self.server.start()
        self.link = link = PhoneLink(app, self.server)
        app.frame_hooks.append(link.frame)
        self.server.wake = app.wake.set
        self.between = [0.0]  # seconds applying between frames, since the last frame
        self.applied: dict[str, list[float]] = defaultdict(list)  # by pseudonym
        app.wake_hooks.append(self.timed_apply)
        self.act = app.act
        app.act = self.timed_act  # type: ignore[method-assign]
        spawn = multiprocessing.get_context("spawn")
        self.commands, self.reports = spawn.Queue(), spawn.Queue()
        clients = Clients(self.server.url, self.server.room.code, phones, seconds)
        self.process = spawn.Process(
            target=clients.run, args=(self.commands, self.reports), daemon=True
        )

    def timed_apply(self) -> None:
        started = time.perf_counter()
        self.link.apply()
        self.between[0] += time.perf_counter() - started

    def timed_act(self, action: ac.Action) -> Any:
        who = self.app.state.players.get(action.player)
        if who is not None and isinstance(action, ac.Use):
            self.applied[who.pseudonym].append(time.perf_counter())
        return self.act(action)

    def frame(self, into: Frames | None) -> None:
        """One frame drawing the whole screen, then wait for the next 1/60 s."""
        app = self.app
        app.force_full = app.dirty = True  # a real screen drawn, as when the scene changes
        started, cpu = time.perf_counter(), time.thread_time()
        app.frame()
        wall, cpu = time.perf_counter() - started, time.thread_time() - cpu
        if into is not None:
            into.wall.append(wall)
            into.cpu.append(cpu)
            into.busy.append(wall + self.between[0])
        self.between[0] = 0.0
        app.wait_until(started + 1 / 60)

    def report(self, into: Frames | None = None) -> tuple[Any, ...]:
        """Draw frames until the clients say something (a failure is raised)."""
        while True:
            try:
                message: tuple[Any, ...] = self.reports.get_nowait()
            except queue.Empty:
                self.frame(into)
                continue
            if message[0] == "error":
                raise RuntimeError(message[1])
            return message

    def phase_with(self) -> tuple[Frames, list[float], list[float]]:
        self.applied.clear()
        self.commands.put("round")
        assert self.report()[0] == "tapping"  # frames while the sockets open: not counted
        frames = Frames()
        cpu = time.process_time()
        _, sent, echo = self.report(frames)
        frames.process = time.process_time() - cpu
        taps = [
            done - at
            for who, times in sent.items()
            for at, done in zip(times, self.applied[who], strict=False)
        ]
        return frames, taps, echo

    def phase_without(self) -> Frames:
        frames = Frames()
        end, cpu = time.perf_counter() + self.seconds, time.process_time()
        while time.perf_counter() < end:
            self.frame(frames)
        frames.process = time.process_time() - cpu
        return frames

    def round(self, number: int) -> Round:
        load = os.getloadavg()[0]
        if number % 2 == 0:
            with_phones, taps, echo = self.phase_with()
            without = self.phase_without()
        else:
            without = self.phase_without()
            with_phones, taps, echo = self.phase_with()
        return Round(load, with_phones, without, taps, echo)

    def run(self, rounds: int) -> list[Round]:
        self.process.start()
        try:
            perform(self.app, go_lobby(self.app))  # the room pressed « Jouer »: the lobby
            assert self.report()[0] == "joined"
            self.app.act(ac.Start(player=FACILITATOR))
            for _ in range(30):  # the playing scene on screen
                self.frame(None)
            self.round(0)  # warm-up: fonts, caches, sockets; not counted
            return [self.round(n + 1) for n in range(rounds)]
        finally:
            self.commands.put("stop")
            self.process.join(timeout=10)
            self.server.stop()
            self.app.close()


def spread(values: list[float], unit: str = "x") -> str:
    return (
        f"median {statistics.median(values):.2f}{unit} "
        f"(min {min(values):.2f}, max {max(values):.2f}{unit})"
    )


def show(phones: int, seconds: float, rounds: list[Round]) -> bool:
    loads = [r.load for r in rounds]
    print(
        f"{phones} phones, {len(rounds)} rounds (+1 warm-up) of {seconds:g} s with and "
        f"{seconds:g} s without, order A B / B A alternating; every frame draws the whole screen"
    )
    head = "round load1 taps  tap p50/p99 ms  echo p50/p99 ms  tap/echo"
    head += "  frame p99 with/without ms  ratio  CPU p99 with/without ms  ratio"
    print(head)
    for n, r in enumerate(rounds, 1):
        w, o = r.with_phones, r.without
        print(
            f"{n:5} {r.load:5.2f} {len(r.taps):4}  "
            f"{percentile(r.taps, 0.5) * 1000:5.2f} {percentile(r.taps, 0.99) * 1000:6.2f}  "
            f"{percentile(r.echo, 0.5) * 1000:6.2f} {percentile(r.echo, 0.99) * 1000:6.2f}   "
            f"{r.tap_ratio():6.2f}x  {w.p99('wall'):8.2f} {o.p99('wall'):8.2f}        "
            f"{r.ratio('wall'):5.2f}x  {w.p99('cpu'):8.2f} {o.p99('cpu'):8.2f}      "
            f"{r.ratio('cpu'):5.2f}x"
        )
    taps = [t for r in rounds for t in r.taps]
    echo = [e for r in rounds for e in r.echo]
    tap99s = [percentile(r.taps, 0.99) * 1000 for r in rounds]
    tap_ratios = [r.tap_ratio() for r in rounds]
    frame_ratios = [r.ratio("wall") for r in rounds]
    print(
        f"all rounds: {len(taps)} taps, p50 {percentile(taps, 0.5) * 1000:.2f} ms, "
        f"p99 {percentile(taps, 0.99) * 1000:.2f} ms; {len(echo)} echoes, "
        f"p50 {percentile(echo, 0.5) * 1000:.2f} ms, p99 {percentile(echo, 0.99) * 1000:.2f} ms"
    )
    print(f"tap p99 per round: {spread(tap99s, ' ms')}  (target <= {TARGET_P99_MS:g} ms)")
    print(f"tap p99 / echo p99 per round: {spread(tap_ratios)}  (target <= {TARGET_RATIO:g}x)")
    print(
        f"frame p99 with / without per round: {spread(frame_ratios)}  "
        f"(target <= {TARGET_FRAME_RATIO:g}x)"
    )
    print(f"frame CPU p99 with / without per round: {spread([r.ratio('cpu') for r in rounds])}")
    for name, label in (("wall", "frame"), ("cpu", "frame CPU"), ("busy", "game thread")):
        with_ms = [getattr(r.with_phones, name) for r in rounds]
        without_ms = [getattr(r.without, name) for r in rounds]
        print(
            f"{label} p50/p99, all rounds: with phones "
            f"{percentile([x for xs in with_ms for x in xs], 0.5) * 1000:.2f}/"
            f"{percentile([x for xs in with_ms for x in xs], 0.99) * 1000:.2f} ms, without "
            f"{percentile([x for xs in without_ms for x in xs], 0.5) * 1000:.2f}/"
            f"{percentile([x for xs in without_ms for x in xs], 0.99) * 1000:.2f} ms"
        )
    with_cpu = [r.with_phones.process_per_frame() for r in rounds]
    without_cpu = [r.without.process_per_frame() for r in rounds]
    print(
        f"this process's CPU (game + server threads) per frame, median of rounds: with phones "
        f"{statistics.median(with_cpu):.2f} ms, without {statistics.median(without_cpu):.2f} ms"
    )
    print(
        f"load average per round {min(loads):.2f}-{max(loads):.2f}; now "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    return (
        statistics.median(tap99s) <= TARGET_P99_MS
        and statistics.median(tap_ratios) <= TARGET_RATIO
        and statistics.median(frame_ratios) <= TARGET_FRAME_RATIO
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--phones", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8.0)
    args = parser.parse_args(argv)
    rounds = Bench(args.phones, args.seconds).run(args.rounds)
    return 0 if show(args.phones, args.seconds, rounds) else 1


if __name__ == "__main__":
    raise SystemExit(main())
