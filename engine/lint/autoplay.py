"""Random play: N seeded games through ``Rules.step``, looking for what a proof cannot see.

The exploration proves properties of one team's abstract game; autoplay plays the real,
concrete game with several players and teams, random timing, hints, pauses, wrong answers
and nonsense actions, and checks after every step that the core did not crash and that
the state is sane. Each failure carries the seed that replays it exactly.
"""

from __future__ import annotations

import random
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from engine.core import actions as ac
from engine.core.answers import right_answer
from engine.core.apply import replay
from engine.core.events import Event
from engine.core.rules import Rules
from engine.core.state import CLOCK, FACILITATOR, GameState, TeamState, from_json, to_json
from engine.format.scenario import Scenario
from engine.lint.explore import wrong_answer
from engine.typography import agree, counted

ROUNDTRIP_EVERY = 25


@dataclass(frozen=True)
class Failure:
    seed: int
    kind: str  # "exception", "invariant" or "stuck"
    step: int
    detail: str


@dataclass
class Summary:
    runs: int = 0
    ended: int = 0
    actions: int = 0
    rejected: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)

    def describe(self) -> str:
        endings = ", ".join(f"{k} ×{v}" for k, v in sorted(self.endings.items())) or "aucune"
        return (
            f"{counted(self.runs, 'partie jouée', 'parties jouées')} au hasard, "
            f"{self.ended} {agree(self.ended, 'terminée', 'terminées')}, "
            f"{self.actions} actions ({self.rejected} refusées comme prévu) ; fins : {endings} ; "
            f"{counted(len(self.failures), 'problème')}."
        )


def autoplay(scenario: Scenario, *, runs: int, seed: int = 0, max_steps: int = 400) -> Summary:
    rules = Rules(scenario)
    summary = Summary()
    for run_seed in range(seed, seed + runs):
        game = _Game(rules, run_seed)
        failure = game.play(max_steps)
        summary.runs += 1
        summary.actions += game.actions
        summary.rejected += game.rejected
        if failure is not None:
            summary.failures.append(failure)
        elif game.state.phase == "ended":
            summary.ended += 1
            for team in game.state.teams.values():
                summary.endings[team.ending or "?"] += 1
    return summary


class _Game:
    def __init__(self, rules: Rules, seed: int) -> None:
        self.rules = rules
        self.seed = seed
        self.rng = random.Random(seed)
        self.state = rules.new_game()
        self.start = self.state
        self.events: list[Event] = []
        self.now = 0.0
        self.actions = 0
        self.rejected = 0
        scenario = rules.scenario
        count = self.rng.randint(scenario.players.min, min(scenario.players.max, 5))
        teams = 1
        if scenario.team_mode == "turns":
            span = scenario.teams
            low, high = (span.min, span.max) if span else (2, 4)
            teams = self.rng.randint(low, min(high, 3))
            count = max(count, teams)
        self.players = [f"j{i}" for i in range(count)]
        self.team_names = [f"Équipe {k + 1}" for k in range(teams)]

    def play(self, max_steps: int) -> Failure | None:
        try:
            for i, player in enumerate(self.players):
                team = self.team_names[i % len(self.team_names)]
                self.act(ac.Join(player=player, pseudonym=f"Joueur {i}", team=team))
            self.act(ac.Start(player=FACILITATOR))
            for step in range(max_steps):
                if self.state.phase == "ended":
                    break
                problem = self.check(step)
                if problem:
                    return problem
                choices = self.choices()
                if not choices and self.rules.scenario.timer.limit_minutes is None:
                    return Failure(
                        self.seed, "stuck", step, "aucune action possible et pas de chronomètre"
                    )
                self.now += self.rng.uniform(2.0, 40.0)
                action = self.rng.choice(choices) if choices else ac.Tick(player=CLOCK)
                self.act(action)
            limit = self.rules.scenario.timer.limit_minutes
            if not self.over() and limit is not None:
                if self.state.clock.paused_at is not None:
                    self.act(ac.Resume(player=FACILITATOR))
                self.now += limit * 60 + 3600
                self.act(ac.Tick(player=CLOCK))
                if not self.over():
                    return Failure(
                        self.seed,
                        "invariant",
                        self.actions,
                        "le temps écoulé ne termine pas la partie",
                    )
            problem = self.check(self.actions)
            if problem:
                return problem
            if replay(self.start, self.events) != self.state:
                return Failure(
                    self.seed,
                    "invariant",
                    self.actions,
                    "rejouer les événements ne redonne pas l'état",
                )
        except Exception as exc:  # the point of autoplay: report crashes, with the seed
            where = traceback.extract_tb(exc.__traceback__)[-1]
            detail = f"{type(exc).__name__}: {exc} ({where.filename}:{where.lineno})"
            return Failure(self.seed, "exception", self.actions, detail)
        return None

    def over(self) -> bool:
        return self.state.phase == "ended"

    def act(self, action: ac.Action) -> None:
        self.state, events = self.rules.step(self.state, action, self.now)
        self.events += events
        self.actions += 1
        self.rejected += sum(1 for e in events if e.kind == "rejected")

    # --- what a player (or the facilitator) might do now -------------------------------------

    def choices(self) -> list[ac.Action]:
        state, rng = self.state, self.rng
        if state.clock.paused_at is not None and rng.random() < 0.5:
            return [ac.Resume(player=FACILITATOR)]
        active = state.active_team
        movers = [p for p in self.players if state.players[p].team == active] or self.players
        if self.rules.scenario.team_mode == "together":
            movers = self.players
        player = rng.choice(movers)
        team = state.team_of(player)
        if team is None or team.ending is not None:
            return [ac.Tick(player=CLOCK)]
        elapsed = state.clock.elapsed(self.now)
        options: list[Callable[[], ac.Action]] = []
        actions: list[ac.Action] = [
            ac.Go(player=player, to=exit_.to) for exit_ in self.rules.visible_exits(team, elapsed)
        ]
        for hotspot in self.rules.visible_hotspots(team, elapsed):
            item = hotspot.needs_item if hotspot.needs_item in team.inventory else None
            if item is None and team.inventory and rng.random() < 0.2:
                item = rng.choice(team.inventory)
            actions.append(ac.Use(player=player, hotspot=hotspot.id, item=item))
        if team.open_puzzle:
            options += self.puzzle_moves(player, team)
        if len(team.inventory) >= 2:
            options.append(
                lambda: ac.Combine(
                    player=player,
                    first=rng.choice(team.inventory),
                    second=rng.choice(team.inventory),
                )
            )
        if team.inventory:
            options.append(lambda: ac.Examine(player=player, item=rng.choice(team.inventory)))
        if self.rules.scenario.team_mode == "turns":
            options.append(lambda: ac.PassTurn(player=player))
        options += self.facilitator_moves(team)
        options += self.nonsense(player)
        return actions + [make() for make in options]

    def puzzle_moves(self, player: str, team: TeamState) -> list[Callable[[], ac.Action]]:
        puzzle = self.rules.puzzle_for(team.open_puzzle or "", self.state, team.id)
        right, wrong = right_answer(puzzle), wrong_answer(puzzle)
        return [
            lambda: ac.Answer(player=player, puzzle=puzzle.id, value=right),
            lambda: ac.Answer(player=player, puzzle=puzzle.id, value=right),
            lambda: ac.Answer(player=player, puzzle=puzzle.id, value=wrong),
            lambda: ac.Hint(player=player, puzzle=puzzle.id),
            lambda: ac.Close(player=player),
        ]

    def facilitator_moves(self, team: TeamState) -> list[Callable[[], ac.Action]]:
        if self.rng.random() > 0.1:
            return []
        paused = self.state.clock.paused_at is not None
        moves: list[Callable[[], ac.Action]] = [
            (lambda: ac.Resume(player=FACILITATOR))
            if paused
            else (lambda: ac.Pause(player=FACILITATOR)),
            lambda: ac.Observe(
                player=FACILITATOR, target=self.rng.choice(self.players), skill="equipe"
            ),
            lambda: ac.Tick(player=CLOCK),
        ]
        if team.open_puzzle:
            moves.append(
                lambda: ac.PushHint(player=FACILITATOR, team=team.id, puzzle=team.open_puzzle or "")
            )
        if self.rules.scenario.timer.limit_minutes:
            moves.append(
                lambda: ac.AdjustTime(player=FACILITATOR, minutes=self.rng.choice((-1.0, 2.0)))
            )
        return moves

    def nonsense(self, player: str) -> list[Callable[[], ac.Action]]:
        """Actions a confused player or a stale screen might send: the core must refuse them."""
        if self.rng.random() > 0.05:
            return []
        s = self.rules.scenario
        return [
            lambda: ac.Go(player=player, to=self.rng.choice(s.scenes).id),
            lambda: ac.Use(player=player, hotspot="nulle-part"),
            lambda: ac.Answer(
                player=player, puzzle=self.rng.choice(s.puzzles).id if s.puzzles else "x", value="?"
            ),
            lambda: ac.Close(player=player),
            lambda: ac.Join(player=player, pseudonym="Encore"),
            lambda: ac.SelfAssess(player=player, skills=("equipe",)),
        ]

    # --- invariants ---------------------------------------------------------------------------

    def check(self, step: int) -> Failure | None:
        problem = invariant_problem(self.rules, self.state)
        if (
            problem is None
            and step % ROUNDTRIP_EVERY == 0
            and from_json(to_json(self.state)) != self.state
        ):
            problem = "l'état ne survit pas à un aller-retour JSON"
        return Failure(self.seed, "invariant", step, problem) if problem else None


def invariant_problem(rules: Rules, state: GameState) -> str | None:
    """A sentence describing a broken invariant of ``state``, or None."""
    for team in state.teams.values():
        if state.phase != "lobby" and team.scene not in rules.scenes:
            return f"{team.id} : scène inconnue « {team.scene} »"
        if len(set(team.inventory)) != len(team.inventory):
            return f"{team.id} : un objet est en double dans l'inventaire {team.inventory}"
        unknown = set(team.inventory) - set(rules.items)
        if unknown:
            return f"{team.id} : objets inconnus {sorted(unknown)}"
        if team.open_puzzle is not None:
            if team.open_puzzle not in rules.puzzles:
                return f"{team.id} : énigme ouverte inconnue « {team.open_puzzle} »"
            if team.open_puzzle in team.solved | team.failed:
                return f"{team.id} : l'énigme ouverte « {team.open_puzzle} » est déjà finie"
            if team.ending is not None:
                return f"{team.id} : une énigme reste ouverte après la fin"
        if team.solved & team.failed:
            return f"{team.id} : énigmes à la fois réussies et ratées {sorted(team.solved & team.failed)}"
        endings = {e.id for e in rules.scenario.endings}
        if team.ending is not None and team.ending not in endings:
            return f"{team.id} : fin inconnue « {team.ending} »"
    if state.phase == "ended" and any(t.ending is None for t in state.teams.values()):
        return "la partie est finie mais une équipe n'a pas de fin"
    if state.phase == "playing" and state.teams and all(t.ending for t in state.teams.values()):
        return "toutes les équipes ont fini mais la partie continue"
    return None
