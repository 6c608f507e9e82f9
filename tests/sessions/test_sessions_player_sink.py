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
    app = pytest.importorskip("engine.player.run")
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


def test_after_a_resume_the_console_and_debrief_see_what_happened_before(tmp_path: Path) -> None:
    """The window reopened on a session gets the stored events, not only its own."""
    pytest.importorskip("pygame")
    from engine.core import actions as ac
    from engine.core.state import FACILITATOR
    from engine.player.app import App
    from engine.player.screens.debrief import key_moments
    from facilitator.storage.events import load_events

    db = open_database(tmp_path / "atelier.db")
    session = create_session(db, SCENARIO)
    game = resume(db, session.id, now=100.0)
    game.step(
        ac.Join(player="p1", pseudonym="Lina", team="equipe", colour="#0072b2", avatar="cercle"),
        101.0,
    )
    game.step(ac.Start(player="p1"), 102.0)
    game.step(ac.Observe(player=FACILITATOR, target="p1", skill="equipe", note="aide Sam"), 130.0)

    again = resume(db, session.id, now=400.0)
    before = load_events(db, session.id)
    window = App(
        again.rules.scenario,
        SCENARIO.parent,
        state=again.state,
        sink=again.log,
        headless=True,
        size=(960, 540),
        history=before,
    )
    try:
        texts = [m.text for m in key_moments(window.log, window.state, window.rules.scenario, {})]
        assert any("Lina" in t and "aide Sam" in t for t in texts), texts
        window.act(ac.Observe(player=FACILITATOR, target="p1", skill="rigueur", note="range"))
        assert window.log[: len(before)] == before
        assert window.log[len(before) :] == load_events(db, session.id)[len(before) :]
        texts = [m.text for m in key_moments(window.log, window.state, window.rules.scenario, {})]
        assert sum("Lina" in t for t in texts) == 2
    finally:
        window.close()
        db.close()
