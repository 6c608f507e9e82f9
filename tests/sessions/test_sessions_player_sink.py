"""The game window writes through ``EventLog``: what it played is exactly what the file replays."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.sessions.service import create_session, rebuild_state, resume
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"


def test_a_game_played_through_the_ui_is_rebuilt_from_the_database(tmp_path: Path) -> None:
    app = pytest.importorskip("engine.player.app")
    db = open_database(tmp_path / "atelier.db")
    session = create_session(db, SCENARIO)
    game = resume(db, session.id)
    final = app.run_game(
        SCENARIO,
        state=game.state,
        sink=game.log,
        headless=True,
        walkthrough=SCENARIO.with_name("demo-escape.walkthrough.yaml"),
        size=(960, 540),
    )
    assert final.phase == "ended"
    assert rebuild_state(db, session) == final
    assert [p.pseudonym for p in session_players(db, session.id)] == ["Lina", "Sam"]
    assert db.execute("SELECT status FROM sessions").fetchone()[0] == "ended"
    db.close()
