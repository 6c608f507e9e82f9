"""Storage: where the file is, WAL and durability settings, migrations, the event log, players."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from engine.core import actions as ac
from engine.core.apply import replay
from engine.core.events import PlayerJoined
from engine.core.state import FACILITATOR
from facilitator.sessions.service import GameSession, create_session, rebuild_state, resume
from facilitator.storage import db as storage_db
from facilitator.storage.db import (
    StorageError,
    latest_version,
    migrate,
    open_database,
    schema_version,
)
from facilitator.storage.events import EventLog, load_events, load_stored
from facilitator.storage.location import DB_ENV, database_path
from facilitator.storage.migrations import all_migrations
from facilitator.storage.players import (
    SHORT_CODE_ALPHABET,
    PrivacyError,
    check_fields,
    find_players,
    looks_personal,
    session_players,
    update_player,
)

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"


@pytest.fixture
def db(tmp_path: Path) -> sqlite_utils.Database:
    database = open_database(tmp_path / "atelier.db")
    yield database
    database.close()


def join(
    game: GameSession, player: str, pseudonym: str, now: float = 100.0, team: str = "equipe"
) -> None:
    game.step(ac.Join(player=player, pseudonym=pseudonym, team=team), now)


# --- location ---------------------------------------------------------------------------------


def test_database_path_prefers_the_option_then_the_environment_then_xdg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert database_path(None) == tmp_path / "xdg" / "declic" / "declic.db"
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.db"))
    assert database_path(None) == tmp_path / "env.db"
    assert database_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"


# --- opening and migrations -------------------------------------------------------------------


def test_database_is_wal_with_full_sync_and_foreign_keys(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema_version(db) == latest_version()
    assert {"sessions", "teams", "players", "events", "exports", "settings"} <= set(
        db.table_names()
    )


def test_an_old_version_database_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "ancienne.db"
    old = sqlite_utils.Database(path)
    assert migrate(old, up_to=1) == 1
    old.execute(
        "INSERT INTO sessions (created_at, scenario_id, scenario_version, scenario_path) "
        "VALUES (1.0, 'demo-escape', '1', 'x.yaml')"
    )
    old.close()
    upgraded = open_database(path)
    assert schema_version(upgraded) == all_migrations()[-1].version > 1
    assert upgraded.execute("SELECT scenario_id FROM sessions").fetchall() == [("demo-escape",)]
    assert "trainings" in upgraded.table_names()  # migration 2: the catalogue shares the file
    upgraded.close()


def test_a_database_from_a_newer_declic_is_refused_in_french(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path).close()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 999")
    raw.close()
    with pytest.raises(StorageError, match="version plus récente"):
        open_database(path)


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("ceci n'est pas une base\n" * 100)
    with pytest.raises(StorageError, match="n'est pas une base Déclic"):
        open_database(path)


def test_migrations_are_numbered_in_order() -> None:
    versions = [m.version for m in all_migrations()]
    assert versions == sorted(versions) == list(range(1, len(versions) + 1))


# --- events ---------------------------------------------------------------------------------


def test_every_step_is_committed_and_the_log_rebuilds_the_state(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO, now=1.0).id)
    join(game, "p1", "Lina")
    join(game, "p2", "Sam")
    game.step(ac.Start(player=FACILITATOR), 110.0)
    game.step(ac.Use(player="p1", hotspot="casier"), 130.0)
    other = sqlite3.connect(tmp_path / "atelier.db")  # another program sees it at once
    assert other.execute("SELECT count(*) FROM events").fetchone()[0] == len(
        load_events(db, game.session.id)
    )
    other.close()
    stored = load_stored(db, game.session.id)
    assert [s.seq for s in stored] == list(range(1, len(stored) + 1))
    assert stored[-1].at == 130.0
    assert replay(game.rules.new_game(), [s.event for s in stored]) == game.state
    assert rebuild_state(db, game.session) == game.state
    row = db.execute(
        "SELECT kind, player, team FROM events WHERE session_id = ? AND seq = 1", (game.session.id,)
    ).fetchone()
    assert row == ("player_joined", "p1", "equipe")
    assert db.execute("SELECT status FROM sessions").fetchone()[0] == "playing"


def test_a_failed_commit_keeps_the_state_and_the_log_unchanged(db: sqlite_utils.Database) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    join(game, "p1", "Lina")
    before = game.state
    db.execute(
        "CREATE TRIGGER no_more BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disque plein'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        join(game, "p2", "Sam")
    assert game.state == before
    assert len(load_events(db, game.session.id)) == 1
    db.execute("DROP TRIGGER no_more")
    join(game, "p2", "Sam")  # sequence numbers continue without a gap
    assert [s.seq for s in load_stored(db, game.session.id)] == [1, 2]


def test_resume_pauses_at_the_last_event_and_gives_back_the_down_time(
    db: sqlite_utils.Database,
) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    join(game, "p1", "Lina", now=1000.0)
    game.step(ac.Start(player=FACILITATOR), 1000.0)
    game.step(ac.Use(player="p1", hotspot="affiche"), 1060.0)  # 60 s of play, then a crash
    resumed = resume(db, game.session.id, now=5000.0)
    clock = resumed.state.clock
    assert clock.paused_at is None
    assert clock.elapsed(5000.0) == pytest.approx(60.0)
    kinds = [e.kind for e in load_events(db, game.session.id)[-2:]]
    assert kinds == ["paused", "resumed"]
    assert all(e.player == FACILITATOR for e in load_events(db, game.session.id)[-2:])


def test_eventlog_is_an_event_sink_for_the_player(db: sqlite_utils.Database) -> None:
    session = create_session(db, SCENARIO)
    log = EventLog(db, session.id)
    event = PlayerJoined(
        t=0.0,
        player="p1",
        team="bleus",
        pseudonym="Lina",
        colour="#000000",
        avatar="cercle",
        team_name="Les bleus",
    )
    log.append([event], 10.0)
    log.append([], 11.0)
    assert load_events(db, session.id) == [event]
    assert [p.pseudonym for p in session_players(db, session.id)] == ["Lina"]
    assert db.execute("SELECT name FROM teams").fetchall() == [("Les bleus",)]


# --- players and the privacy guard ------------------------------------------------------------


def test_players_get_an_unguessable_token_and_a_short_code_to_type(
    db: sqlite_utils.Database,
) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    for n in range(12):
        join(game, f"p{n}", f"Joueur{n}")
    players = session_players(db, game.session.id)
    assert len({p.token for p in players}) == len({p.short_code for p in players}) == 12
    for p in players:
        assert len(p.token) >= 22  # ≥ 128 bits in URL-safe base64
        assert len(p.short_code) == 8 and set(p.short_code) <= set(SHORT_CODE_ALPHABET)
        assert not set(p.short_code) & set("0O1I")
    first = players[0]
    assert find_players(db, first.short_code.lower()[:4] + "-" + first.short_code[4:]) == [first]
    assert find_players(db, first.token) == [first]
    assert find_players(db, f"{game.session.id}:p0") == [first]
    assert find_players(db, "joueur0") == [first]


def test_the_schema_has_no_column_for_personal_data(db: sqlite_utils.Database) -> None:
    for table in ("sessions", "teams", "players", "events", "exports", "settings"):
        check_fields(db.table(table).columns_dict)  # raises on any personal column
    columns = set(db.table("players").columns_dict)
    assert not columns & {
        "name",
        "real_name",
        "first_name",
        "last_name",
        "birth_date",
        "phone",
        "email",
    }


@pytest.mark.parametrize(
    "field",
    [
        "real_name",
        "prénom",
        "Nom",
        "date_naissance",
        "birthDate",
        "telephone",
        "tel",
        "e-mail",
        "email_parent",
        "adresse",
    ],
)
def test_personal_fields_are_refused(db: sqlite_utils.Database, field: str) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    join(game, "p1", "Lina")
    row = session_players(db, game.session.id)[0]
    with pytest.raises(PrivacyError, match="pas de données personnelles"):
        update_player(db, row.id, **{field: "x"})


def test_a_database_with_a_personal_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bricolee.db"
    open_database(path).close()
    raw = sqlite3.connect(path)
    raw.execute("ALTER TABLE players ADD COLUMN telephone TEXT")
    raw.commit()
    raw.close()
    with pytest.raises(PrivacyError, match="telephone"):
        open_database(path)


def test_home_town_must_come_from_the_shipped_list(db: sqlite_utils.Database) -> None:
    game = GameSession.open(db, create_session(db, SCENARIO).id)
    join(game, "p1", "Lina")
    row = session_players(db, game.session.id)[0]
    update_player(db, row.id, home_town="evreux")
    assert session_players(db, game.session.id)[0].home_town == "Évreux"
    with pytest.raises(PrivacyError, match="liste des communes"):
        update_player(db, row.id, home_town="12 rue des Lilas")
    assert session_players(db, game.session.id)[0].home_town == "Évreux"


@pytest.mark.parametrize("pseudonym", ["lina.martin@gmail.com", "06 12 34 56 78", "+33612345678"])
def test_pseudonyms_that_look_like_contact_details_are_flagged(pseudonym: str) -> None:
    assert looks_personal(pseudonym) is not None
    assert looks_personal("Lina 76") is None


def test_storage_module_exposes_scrub(db: sqlite_utils.Database) -> None:
    assert storage_db.scrub(db) is True


def test_each_package_registers_its_own_migrations() -> None:
    """The storage finds the trainings' and the portal's tables without importing them."""
    owners = {m.version: m.apply.__module__ for m in all_migrations()}
    assert owners == {
        1: "facilitator.storage.migrations",
        2: "facilitator.trainings.store",
        3: "facilitator.portal.accounts",
        4: "facilitator.credentials.store",
        5: "facilitator.portal.accounts",
        6: "facilitator.hub.migrations",
        7: "facilitator.hub.migrations",
    }
