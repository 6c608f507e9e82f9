"""What a phone may send, validated before anything reaches the game. No I/O here.

Every message is a small JSON object with a ``type``; anything else (too big, not JSON, an
unknown type, a field of the wrong kind, an 11th message within a second) is refused with a
French reason, and the phone's connection stays open. The action built from a message always
names the phone's player: a phone cannot act for someone else.
"""

from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from engine.core import actions as ac

MAX_BYTES = 2048
PER_SECOND = 10
MAX_TEXT = 64
PSEUDONYM_MAX = 16
WRONG_ANSWER = "La réponse doit être un texte, un nombre, des choix ou des paires."


class ProtocolError(ValueError):
    """A message the server refuses; ``str`` is the French reason sent back to the phone."""


def _text(message: dict[str, Any], name: str, *, optional: bool = False) -> str | None:
    value = message.get(name)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value or len(value) > MAX_TEXT:
        raise ProtocolError(f"« {name} » doit être un texte de 1 à {MAX_TEXT} caractères.")
    return value


def _answer_value(value: Any) -> Any:
    """Text, a number, an option id, a list of option ids, or pairs of ids (left → right):
    nothing nested deeper."""
    if isinstance(value, bool):
        raise ProtocolError(WRONG_ANSWER)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and len(value) <= MAX_TEXT:
        return value
    if (
        isinstance(value, list)
        and len(value) <= 16
        and all(isinstance(v, str) and 0 < len(v) <= MAX_TEXT for v in value)
    ):
        return tuple(value)
    if (
        isinstance(value, dict)
        and len(value) <= 16
        and all(
            isinstance(k, str) and isinstance(v, str) and 0 < len(k) <= MAX_TEXT >= len(v) > 0
            for k, v in value.items()
        )
    ):
        return dict(value)
    raise ProtocolError(WRONG_ANSWER)


def parse(raw: str | bytes) -> dict[str, Any]:
    """The decoded message, or ProtocolError (size, JSON, object with a known ``type``)."""
    if len(raw) > MAX_BYTES:
        raise ProtocolError(f"Message trop long (plus de {MAX_BYTES} octets).")
    try:
        message = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise ProtocolError("Message illisible (JSON attendu).") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise ProtocolError("Message sans « type ».")
    if message["type"] not in BUILDERS:
        raise ProtocolError(f"Type de message inconnu : {message['type'][:MAX_TEXT]}.")
    return message


def to_action(message: dict[str, Any], player: str) -> ac.Action:
    """The core action a validated message asks for, attributed to ``player``."""
    action: ac.Action = BUILDERS[message["type"]](message, player)
    return action


def _use(m: dict[str, Any], player: str) -> ac.Action:
    return ac.Use(
        player=player, hotspot=str(_text(m, "hotspot")), item=_text(m, "item", optional=True)
    )


BUILDERS: dict[str, Any] = {
    "use": _use,
    "go": lambda m, p: ac.Go(player=p, to=str(_text(m, "to"))),
    "examine": lambda m, p: ac.Examine(player=p, item=str(_text(m, "item"))),
    "combine": lambda m, p: ac.Combine(
        player=p, first=str(_text(m, "first")), second=str(_text(m, "second"))
    ),
    "answer": lambda m, p: ac.Answer(
        player=p, puzzle=str(_text(m, "puzzle")), value=_answer_value(m.get("value"))
    ),
    "hint": lambda m, p: ac.Hint(player=p, puzzle=str(_text(m, "puzzle"))),
    "close": lambda m, p: ac.Close(player=p),
}


def check_join(
    pseudonym: str, colour: str, avatar: str, colours: tuple[str, ...], shapes: tuple[str, ...]
) -> str:
    """The cleaned pseudonym, or ProtocolError saying what to change."""
    name = " ".join(pseudonym.split())[:PSEUDONYM_MAX]
    if not name:
        raise ProtocolError("Écrivez un pseudo.")
    if colour not in colours:
        raise ProtocolError("Choisissez une couleur.")
    if avatar not in shapes:
        raise ProtocolError("Choisissez une forme.")
    return name[:1].upper() + name[1:]


@dataclass
class RateLimit:
    """At most ``limit`` messages within any ``window`` seconds (clock given by the caller)."""

    limit: int = PER_SECOND
    window: float = 1.0
    times: deque[float] = field(default_factory=deque)

    def allow(self, now: float) -> bool:
        while self.times and now - self.times[0] >= self.window:
            self.times.popleft()
        if len(self.times) >= self.limit:
            return False
        self.times.append(now)
        return True
