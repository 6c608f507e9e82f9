"""The workshop side of the facilitator's home screen: ``engine.player.home_port.HomePort``.

Lists the scenarios (checked and linted, remembered per file content so that opening the
picker again costs nothing), the unfinished and finished sessions, and does what the home's
buttons ask through the same functions as ``declic session``: ``create_session``,
``resume``, ``privacy.forget``. Writing the cards needs the summaries, which this package
does not import: ``declic`` hands that in (``write_cards``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlite_utils

from engine.diagnostics import Diagnostic
from engine.format.scenario import Scenario
from engine.lint.checks import lint_file
from engine.load.check import load_scenario
from engine.player.home_port import HomeError, Launch, PlayerLine, ScenarioCard, SessionLine
from facilitator.sessions.privacy import apply_retention, forget
from facilitator.sessions.service import (
    GameSession,
    SessionError,
    create_session,
    list_sessions,
    resume,
)
from facilitator.storage.db import StorageError
from facilitator.storage.events import load_events
from facilitator.storage.players import format_short_code, session_players

#: a card per scenario file content: linting again only when the file changed
_CARDS: dict[tuple[str, str], ScenarioCard] = {}
#: problems shown on a card (the rest is in ``declic lint``)
SHOWN_PROBLEMS = 2


def scenario_card(path: Path) -> ScenarioCard:
    """The picker's card for ``path``: what it is, or why it cannot start (plain French)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ScenarioCard(path, path.stem, "", problems=("Le fichier ne peut pas être lu.",))
    key = (str(path.resolve()), digest)
    if key not in _CARDS:
        _CARDS[key] = _check(path)
    return _CARDS[key]


def _check(path: Path) -> ScenarioCard:
    loaded = load_scenario(path)
    scenario: Scenario | None = loaded.scenario
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if scenario is not None and not errors:
        errors = [d for d in lint_file(path).diagnostics if d.severity == "error"]
    problems = tuple(_plain(d) for d in errors[:SHOWN_PROBLEMS])
    if len(errors) > SHOWN_PROBLEMS:
        problems += (f"Et {len(errors) - SHOWN_PROBLEMS} autre(s) problème(s).",)
    if scenario is None:
        return ScenarioCard(path, path.stem, "", problems=problems or ("Fichier illisible.",))
    return ScenarioCard(
        path,
        scenario.title,
        scenario.kind,
        scenario.duration_minutes,
        (scenario.players.min, scenario.players.max),
        tuple(scenario.jobs),
        scenario.summary or "",
        problems,
    )


def _plain(diagnostic: Diagnostic) -> str:
    return f"ligne {diagnostic.line} : {diagnostic.message}"


class WorkshopHome:
    """``HomePort`` over one workshop database."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        scenarios: Iterable[Path],
        write_cards: Callable[[GameSession], tuple[str, Path | None]],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.db = db
        self.paths = list(scenarios)
        self.write = write_cards
        self.clock = clock

    def scenarios(self) -> list[ScenarioCard]:
        return [scenario_card(path) for path in self.paths]

    def _lines(self, ended: bool) -> list[SessionLine]:
        lines = []
        for s in reversed(list_sessions(self.db)):
            if (s.status == "ended") != ended:
                continue
            players = tuple(
                PlayerLine(p.player_id, p.pseudonym, format_short_code(p.short_code))
                for p in session_players(self.db, s.id)
            )
            lines.append(SessionLine(s.id, s.created_at, s.scenario_title, s.status, players))
        return lines

    def unfinished(self) -> list[SessionLine]:
        return self._lines(ended=False)

    def finished(self) -> list[SessionLine]:
        return self._lines(ended=True)

    def _launch(self, game: GameSession) -> Launch:
        return Launch(
            game.session.scenario_path,
            state=game.state,
            sink=game.log,
            on_summary=lambda: self.write(game)[0],
            history=load_events(self.db, game.session.id),
            session=game.session.id,
        )

    def start(self, scenario: Path) -> Launch:
        card = scenario_card(scenario)
        if not card.ok:
            raise HomeError(f"« {card.title} » ne peut pas démarrer : {' '.join(card.problems)}")
        try:
            apply_retention(self.db)
            session = create_session(self.db, scenario)
            return self._launch(resume(self.db, session.id, self.clock()))
        except (SessionError, StorageError) as exc:
            raise HomeError(str(exc)) from None

    def resume(self, session: int) -> Launch:
        try:
            return self._launch(resume(self.db, session, self.clock()))
        except (SessionError, StorageError) as exc:
            raise HomeError(str(exc)) from None

    def trial(self, scenario: Path) -> Launch:
        card = scenario_card(scenario)
        if not card.ok:
            raise HomeError(f"« {card.title} » ne peut pas démarrer : {' '.join(card.problems)}")
        return Launch(scenario)

    def write_cards(self, session: int) -> tuple[str, Path | None]:
        try:
            return self.write(GameSession.open(self.db, session))
        except (SessionError, StorageError, ValueError) as exc:
            raise HomeError(f"les cartes n'ont pas pu être écrites : {exc}") from None

    def erase(self, session: int, player: str) -> str:
        row = next((p for p in session_players(self.db, session) if p.player_id == player), None)
        if row is None:
            raise HomeError("ce joueur n'est plus dans l'atelier.")
        report = forget(self.db, row)
        files = len(report.exports_rewritten) + len(report.exports_deleted)
        said = (
            f"« {row.pseudonym} » est effacé : {report.events_changed} événement(s) nettoyé(s), "
            f"{files} fichier(s) réécrit(s) ou supprimé(s)."
        )
        if not report.clean:
            said += " Un jeu est encore ouvert : l'effacement sera complet à sa fermeture."
        return said
