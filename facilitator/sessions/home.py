"""The workshop side of the facilitator's home screen: ``engine.player.home_port.HomePort``.

Lists the scenarios (checked and linted, remembered per file content so that opening the
picker again costs nothing), the unfinished and finished sessions, and does what the home's
buttons ask through the same functions as ``declic session``: ``create_session``,
``resume``, ``privacy.forget``. Writing the cards needs the summaries, which this package
does not import: ``declic`` hands that in (``write_cards``).
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

import sqlite_utils

from engine.diagnostics import Diagnostic
from engine.format.scenario import Scenario
from engine.lint.checks import lint_file
from engine.load.check import load_scenario
from engine.player.home_port import (
    HomeError,
    HomeSettings,
    Launch,
    PlayerLine,
    ScenarioCard,
    SessionLine,
)
from engine.typography import counted
from facilitator.sessions import settings as kept
from facilitator.sessions.export import export_session
from facilitator.sessions.privacy import apply_retention, forget, get_retention, set_retention
from facilitator.sessions.service import (
    GameSession,
    SessionError,
    create_session,
    list_sessions,
    resume,
)
from facilitator.storage import hub_link
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
        problems += (
            f"Et {counted(len(errors) - SHOWN_PROBLEMS, 'autre problème', 'autres problèmes')}.",
        )
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
        _icons(scenario),
    )


def _icons(scenario: Scenario) -> tuple[str, ...]:
    """The icons the scenario's things and places show, most used first (the card's
    pictures: they say « kitchen » or « farm » before a word is read)."""
    counts: dict[str, int] = {}
    named = [h.icon for scene in scenario.scenes for h in scene.hotspots]
    for icon in [*named, *(item.icon for item in scenario.items)]:
        if icon:
            counts[icon] = counts.get(icon, 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    return tuple(name for name in ranked if name not in _PLAIN)[:4]


#: icons too plain to say what a scenario is about (stars, doors, flags)
_PLAIN = frozenset({"etoile", "porte", "drapeau", "repere", "fleche", "ok", "coche"})


def _plain(diagnostic: Diagnostic) -> str:
    return f"ligne {diagnostic.line} : {diagnostic.message}"


Attacher = Callable[[Any], Callable[[], None]]


class HubSide(Protocol):
    """What the home needs of the hub (``facilitator.hub.home.HubForHome``, handed in by
    ``declic``: the hub builds on sessions, so sessions cannot import it). ``enrol`` and
    ``push`` raise ``HomeError`` with a French sentence."""

    def enrol(self, url: str, code: str) -> str: ...

    def push(self) -> str: ...

    def status(self, db: sqlite_utils.Database) -> dict[int, tuple[bool, str]] | None: ...


class WorkshopHome:
    """``HomePort`` over one workshop database.

    ``scenarios``: the files to list, or None for the shipped ones and the Mission Locale's
    folder (« Réglages »); ``phones``: what plugs the phones' server into a game of a
    session (None for a trial); ``hub``: the hub side, when this build has one."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        scenarios: Iterable[Path] | None,
        write_cards: Callable[[GameSession], tuple[str, Path | None]],
        *,
        clock: Callable[[], float] = time.time,
        phones: Callable[[GameSession | None], Sequence[Attacher]] | None = None,
        hub: HubSide | None = None,
    ) -> None:
        self.db = db
        self.paths = None if scenarios is None else list(scenarios)
        self.write = write_cards
        self.clock = clock
        self.phones = phones
        self.hub = hub

    def scenarios(self) -> list[ScenarioCard]:
        paths = kept.all_scenarios(self.db) if self.paths is None else self.paths
        return [scenario_card(path) for path in paths]

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

    def _with_hub(self, lines: list[SessionLine]) -> list[SessionLine]:
        """Each finished session's place on the hub (as ``declic hub status`` says it)."""
        try:
            status = self.hub.status(self.db) if self.hub is not None else None
        except (StorageError, sqlite3.Error, OSError):  # the list shows without it
            status = None
        if status is None:
            return lines
        return [
            replace(
                line,
                hub="pushed" if status.get(line.id, (False, ""))[0] else "waiting",
                hub_problem=status.get(line.id, (False, ""))[1],
            )
            for line in lines
        ]

    def unfinished(self) -> list[SessionLine]:
        return self._lines(ended=False)

    def finished(self) -> list[SessionLine]:
        return self._with_hub(self._lines(ended=True))

    def _attach(self, game: GameSession | None, phones: bool) -> Sequence[Attacher]:
        return tuple(self.phones(game)) if phones and self.phones is not None else ()

    def _defaults(self) -> dict[str, Any]:
        """The games' options of « Réglages », for every ``Launch``."""
        mine = kept.read_settings(self.db)
        return {"text_step": mine.text_step, "contrast": mine.contrast, "muted": mine.muted}

    def _launch(self, game: GameSession, phones: bool = False) -> Launch:
        return Launch(
            game.session.scenario_path,
            state=game.state,
            sink=game.log,
            on_summary=lambda: self.write(game)[0],
            history=load_events(self.db, game.session.id),
            session=game.session.id,
            attach=self._attach(game, phones),
            **self._defaults(),
        )

    def start(self, scenario: Path, *, phones: bool = False) -> Launch:
        card = scenario_card(scenario)
        if not card.ok:
            raise HomeError(f"« {card.title} » ne peut pas démarrer : {' '.join(card.problems)}")
        try:
            apply_retention(self.db)
            session = create_session(self.db, scenario)
            return self._launch(resume(self.db, session.id, self.clock()), phones)
        except (SessionError, StorageError) as exc:
            raise HomeError(str(exc)) from None

    def resume(self, session: int, *, phones: bool = False) -> Launch:
        try:
            return self._launch(resume(self.db, session, self.clock()), phones)
        except (SessionError, StorageError) as exc:
            raise HomeError(str(exc)) from None

    def trial(self, scenario: Path, *, phones: bool = False) -> Launch:
        card = scenario_card(scenario)
        if not card.ok:
            raise HomeError(f"« {card.title} » ne peut pas démarrer : {' '.join(card.problems)}")
        return Launch(scenario, attach=self._attach(None, phones), **self._defaults())

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
            f"« {row.pseudonym} » est effacé : "
            f"{counted(report.events_changed, 'événement nettoyé', 'événements nettoyés')}, "
            f"{counted(files, 'fichier réécrit ou supprimé', 'fichiers réécrits ou supprimés')}."
        )
        if not report.clean:
            said += " Un jeu est encore ouvert : l'effacement sera complet à sa fermeture."
        return said

    def export(self, session: int) -> str:
        """« Exporter »: the figures per player as CSV beside the database, as
        ``declic session export N --format csv`` writes them."""
        data = self._data_file()
        out = data.parent / "exports" if data is not None else Path.cwd()
        try:
            path = export_session(self.db, session, "csv", out)
        except (SessionError, StorageError, ValueError, OSError) as exc:
            raise HomeError(f"l'export n'a pas pu être écrit : {exc}") from None
        return f"Export écrit : {path}"

    def _data_file(self) -> Path | None:
        """The workshop database's file (None in memory)."""
        row = self.db.execute("PRAGMA database_list").fetchone()
        return Path(row[2]) if row and row[2] else None

    # --- « Réglages » ---------------------------------------------------------------------

    def settings(self) -> HomeSettings:
        mine = kept.read_settings(self.db)
        link = hub_link.read_link(self.db)
        data = self._data_file()
        cards = data.parent / "cartes" if data is not None else None  # as ``write_cards`` writes
        return HomeSettings(
            hub_url=link.url if link else "",
            hub_organisation=link.organisation if link else "",
            scenario_folder=mine.scenario_folder,
            language=mine.language,
            players_per_team=mine.players_per_team,
            phones=mine.phones,
            retention_days=get_retention(self.db),
            text_step=mine.text_step,
            contrast=mine.contrast,
            muted=mine.muted,
            data_file=str(data) if data is not None else "",
            cards_folder=str(cards) if cards is not None and cards.is_dir() else "",
        )

    def save_settings(self, settings: HomeSettings) -> str:
        try:
            kept.save_settings(
                self.db,
                kept.WorkshopSettings(
                    settings.scenario_folder.strip(),
                    settings.language,
                    settings.players_per_team,
                    settings.phones,
                    settings.text_step,
                    settings.contrast,
                    settings.muted,
                ),
            )
            set_retention(self.db, settings.retention_days)
        except (ValueError, StorageError) as exc:
            raise HomeError(f"Réglages non enregistrés : {exc}") from None
        return "Réglages enregistrés."

    def _hub(self) -> HubSide:
        if self.hub is None:
            raise HomeError("Cette installation de Déclic n'a pas le hub.")
        return self.hub

    def enrol(self, url: str, code: str) -> str:
        return self._hub().enrol(url, code)  # HomeError, in French, when it cannot

    def push(self) -> str:
        return self._hub().push()
