"""The laptop's side of the hub in its own workshop database: the link and what was pushed.

The link (hub address, this device's credential, the organisation's name) is kept in the
``settings`` table (``facilitator.storage.hub_link``); ``hub_pushed`` (migration 6,
``facilitator/hub/migrations.py``) remembers, per session, the digest of what the hub
acknowledged. A session is *waiting* when it is finished and its digest today differs from
the acknowledged one: never pushed, or changed since (a forget, a late note). ``hub_cards``
(migration 7) keeps the cards a push carries, made once when the game ends (``prepare_cards``)
and sent as they are by every later push of that same version of the session.
"""

from __future__ import annotations

import functools
import importlib.metadata
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from facilitator.hub.cards import (
    CARD_TEXT,
    EventRow,
    events_digest,
    scenario_from_bytes,
    scenario_hash,
    session_cards,
)
from facilitator.hub.sync_server import push_digest
from facilitator.storage.players import session_players


class PushProblem(Exception):
    """A session that cannot be pushed as it is (the message says why, in French)."""


@dataclass(frozen=True)
class SessionPush:
    session_id: int
    meta: dict[str, Any]
    scenario: bytes
    rows: list[EventRow]
    players: list[dict[str, Any]]
    digest: str


@dataclass(frozen=True)
class Waiting:
    session_id: int
    title: str
    pushed: bool  # acknowledged by the hub as it is now
    problem: str | None
    push: SessionPush | None = None  # what to send, read once


def _rows(db: sqlite_utils.Database, session_id: int) -> list[EventRow]:
    """The rows as SQLite gives them: the columns' types (INTEGER, REAL, TEXT) already make
    them ``EventRow`` values, so no conversion per value (148,000 rows in the bench)."""
    return db.conn.execute(
        "SELECT seq, at, kind, player, team, data FROM events WHERE session_id = ? ORDER BY seq",
        (session_id,),
    ).fetchall()


def _players(db: sqlite_utils.Database, session_id: int) -> list[dict[str, Any]]:
    return [
        {
            "player_id": p.player_id,
            "pseudonym": p.pseudonym,
            "home_town": p.home_town,
            "token": p.token,
            "short_code": p.short_code,
            "joined_at": p.joined_at,
        }
        for p in session_players(db, session_id)
    ]


#: a scenario file as read: its bytes and their SHA-256
ScenarioFile = tuple[bytes, str]


def build_push(
    db: sqlite_utils.Database,
    session_id: int,
    scenarios: dict[str, ScenarioFile] | None = None,
) -> SessionPush:
    """Everything one session's push carries, read in one go. ``scenarios``: the files
    already read by the caller in this same pass (``iter_state``), by path; a laptop's
    sessions mostly share a few games, so each file is read and hashed once, not per session."""
    row = db.execute(
        "SELECT scenario_path, scenario_id, scenario_title, created_at FROM sessions WHERE id = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        raise PushProblem(f"aucune session n° {session_id} dans cette base")
    read = scenarios.get(row[0]) if scenarios is not None else None
    if read is None:
        try:
            content = Path(row[0]).read_bytes()
        except OSError:
            raise PushProblem(
                f"scénario introuvable ({row[0]}) : remettez le fichier à sa place pour envoyer"
            ) from None
        read = (content, scenario_hash(content))
        if scenarios is not None:
            scenarios[row[0]] = read
    content, hashed = read
    rows, people = _rows(db, session_id), _players(db, session_id)
    digest = push_digest(events_digest(rows), hashed, people)
    meta = {
        "scenario_hash": hashed,
        "scenario_id": row[1],
        "scenario_title": row[2] or row[1],
        "created_at": row[3],
        "digest": digest,
    }
    return SessionPush(session_id, meta, content, rows, people, digest)


def iter_state(db: sqlite_utils.Database) -> Iterator[Waiting]:
    """Every finished session, in order, each built when reached: a push can send the first
    ones while the next are still being read (``client.push_waiting``). Each scenario file is
    read once per pass."""
    pushed = {
        int(r[0]): (str(r[1]), r[2])
        for r in db.execute("SELECT session_id, digest, problem FROM hub_pushed")
    }
    ended = db.execute(
        "SELECT id, scenario_title FROM sessions WHERE status = 'ended' ORDER BY id"
    ).fetchall()
    scenarios: dict[str, ScenarioFile] = {}
    for session_id, title in ended:
        digest, problem = pushed.get(int(session_id), ("", None))
        push = None
        try:
            push = build_push(db, int(session_id), scenarios)
        except PushProblem as exc:
            problem = str(exc)
        done = push is not None and push.digest == digest
        yield Waiting(int(session_id), str(title), done, problem, push)


def session_state(db: sqlite_utils.Database) -> list[Waiting]:
    """Every finished session: pushed as it is now, or waiting (with the last problem)."""
    return list(iter_state(db))


def record(
    db: sqlite_utils.Database,
    session_id: int,
    *,
    digest: str = "",
    problem: str | None = None,
    now: float | None = None,
) -> None:
    """Remember the hub's acknowledgement (``digest``) or why the push failed (``problem``)."""
    moment = time.time() if now is None else now
    with db.atomic():
        if problem is None:
            db.execute(
                "INSERT INTO hub_pushed (session_id, digest, pushed_at, problem) "
                "VALUES (?, ?, ?, NULL) ON CONFLICT (session_id) DO UPDATE SET "
                "digest = excluded.digest, pushed_at = excluded.pushed_at, problem = NULL",
                (session_id, digest, moment),
            )
        else:
            db.execute(
                "INSERT INTO hub_pushed (session_id, digest, pushed_at, problem) "
                "VALUES (?, '', ?, ?) ON CONFLICT (session_id) DO UPDATE SET "
                "problem = excluded.problem",
                (session_id, moment, problem),
            )


def _made_for(push: SessionPush) -> str:
    """What stored cards were made from: this version of the session (its digest covers the
    events, the scenario and the players) by this installed version of Déclic. Anything else
    makes them again (and cards the hub refuses are dropped: ``drop_cards``)."""
    return f"{installed_version()} {push.digest}"


@functools.cache
def installed_version() -> str:
    try:
        return importlib.metadata.version("declic")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        return "source"


def card_text_for(db: sqlite_utils.Database, push: SessionPush) -> str:
    """The cards to send with ``push``, as JSON text: those stored for this very version of
    the session, else made from its events (the same ``session_cards`` the hub checks them
    with) and stored for the next push or retry. Text, so that a batch carries them as
    stored without reading and writing them again."""
    row = db.execute(
        "SELECT made_for, cards FROM hub_cards WHERE session_id = ?", (push.session_id,)
    ).fetchone()
    if row is not None and row[0] == _made_for(push):
        return str(row[1])
    text = CARD_TEXT.encode(session_cards(push.rows, scenario_from_bytes(push.scenario)))
    with db.atomic():
        db.execute(
            "INSERT INTO hub_cards (session_id, made_for, cards) VALUES (?, ?, ?) "
            "ON CONFLICT (session_id) DO UPDATE SET made_for = excluded.made_for, "
            "cards = excluded.cards",
            (push.session_id, _made_for(push), text),
        )
    return text


def drop_cards(db: sqlite_utils.Database, session_id: int) -> None:
    """Forget the stored cards of a session (the hub refused them, or a player was erased):
    the next push makes them again from the events."""
    with db.atomic():
        db.execute("DELETE FROM hub_cards WHERE session_id = ?", (session_id,))


def prepare_cards(db: sqlite_utils.Database) -> int:
    """Make and store the cards of every finished session not pushed as it is, when a game
    ends, even offline: the push that follows, now or days later, sends them as they are.
    Returns how many sessions had cards to make or check."""
    prepared = 0
    for waiting in session_state(db):
        if waiting.push is not None and not waiting.pushed:
            card_text_for(db, waiting.push)
            prepared += 1
    return prepared
