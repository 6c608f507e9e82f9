"""``declic session …``: exit codes and French messages, on a real database file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from declic.commands.session import main
from engine.core import actions as ac
from engine.core.state import FACILITATOR
from facilitator.sessions.service import GameSession
from facilitator.storage.db import open_database
from facilitator.storage.players import session_players

REPO = Path(__file__).resolve().parents[2]


def session_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["session", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_new_list_show_export_forget(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = session_cli(capsys, "new", "--scenario", "demo-escape", "--headless")
    assert code == 0 and "Session n° 1 créée" in out
    db = open_database(db_path)
    game = GameSession.open(db, 1)
    game.step(ac.Join(player="p1", pseudonym="Lina"), 10.0)
    game.step(ac.Start(player=FACILITATOR), 10.0)
    code_card = session_players(db, 1)[0].short_code
    db.close()

    code, out, _ = session_cli(capsys, "list")
    assert code == 0 and "La cuisine fermée" in out and "en cours" in out
    code, out, _ = session_cli(capsys, "show", "1")
    assert code == 0 and "Lina" in out and code_card[:4] in out
    code, out, _ = session_cli(capsys, "resume", "1", "--headless")
    assert code == 0 and "en cours" in out
    code, out, _ = session_cli(
        capsys, "export", "1", "--format", "json", "--out", str(tmp_path / "x")
    )
    assert code == 0
    exported = tmp_path / "x" / "declic-session-1.json"
    assert json.loads(exported.read_text(encoding="utf-8"))["players"][0]["pseudonym"] == "Lina"
    code, out, _ = session_cli(capsys, "forget", code_card)
    assert code == 0 and "effacé" in out
    assert not exported.exists()  # Lina was the only player: the export is deleted


def test_an_unknown_session_is_a_clear_french_error(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (["show", "42"], ["resume", "42", "--headless"], ["export", "42"]):
        code, _out, err = session_cli(capsys, *command)
        assert code == 1
        assert "aucune session n° 42" in err and "declic session list" in err
        assert "Traceback" not in err
    code, _, err = session_cli(capsys, "show", "douze")
    assert code == 1 and "n'est pas un numéro de session" in err


def test_forget_an_unknown_player_and_purge_without_a_duration_fail_clearly(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = session_cli(capsys, "forget", "ABCD-EFGH")
    assert code == 1 and "aucun joueur" in err
    code, _, err = session_cli(capsys, "purge")
    assert code == 1 and "--older-than" in err
    code, out, _ = session_cli(capsys, "retention", "30")
    assert code == 0 and "30 jours" in out
    code, out, _ = session_cli(capsys, "purge")
    assert code == 0 and "0 session " in out
    code, _, err = session_cli(capsys, "retention", "trente")
    assert code == 1 and "nombre de jours" in err


def test_a_broken_scenario_is_reported_with_its_location(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "casse.yaml"
    broken.write_text("format: 1\nid: casse\n", encoding="utf-8")
    code, _, err = session_cli(capsys, "new", "--scenario", str(broken), "--headless")
    assert code == 1
    assert "casse.yaml:" in err and "Erreur" in err


def test_an_unusable_database_path_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = session_cli(capsys, "list", "--db", str(tmp_path))
    assert code == 1 and "est un dossier" in err


def test_usage_errors_exit_2(db_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["session", "export", "1", "--format", "xlsx"])
    assert exit_info.value.code == 2


def test_the_game_window_missing_is_a_french_message_not_a_traceback(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "engine.player.run", None)  # as if pygame were absent
    code, out, err = session_cli(capsys, "new", "--scenario", "demo-escape")
    assert code == 1
    assert "Session n° 1 créée" in out
    assert "le jeu ne peut pas s'ouvrir" in err and "declic session resume 1" in err
    code, _, err = session_cli(capsys, "resume", "1")
    assert code == 1 and "le jeu ne peut pas s'ouvrir" in err


def test_forget_asks_which_player_when_a_pseudonym_is_ambiguous(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        session_cli(capsys, "new", "--scenario", "demo-escape", "--headless")
    db = open_database(db_path)
    for session_id in (1, 2):
        GameSession.open(db, session_id).step(ac.Join(player="p1", pseudonym="Lina"), 10.0)
    db.close()
    code, _, err = session_cli(capsys, "forget", "lina")
    assert code == 1 and "2 joueurs correspondent" in err and "--all" in err
    code, out, _ = session_cli(capsys, "forget", "lina", "--all")
    assert code == 0 and out.count("Joueur effacé") == 2
    db = open_database(db_path)
    assert db.execute("SELECT count(*) FROM players").fetchone()[0] == 0
    db.close()


def test_resume_finds_a_moved_scenario_with_the_scenario_option(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"
    copy = tmp_path / "atelier" / "demo-escape.yaml"
    copy.parent.mkdir()
    copy.write_bytes(source.read_bytes())
    session_cli(capsys, "new", "--scenario", str(copy), "--headless")
    moved = tmp_path / "ailleurs.yaml"
    copy.rename(moved)
    code, _, err = session_cli(capsys, "resume", "1", "--headless")
    assert code == 1 and "introuvable" in err and "--scenario" in err
    code, out, _ = session_cli(capsys, "resume", "1", "--headless", "--scenario", str(moved))
    assert code == 0 and "Session n° 1" in out
