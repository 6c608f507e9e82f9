"""The ending screen offers the skills cards; the files are recorded so ``forget`` finds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.commands.session import _write_cards
from facilitator.sessions.privacy import forget
from facilitator.sessions.service import create_session, resume
from facilitator.storage.db import open_database
from facilitator.storage.players import find_players

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"


def test_cards_button_on_the_ending_screen_writes_the_cards(tmp_path: Path) -> None:
    player = pytest.importorskip("engine.player.app")
    from engine.player.driver import Driver
    from engine.walkthrough import load_walkthrough

    db = open_database(tmp_path / "atelier.db")
    game = resume(db, create_session(db, SCENARIO).id)
    app = player.App(
        game.rules.scenario,
        SCENARIO.parent,
        state=game.state,
        sink=game.log,
        size=(960, 540),
        headless=True,
    )
    app.summary_hook = lambda: _write_cards(game)
    try:
        driver = Driver(app, "mouse")
        driver.play(load_walkthrough(SCENARIO.with_name("demo-escape.walkthrough.yaml")))
        assert app.state.phase == "ended"
        driver.press("ending:cards", None)
        assert app.ui.summary_message is not None and "2 cartes" in app.ui.summary_message
    finally:
        app.close()
    folder = tmp_path / "cartes" / f"seance-{game.session.id}"
    pngs = sorted((folder / "cartes").glob("*.png"))
    assert len(pngs) == 2 and (folder / "cartes.pdf").is_file()
    recorded = {row[0] for row in db.execute("SELECT path FROM exports").fetchall()}
    assert {str(p.resolve()) for p in pngs} <= recorded
    forget(db, find_players(db, "Lina")[0])
    assert not any("Lina" in p.name for p in (folder / "cartes").glob("*.png"))
    db.close()
