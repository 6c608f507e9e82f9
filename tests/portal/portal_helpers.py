"""Helpers of the portal tests: a real workshop database (played demo sessions, a training
catalogue, one counsellor account) built through each package's public functions."""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from engine.shipped import resolve_scenario
from engine.walkthrough import default_walkthrough, load_walkthrough
from facilitator.portal.accounts import add_counsellor, ensure_schema
from facilitator.sessions.service import GameSession, create_session
from facilitator.storage.db import open_database
from facilitator.trainings.store import import_file

HERE = Path(__file__).parent
CATALOGUE = HERE / "data" / "portal_trainings.csv"
COUNSELLOR = "anne.martin"
PASSWORD = "le chat dort au soleil"
TODAY = date(2026, 9, 1)
STARTED = 1_788_000_000.0  # 2026-08-29


@dataclass(frozen=True)
class Seeded:
    path: Path
    players: dict[str, tuple[int, str, str]]  # pseudonym -> (row id, token, short code)


def play_session(
    db_path: Path, scenario: str, pseudonyms: dict[str, str] | None, start: float
) -> None:
    """Play a shipped scenario's walkthrough into the database, renaming players if asked."""
    db = open_database(db_path)
    scenario_path = resolve_scenario(scenario)
    session = create_session(db, scenario_path, now=start)
    game = GameSession.open(db, session.id)
    for action, now, _step in load_walkthrough(default_walkthrough(scenario_path)).actions(start):
        if pseudonyms and getattr(action, "pseudonym", None) in pseudonyms:
            action = dataclasses.replace(action, pseudonym=pseudonyms[action.pseudonym])
        game.step(action, now)
    db.close()


def seed(db_path: Path, pseudonyms: dict[str, str] | None = None) -> Seeded:
    play_session(db_path, "demo-escape", pseudonyms, STARTED)
    play_session(db_path, "demo-rally", pseudonyms, STARTED + 86400)
    import_file(db_path, CATALOGUE)
    db = open_database(db_path)
    ensure_schema(db)
    add_counsellor(db, COUNSELLOR, PASSWORD)
    rows = db.execute("SELECT pseudonym, id, token, short_code FROM players").fetchall()
    db.close()
    return Seeded(db_path, {name: (pid, token, code) for name, pid, token, code in rows})


class Clock:
    """A clock the test moves by hand (login throttling without sleeping)."""

    def __init__(self) -> None:
        self.now = 2_000_000_000.0

    def __call__(self) -> float:
        return self.now


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def log_in(client: FlaskClient, name: str = COUNSELLOR, password: str = PASSWORD) -> None:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf": token, "nom": name, "mot_de_passe": password})
    assert response.status_code == 303, response.get_data(as_text=True)


def audit_rows(page: str) -> list[tuple[str, ...]]:
    """The audit page's table as text, top row first: (date, counsellor, action, player)."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return [
        tuple(
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        )
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.DOTALL)
    ]


def text_of(response: TestResponse) -> str:
    """A page's text with its spaces folded and entities decoded, to search sentences in."""
    return html.unescape(re.sub(r"\s+", " ", response.get_data(as_text=True)))
