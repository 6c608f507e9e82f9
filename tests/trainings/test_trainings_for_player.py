"""``declic trainings match PLAYER``: the jobs on the player's card, around their home town."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from declic.cli import main
from engine.walkthrough import load_walkthrough
from facilitator.sessions.service import GameSession, create_session
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players, update_player
from facilitator.trainings.for_player import PlayerNotFound, player_target
from facilitator.trainings.store import import_file

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"
CATALOGUE = Path(__file__).with_name("data") / "formations-conseiller.csv"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "atelier.db"
    db = open_database(path)
    game = GameSession.open(db, create_session(db, SCENARIO, now=1_700_000_000.0).id)
    for action, now, _ in load_walkthrough(
        SCENARIO.with_name("demo-escape.walkthrough.yaml")
    ).actions(1_700_000_000.0):
        game.step(action, now)
    lina = next(p for p in session_players(db, game.session.id) if p.pseudonym == "Lina")
    update_player(db, lina.id, home_town="Elbeuf")
    import_file(db, CATALOGUE)
    db.close()
    return path


def test_player_target_uses_the_card_jobs_and_home_town(db_path: Path) -> None:
    db = sqlite_utils.Database(db_path)
    target = player_target(db, "Lina")
    assert target.town is not None and target.town.name == "Elbeuf"
    codes = [job.code for job in target.jobs]
    assert len(codes) == 3 and "G1602" in codes  # the kitchen game's job comes first


def test_unknown_player_says_what_to_type(db_path: Path) -> None:
    with pytest.raises(PlayerNotFound, match="code de sa carte"):
        player_target(sqlite_utils.Database(db_path), "Personne")


def test_cli_match_player_prints_trainings_near_home(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "trainings",
            "match",
            "Lina",
            "--db",
            str(db_path),
            "--today",
            date(2026, 1, 5).isoformat(),
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Lina : métiers de sa carte" in out
    assert "restauration" in out  # the Rouen kitchen discovery course matches G1602
    assert "Elbeuf" in out


def test_cli_match_without_player_or_rome_is_a_usage_error(db_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["trainings", "match", "--db", str(db_path)])
    assert exit_info.value.code == 2
