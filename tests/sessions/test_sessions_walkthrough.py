"""``declic session new --headless --walkthrough W``: a workshop session without live players.

The walkthrough is played into a real database file; ``declic summary`` then makes one card per
player. A walkthrough that cannot be played to its end creates no session and says where.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from declic.commands.session import main
from declic.shipped import scenarios_dir
from facilitator.sessions.service import list_sessions, rebuild_state
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players

RALLY = scenarios_dir() / "demo-rally"


def session_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["session", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_walkthrough_played_into_a_new_session_has_its_players_and_ending(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    walkthrough = RALLY / "demo-rally.walkthrough.yaml"
    code, out, err = session_cli(
        capsys, "new", "--scenario", "demo-rally", "--headless", "--walkthrough", str(walkthrough)
    )
    assert code == 0, err
    assert "Session n° 1 créée" in out and "declic summary 1" in out
    db = open_database(db_path)
    try:
        [session] = list_sessions(db)
        state = rebuild_state(db, session)
        players = session_players(db, 1)
    finally:
        db.close()
    assert state.phase == "ended"
    assert {team.ending for team in state.teams.values()} == {"arrivee"}
    assert [p.pseudonym for p in players] == ["Inès", "Yanis", "Chloé"]
    # `show` names each player's team as the players saw it, not by its raw id
    code, out, _ = session_cli(capsys, "show", "1")
    assert code == 0
    ines = next(line for line in out.splitlines() if "Inès" in line)
    assert "Les Renards" in ines and "équipe Les Renards" not in ines


def test_show_names_the_default_team_not_its_id(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    walkthrough = scenarios_dir() / "demo-escape" / "demo-escape.walkthrough.yaml"
    code, _, err = session_cli(
        capsys, "new", "--scenario", "demo-escape", "--headless", "--walkthrough", str(walkthrough)
    )
    assert code == 0, err
    code, out, _ = session_cli(capsys, "show", "1")
    lina = next(line for line in out.splitlines() if "Lina" in line)
    assert "equipe" not in lina and "L'équipe" in lina


def test_a_refused_step_creates_no_session_and_points_at_the_line(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (scenarios_dir() / "demo-escape" / "demo-escape.walkthrough.yaml").read_text(
        encoding="utf-8"
    )
    lines = source.splitlines()
    first_step = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- {player:"))
    lines.insert(first_step, "  - {player: p1, use: placard_imaginaire}")
    broken = tmp_path / "broken.walkthrough.yaml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = session_cli(
        capsys, "new", "--scenario", "demo-escape", "--headless", "--walkthrough", str(broken)
    )
    assert code == 1 and "Traceback" not in err
    assert f"{broken}:{first_step + 1}:" in err and "action refusée" in err
    assert "aucune session créée" in err and "declic replay" in err
    assert "créée :" not in out
    db = open_database(db_path)
    try:
        assert list_sessions(db) == []
    finally:
        db.close()


def test_an_unreadable_walkthrough_is_a_located_french_error(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.walkthrough.yaml"
    bad.write_text("players: []\nsteps:\n  - {player: p1, danse: true}\n", encoding="utf-8")
    code, _, err = session_cli(
        capsys, "new", "--scenario", "demo-escape", "--headless", "--walkthrough", str(bad)
    )
    assert code == 1 and "Traceback" not in err
    assert f"{bad}:" in err and "le parcours" in err
    missing = tmp_path / "absent.walkthrough.yaml"
    code, _, err = session_cli(
        capsys, "new", "--scenario", "demo-escape", "--headless", "--walkthrough", str(missing)
    )
    assert code == 1 and "Traceback" not in err and str(missing) in err
