"""The facilitator's home, driven through the player's test driver like a person: a whole
workshop from the window, no command line in between.

Nouvel atelier → a shipped scenario → its lobby → played to the ending → Ateliers terminés →
« Imprimer les cartes »; Reprendre on a session cut mid-game; « Effacer un joueur » after a
confirmation naming who; a scenario with problems shown and not startable.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, cast

import pytest

pytest.importorskip("pygame")

from declic.commands.session import write_cards
from engine.player.driver import Driver
from engine.player.home import Home
from engine.player.home_port import HomeError, Launch
from engine.player.run import run_game
from engine.shipped import shipped_scenarios
from engine.walkthrough import load_walkthrough
from facilitator.sessions.home import WorkshopHome
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players

SHOTS = os.environ.get("DECLIC_HOME_SHOTS")  # set to a folder to keep the pictures (docs)


def walkthrough_of(path: Path) -> Path:
    return path.with_name(f"{path.stem}.walkthrough.yaml")


class Room:
    """What the game window does when the home opens it: plays the scenario's walkthrough
    through the UI to the end, or only its first ``cut`` steps (the game is killed)."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.cut: int | None = None
        self.seen: list[Launch] = []

    def __call__(self, launch: Launch) -> None:
        self.seen.append(launch)
        if launch.state is not None and launch.state.phase == "playing":
            # a resumed game: it opens where it stopped (no lobby, no "Jouer")
            final = run_game(
                launch.scenario_path,
                state=launch.state,
                sink=launch.sink,
                history=launch.history,
                headless=True,
                size=(960, 540),
            )
            assert final.phase == "playing"
            return
        walkthrough = walkthrough_of(launch.scenario_path)
        if self.cut is not None:
            whole = load_walkthrough(walkthrough)
            short = dataclasses.replace(whole, steps=whole.steps[: self.cut])
            cut = self.tmp / "cut.yaml"
            cut.write_text(_yaml_of(short, walkthrough), encoding="utf-8")
            walkthrough = cut
        run_game(
            launch.scenario_path,
            state=launch.state,
            sink=launch.sink,
            on_summary=launch.on_summary,
            history=launch.history,
            headless=True,
            size=(960, 540),
            walkthrough=walkthrough,
        )


def _yaml_of(short: Any, original: Path) -> str:
    """The walkthrough file with only its first steps (the file's own text, cut)."""
    import yaml

    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    data["steps"] = data["steps"][: len(short.steps)]
    return yaml.safe_dump(data, allow_unicode=True)


def shot(home: Home, name: str) -> None:
    home.frame()
    if SHOTS:
        home.screenshot(Path(SHOTS) / f"home-{name}.png")


def test_a_whole_workshop_from_the_home_window(tmp_path: Path) -> None:
    db = open_database(tmp_path / "atelier.db")
    port = WorkshopHome(db, shipped_scenarios(), write_cards)
    room = Room(tmp_path)
    shown: list[Path] = []
    home = Home(port, headless=True, launcher=room, show_file=shown.append)
    drive = Driver(cast(Any, home), "mouse")
    try:
        shot(home, "1-menu")
        assert {"home:new", "home:resume", "home:finished", "home:trial"} <= {
            w.key for w in home.widgets
        }
        # Nouvel atelier → the shipped escape game → lobby → played to the end
        drive.press("home:new", None)
        shot(home, "2-nouvel-atelier")
        assert home.page.page == "new" and all(card.ok for card in home.cards)
        drive.press("home:scenario:demo-escape/demo-escape", None)
        assert len(room.seen) == 1 and room.seen[0].session == 1
        assert room.seen[0].state.phase == "lobby"  # the game opened on the session's lobby
        first = port.finished()
        assert [s.id for s in first] == [1]
        assert [p.pseudonym for p in first[0].players] == ["Lina", "Sam"]
        assert home.page.page == "menu"

        # a second workshop, killed after two steps
        room.cut = 2
        drive.press("home:new", None)
        drive.press("home:scenario:demo-escape/demo-escape", None)
        assert [s.status for s in port.unfinished()] == ["playing"]

        # Reprendre: one tap reopens it where it stopped
        drive.press("home:resume", None)
        shot(home, "3-reprendre")
        drive.press("home:session:2", None)
        resumed = room.seen[-1]
        assert resumed.session == 2 and resumed.state.phase == "playing"
        assert len(resumed.history) > 0

        # Ateliers terminés → the session → « Imprimer les cartes »
        drive.press("home:finished", None)
        shot(home, "4-ateliers-termines")
        drive.press("home:session:1", None)
        drive.press("home:cards", None)
        shot(home, "5-atelier-cartes")
        assert home.page.message is not None and "prête" in home.page.message
        assert len(shown) == 1 and shown[0].suffix == ".pdf" and shown[0].stat().st_size > 0

        # « Effacer un joueur »: a confirmation naming who and what, then erased
        drive.press("home:erase:p1", None)
        shot(home, "6-effacer")
        confirm = home.find("home:confirm")
        assert "Lina" in confirm.label and "ne peut pas être annulé" in confirm.label
        drive.press("home:erase:yes", None)
        assert [p.pseudonym for p in session_players(db, 1)] == ["Sam"]
        assert home.page.page == "session" and "effacé" in (home.page.message or "")
        assert home.find("home:erase:p1") is None

        # Essayer un scénario: played, nothing recorded
        drive.press("home:back", None)
        drive.press("home:back", None)
        drive.press("home:trial", None)
        shot(home, "8-essayer")
        drive.press("home:scenario:demo-escape/demo-escape", None)
        trial = room.seen[-1]
        assert trial.session is None and trial.sink is None
        assert [s.id for s in port.finished()] == [1] and len(port.unfinished()) == 1
    finally:
        home.close()
        db.close()


@pytest.mark.parametrize("device", ["mouse", "touch", "keyboard"])
def test_a_scenario_with_problems_is_listed_with_them_and_cannot_start(
    tmp_path: Path, device: str
) -> None:
    good = next(p for p in shipped_scenarios() if p.stem == "demo-escape")
    broken = tmp_path / "casse" / "casse.yaml"
    broken.parent.mkdir()
    text = good.read_text(encoding="utf-8").replace("id: demo-escape", "id: casse", 1)
    broken.write_text(text.replace("start: ", "start: nulle_part_", 1), encoding="utf-8")
    db = open_database(tmp_path / "atelier.db")
    port = WorkshopHome(db, [broken, good], write_cards)
    room = Room(tmp_path)
    home = Home(port, headless=True, launcher=room, show_file=lambda _p: None)
    drive = Driver(cast(Any, home), device)
    try:
        drive.press("home:new", None)
        card = home.find("home:scenario:casse/casse")
        assert card is not None and not card.interactive
        problems = home.cards[0].problems
        assert problems and all(problem in card.label for problem in problems)  # read aloud
        assert "nulle_part_" in problems[0] and problems[0].startswith("ligne ")
        assert home.find("home:scenario:demo-escape/demo-escape").interactive
        shot(home, "7-scenario-a-corriger")
        with pytest.raises(HomeError, match="ne peut pas démarrer"):
            port.start(broken)  # even asked directly, the port refuses it
        assert room.seen == [] and port.unfinished() == []
        drive.press("home:back", None)
        assert home.page.page == "menu"
    finally:
        home.close()
        db.close()
