"""The phones' side of the game's loop: as soon as the server wakes the loop (and at each
frame), drain the server's queue and apply what the phones asked through the normal action
path, on the game's thread; once a frame, send each phone its new view if the game changed.

A join becomes the core's ``Join`` for a new player id; every other request is an ``Act``
of the phone's own player (``perform``), so the record cannot tell a phone from a tap,
except that it is exact about who acted.
"""

from __future__ import annotations

import contextlib
import errno
import queue
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engine.core import actions as ac
from engine.core import events as ev
from engine.phones.server import JoinRequest, PhoneServer
from engine.phones.view import message_view, phone_views
from engine.player.app import App
from engine.player.intents import Act
from engine.player.perform import new_player_id, perform, reset_form

CardOf = Callable[[str], dict[str, str] | None]


@dataclass
class Remembered:
    """What the phones keep with a workshop session, so that after ``declic session resume``
    each phone is its player again: the room code and the cookies' hashes (``Room.known``).
    ``save`` is called on the game's thread whenever they change."""

    code: str | None = None
    known: dict[str, str] = field(default_factory=dict)
    save: Callable[[str, dict[str, str]], None] = lambda _code, _known: None


class PhoneLink:
    def __init__(
        self,
        app: App,
        server: PhoneServer,
        card: CardOf | None = None,
        remembered: Remembered | None = None,
    ) -> None:
        self.app = app
        self.server = server
        self.card: CardOf = card or (lambda _p: None)
        self.remembered = remembered or Remembered()
        self.reopened = False  # the facilitator let phones join after the start
        #: what the phones' views were made from: the state, the moments passed, the room,
        #: the ending screen's line about the cards
        self.shown: tuple[Any, int, int, str | None, Any] = (None, -1, -1, None, None)
        self.announced: ev.Announced | None = None  # the facilitator's last message
        self.announced_at = -1  # its place in the log: two same texts are two messages
        self.read = 0  # how much of the log was searched for it

    def apply(self) -> None:
        """Apply every request waiting in the server's queue (the game's thread only)."""
        while True:
            try:
                request = self.server.inbox.get_nowait()
            except queue.Empty:
                return
            if isinstance(request, JoinRequest):
                request.done.set_result(self.join(request))
            else:
                perform(self.app, Act(request.action))

    def frame(self) -> None:
        app = self.app
        self.apply()
        room = self.server.room
        room.open = self.joining()
        # the cards' pictures are written on the ending screen: the views follow
        message = self.message()
        shown = (
            app.state,
            app.moments_passed,
            room.version,
            app.ui.summary_message,
            message and message["id"],
        )
        if shown[0] is not self.shown[0] or shown[1:] != self.shown[1:]:  # cheap tests first
            changed = shown != self.shown
            if shown[2] != self.shown[2]:  # a phone joined or came back
                self.remember()
            self.shown = shown
            if changed:
                self.publish()

    def message(self) -> dict[str, Any] | None:
        """The facilitator's message the phones show now (the log read once, as it grows)."""
        log = self.app.log
        if self.read > len(log):  # a log replaced (reloaded): read it again
            self.read, self.announced = 0, None
        for at in range(len(log) - 1, self.read - 1, -1):
            event = log[at]
            if isinstance(event, ev.Announced):
                self.announced, self.announced_at = event, at
                break
        self.read = len(log)
        message = message_view(self.announced, self.app.session.clock())
        return message and message | {"id": self.announced_at}

    # --- the console's port (engine/player/phones_port.py) ---------------------------------

    def joining(self) -> bool:
        phase = self.app.state.phase
        return phase == "lobby" or (self.reopened and phase == "playing")

    def reopen(self, open_: bool) -> None:
        self.reopened = open_
        self.server.room.open = self.joining()

    def offline(self) -> frozenset[str]:
        return self.server.room.offline() & frozenset(self.app.state.players)

    def remember(self) -> None:
        room = self.server.room
        with room.lock:
            known = dict(room.known)
        if known != self.remembered.known or room.code != self.remembered.code:
            self.remembered.code, self.remembered.known = room.code, known
            self.remembered.save(room.code, known)

    def join(self, request: JoinRequest) -> str | None:
        """A new player for a phone, if joining is open (the lobby, or reopened)."""
        if not self.joining():
            return None
        player = new_player_id(self.app)
        events = self.app.act(
            ac.Join(
                player=player,
                pseudonym=request.pseudonym,
                colour=request.colour,
                avatar=request.avatar,
                phone=True,  # can read private clues: the rules deal it a role
            )
        )
        if not any(isinstance(e, ev.PlayerJoined) for e in events):
            return None
        self.server.room.bind(request.token, player)
        if not self.app.ui.form.pseudonym:  # the projector's form offers an avatar still free
            reset_form(self.app)
        return player

    def publish(self) -> None:
        app = self.app
        elapsed = app.session.elapsed()
        players = self.server.room.phones()
        views = phone_views(app.rules, app.state, players, elapsed, self.card)
        for player, view in views.items():
            card = view.get("card")
            if card and card.get("image"):  # a file on the laptop: served to this phone only
                view["card"] = card = dict(card)
                picture = Path(card.pop("image"))
                with contextlib.suppress(OSError):  # gone (forgotten): the code stays
                    version = picture.stat().st_mtime_ns
                    self.server.pictures[player] = picture
                    card["image"] = f"/carte.png?v={version}"
        message = self.message()
        for view in views.values():
            view["seq"] = len(app.log)  # how many events the view has seen (tests wait on it)
            view["message"] = message
        self.server.publish(views)


def attach_phones(
    host: str,
    port: int,
    card: CardOf | None = None,
    room_code: str | None = None,
    remembered: Remembered | None = None,
) -> Callable[[App], Callable[[], None]]:
    """What ``run_game`` calls with its window: start the server, hook it into the frame,
    show the join QR in the lobby; returns what stops the server. ``remembered``: the room
    code and the phones of a session being resumed, and where to keep them."""

    def attach(app: App) -> Callable[[], None]:
        server = PhoneServer(host, port)
        server.address = app.scenario.address
        if remembered is not None:
            server.room.known = dict(remembered.known)
            server.room.code = remembered.code or server.room.code
        if room_code is not None:
            server.room.code = room_code
        try:
            server.start()
        except (OSError, UnicodeError) as exc:  # a bad address, a port in use: say which
            server.stop()
            reason = getattr(exc, "strerror", None) or "adresse impossible"
            where = f"{host}:{port}".encode("ascii", "backslashreplace").decode()
            raise OSError(getattr(exc, "errno", None) or errno.EINVAL, reason, where) from exc
        link = PhoneLink(app, server, card, remembered)
        app.frame_hooks.append(link.frame)
        app.wake_hooks.append(link.apply)
        server.wake = app.wake.set
        app.ui.phones = (server.join_url(), server.url, server.room.code)
        app.phone_link = link
        app.dirty = True
        return server.stop

    return attach
