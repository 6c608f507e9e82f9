"""What the room reads and hears after a step: a pure function of the step's events.

``narrate`` turns the core's events into speech bubbles and sound names; ``engine/player/
perform.py`` shows and plays them. No pygame, no window: tests call it with plain events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.core import events as ev
from engine.core.rules import ANNOUNCE_SECONDS
from engine.format.scenario import Scenario
from engine.locale import refusal_text
from engine.player.locale import Texts
from engine.player.ui import Narration

KEPT = 4  # bubbles shown at most: the newest


@dataclass(frozen=True)
class Told:
    """``lines``: the bubbles to show now (None: keep those shown); ``sounds``: in order."""

    lines: tuple[Narration, ...] | None
    sounds: tuple[str, ...]


def narrate(events: Sequence[ev.Event], scenario: Scenario, t: Texts) -> Told:
    """A new place, puzzle or turn clears old bubbles; anything said replaces them."""
    said: list[Narration] = []
    sounds: list[str] = []
    fresh = False
    items = {i.id: i for i in scenario.items}
    for e in events:
        if isinstance(e, ev.Said):
            said.append(Narration("say", e.text))
        elif isinstance(e, ev.Blocked):
            said.append(Narration("blocked", e.text, "cadenas"))
            sounds.append("failure")
        elif isinstance(e, ev.HintShown):
            said.append(Narration("hint", t("hint.shown", level=e.level, text=e.text), "indice"))
        elif isinstance(e, ev.Announced):
            text = t("announce.shown", text=e.text)
            said.append(Narration("announce", text, "megaphone", e.t + ANNOUNCE_SECONDS))
        elif isinstance(e, ev.Rejected):
            said.append(Narration("rejected", refusal_text(e, t.language, t.address)))
        elif isinstance(e, ev.ItemGained) and e.item in items:
            item = items[e.item]
            said.append(Narration("gain", t("item.gained", name=item.name), item.icon))
        elif isinstance(e, ev.ItemExamined) and e.item in items:
            item = items[e.item]
            said.append(Narration("item", f"{item.name} : {item.description}", item.icon))
        elif isinstance(e, ev.AnswerChecked):
            sounds.append("success" if e.correct else "failure")
        elif isinstance(e, ev.PuzzleOpened | ev.Moved):
            fresh = True
        elif isinstance(e, ev.GameEnded):
            sounds.append("ending")
    if said:
        return Told(tuple(said[-KEPT:]), tuple(sounds))
    return Told(() if fresh else None, tuple(sounds))


def main_text(lines: Sequence[Narration], scene: tuple[str, str] | None, title: str) -> str:
    """What F1 reads when nothing is focused: the bubbles, else the place, else the game."""
    if lines:
        return " ".join(n.text for n in lines)
    if scene is not None:
        return f"{scene[0]}. {scene[1]}"
    return title
