"""Walkthroughs: a YAML list of player actions that plays a scenario from start to end.

They ship beside each scenario, are replayed by ``declic replay`` and by the lint, and drive
the real UI in tests. Steps are one-key mappings with the acting player::

    - {player: p1, use: frigo}
    - {player: p2, answer: {puzzle: cadenas, value: "0472"}}
    - {wait: 60}
    - {player: facilitator, skip: cadenas}
    - {player: facilitator, announce: "Plus que 5 minutes !"}
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from engine.core import actions as ac
from engine.core.events import Event, Rejected
from engine.core.rules import SOLO_TEAM, Rules
from engine.core.state import FACILITATOR, GameState
from engine.diagnostics import Diagnostic
from engine.format.base import Model
from engine.format.scenario import Scenario
from engine.load.validation_errors import diagnostics_from, did_you_mean
from engine.load.yaml_source import Source, SourceError, read_source
from engine.locale import refusal_text
from engine.typography import agree, counted

STEP_KEYS = (
    "use",
    "go",
    "examine",
    "combine",
    "answer",
    "hint",
    "close",
    "pass_turn",
    "wait",
    "observe",
    "push_hint",
    "pause",
    "resume",
    "adjust_time",
    "self_assess",
    "skip",
    "announce",
)


class PlayerSpec(Model):
    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")
    pseudonym: str = Field(min_length=1, max_length=24)
    team: str = "equipe"
    colour: str = "#0072b2"
    avatar: str = "cercle"
    #: plays as if from their own phone: may be dealt a role (``roles:``)
    phone: bool = False


class WalkthroughFile(Model):
    scenario: str | None = None
    description: str | None = None
    players: list[PlayerSpec] = Field(min_length=1)
    seconds_per_step: float = Field(default=20, ge=0)
    steps: list[dict[str, Any]] = Field(min_length=1)
    expect: dict[str, Any] = Field(default_factory=dict)


@dataclass
class Step:
    """One action of the walkthrough with its position in the file."""

    action: ac.Action | None
    wait: float
    line: int
    col: int


@dataclass
class Walkthrough:
    path: Path
    spec: WalkthroughFile
    steps: list[Step]

    def actions(self, start: float = 0.0) -> Iterator[tuple[ac.Action, float, Step]]:
        """Every action with the wall-clock time it happens at: joins, start, then the steps."""
        now = start
        for p in self.spec.players:
            yield (
                ac.Join(
                    player=p.id,
                    pseudonym=p.pseudonym,
                    team=p.team,
                    colour=p.colour,
                    avatar=p.avatar,
                    phone=p.phone,
                ),
                now,
                Step(None, 0, 1, 1),
            )
        yield ac.Start(player=FACILITATOR), now, Step(None, 0, 1, 1)
        for step in self.steps:
            now += step.wait if step.action is None else self.spec.seconds_per_step
            if step.action is not None:
                yield step.action, now, step


class WalkthroughError(Exception):
    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


def load_walkthrough(path: Path) -> Walkthrough:
    """Read a walkthrough file; raise ``WalkthroughError`` with located diagnostics."""
    try:
        source = read_source(path)
    except SourceError as exc:
        raise WalkthroughError([exc.diagnostic]) from None
    try:
        spec = WalkthroughFile.model_validate(source.data)
    except ValidationError as exc:
        raise WalkthroughError(diagnostics_from(exc, source, WalkthroughFile)) from None
    steps, problems = [], []
    players = {p.id for p in spec.players} | {FACILITATOR}
    teams = {p.team for p in spec.players}
    only_team = next(iter(teams)) if len(teams) == 1 else None
    for index, raw in enumerate(spec.steps):
        line, col = source.where(("steps", index))
        try:
            step = parse_step(raw, line, col, team=only_team)
        except ValueError as exc:
            problems.append(Diagnostic(str(path), line, col, "E025", str(exc)))
            continue
        if step.action is not None and step.action.player not in players:
            problems.append(
                Diagnostic(
                    str(path),
                    line,
                    col,
                    "E025",
                    f"joueur « {step.action.player} » absent de « players »",
                )
            )
        steps.append(step)
    if problems:
        raise WalkthroughError(problems)
    return Walkthrough(path, spec, steps)


def parse_step(
    raw: dict[str, Any], line: int = 0, col: int = 0, *, team: str | None = SOLO_TEAM
) -> Step:
    """``{player: p1, use: frigo}`` → a ``Use`` action (and the other step forms).

    ``team``: the team a ``skip: <puzzle>`` step names when it does not say
    (the walkthrough's only team; ``None`` when its players are in several teams).
    """
    keys = [k for k in raw if k != "player"]
    if len(keys) != 1 or keys[0] not in STEP_KEYS:
        raise ValueError(
            f"étape invalide {sorted(raw)} : une seule action parmi {', '.join(STEP_KEYS)}"
        )
    key, value = keys[0], raw[keys[0]]
    if key == "wait":
        if not isinstance(value, int | float) or value < 0:
            raise ValueError("« wait » attend un nombre de secondes")
        return Step(None, float(value), line, col)
    player = raw.get("player")
    if not isinstance(player, str):
        raise ValueError("chaque étape dit quel joueur agit : « player: p1 »")
    data: dict[str, Any] = {"action": key, "player": player}
    if key in ("use", "go", "examine", "hint"):
        field_name = {"use": "hotspot", "go": "to", "examine": "item", "hint": "puzzle"}[key]
        if isinstance(value, dict):
            data.update(value)
        else:
            data[field_name] = value
    elif key == "combine":
        if not (isinstance(value, list) and len(value) == 2):
            raise ValueError("« combine » attend deux objets : [objet1, objet2]")
        data.update(first=value[0], second=value[1])
    elif key == "skip":
        data["action"] = "skip_puzzle"
        if isinstance(value, dict):
            data.update(value)
        elif team is None:
            raise ValueError(
                "les joueurs sont dans plusieurs équipes : dites laquelle passe l'énigme, "
                f"« skip: {{team: …, puzzle: {value}}} »"
            )
        else:
            data.update(team=team, puzzle=value)
    elif key == "announce":
        if not isinstance(value, str):
            raise ValueError('« announce » attend le message, entre guillemets : announce: "…"')
        data["text"] = value
    elif key == "self_assess":
        data["skills"] = value
    elif key == "adjust_time":
        data["minutes"] = value
    elif isinstance(value, dict):
        data.update(value)
    try:
        return Step(ac.action_from_dict(data), 0.0, line, col)
    except ac.ActionError as exc:
        raise ValueError(str(exc)) from None


@dataclass
class RunResult:
    state: GameState
    events: list[Event] = field(default_factory=list)
    rejected: list[tuple[Step, Rejected]] = field(default_factory=list)
    actions: int = 0

    @property
    def ended(self) -> bool:
        return self.state.phase == "ended"


def run(rules: Rules, walkthrough: Walkthrough, *, start: float = 0.0) -> RunResult:
    """Play a walkthrough headless through the pure core."""
    state = rules.new_game()
    result = RunResult(state)
    for action, now, step in walkthrough.actions(start):
        state, events = rules.step(state, action, now)
        result.events += events
        result.actions += 1
        result.rejected += [(step, e) for e in events if isinstance(e, Rejected)]
    result.state = state
    return result


def _known_ids(scenario: Scenario, walkthrough: Walkthrough) -> dict[str, tuple[str, set[str]]]:
    """For each id-naming field of an action: what it names (in French) and the ids the scenario
    (and, for teams, the walkthrough's players) have."""
    if scenario.team_mode == "together":
        teams = {SOLO_TEAM}
    else:
        teams = {p.team for p in walkthrough.spec.players}
    scenes = {s.id for s in scenario.scenes}
    hotspots = {h.id for s in scenario.scenes for h in s.hotspots}
    items = {i.id for i in scenario.items}
    puzzles = {p.id for p in scenario.puzzles}
    return {
        "to": ("lieu", scenes),
        "hotspot": ("point", hotspots),
        "item": ("objet", items),
        "first": ("objet", items),
        "second": ("objet", items),
        "puzzle": ("énigme", puzzles),
        "team": ("équipe", teams),
    }


def unknown_ids(scenario: Scenario, walkthrough: Walkthrough) -> list[Diagnostic]:
    """E120 for every step naming an id the scenario does not have, with the closest one.

    Checked before replaying: a typo then reads as a typo, with a suggestion, instead of
    « Il n'y a rien de tel ici » followed by a refusal at every later step.
    """
    known = _known_ids(scenario, walkthrough)
    found: list[Diagnostic] = []
    for step in walkthrough.steps:
        if step.action is None:
            continue
        for name, (what, ids) in known.items():
            value = getattr(step.action, name, None)
            if isinstance(value, str) and value not in ids:
                unknown = "inconnue" if what in ("énigme", "équipe") else "inconnu"
                found.append(
                    Diagnostic(
                        str(walkthrough.path),
                        step.line,
                        step.col,
                        "E120",
                        f"{what} « {value} » {unknown} du scénario{did_you_mean(value, ids)}",
                    )
                )
    return found


def check_against(scenario: Scenario, path: Path) -> list[Diagnostic]:
    """Everything wrong with a walkthrough for this scenario, stopping at the first real cause.

    Order: the file itself (E025), then the ids it names (E120), then a replay through the
    pure core: only the first refused step is reported (E103, with its file:line:col), since
    every later refusal usually follows from it; « no ending reached » is reported only when
    nothing was refused.
    """
    try:
        walkthrough = load_walkthrough(path)
    except WalkthroughError as exc:
        return list(exc.diagnostics)
    typos = unknown_ids(scenario, walkthrough)
    if typos:
        return typos
    result = run(Rules(scenario), walkthrough)
    if result.rejected:
        step, rejected = result.rejected[0]
        later = len(result.rejected) - 1
        more = (
            f" ; {counted(later, 'étape suivante', 'étapes suivantes')} "
            f"{agree(later, 'refusée', 'refusées')} aussi, sans doute par suite"
            if later
            else ""
        )
        return [
            Diagnostic(
                str(path),
                step.line,
                step.col,
                "E103",
                f"première action refusée par le jeu ({rejected.action}) : {refusal_text(rejected)}{more}",
            )
        ]
    last = walkthrough.steps[-1] if walkthrough.steps else None
    line, col = (last.line, last.col) if last else (1, 1)
    expected = walkthrough.spec.expect.get("ending")
    found: list[Diagnostic] = []
    for team in result.state.teams.values():
        if team.ending is None:
            message = (
                f"le parcours finit sans atteindre de fin ({team.name} est dans « {team.scene} »)"
            )
        elif expected and team.ending != expected:
            message = f"le parcours atteint la fin « {team.ending} » au lieu de « {expected} »"
        else:
            continue
        found.append(Diagnostic(str(path), line, col, "E103", message))
    return found


def is_walkthrough_file(path: Path) -> bool:
    """Named ``*.walkthrough.yaml``, or a YAML mapping with ``steps`` and ``players`` and no ``scenes``."""
    if path.name.endswith(".walkthrough.yaml"):
        return True
    try:
        data = read_source(path).data
    except SourceError:
        return False
    return isinstance(data, dict) and {"steps", "players"} <= data.keys() and "scenes" not in data


def scenario_beside(walkthrough_path: Path) -> Path | None:
    """``cuisine.walkthrough.yaml`` → ``cuisine.yaml`` when that file exists."""
    name = walkthrough_path.name
    if not name.endswith(".walkthrough.yaml"):
        return None
    scenario = walkthrough_path.with_name(name.removesuffix(".walkthrough.yaml") + ".yaml")
    return scenario if scenario.is_file() else None


def not_a_scenario(path: Path) -> str:
    """The one line ``check``/``lint`` print when given a walkthrough instead of a scenario."""
    return (
        f"« {path} » est un parcours (walkthrough), pas un scénario : lancez "
        f"`declic check SCENARIO.yaml` (qui vérifie aussi SCENARIO.walkthrough.yaml posé à côté) "
        f"ou `declic replay SCENARIO.yaml {path}`."
    )


def default_walkthrough(scenario_path: Path) -> Path:
    """``cuisine.yaml`` → ``cuisine.walkthrough.yaml`` beside it."""
    if not scenario_path.name:  # "" or "/" names a folder, not a scenario: nothing beside it
        return scenario_path / ".walkthrough.yaml"
    return scenario_path.with_name(scenario_path.name.removesuffix(".yaml") + ".walkthrough.yaml")


__all__ = [
    "Source",
    "Walkthrough",
    "WalkthroughError",
    "check_against",
    "default_walkthrough",
    "is_walkthrough_file",
    "load_walkthrough",
    "not_a_scenario",
    "parse_step",
    "run",
    "scenario_beside",
    "unknown_ids",
]
