"""Command-line faults found by the audit (issue 22): each gave « erreur inattendue » (exit 3)
or was silently accepted. Run through the real entry point, `declic.cli.main`."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import portal_binds_then_stops

from declic.cli import main
from facilitator.sessions.service import create_session
from facilitator.storage.db import open_database

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"
UNWRITABLE = Path("/sys/declic-test-folder")  # refused even to root


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and what was said on stderr; a usage error exits through SystemExit."""
    try:
        code = main(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "erreur inattendue" not in err, err
    return code, err


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "declic.db"
    db = open_database(path)
    create_session(db, SCENARIO)
    db.close()
    return path


@pytest.fixture
def bind_only() -> Iterator[None]:
    with portal_binds_then_stops():
        yield


def out_targets(tmp_path: Path) -> dict[str, Path]:
    a_file = tmp_path / "un-fichier.txt"
    a_file.write_text("x", encoding="utf-8")
    return {
        "file": a_file,
        "under a file": a_file / "dossier",
        "device": Path("/dev/null"),
        "unwritable": UNWRITABLE,
    }


@pytest.mark.parametrize("kind", ["file", "under a file", "device", "unwritable"])
def test_export_out_that_is_not_a_usable_folder(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = out_targets(tmp_path)[kind]
    code, err = run(["session", "export", "1", "--db", str(db_path), "--out", str(target)], capsys)
    assert code == 1
    assert str(target) in err and "dossier" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("kind", ["file", "under a file", "device", "unwritable"])
def test_play_screenshots_that_is_not_a_usable_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = out_targets(tmp_path)[kind]
    code, err = run(["play", "demo-escape", "--headless", "--screenshots", str(target)], capsys)
    assert code == 1
    assert str(target) in err and "dossier" in err


@pytest.mark.parametrize("port", ["-1", "0", "65536", "99999", "huit", "1e3"])
def test_portal_port_out_of_range_is_a_usage_error(
    db_path: Path, capsys: pytest.CaptureFixture[str], bind_only: None, port: str
) -> None:
    code, err = run(["portal", "--db", str(db_path), "--port", port], capsys)
    assert code == 2
    assert "--port" in err and "65535" in err


def test_portal_on_a_port_already_in_use(
    db_path: Path, capsys: pytest.CaptureFixture[str], bind_only: None
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, err = run(["portal", "--db", str(db_path), "--port", str(port)], capsys)
    assert code == 1
    assert f"port {port}" in err and "déjà utilisé" in err


@pytest.mark.parametrize("radius", ["-5", "0", "nan", "inf", "-inf", "cinq"])
def test_trainings_match_refuses_a_radius_that_is_not_a_distance(
    capsys: pytest.CaptureFixture[str], radius: str
) -> None:
    code, err = run(
        ["trainings", "match", "--rome", "G1602", "--town", "Rouen", f"--radius={radius}"], capsys
    )
    assert code == 2
    assert "--radius" in err and "kilomètres" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["session", "show", "9" * 25],  # beyond SQLite's integers
        ["session", "show", "²"],  # a digit that is not a number
        ["summary", "9" * 25, "--out", "cartes"],
        ["session", "forget", "9" * 25 + ":p1"],
        ["lint", "x" * 400],  # a name longer than the system allows
        ["portal", "counsellors", "--db", "x" * 400],
    ],
)
def test_what_the_command_line_net_found(
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    """Found by tests/cli/test_cli_fuzz.py: each was « erreur inattendue » (exit 3)."""
    monkeypatch.setenv("DECLIC_DB", str(db_path))
    monkeypatch.chdir(db_path.parent)
    code, err = run(argv, capsys)
    assert code in (1, 2)
    assert err.strip() and err.count("\n") <= 2
    assert "invalid" not in err and "Error" not in err


@pytest.mark.parametrize("weeks", ["inf", "1e308", "-5", "nan"])
def test_trainings_match_refuses_weeks_that_are_not_a_delay(
    capsys: pytest.CaptureFixture[str], weeks: str
) -> None:
    """`--weeks inf` was « erreur inattendue » (a date too far for Python)."""
    argv = ["trainings", "match", "--rome", "G1602", "--town", "Rouen", f"--weeks={weeks}"]
    code, err = run(argv, capsys)
    assert code == 2
    assert "--weeks" in err and "semaines" in err


def test_a_device_is_not_taken_for_a_database(capsys: pytest.CaptureFixture[str]) -> None:
    """SQLite wrote /dev/null-journal beside /dev/null; now nothing is opened."""
    journal = Path("/dev/null-journal")
    existed = journal.exists()
    code, err = run(["session", "list", "--db", "/dev/null"], capsys)
    assert code == 1 and "/dev/null" in err and "fichier ordinaire" in err
    assert journal.exists() == existed


def test_what_the_net_found_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--db=` is the current folder, which SQLite cannot open (it was « erreur inattendue »);
    argparse's complaint about an argument holding a line break stayed in English."""
    monkeypatch.chdir(tmp_path)
    argv = ["trainings", "match", "ABCD-EFGH", "--db="]
    code, err = run(argv, capsys)
    assert code == 1 and "base de données" in err
    code, err = run(["session", "show", "1", "a\nb"], capsys)
    assert code == 2 and "arguments inconnus : a\nb" in err and "unrecognized" not in err


def test_a_home_folder_of_nobody_is_a_plain_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--db=~0`: no user 0 has a home folder by that name (RuntimeError before)."""
    monkeypatch.chdir(tmp_path)
    code, _err = run(["session", "list", "--db=~nobody-declic/declic.db"], capsys)
    assert code == 0
    assert (tmp_path / "~nobody-declic" / "declic.db").is_file()


def test_an_empty_file_name_is_a_folder_not_a_crash(capsys: pytest.CaptureFixture[str]) -> None:
    """Found by the CLI fuzz net: `declic check ''` looked for « .walkthrough.yaml » beside
    a name that is empty and crashed (exit 3)."""
    code, err = run(["check", ""], capsys)
    assert code == 1
    assert "c'est un dossier" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["hub", "revoke-device", "9999999999999999999999999"], "un numéro est un nombre de 1"),
        (["hub", "revoke-device", "0"], "un numéro est un nombre de 1"),
        (["hub", "push", "2147483648"], "un numéro est un nombre de 1"),
        (["session", "purge", "--older-than", "99999999999999"], "un nombre de jours"),
        (["session", "purge", "--older-than", "-3"], "un nombre de jours"),
        (["trainings", "match", "--limit", "0"], "le nombre de résultats"),
        (["hub", "serve", "--workers", "0"], "le nombre de processus"),
        (["hub", "serve", "--workers", "1e9"], "le nombre de processus"),
    ],
)
def test_numbers_beyond_what_a_table_holds_are_usage_errors(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fuzz found `hub revoke-device 10**25`: an OverflowError from SQLite (exit 3)."""
    db = ["--db", f"sqlite:///{tmp_path / 'hub.db'}"] if argv[0] == "hub" else []
    if argv[:2] == ["hub", "push"]:
        db = []
    code, err = run(argv + db, capsys)
    assert (code, said in err) == (2, True), err
