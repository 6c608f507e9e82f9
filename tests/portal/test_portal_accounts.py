"""Counsellor accounts and the portal's tables, on real SQLite files."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import sqlite_utils
from flask import Flask
from portal_helpers import COUNSELLOR, PASSWORD, Seeded, audit_rows, csrf_of, log_in

from declic.cli import main as declic_main
from facilitator.portal.accounts import AccountError, add_counsellor, check_password, ensure_schema
from facilitator.storage.db import open_database

PORTAL_TABLES = {
    "counsellors",
    "portal_sessions",
    "portal_login_failures",
    "portal_audit",
    "portal_notes",
    "portal_last_logins",
}


def test_schema_belongs_to_the_callers_transaction(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    db.conn.execute("BEGIN IMMEDIATE")  # as a storage migration does
    ensure_schema(db)
    db.conn.execute("ROLLBACK")
    assert not PORTAL_TABLES & set(db.table_names())
    ensure_schema(db)
    ensure_schema(db)  # idempotent
    assert set(db.table_names()) >= PORTAL_TABLES


def test_passwords_are_stored_as_argon2id_and_checked(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    ensure_schema(db)
    anne = add_counsellor(db, "  Anne  ", "un mot de passe long")
    stored = db.execute("SELECT name, password_hash FROM counsellors").fetchone()
    assert stored[0] == "Anne" and stored[1].startswith("$argon2id$")
    assert "un mot de passe long" not in stored[1]
    assert check_password(db, "ANNE", "un mot de passe long") == anne
    assert check_password(db, "anne", "un mot de passe lonG") is None
    assert check_password(db, "personne", "un mot de passe long") is None
    with pytest.raises(AccountError, match="existe déjà"):
        add_counsellor(db, "anne", "un autre mot de passe")
    with pytest.raises(AccountError, match="trop court"):
        add_counsellor(db, "léa", "court")


# ---------------------------------------------------------------- the account commands


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`declic …` through its real entry point: exit code, stdout, stderr."""
    code = declic_main(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def type_stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def sessions_of(db_path: Path, name: str) -> int:
    with sqlite_utils.Database(db_path) as db:
        return int(
            db.execute(
                "SELECT COUNT(*) FROM portal_sessions s JOIN counsellors c "
                "ON c.id = s.counsellor_id WHERE c.name = ?",
                [name],
            ).fetchone()[0]
        )


def test_counsellors_lists_each_account_on_one_line_without_secrets(
    app: Flask, seeded: Seeded, paris: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite_utils.Database(seeded.path) as db:
        add_counsellor(db, "Karim B", "une autre phrase secrète")
        db.execute("UPDATE counsellors SET created_at = '2026-08-29T22:30:00+00:00'")
        db.conn.commit()
    log_in(app.test_client())  # the app's clock: 2_000_000_000 s, 18/05/2033 03:33:20 UTC
    code, out, err = run_cli(["portal", "counsellors", "--db", str(seeded.path)], capsys)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{COUNSELLOR} · créé le 30/08/2026 · dernière connexion le 18/05/2033 à 05:33",
        "Karim B · créé le 30/08/2026 · aucune connexion enregistrée",
    ]
    assert "argon2" not in out and PASSWORD not in out


def test_counsellors_on_a_database_without_accounts_says_how_to_add_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "declic.db"
    open_database(db_path).close()
    code, out, _err = run_cli(["portal", "--db", str(db_path), "counsellors"], capsys)
    assert code == 0
    assert out == (
        f"Aucun compte conseiller dans {db_path} ; créez-en un : declic portal add-counsellor NOM\n"
    )


def test_reset_password_ends_every_open_session(
    app: Flask,
    seeded: Seeded,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    office, phone = app.test_client(), app.test_client()
    log_in(office)
    log_in(phone)
    assert office.get("/sessions").status_code == 200
    type_stdin(monkeypatch, "une toute nouvelle phrase\n")
    argv = ["portal", "reset-password", " ANNE.Martin ", "--db", str(seeded.path)]
    code, out, err = run_cli([*argv, "--password-stdin"], capsys)
    assert (code, err) == (0, "")
    assert (
        out == f"Mot de passe de « {COUNSELLOR} » changé ; 2 connexions ouvertes ont été fermées.\n"
    )
    assert sessions_of(seeded.path, COUNSELLOR) == 0
    for stolen in (office, phone):
        assert stolen.get("/sessions").status_code == 302  # back to the login page
    with sqlite_utils.Database(seeded.path) as db:
        assert check_password(db, COUNSELLOR, PASSWORD) is None
        assert check_password(db, COUNSELLOR, "une toute nouvelle phrase") is not None
    log_in(app.test_client(), password="une toute nouvelle phrase")


def test_reset_password_asks_twice_and_changes_nothing_when_they_differ(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prompts: list[str] = []
    answers = iter(["première phrase longue", "autre phrase longue"])

    def typed(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", typed)
    argv = ["portal", "reset-password", COUNSELLOR, "--db", str(seeded.path)]
    code, _out, err = run_cli(argv, capsys)
    assert code == 1
    assert err == "declic : les deux mots de passe sont différents ; rien n'est changé.\n"
    assert prompts == [f"Nouveau mot de passe pour {COUNSELLOR} : ", "Retapez-le : "]
    answers = iter(["la même phrase longue"] * 2)
    code, out, _err = run_cli(argv, capsys)
    assert code == 0 and "aucune connexion n'était ouverte" in out
    with sqlite_utils.Database(seeded.path) as db:
        assert check_password(db, COUNSELLOR, "la même phrase longue") is not None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("\n", "mot de passe vide"),
        ("", "mot de passe vide"),
        ("court\n", "mot de passe trop court"),
    ],
)
def test_reset_password_refuses_an_empty_or_short_password(
    app: Flask,
    seeded: Seeded,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
    message: str,
) -> None:
    client = app.test_client()
    log_in(client)
    type_stdin(monkeypatch, typed)
    argv = ["portal", "reset-password", COUNSELLOR, "--db", str(seeded.path), "--password-stdin"]
    code, out, err = run_cli(argv, capsys)
    assert (code, out) == (1, "")
    assert err.startswith(f"declic : {message}") and err.count("\n") == 1
    with sqlite_utils.Database(seeded.path) as db:
        assert check_password(db, COUNSELLOR, PASSWORD) is not None
    assert client.get("/sessions").status_code == 200  # nothing changed, still logged in


def test_reset_password_of_an_unknown_name_asks_nothing(
    seeded: Seeded, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "x")
    code, out, err = run_cli(["portal", "reset-password", "anne", "--db", str(seeded.path)], capsys)
    assert (code, out, asked) == (1, "", [])
    assert (
        err == "declic : aucun compte « anne » ; la liste des comptes : declic portal counsellors\n"
    )


def test_remove_counsellor_ends_sessions_and_keeps_notes_and_audit(
    app: Flask, seeded: Seeded, capsys: pytest.CaptureFixture[str]
) -> None:
    anne = app.test_client()
    log_in(anne)
    pid = seeded.players["Lina"][0]
    token = csrf_of(anne.get(f"/joueur/{pid}").get_data(as_text=True))
    anne.post(f"/joueur/{pid}/notes", data={"csrf": token, "notes": "Aime cuisiner."})
    with sqlite_utils.Database(seeded.path) as db:
        add_counsellor(db, "Karim B", "une autre phrase secrète")

    argv = ["portal", "remove-counsellor", "  Anne.MARTIN", "--db", str(seeded.path)]
    code, out, err = run_cli(argv, capsys)
    assert (code, err) == (0, "")
    assert out == (
        f"Compte « {COUNSELLOR} » supprimé ; 1 connexion ouverte a été fermée. "
        "Ses notes et le journal des accès sont gardés.\n"
    )
    assert anne.get("/sessions").status_code == 302
    with sqlite_utils.Database(seeded.path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM counsellors")] == ["Karim B"]
        assert db.execute("SELECT COUNT(*) FROM portal_sessions").fetchone()[0] == 0
        assert check_password(db, COUNSELLOR, PASSWORD) is None
    karim = app.test_client()
    log_in(karim, "karim b", "une autre phrase secrète")
    player_page = karim.get(f"/joueur/{pid}").get_data(as_text=True)
    assert "Aime cuisiner." in player_page and f"par {COUNSELLOR}" in player_page
    rows = audit_rows(karim.get("/audit").get_data(as_text=True))
    assert [(who, action) for _at, who, action, _player in rows] == [
        ("Karim B", "a consulté"),
        (COUNSELLOR, "a écrit une note"),
        (COUNSELLOR, "a consulté"),
    ]

    code, out, err = run_cli(argv, capsys)  # a second time: the account is gone
    assert (code, out) == (1, "")
    assert (
        err
        == "declic : aucun compte « Anne.MARTIN » ; la liste des comptes : declic portal counsellors\n"
    )


@pytest.mark.parametrize(
    "command",
    [["counsellors"], ["reset-password", "anne"], ["remove-counsellor", "anne"]],
)
def test_account_commands_on_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "absente.db"
    code, out, err = run_cli(["portal", *command, "--db", str(missing)], capsys)
    assert (code, out) == (1, "")
    assert err == f"declic : aucune base à {missing} ; vérifiez --db ou $DECLIC_DB.\n"
    assert not missing.exists()  # not created by a typo in --db
    code, _out, err = run_cli(["portal", *command, "--db", str(tmp_path)], capsys)
    assert code == 1 and err.startswith(f"declic : {tmp_path} est un dossier")
