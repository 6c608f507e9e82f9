"""The facilitator's console over the projected game: what stays private, the hint read before
it is sent, the free message, the skip and the solution. Driven by clicks and typing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from engine.core import events as ev
from engine.core.state import FACILITATOR
from engine.player.console.progress import solution_text
from engine.player.screens.debrief import key_moments


def _overlay(g: Any) -> Any:
    g.driver.key(pygame.K_F9)
    console = g.app.console
    assert console.mode == "overlay"
    return console


def _fridge_open(game: Any) -> tuple[Any, Any, Any]:
    """The console over the projected game while the fridge puzzle is open."""
    g = game(6)
    console = _overlay(g)
    team = g.app.team()
    assert team is not None and team.open_puzzle == "temperature"
    return g, console, team


def test_projected_console_hides_observations_until_private_mode(
    game: Any, tmp_path: Path, save_shot: Any
) -> None:
    g = game(6)
    app = g.app
    console = _overlay(g)
    sam = g.id_of("p2")
    for key in ("console:skill:equipe", "console:note", "console:save"):
        assert console.find(key) is None, f"{key} projected to the group"
    chip = console.find(f"console:player:{sam}")
    assert chip is not None and not chip.interactive
    assert console.find("console:hidden") is not None
    save_shot(app.screenshot, tmp_path, "console-overlay-hidden")

    g.click("console:private")
    g.click(f"console:player:{sam}")
    g.click("console:skill:equipe")
    g.click("console:note")
    g.type("rassure Lina")
    save_shot(app.screenshot, tmp_path, "console-overlay-private")
    start = len(g.sink.events)
    g.click("console:save")
    assert [e.text for e in g.new_events(start) if isinstance(e, ev.EvidenceRecorded)] == [
        "rassure Lina"
    ]
    journal = console.find("console:journal")
    assert journal is not None and any("rassure Lina" in m.text for m in journal.sig)

    g.click("console:private")  # back to what the group may see
    journal = console.find("console:journal")
    assert journal is not None and not any("rassure" in m.text for m in journal.sig)
    assert console.find("console:note") is None and "Sam" not in console.message

    g.driver.key(pygame.K_F9)
    g.driver.key(pygame.K_F9)
    assert not console.private, "opened again over the game, it starts private-off"


def test_the_debrief_never_names_who_asked_for_a_hint(game: Any) -> None:
    g = game(6)
    app = g.app
    start = len(g.sink.events)
    g.driver.press("puzzle:hint", g.id_of("p2"))
    asked = [e for e in g.new_events(start) if isinstance(e, ev.HintShown)]
    assert asked and asked[0].player == g.id_of("p2") and not asked[0].pushed
    moments = key_moments(app.log, app.state, app.scenario, {})
    hints = [m for m in moments if m.icon == "indice"]
    assert hints and all("Sam" not in m.text and not m.players for m in hints)


def test_a_free_message_reaches_the_projector(game: Any, tmp_path: Path, save_shot: Any) -> None:
    g = game(6)
    app = g.app
    _overlay(g)
    assert not g.app.console.find("console:announce").interactive  # nothing typed yet
    g.click("console:draft")
    g.type("Plus que 5 minutes, courage !")
    assert app.ui.work.entry == "", "the typing went to the console, not the puzzle"
    save_shot(app.screenshot, tmp_path, "console-message")
    start = len(g.sink.events)
    g.click("console:announce")
    said = [e for e in g.new_events(start) if isinstance(e, ev.Announced)]
    assert [(e.player, e.text) for e in said] == [(FACILITATOR, "Plus que 5 minutes, courage !")]
    assert app.console.draft == ""
    status = app.console.find("console:message")
    assert status is not None and status.label == app.t("console.message_sent")
    g.driver.key(pygame.K_F9)
    shown = [n for n in app.ui.narration if n.kind == "announce"]
    assert shown and "Plus que 5 minutes, courage !" in shown[0].text
    save_shot(app.screenshot, tmp_path, "console-message-projected")


def test_skip_a_puzzle_and_the_solution_in_private_only(
    game: Any, tmp_path: Path, save_shot: Any
) -> None:
    g, console, team = _fridge_open(game)
    app = g.app
    g.click(f"console:push:{team.id}")
    g.driver.key(pygame.K_ESCAPE)  # Échap closes the panel, not the console
    assert console.team is None and console.mode == "overlay"
    g.click(f"console:push:{team.id}")
    assert not console.find("console:solution").interactive, "no solution on the projector"
    g.click("console:private")
    g.click("console:solution")
    spec = app.rules.puzzle_for("temperature", app.state, team.id)
    answer = solution_text(spec)
    assert answer and answer in console.find("console:panel").sig
    save_shot(app.screenshot, tmp_path, "console-solution")
    g.click("console:private")
    assert answer not in console.find("console:panel").sig, "hidden as soon as projected"

    start = len(g.sink.events)
    g.click("console:skip")
    assert console.skipping and not g.new_events(start), "asks first"
    save_shot(app.screenshot, tmp_path, "console-skip")
    g.click("console:skip")
    events = g.new_events(start)
    assert [(e.player, e.puzzle) for e in events if isinstance(e, ev.PuzzleSkipped)] == [
        (FACILITATOR, "temperature")
    ]
    assert not [e for e in events if isinstance(e, ev.PuzzleSolved | ev.EvidenceRecorded)]
    after = app.state.teams[team.id]
    assert after.open_puzzle is None and "temperature" in after.solved
    assert console.team is None
    moments = key_moments(app.log, app.state, app.scenario, {})
    skipped = [m for m in moments if "passée" in m.text]
    assert len(skipped) == 1 and spec.title in skipped[0].text and not skipped[0].players


def test_enter_sends_the_message_and_tab_reaches_its_field(game: Any) -> None:
    g = game(6)
    console = _overlay(g)
    keys = [w.key for w in console.widgets if w.interactive]
    for _ in range(keys.index("console:draft") + 1):
        g.driver.key(pygame.K_TAB)
    assert console.focus == "console:draft" and console.typing
    g.type("On reprend dans 2 minutes")
    start = len(g.sink.events)
    g.driver.key(pygame.K_RETURN)
    said = [e.text for e in g.new_events(start) if isinstance(e, ev.Announced)]
    assert said == ["On reprend dans 2 minutes"] and not console.typing


def test_projected_hint_preview_needs_the_private_mode(
    game: Any, tmp_path: Path, save_shot: Any
) -> None:
    g, console, team = _fridge_open(game)
    app = g.app
    first_hint = app.rules.puzzle_for("temperature", app.state, team.id).hints[0]
    g.click(f"console:push:{team.id}")
    panel = console.find("console:panel")
    assert panel is not None
    assert first_hint not in panel.label and first_hint not in panel.sig, "the room would read it"
    assert app.t("console.hint_private") in panel.label
    assert "Passez en mode privé pour lire l'indice" in app.t("console.hint_private")
    save_shot(app.screenshot, tmp_path, "console-hint-hidden")

    g.click("console:private")
    panel = console.find("console:panel")
    assert first_hint in panel.label and first_hint in panel.sig
    g.click("console:private")
    assert first_hint not in console.find("console:panel").label, "hidden as soon as projected"

    start = len(g.sink.events)
    g.click("console:send_hint")  # it can still be sent unread
    hints = [e for e in g.new_events(start) if isinstance(e, ev.HintShown)]
    assert [(h.player, h.text, h.pushed) for h in hints] == [(FACILITATOR, first_hint, True)]
