"""What the portal reads from the workshop database, in one place.

Pages receive the plain values below and never see a table or another package's types: this
module is the portal's only contact with `facilitator.storage` (players, event log),
`facilitator.summaries` (evidence, levels, jobs, the card drawing) and the scenarios. If one
of them changes, only this file follows.
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import sqlite_utils

from engine.core.events import Event, TeamEnded
from engine.format.scenario import Scenario
from engine.load.check import load_scenario
from engine.reference.rome import rome_codes
from engine.reference.skills import load_framework
from facilitator.portal.accounts import CARD_IMAGES
from facilitator.portal.recent import Recent
from facilitator.storage.events import load_events
from facilitator.storage.players import format_short_code, normalise_short_code
from facilitator.summaries.card import address_of, build_card, layout_card, team_summary
from facilitator.summaries.draw import render_png
from facilitator.summaries.evidence import PlayerEvidence, compute_evidence
from facilitator.summaries.jobs import propose_jobs

SOURCE_LABELS = {"game": "Jeu", "facilitator": "Animateur", "self": "Auto-évaluation"}
SHORT_CODE_LENGTH = 8
MAX_TOKEN_LENGTH = 200
MAX_ROW_ID = 2**63  # SQLite's integers are signed 64-bit


@dataclass(frozen=True, slots=True)
class PlayerRef:
    """Who a page is about: a pseudonym in one workshop session, nothing more."""

    id: int
    session_id: int
    game_id: str
    pseudonym: str
    team: str | None
    short_code: str
    token: str
    home_town: str | None
    session_title: str
    session_date: str  # dd/mm/yyyy
    scenario_path: str

    @property
    def code_shown(self) -> str:
        return format_short_code(self.short_code)


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    source: str  # game, facilitator or self

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)


@dataclass(frozen=True, slots=True)
class SkillShown:
    skill: str
    label: str
    at_work: str
    level: int  # 0 (only chosen by the player) to 3, as in docs/skills.md
    level_text: str
    best: Evidence  # for the counsellor: a facilitator's own words first
    for_player: Evidence  # for the young person's page: never the facilitator's free words
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Job:
    code: str
    title: str
    reason: str


@dataclass(frozen=True, slots=True)
class Card:
    player: PlayerRef
    skills: tuple[SkillShown, ...]  # observed, strongest first
    self_only: tuple[str, ...]  # labels the player chose that were not observed
    jobs: tuple[Job, ...]
    team_lines: tuple[str, ...]
    completed: bool
    address: str = "vous"  # the game's form of address, that the young person's page follows


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    title: str
    date: str
    players: tuple[PlayerRef, ...]


@dataclass(frozen=True, slots=True)
class TerritoryStats:
    sessions: int
    players: int
    completed: int
    skills: tuple[tuple[str, int], ...]  # (label, players who showed it), most frequent first
    jobs: tuple[tuple[str, str, int], ...]  # (ROME code, title, players it was proposed to)

    @property
    def completion_percent(self) -> int:
        return round(100 * self.completed / self.players) if self.players else 0


# ---------------------------------------------------------------- players and sessions

_PLAYER_SQL = (
    "SELECT p.id, p.session_id, p.player_id, p.pseudonym, t.name, p.short_code, p.token, "
    "p.home_town, s.scenario_title, s.created_at, s.scenario_path FROM players p "
    "JOIN sessions s ON s.id = p.session_id "
    "LEFT JOIN teams t ON t.session_id = p.session_id AND t.id = p.team "
)


def _day(created_at: object) -> str:
    try:
        return datetime.fromtimestamp(float(created_at)).strftime("%d/%m/%Y")  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError, OSError):
        return ""


def _player(row: Sequence[object]) -> PlayerRef:
    return PlayerRef(
        id=int(row[0]),  # type: ignore[call-overload]
        session_id=int(row[1]),  # type: ignore[call-overload]
        game_id=str(row[2]),
        pseudonym=str(row[3]),
        team=None if row[4] is None else str(row[4]),
        short_code=str(row[5]),
        token=str(row[6]),
        home_town=None if row[7] is None else str(row[7]),
        session_title=str(row[8] or "Séance"),
        session_date=_day(row[9]),
        scenario_path=str(row[10] or ""),
    )


def player_by_token(db: sqlite_utils.Database, token: str) -> PlayerRef | None:
    """The player whose QR link this is; None for a token that never existed or was erased."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    row = db.execute(_PLAYER_SQL + "WHERE p.token = ?", [token]).fetchone()
    return _player(row) if row else None


def player_by_short_code(db: sqlite_utils.Database, text: str) -> PlayerRef | None:
    code = normalise_short_code(text[:40])
    if len(code) != SHORT_CODE_LENGTH:
        return None
    row = db.execute(_PLAYER_SQL + "WHERE p.short_code = ?", [code]).fetchone()
    return _player(row) if row else None


def player_by_id(db: sqlite_utils.Database, player_id: int) -> PlayerRef | None:
    """None for a number no player row can have (SQLite holds 64-bit integers: a larger one
    typed in an address must be a 404, not an OverflowError)."""
    if not 0 < player_id < MAX_ROW_ID:
        return None
    row = db.execute(_PLAYER_SQL + "WHERE p.id = ?", [player_id]).fetchone()
    return _player(row) if row else None


def players_by_ids(db: sqlite_utils.Database, ids: Sequence[int]) -> dict[int, PlayerRef]:
    """The players still in the database among `ids` (the audit page's); an erased player
    is simply absent, as everywhere else."""
    wanted = sorted({n for n in ids if 0 < n < MAX_ROW_ID})
    if not wanted:
        return {}
    marks = ", ".join("?" * len(wanted))
    rows = db.execute(_PLAYER_SQL + f"WHERE p.id IN ({marks})", wanted).fetchall()
    return {ref.id: ref for ref in map(_player, rows)}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def list_sessions(
    db: sqlite_utils.Database, search: str = "", limit: int = 1000, offset: int = 0
) -> tuple[list[SessionRow], bool]:
    """Sessions, newest first, with their players: `limit` players from the `offset`-th on,
    and whether more follow. `search` keeps the players whose pseudonym contains it or whose
    short code it is (typed with or without spaces and dashes)."""
    search = search.strip()
    where, params = "", []
    if search:
        where = "WHERE p.pseudonym LIKE ? ESCAPE '\\' OR p.short_code = ? "
        params = [_like(search), normalise_short_code(search)]
    rows = db.execute(
        _PLAYER_SQL
        + where
        + "ORDER BY s.created_at DESC, s.id DESC, p.joined_at, p.id LIMIT ? OFFSET ?",
        [*params, limit + 1, offset],
    ).fetchall()
    sessions: dict[int, list[PlayerRef]] = {}
    for row in rows[:limit]:
        ref = _player(row)
        sessions.setdefault(ref.session_id, []).append(ref)
    found = [
        SessionRow(
            players[0].session_id, players[0].session_title, players[0].session_date, tuple(players)
        )
        for players in sessions.values()
    ]
    return found, len(rows) > limit


# ---------------------------------------------------------------- evidence and jobs


@lru_cache(maxsize=32)
def _scenario_at(path: str, _mtime: float) -> Scenario | None:
    return load_scenario(Path(path)).scenario


def _scenario(path: str) -> Scenario | None:
    """The session's scenario for puzzle titles and its jobs; None if the file is gone."""
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return None
    return _scenario_at(path, mtime)


_SESSIONS: Recent[tuple[dict[str, PlayerEvidence], list[Event]]] = Recent(256)
_CARDS: Recent[Card] = Recent(4096)


def _log_key(db: sqlite_utils.Database, session_id: int, scenario_path: str) -> tuple[object, ...]:
    """What the evidence depends on: this database file, the session's last event and its
    players, the scenario file's version. A new event changes it; so does erasing a player
    (the log is rewritten in place, but the player row goes)."""
    last = db.execute(
        "SELECT MAX(seq), COUNT(*), (SELECT group_concat(id) FROM players WHERE session_id = ?) "
        "FROM events WHERE session_id = ?",
        [session_id, session_id],
    ).fetchone()
    file = db.execute("PRAGMA database_list").fetchone()[2]
    try:
        mtime = Path(scenario_path).stat().st_mtime
    except OSError:
        mtime = None
    return (file, session_id, *last, scenario_path, mtime)


def _evidence(
    db: sqlite_utils.Database, session_id: int, scenario: Scenario | None, key: tuple[object, ...]
) -> tuple[dict[str, PlayerEvidence], list[Event]]:
    def build() -> tuple[dict[str, PlayerEvidence], list[Event]]:
        events = load_events(db, session_id)
        return compute_evidence(events, scenario), events

    return _SESSIONS.get(key, build)


def _jobs(
    evidence: PlayerEvidence | None, scenario: Scenario | None, count: int
) -> tuple[Job, ...]:
    levels = {s.skill: s.level for s in evidence.skills} if evidence else {}
    lines = propose_jobs(levels, scenario.jobs if scenario else (), count=count)
    return tuple(Job(line.code, line.title, line.reason) for line in lines)


def _completed(events: Sequence[Event], team: str | None) -> bool:
    return any(isinstance(e, TeamEnded) and e.team == team for e in events)


def _card(
    player: PlayerRef,
    evidence: PlayerEvidence | None,
    events: Sequence[Event],
    scenario: Scenario | None,
    jobs: int,
) -> Card:
    framework = load_framework()
    skills = []
    for found in evidence.skills if evidence else ():
        info = framework.get(found.skill)
        items = tuple(Evidence(item.text, item.source) for item in found.items)
        if found.self_assessed:
            items += (Evidence("L'a aussi choisi dans son auto-évaluation", "self"),)
        skills.append(
            SkillShown(
                skill=found.skill,
                label=info.label if info else found.skill,
                at_work=info.at_work if info else "",
                level=found.level,
                level_text=found.level_text,
                best=Evidence(found.best.text, found.best.source),
                for_player=Evidence(found.for_player.text, found.for_player.source),
                evidence=items,
            )
        )
    return Card(
        player=player,
        skills=tuple(skills),
        self_only=tuple(_label(slug) for slug in (evidence.self_only if evidence else ())),
        jobs=_jobs(evidence, scenario, jobs),
        team_lines=tuple(team_summary(evidence, address_of(scenario))) if evidence else (),
        completed=_completed(events, evidence.team if evidence else None),
        address=address_of(scenario),
    )


def _label(slug: str) -> str:
    info = load_framework().get(slug)
    return info.label if info else slug


def player_card(db: sqlite_utils.Database, player: PlayerRef, jobs: int = 3) -> Card:
    """Everything the pages show about one player, rebuilt from the event log (and reused
    while the session's log does not change)."""
    key = _log_key(db, player.session_id, player.scenario_path)

    def build() -> Card:
        scenario = _scenario(player.scenario_path)
        evidence, events = _evidence(db, player.session_id, scenario, key)
        return _card(player, evidence.get(player.game_id), events, scenario, jobs)

    card = _CARDS.get((*key, player.game_id, jobs), build)
    return dataclasses.replace(card, player=player)


def rome_title(code: str) -> str:
    job = rome_codes().get(code)
    return job.title if job else code


def card_png(db: sqlite_utils.Database, player: PlayerRef, base_url: str) -> bytes:
    """The printed skills card as PNG (QR to `base_url`): drawn once by the summaries package,
    then read from the database until the session's log, the scenario or the address
    changes. Drawing takes half a second; reading it back, a fraction of a millisecond."""
    key = _log_key(db, player.session_id, player.scenario_path)
    made_from = json.dumps([*key[1:], base_url], default=str)  # not the file: it may move
    row = db.execute(
        f"SELECT png FROM {CARD_IMAGES} WHERE player_id = ? AND made_from = ?",
        [player.id, made_from],
    ).fetchone()
    if row is not None:
        return bytes(row[0])
    png = _draw_card(db, player, base_url, key)
    with db.conn:
        db.conn.execute(
            f"INSERT INTO {CARD_IMAGES} (player_id, made_from, png) VALUES (?, ?, ?) "
            "ON CONFLICT(player_id) DO UPDATE SET made_from = excluded.made_from, "
            "png = excluded.png",
            [player.id, made_from, png],
        )
    return png


def _draw_card(
    db: sqlite_utils.Database, player: PlayerRef, base_url: str, key: tuple[object, ...]
) -> bytes:
    scenario = _scenario(player.scenario_path)
    evidence, _events = _evidence(db, player.session_id, scenario, key)
    found = evidence.get(player.game_id)
    if found is None:
        raise LookupError(player.game_id)
    levels = {s.skill: s.level for s in found.skills}
    card = build_card(
        found,
        token=player.token,
        short_code=player.short_code,
        scenario_title=player.session_title,
        day=datetime.strptime(player.session_date, "%d/%m/%Y").date()
        if player.session_date
        else date.today(),
        jobs=propose_jobs(levels, scenario.jobs if scenario else ()),
        address=address_of(scenario),
    )
    image = render_png(layout_card(card, base_url), None, px_per_mm=4.0)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# ---------------------------------------------------------------- statistics


def territory_stats(db: sqlite_utils.Database) -> TerritoryStats:
    """Counts for the Mission Locale's reports; nothing in it names a player."""
    sessions = db.execute("SELECT id, scenario_path FROM sessions ORDER BY id").fetchall()
    players = completed = 0
    skill_counts: Counter[str] = Counter()
    job_counts: Counter[str] = Counter()
    for session_id, path in sessions:
        members = db.execute(
            "SELECT player_id, team FROM players WHERE session_id = ?", [session_id]
        ).fetchall()
        if not members:
            continue
        scenario = _scenario(str(path or ""))
        key = _log_key(db, int(session_id), str(path or ""))
        evidence, events = _evidence(db, int(session_id), scenario, key)
        ended = {e.team for e in events if isinstance(e, TeamEnded)}
        for game_id, team in members:
            found = evidence.get(str(game_id))
            players += 1
            completed += team in ended
            if found is not None:
                skill_counts.update(_label(s.skill) for s in found.skills)
            job_counts.update(job.code for job in _jobs(found, scenario, 3))
    return TerritoryStats(
        sessions=len(sessions),
        players=players,
        completed=completed,
        skills=tuple(skill_counts.most_common(10)),
        jobs=tuple((code, rome_title(code), n) for code, n in job_counts.most_common(10)),
    )
