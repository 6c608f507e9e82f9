"""Who holds which phone: the room code, the cookies' tokens and the players they stand for.

Shared by the server's thread and the game's loop, so every change holds a lock. Joining is
open in the lobby only, for at most ``MAX_PHONES`` phones.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass, field

MAX_PHONES = 16


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """What is kept of a cookie's token beyond this run (with the session): its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass
class Room:
    code: str = field(default_factory=new_code)
    open: bool = True
    players: dict[str, str] = field(default_factory=dict)  # token → player id
    #: tokens' hashes → player ids, kept with the session: after ``declic session resume``
    #: a phone with its old cookie is its player again
    known: dict[str, str] = field(default_factory=dict)
    version: int = 0  # one more at each bind: the phones' views are then sent again
    online: dict[str, int] = field(default_factory=dict)  # player id → open sockets
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def player_of(self, token: str | None) -> str | None:
        with self.lock:
            player = self.players.get(token or "")
            if player is None and token and (player := self.known.get(token_hash(token))):
                self.players[token] = player  # a phone back after a resume
                self.version += 1
            return player

    def refusal(self, code: str) -> str | None:
        """Why a phone cannot join now (French), or None."""
        with self.lock:
            if not secrets.compare_digest(code.strip(), self.code):
                return "Ce n'est pas le bon code. Regardez le code à 6 chiffres sur l'écran."
            if not self.open:
                return "La partie a commencé : demandez à l'animateur."
            if len(self.players) >= MAX_PHONES:
                return f"Déjà {MAX_PHONES} téléphones : jouez avec un voisin."
            return None

    def bind(self, token: str, player: str) -> None:
        with self.lock:
            self.players[token] = player
            self.known[token_hash(token)] = player
            self.version += 1

    def connected(self, player: str, change: int) -> None:
        """A socket of ``player`` opened (+1) or closed (-1)."""
        with self.lock:
            self.online[player] = self.online.get(player, 0) + change
            self.version += 1

    def phones(self) -> frozenset[str]:
        """The players who play on a phone (this run's and, after a resume, the session's)."""
        with self.lock:
            return frozenset(self.players.values()) | frozenset(self.known.values())

    def offline(self) -> frozenset[str]:
        """The players bound to a phone with no socket open now."""
        with self.lock:
            bound = set(self.players.values()) | set(self.known.values())
            return frozenset(p for p in bound if self.online.get(p, 0) <= 0)

    def count(self) -> int:
        with self.lock:
            return len(self.players)
