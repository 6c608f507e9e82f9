"""Per-player figures of a session, in JSON or CSV, for a Mission Locale's dashboards.

One row per player: session, scenario, pseudonym, team, completion and ending, play time, hints,
puzzles solved and the skills evidenced. Everything comes from the event log, so an export
says exactly what the debrief showed. Every file written is recorded in ``exports`` so that
``forget`` and the retention purge can rewrite or delete it later.

CSV: ``;`` separator and a UTF-8 byte-order mark, because French Excel opens that directly;
a cell that a spreadsheet would run as a formula starts with an apostrophe.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from engine.core.apply import replay
from engine.core.events import EvidenceRecorded, HintShown, PuzzleSolved, TeamEnded
from engine.core.state import new_state
from engine.load.check import load_scenario
from facilitator.sessions.service import Session, get_session
from facilitator.storage.events import load_stored
from facilitator.storage.exports import record_export
from facilitator.storage.players import session_players

FORMATS = ("json", "csv")
CSV_DELIMITER = ";"
LIST_SEPARATOR = " "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class PlayerFigures:
    session: int
    session_date: str
    scenario: str
    scenario_version: str
    scenario_title: str
    player: str
    pseudonym: str
    team: str
    home_town: str | None
    completed: bool
    ending: str | None
    ending_title: str | None
    success: bool | None
    play_minutes: float
    hints_team: int
    hints_asked: int
    puzzles_solved_team: int
    puzzles_solved_with_player: int
    score: int
    skills_evidenced: tuple[str, ...]
    skills_self_assessed: tuple[str, ...]


def export_name(session_id: int, fmt: str) -> str:
    return f"declic-session-{session_id}.{fmt}"


def _endings(session: Session) -> dict[str, tuple[str, bool]]:
    """Ending titles from the scenario file when it is still there; ids alone otherwise."""
    if not session.scenario_path.exists():
        return {}
    scenario = load_scenario(session.scenario_path).scenario
    return {e.id: (e.title, e.success) for e in scenario.endings} if scenario else {}


def session_figures(db: sqlite_utils.Database, session_id: int) -> list[PlayerFigures]:
    """One ``PlayerFigures`` per player still in the database (forgotten players are gone)."""
    session = get_session(db, session_id)
    stored = load_stored(db, session_id)
    events = [s.event for s in stored]
    state = replay(new_state(session.scenario_id, session.scenario_version), events)
    last_at = stored[-1].at if stored else session.created_at
    ended_at = {e.team: e.t for e in events if isinstance(e, TeamEnded)}
    endings = _endings(session)
    date = datetime.fromtimestamp(session.created_at).date().isoformat()
    figures = []
    for row in session_players(db, session_id):
        team = state.teams.get(row.team)
        pid = row.player_id
        skills = {e.skill for e in events if isinstance(e, EvidenceRecorded) and pid in e.players}
        title, success = (
            endings.get(team.ending, (None, None)) if team and team.ending else (None, None)
        )
        seconds = ended_at.get(row.team, state.clock.elapsed(last_at))
        figures.append(
            PlayerFigures(
                session=session.id,
                session_date=date,
                scenario=session.scenario_id,
                scenario_version=session.scenario_version,
                scenario_title=session.scenario_title,
                player=pid,
                pseudonym=row.pseudonym,
                team=team.name if team else row.team,
                home_town=row.home_town,
                completed=bool(team and team.ending),
                ending=team.ending if team else None,
                ending_title=title,
                success=success,
                play_minutes=round(seconds / 60, 1),
                hints_team=team.hints_total if team else 0,
                hints_asked=sum(
                    1
                    for e in events
                    if isinstance(e, HintShown) and e.player == pid and not e.pushed
                ),
                puzzles_solved_team=len(team.solved) if team else 0,
                puzzles_solved_with_player=sum(
                    1 for e in events if isinstance(e, PuzzleSolved) and pid in e.participants
                ),
                score=team.score if team else 0,
                skills_evidenced=tuple(sorted(skills)),
                skills_self_assessed=state.self_assessed.get(pid, ()),
            )
        )
    return figures


def write_figures(path: Path, fmt: str, session: Session, figures: list[PlayerFigures]) -> None:
    """Write atomically (temp file then rename), so a crash never leaves half an export."""
    if fmt not in FORMATS:
        raise ValueError(f"format inconnu « {fmt} » (possibles : {', '.join(FORMATS)})")
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "json":
        document = {
            "session": {
                "id": session.id,
                "date": datetime.fromtimestamp(session.created_at).date().isoformat(),
                "scenario": session.scenario_id,
                "scenario_version": session.scenario_version,
                "scenario_title": session.scenario_title,
                "status": session.status,
                "players": len(figures),
            },
            "players": [_json_row(f) for f in figures],
        }
        tmp.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    else:
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=CSV_DELIMITER)
            writer.writerow([f.name for f in fields(PlayerFigures)])
            writer.writerows(_csv_row(f) for f in figures)
    tmp.replace(path)


def _json_row(figures: PlayerFigures) -> dict[str, Any]:
    row = asdict(figures)
    row["skills_evidenced"] = list(figures.skills_evidenced)
    row["skills_self_assessed"] = list(figures.skills_self_assessed)
    return row


def _csv_row(figures: PlayerFigures) -> list[Any]:
    row: list[Any] = []
    for value in (getattr(figures, f.name) for f in fields(PlayerFigures)):
        if isinstance(value, tuple):
            value = LIST_SEPARATOR.join(value)
        elif isinstance(value, bool):
            value = "oui" if value else "non"
        elif value is None:
            value = ""
        row.append(spreadsheet_text(value) if isinstance(value, str) else value)
    return row


def spreadsheet_text(text: str) -> str:
    """A cell a spreadsheet shows as text: one starting with = + - @, a tab or a carriage
    return would be read as a formula (a pseudonym like `=HYPERLINK(…)`), so it gets a
    leading apostrophe, as OWASP advises against CSV injection."""
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def export_session(
    db: sqlite_utils.Database, session_id: int, fmt: str, out_dir: Path, *, now: float | None = None
) -> Path:
    """Write the session's figures into ``out_dir`` and record the file in ``exports``."""
    session = get_session(db, session_id)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = (out_dir / export_name(session_id, fmt)).resolve()
    write_figures(path, fmt, session, session_figures(db, session_id))
    record_export(db, path, fmt, session_id, now=now)
    return path
