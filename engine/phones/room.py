"""Who holds which phone: the room code, the cookies' tokens and the players they stand for.

Shared by the server's thread and the game's loop, so every change holds a lock. Joining is
open in the lobby only, for at most ``MAX_PHONES`` phones.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field

MAX_PHONES = 16


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Room:
    code: str = field(default_factory=new_code)
    open: bool = True
    players: dict[str, str] = field(default_factory=dict)  # token → player id
    version: int = 0  # one more at each bind: the phones' views are then sent again
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def player_of(self, token: str | None) -> str | None:
        with self.lock:
            return self.players.get(token or "")

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
            self.version += 1

    def count(self) -> int:
        with self.lock:
            return len(self.players)
