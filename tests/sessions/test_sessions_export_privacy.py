"""Exports for dashboards, ``forget`` (the pseudonym nowhere in the files) and retention purge."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import sqlite_utils

from engine.core import actions as ac
from engine.core.state import FACILITATOR
from engine.walkthrough import load_walkthrough
from facilitator.sessions.export import export_session, session_figures
from facilitator.sessions.privacy import (
    ERASED,
    apply_retention,
    forget,
    get_retention,
    purge,
    set_retention,
)
from facilitator.sessions.service import GameSession, create_session, rebuild_state
from facilitator.storage.db import open_database
from facilitator.storage.events import load_events
from facilitator.storage.exports import record_export, session_exports
from facilitator.storage.players import find_players, session_players, update_player

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"
WALKTHROUGH = SCENARIO.with_name("demo-escape.walkthrough.yaml")
DAY = 86_400.0
SECRET = "Zoubida"  # a pseudonym that appears nowhere else in Déclic


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    database = open_database(tmp_path / "atelier.db")
    yield database
    database.close()


def played(
    db: sqlite_utils.Database, *, created: float = 1_700_000_000.0, second: str = "Sam"
) -> GameSession:
    """The demo walkthrough played to its end, with an observation that names a player."""
    game = GameSession.open(db, create_session(db, SCENARIO, now=created).id)
    walkthrough = load_walkthrough(WALKTHROUGH)
    for action, now, _ in walkthrough.actions(created):
        if isinstance(action, ac.Join) and action.player == "p2":
            action = ac.Join(player="p2", pseudonym=second, team=action.team)
        game.step(action, now)
        if isinstance(action, ac.Start):
            game.step(
                ac.Observe(
                    player=FACILITATOR,
                    target="p2",
                    skill="communication",
                    note=f"{second} a expliqué le plan au groupe",
                ),
                now,
            )
    assert game.state.phase == "ended"
    return game


def test_export_json_holds_the_dashboard_figures_per_player(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    game = played(db)
    lina = session_players(db, game.session.id)[0]
    update_player(db, lina.id, home_town="Rouen")
    path = export_session(db, game.session.id, "json", tmp_path / "exports")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["session"]["scenario"] == "demo-escape"
    assert data["session"]["players"] == 2
    rows = {row["pseudonym"]: row for row in data["players"]}
    lina_row, sam = rows["Lina"], rows["Sam"]
    assert lina_row["home_town"] == "Rouen"
    for row in (lina_row, sam):
        assert row["completed"] is True
        assert row["ending"] == "service_ouvert"
        assert row["ending_title"]
        assert row["success"] is True
        assert row["puzzles_solved_team"] == 5
        assert row["hints_team"] == 1
        assert row["play_minutes"] > 0
    assert sam["hints_asked"] == 1 and lina_row["hints_asked"] == 0
    assert "communication" in sam["skills_evidenced"]
    assert "rigueur" in sam["skills_evidenced"]  # the allergen puzzle Sam solved
    assert sam["puzzles_solved_with_player"] + lina_row["puzzles_solved_with_player"] >= 5
    assert db.execute("SELECT path, format FROM exports").fetchall() == [(str(path), "json")]


def test_export_csv_opens_in_french_excel(db: sqlite_utils.Database, tmp_path: Path) -> None:
    game = played(db)
    path = export_session(db, game.session.id, "csv", tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert [r["pseudonym"] for r in rows] == ["Lina", "Sam"]
    assert rows[1]["completed"] == "oui"
    assert "communication" in rows[1]["skills_evidenced"].split(" ")
    figures = session_figures(db, game.session.id)
    assert [f.play_minutes for f in figures] == [float(r["play_minutes"]) for r in rows]


def _files(tmp_path: Path) -> list[Path]:
    return [p for p in tmp_path.rglob("*") if p.is_file()]


def test_forget_leaves_the_pseudonym_nowhere_in_the_database_or_the_exports(tmp_path: Path) -> None:
    db_path = tmp_path / "atelier.db"
    db = open_database(db_path)
    game = played(db, second=SECRET)
    other = played(db, second="Noah")  # another session is untouched
    out = tmp_path / "exports"
    json_path = export_session(db, game.session.id, "json", out)
    csv_path = export_session(db, game.session.id, "csv", out)
    secret = SECRET.encode()
    assert any(secret in p.read_bytes() for p in _files(tmp_path))

    [player] = find_players(db, SECRET)
    before = rebuild_state(db, game.session)
    report = forget(db, player)

    assert report.clean
    assert sorted(report.exports_rewritten) == sorted([json_path, csv_path])
    for path in _files(tmp_path):  # the .db, its -wal/-shm if any, every export
        assert secret not in path.read_bytes(), path
        assert secret.lower() not in path.read_bytes().lower(), path
    assert find_players(db, SECRET) == []
    exported = json.loads(json_path.read_text(encoding="utf-8"))
    assert [r["pseudonym"] for r in exported["players"]] == ["Lina"]
    # The rest of the game record still replays for the group's debrief.
    after = rebuild_state(db, game.session)
    assert after.teams == before.teams
    assert after.players["p2"].pseudonym == ERASED
    assert after.players["p1"].pseudonym == "Lina"
    assert [p.pseudonym for p in session_players(db, other.session.id)] == ["Lina", "Noah"]
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def test_forget_deletes_an_export_when_nobody_is_left(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    game.step(ac.Join(player="p1", pseudonym=SECRET), 10.0)
    path = export_session(db, game.session.id, "csv", tmp_path)
    report = forget(db, find_players(db, SECRET)[0])
    assert report.exports_deleted == [path]
    assert not path.exists()
    assert db.execute("SELECT count(*) FROM exports").fetchone()[0] == 0


def test_purge_removes_old_sessions_and_their_exports(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    now = 1_800_000_000.0
    old = played(db, created=now - 40 * DAY, second=SECRET)
    recent = played(db, created=now - 2 * DAY)
    old_export = export_session(db, old.session.id, "json", tmp_path)
    recent_export = export_session(db, recent.session.id, "json", tmp_path)
    report = purge(db, 30, now=now)
    assert report.sessions == [old.session.id]
    assert report.files_deleted == [old_export]
    assert not old_export.exists() and recent_export.exists()
    assert [s for (s,) in db.execute("SELECT id FROM sessions")] == [recent.session.id]
    for table in ("events", "players", "teams", "exports"):
        sessions = {s for (s,) in db.execute(f"SELECT DISTINCT session_id FROM {table}")}
        assert sessions <= {recent.session.id}, table
    assert SECRET.encode() not in (tmp_path / "atelier.db").read_bytes()


def test_retention_setting_purges_at_the_next_session(db: sqlite_utils.Database) -> None:
    now = 1_800_000_000.0
    played(db, created=now - 100 * DAY)
    assert apply_retention(db, now=now).sessions == []  # no setting: nothing is deleted
    set_retention(db, 90)
    assert get_retention(db) == 90
    assert len(apply_retention(db, now=now).sessions) == 1
    set_retention(db, None)
    assert get_retention(db) is None
    with pytest.raises(ValueError, match="au moins 1 jour"):
        set_retention(db, 0)


def test_forget_cleans_typed_text_but_not_scenario_texts(db: sqlite_utils.Database) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    game.step(ac.Join(player="p1", pseudonym="A", team="bleus"), 10.0)
    game.step(ac.Join(player="p2", pseudonym="Noa", team="bleus"), 10.0)
    game.step(ac.Start(player=FACILITATOR), 10.0)
    game.step(
        ac.Observe(player=FACILITATOR, target="p2", skill="equipe", note="Noa a aidé A"), 20.0
    )
    game.step(ac.Use(player="p2", hotspot="casier"), 30.0)
    game.step(ac.Answer(player="p2", puzzle="code_casier", value="A b"), 40.0)
    texts_before = [
        e.text
        for e in load_events(db, game.session.id)
        if hasattr(e, "text") and e.kind != "evidence_recorded"
    ]
    forget(db, find_players(db, "1:p1")[0])
    events = load_events(db, game.session.id)
    assert [
        e.text for e in events if hasattr(e, "text") and e.kind != "evidence_recorded"
    ] == texts_before
    note = next(e for e in events if e.kind == "evidence_recorded")
    assert note.text == f"Noa a aidé {ERASED}"
    answer = next(e for e in events if e.kind == "answer_checked")
    assert answer.answer == f"{ERASED} b"
    assert rebuild_state(db, game.session).players["p2"].pseudonym == "Noa"


def test_forget_deletes_files_about_the_player_and_files_it_cannot_rewrite(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    game = played(db, second=SECRET)
    rows = {p.pseudonym: p for p in session_players(db, game.session.id)}
    card = tmp_path / "carte-secret.png"
    card.write_bytes(b"PNG..." + SECRET.encode())
    other_card = tmp_path / "carte-lina.png"
    other_card.write_bytes(b"PNG...Lina")
    poster = tmp_path / "affiche.pdf"
    poster.write_bytes(b"%PDF " + SECRET.encode())
    record_export(db, card, "card", game.session.id, player_row=rows[SECRET].id)
    record_export(db, other_card, "card", game.session.id, player_row=rows["Lina"].id)
    record_export(db, poster, "pdf", game.session.id)
    report = forget(db, rows[SECRET])
    assert sorted(report.exports_deleted) == sorted([card.resolve(), poster.resolve()])
    assert other_card.exists() and not card.exists() and not poster.exists()
    assert [r.path for r in session_exports(db, game.session.id)] == [other_card.resolve()]


def test_forget_cleans_a_player_id_in_the_roles_dealt_but_not_the_role_ids(
    db: sqlite_utils.Database,
) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    game.step(ac.Join(player=SECRET.lower(), pseudonym=SECRET, phone=True), 10.0)
    game.step(ac.Join(player="p2", pseudonym="Noa", phone=True), 10.0)
    game.step(ac.Start(player=FACILITATOR), 10.0)
    forget(db, find_players(db, f"1:{SECRET.lower()}")[0])
    [dealt] = [e for e in load_events(db, game.session.id) if e.kind == "roles_dealt"]
    assert dealt.roles == ((ERASED, ("commis",)), ("p2", ("serveur",)))  # type: ignore[attr-defined]
    assert rebuild_state(db, game.session).teams["equipe"].roles["p2"] == ("serveur",)
