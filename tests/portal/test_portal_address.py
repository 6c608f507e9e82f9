"""The young person's page speaks as the game did: a scenario that says `address: tu` gets a
page in « tu », the others (« vous », the default) a page in « vous », so the card's own
sentences and the page around them never mix the two."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask
from portal_helpers import STARTED, TODAY, text_of

from engine.shipped import resolve_scenario
from engine.walkthrough import default_walkthrough, load_walkthrough
from facilitator.portal.app import create_app
from facilitator.sessions.service import GameSession, create_session
from facilitator.storage.db import open_database


def _played(tmp_path: Path, address: str | None) -> tuple[Flask, str]:
    """demo-escape played into a real database, with the scenario's address changed."""
    shipped = resolve_scenario("demo-escape")
    folder = tmp_path / "demo-escape"
    shutil.copytree(shipped.parent, folder)
    scenario = folder / shipped.name
    if address is not None:
        text = scenario.read_text(encoding="utf-8")
        scenario.write_text(
            text.replace("\nkind: escape\n", f"\nkind: escape\naddress: {address}\n")
        )
    db_path = tmp_path / "atelier.db"
    db = open_database(db_path)
    session = create_session(db, scenario, now=STARTED)
    game = GameSession.open(db, session.id)
    for action, now, _step in load_walkthrough(default_walkthrough(scenario)).actions(STARTED):
        game.step(action, now)
    token = db.execute("SELECT token FROM players WHERE pseudonym = 'Sam'").fetchone()[0]
    db.close()
    return create_app(db_path, today=lambda: TODAY), token


def test_a_tu_game_gives_a_page_in_tu(tmp_path: Path) -> None:
    app, token = _played(tmp_path, "tu")
    page = text_of(app.test_client().get(f"/s/{token}"))
    assert "Voici ce que tu as montré pendant le jeu." in page
    assert "Tes points forts" in page
    assert "Montre cette page à ton conseiller" in page
    assert "Vos points forts" not in page and "Montrez cette page" not in page


def test_the_default_vous_gives_a_page_in_vous(tmp_path: Path) -> None:
    app, token = _played(tmp_path, None)
    page = text_of(app.test_client().get(f"/s/{token}"))
    assert "Voici ce que vous avez montré pendant le jeu." in page
    assert "Vos points forts" in page
    assert "Montrez cette page à votre conseiller" in page
    assert "près de chez vous" in page
    assert "Tes points forts" not in page and "près de chez toi" not in page
