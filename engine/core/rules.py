"""The rules: ``Rules(scenario).step(state, action, now) -> (state, events)``.

Pure and deterministic: no pygame, no I/O, no clock of its own (``now`` is passed in, in
seconds). Deciding and applying are separate: the rules *decide* which events happen and
``engine.core.apply`` is the only code that changes state, so replaying the stored events
rebuilds exactly the state the players saw. Invalid actions give a ``Rejected`` event with a
French reason, never an exception.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections.abc import Callable, Sequence
from typing import ClassVar, assert_never

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.answers import is_right
from engine.core.apply import TEAM_CHANGES, apply
from engine.core.conditions import holds
from engine.core.evidence_rules import behaviour_shown
from engine.core.roles import (
    COMMUNICATION_SKILL,
    SHARED_CLUE_RULE,
    deal,
    holders_of,
    phone_holders,
    shared_clue_text,
)
from engine.core.state import (
    CLOCK,
    FACILITATOR,
    GameState,
    TeamFields,
    TeamState,
    evolve,
    fields_of,
    new_state,
    team_from,
)
from engine.format import effects as fx
from engine.format.conditions import AfterMinutes
from engine.format.puzzles import CombinePuzzle, EvidenceRule, PuzzleBase
from engine.format.scenario import Exit, Hotspot, Item, Role, Scenario, Scene
from engine.format.walk import conditions

MAX_CHAIN = 16  # 'go' effects that trigger first-visit effects that 'go' again…
DEFAULT_FAST_SECONDS = 120
MAX_ADJUST_MINUTES = 240  # a workshop lasts at most a few hours; NaN or 1e12 would break the clock
SOLO_TEAM = "equipe"
MAX_ANNOUNCE = 160  # two lines on the projector, read from the back of the room
#: how long the facilitator's message stays on the projector and the phones: read twice from
#: the back of the room, then it gives the screen back to the game
ANNOUNCE_SECONDS = 30.0

_FACILITATOR_ACTIONS = (
    ac.Start,
    ac.Pause,
    ac.Resume,
    ac.AdjustTime,
    ac.PushHint,
    ac.SkipPuzzle,
    ac.Announce,
    ac.Observe,
    ac.PassTurn,
)
_NOBODY: frozenset[str] = frozenset()  # no participant yet
#: what a player cannot do, even joined
_FACILITATOR_ONLY = tuple(a for a in _FACILITATOR_ACTIONS if a not in (ac.Start, ac.PassTurn))
_SETTINGS = (
    ac.Join,
    ac.Start,
    ac.Pause,
    ac.Resume,
    ac.AdjustTime,
    ac.Observe,
    ac.SelfAssess,
    ac.Tick,
)


class _Reject(Exception):
    """A refusal: its code (``engine.core.refusals``) and the values its text shows."""

    def __init__(self, code: str, **params: str | int) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class Rules:
    """The rules of one scenario, with its objects indexed by id."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.scenes: dict[str, Scene] = {s.id: s for s in scenario.scenes}
        self.items: dict[str, Item] = {i.id: i for i in scenario.items}
        self.puzzles: dict[str, PuzzleBase] = {p.id: p for p in scenario.puzzles}
        self.roles: dict[str, Role] = {r.id: r for r in scenario.roles}
        self.combinations: dict[frozenset[str], CombinePuzzle] = {
            frozenset(p.items): p for p in scenario.puzzles if isinstance(p, CombinePuzzle)
        }
        self.timed = sorted(scenario.timer.events, key=lambda e: e.at_minutes)
        #: whether time can change anything (timed events, a time limit): else the clock is
        #: not consulted at each step
        self.clocked = bool(self.timed) or scenario.timer.limit_minutes is not None
        #: the seconds of play at which an ``after_minutes`` condition turns true
        self.moments = sorted(
            {c.after_minutes * 60 for _, c in conditions(scenario) if isinstance(c, AfterMinutes)}
        )

    def moments_passed(self, elapsed: float) -> int:
        """How many of ``moments`` are behind: when it changes, what is visible may have."""
        return bisect.bisect_right(self.moments, elapsed)

    def new_game(self) -> GameState:
        return new_state(self.scenario.id, self.scenario.version)

    def step(
        self, state: GameState, action: ac.Action, now: float
    ) -> tuple[GameState, list[ev.Event]]:
        """Apply one action at wall-clock time ``now``; return the new state and its events."""
        return self._play(state, action, now, narrate=True)

    def advance(
        self, state: GameState, action: ac.Action, now: float
    ) -> tuple[GameState, list[ev.Event]]:
        """``step`` without the narration: the same state, from the same code, for the lint.

        The events that only tell (``Said``, ``Blocked``, ``EvidenceRecorded`` of a game rule)
        change no state and are not built; every event that changes state is, and a refusal
        still ends with ``Rejected``. The lint's exploration steps the rules tens of thousands
        of times and never reads the narration; the game and the log always use ``step``.
        """
        return self._play(state, action, now, narrate=False)

    def _play(
        self, state: GameState, action: ac.Action, now: float, *, narrate: bool
    ) -> tuple[GameState, list[ev.Event]]:
        turn = _Step(self, state, now, narrate=narrate)
        try:
            turn.run(action)
        except _Reject as rejection:
            turn.emit(
                ev.Rejected(
                    t=turn.t,
                    player=action.player,
                    team=_team_id(state, action.player),
                    action=action.key,
                    code=rejection.code,
                    params=tuple(sorted(rejection.params.items())),
                )
            )
        return turn.state, turn.events

    # --- queries used by the player and the lint --------------------------------------------

    def puzzle_for(self, puzzle_id: str, state: GameState, team_id: str | None) -> PuzzleBase:
        """The version of a puzzle a team plays: with ``variants`` (a question pool) the
        teams take the versions in turn, in the order they joined, so the next cannot copy."""
        puzzle = self.puzzles[puzzle_id]
        if not puzzle.variants or team_id not in state.teams:
            return puzzle
        return puzzle.version(list(state.teams).index(team_id))

    def visible_hotspots(self, team: TeamState, elapsed: float) -> list[Hotspot]:
        scene = self.scenes.get(team.scene or "")
        if scene is None:
            return []
        return [h for h in scene.hotspots if holds(h.when, team, elapsed)]

    def visible_exits(self, team: TeamState, elapsed: float) -> list[Exit]:
        scene = self.scenes.get(team.scene or "")
        if scene is None:
            return []
        return [e for e in scene.exits if holds(e.when, team, elapsed)]

    def is_locked(self, team: TeamState, thing: Hotspot | Exit) -> bool:
        return thing.locked and (thing.id or "") not in team.unlocked

    def missing_items(self, team: TeamState, exit_: Exit) -> list[str]:
        """The items ``exit_`` requires that the team does not hold (in the order written)."""
        return [i for i in exit_.requires_items if i not in team.inventory]

    def item_names(self, ids: list[str]) -> str:
        """Items named for the players, in any language: « Badge », « Gilet »."""
        return ", ".join(f"« {self.items[i].name} »" if i in self.items else i for i in ids)


def step(
    rules: Rules, state: GameState, action: ac.Action, now: float
) -> tuple[GameState, list[ev.Event]]:
    """Functional spelling of ``rules.step``."""
    return rules.step(state, action, now)


def _team_id(state: GameState, player: str) -> str | None:
    info = state.players.get(player)
    if info is not None:
        return info.team
    if player in (FACILITATOR, CLOCK):
        return state.active_team
    return None


class _Step:
    """The working memory of one step: current state, events so far, elapsed time.

    Most events change one team, several in a step: ``emit`` copies a team at its first
    change in the step and applies this and the next events of the step to that copy, in
    place; ``teams`` is the step's own dict of the teams, and the game state around them is
    built when ``state`` is read. ``base`` is the game state as of the last event that
    changed more than a team: every field of it but ``teams`` is current. So a team read
    from ``teams`` may change at the next ``emit``: read what a decision needs before
    emitting (``tests/core`` plays random games with and without ``IN_PLACE``).
    """

    __slots__ = ("base", "copies", "events", "narrate", "now", "rules", "t", "teams")
    #: False: a new team at each event, as ``apply`` does (the tests compare both)
    IN_PLACE: ClassVar[bool] = True

    def __init__(self, rules: Rules, state: GameState, now: float, *, narrate: bool) -> None:
        self.rules = rules
        self.narrate = narrate  # False: no events that only tell (``Rules.advance``)
        self.base = state
        self.teams = state.teams  # copied at the first change of a team
        #: the teams this step copied, with their fields (changed in place)
        self.copies: dict[str, tuple[TeamState, TeamFields]] = {}
        self.now = now
        self.t = round(state.clock.elapsed(now), 3)
        self.events: list[ev.Event] = []

    @property
    def state(self) -> GameState:
        """The game state now."""
        if self.teams is not self.base.teams:
            self.base = evolve(self.base, teams=self.teams)
        return self.base

    def emit(self, event: ev.Event) -> None:
        self.events.append(event)
        change = TEAM_CHANGES.get(type(event))
        if change is None:
            self.base = apply(self.state, event)
            self.teams = self.base.teams
            return
        teams = self.teams
        team_id = event.team
        if team_id is None or (team := teams.get(team_id)) is None:
            return  # what ``apply`` does with an event for no team
        copy = self.copies.get(team_id)
        if copy is None or copy[0] is not team or not self.IN_PLACE:
            fields = fields_of(team)
            copy = self.copies[team_id] = (team_from(fields), fields)
            if teams is self.base.teams:  # still the state's dict: copy it before changing it
                teams = self.teams = dict(teams)
            teams[team_id] = copy[0]
        change(copy[1], event)

    def say(self, team_id: str | None, player: str | None, text: str) -> None:
        if self.narrate:
            self.emit(ev.Said(t=self.t, player=player, team=team_id, text=text))

    def blocked(self, team_id: str | None, player: str | None, text: str, target: str) -> None:
        """A normal 'not yet' of the game, shown to the players (not a rejection)."""
        if self.narrate:
            self.emit(ev.Blocked(t=self.t, player=player, team=team_id, text=text, target=target))

    # --- dispatch --------------------------------------------------------------------------

    def run(self, action: ac.Action) -> None:
        self.check_actor(action)
        phase = self.base.phase
        if phase == "playing" and self.rules.clocked and self.base.clock.paused_at is None:
            self.clock()
            phase = self.base.phase
        if phase == "ended" and not isinstance(action, ac.SelfAssess | ac.Observe | ac.Tick):
            raise _Reject("game_over")
        _HANDLERS[action.key](self, action)

    def check_actor(self, action: ac.Action) -> None:
        who = action.player
        if who == CLOCK:
            if not isinstance(action, ac.Tick):
                raise _Reject("clock_only")
            return
        if who == FACILITATOR:
            if isinstance(action, ac.Join | ac.SelfAssess):
                raise _Reject("players_only")
            return
        if isinstance(action, ac.Join):
            return
        if who not in self.base.players:
            raise _Reject("not_joined")
        if isinstance(action, _FACILITATOR_ONLY):
            raise _Reject("facilitator_only")

    def acting_team(self, action: ac.Action) -> TeamState:
        """The team an in-game action is for; checks phase, pause and turns."""
        if self.base.phase == "lobby":
            raise _Reject("not_started")
        if self.base.clock.paused_at is not None:
            raise _Reject("paused")
        if action.player == FACILITATOR:
            team_id = self.base.active_team
        else:
            team_id = self.base.players[action.player].team
            if self.rules.scenario.team_mode == "turns" and team_id != self.base.active_team:
                active = self.teams.get(self.base.active_team or "")
                if active is None:
                    raise _Reject("not_your_turn_other")
                raise _Reject("not_your_turn", team=active.name)
        if team_id is None or team_id not in self.teams:
            raise _Reject("no_team")
        team = self.teams[team_id]
        if team.ending is not None:
            raise _Reject("team_done")
        return team

    # --- time ------------------------------------------------------------------------------

    def clock(self) -> None:
        timer = self.rules.scenario.timer
        for timed in self.rules.timed:
            if timed.id not in self.base.fired and self.t >= timed.at_minutes * 60:
                self.emit(ev.TimedEventFired(t=self.t, timed_event=timed.id))
                for team_id, team in list(self.teams.items()):
                    if team.ending is None:
                        self.effects(team_id, timed.effects, None, 0)
        if timer.limit_minutes is None or self.base.phase != "playing":
            return
        if self.t >= timer.limit_minutes * 60 + self.base.clock.extra_seconds:
            self.emit(ev.TimeUp(t=self.t))
            ending = timer.timeout_ending or self.rules.scenario.endings[-1].id
            for team_id, team in list(self.teams.items()):
                if team.ending is None:
                    self.end_team(team_id, ending, None)

    def do_tick(self, action: ac.Tick) -> None:
        """Time already advanced in ``run``."""

    def do_pause(self, action: ac.Pause) -> None:
        if self.base.phase != "playing" or self.base.clock.paused_at is not None:
            raise _Reject("not_running")
        self.emit(ev.Paused(t=self.t, player=action.player, at=self.now))

    def do_resume(self, action: ac.Resume) -> None:
        if self.base.clock.paused_at is None:
            raise _Reject("not_paused")
        self.emit(ev.Resumed(t=self.t, player=action.player, at=self.now))

    def do_adjust_time(self, action: ac.AdjustTime) -> None:
        if self.rules.scenario.timer.limit_minutes is None:
            raise _Reject("no_timer")
        minutes = action.minutes
        if (
            not isinstance(minutes, int | float)
            or not math.isfinite(minutes)
            or abs(minutes) > MAX_ADJUST_MINUTES
        ):
            raise _Reject("bad_minutes", minutes=MAX_ADJUST_MINUTES)
        self.emit(ev.TimeAdjusted(t=self.t, player=action.player, seconds=action.minutes * 60))

    # --- lobby -----------------------------------------------------------------------------

    def do_join(self, action: ac.Join) -> None:
        if action.player in self.base.players or action.player in (FACILITATOR, CLOCK):
            raise _Reject("already_joined")
        if not action.pseudonym.strip():
            raise _Reject("no_pseudonym")
        if has_invisible(action.pseudonym):
            raise _Reject("invisible_pseudonym")
        if has_invisible(action.team):
            raise _Reject("invisible_team")
        limit = self.rules.scenario.players.max
        if len(self.base.players) >= max(limit, 1) * 2:
            raise _Reject("full")
        together = self.rules.scenario.team_mode == "together"
        team_id = SOLO_TEAM if together else action.team
        name = "L'équipe" if together else action.team
        if not together and team_id not in self.teams:
            teams = self.rules.scenario.teams
            if teams is not None and len(self.teams) >= teams.max:
                raise _Reject("too_many_teams", teams=teams.max)
        self.emit(
            ev.PlayerJoined(
                t=self.t,
                player=action.player,
                team=team_id,
                pseudonym=action.pseudonym.strip()[:24],
                colour=action.colour,
                avatar=action.avatar,
                team_name=name,
                phone=action.phone,
            )
        )
        team = self.teams[team_id]
        if self.base.phase == "playing" and team.scene is None:
            self.place(team_id, len(self.teams) - 1)
        if self.base.phase == "playing" and not team.roles:
            self.deal_roles(team_id)  # the team's first phone, after the start

    def do_start(self, action: ac.Start) -> None:
        if self.base.phase != "lobby":
            raise _Reject("already_started")
        if not self.base.players:
            raise _Reject("no_players")
        self.emit(ev.GameStarted(t=0.0, player=action.player, at=self.now))
        for index, team_id in enumerate(list(self.teams)):
            self.place(team_id, index)
            self.deal_roles(team_id)
        first = next(iter(self.teams))
        self.emit(ev.TurnPassed(t=0.0, team=first))

    def deal_roles(self, team_id: str) -> None:
        """Deal the scenario's roles between the team's phones, once: a phone joining a
        team already dealt gets none, so no one loses a clue they have read."""
        holders = phone_holders(self.state, team_id)
        if not self.rules.roles or not holders:
            return
        dealt = deal(list(self.rules.roles), holders)
        self.emit(
            ev.RolesDealt(t=self.t, team=team_id, roles=tuple((p, dealt[p]) for p in holders))
        )

    def place(self, team_id: str, index: int) -> None:
        starts = self.rules.scenario.team_starts or [self.rules.scenario.start]
        self.move(team_id, starts[index % len(starts)], None, 0)

    # --- moving and looking ----------------------------------------------------------------

    def move(self, team_id: str, scene_id: str, player: str | None, depth: int) -> None:
        scene = self.rules.scenes[scene_id]
        first = scene_id not in self.teams[team_id].visited
        self.emit(
            ev.Moved(t=self.t, player=player, team=team_id, scene=scene_id, first_visit=first)
        )
        if first and depth < MAX_CHAIN:
            self.effects(team_id, scene.on_first_visit, player, depth + 1)

    def do_go(self, action: ac.Go) -> None:
        team = self.acting_team(action)
        scene = self.rules.scenes.get(team.scene or "")
        exits = scene.exits if scene is not None else ()
        for exit_ in exits:
            if exit_.to == action.to and (exit_.when is None or holds(exit_.when, team, self.t)):
                break
        else:
            raise _Reject("no_exit")
        if self.rules.is_locked(team, exit_):
            self.blocked(team.id, action.player, exit_.locked_text, exit_.id or exit_.to)
            return
        missing = self.rules.missing_items(team, exit_)
        if missing:
            raise _Reject("missing_items", items=self.rules.item_names(missing))
        self.move(team.id, exit_.to, action.player, 0)

    def do_use(self, action: ac.Use) -> None:
        team = self.acting_team(action)
        scene = self.rules.scenes.get(team.scene or "")
        hotspots = scene.hotspots if scene is not None else ()
        for hotspot in hotspots:
            if hotspot.id == action.hotspot and (
                hotspot.when is None or holds(hotspot.when, team, self.t)
            ):
                break
        else:
            raise _Reject("not_here")
        if action.item is not None and action.item not in team.inventory:
            raise _Reject("not_carried")
        blocked = self.rules.is_locked(team, hotspot)
        text = hotspot.locked_text
        if not blocked and hotspot.needs_item and action.item != hotspot.needs_item:
            blocked = True
            if action.item:
                text = "Ça ne marche pas avec cet objet."
            elif "locked_text" not in hotspot.model_fields_set:  # else the author's words
                text = "Il manque quelque chose pour ça."
        if blocked:
            self.blocked(team.id, action.player, text, hotspot.id)
            return
        first = hotspot.id not in team.used
        self.emit(
            ev.HotspotUsed(
                t=self.t,
                player=action.player,
                team=team.id,
                hotspot=hotspot.id,
                item=action.item,
                first_time=first,
            )
        )
        if hotspot.text:
            self.say(team.id, action.player, hotspot.text)
        if first or not hotspot.once:
            self.effects(team.id, hotspot.effects, action.player, 0)
        if hotspot.puzzle and self.teams[team.id].ending is None:
            self.open(team.id, hotspot.puzzle, action.player)

    def open(self, team_id: str, puzzle_id: str, player: str | None) -> None:
        team = self.teams[team_id]
        if puzzle_id not in team.solved and puzzle_id not in team.failed:
            self.emit(ev.PuzzleOpened(t=self.t, player=player, team=team_id, puzzle=puzzle_id))
        elif self.narrate:  # the puzzle's title, only to say it
            title = self.rules.puzzle_for(puzzle_id, self.state, team_id).title
            if puzzle_id in team.solved:
                self.say(team_id, player, f"« {title} » : c'est déjà réussi !")
            else:
                self.say(team_id, player, f"« {title} » : plus d'essai possible.")

    def do_examine(self, action: ac.Examine) -> None:
        team = self.acting_team(action)
        if action.item not in team.inventory:
            raise _Reject("not_carried")
        item = self.rules.items[action.item]
        first = item.id not in team.examined
        self.emit(
            ev.ItemExamined(
                t=self.t, player=action.player, team=team.id, item=item.id, first_time=first
            )
        )
        if first:
            self.effects(team.id, item.on_examine, action.player, 0)

    def do_close(self, action: ac.Close) -> None:
        team = self.acting_team(action)
        if team.open_puzzle is None:
            raise _Reject("nothing_open")
        self.emit(
            ev.PuzzleClosed(t=self.t, player=action.player, team=team.id, puzzle=team.open_puzzle)
        )

    def do_pass_turn(self, action: ac.PassTurn) -> None:
        if self.rules.scenario.team_mode != "turns":
            raise _Reject("no_turns")
        team = self.acting_team(action)
        if team.open_puzzle:
            self.emit(
                ev.PuzzleClosed(
                    t=self.t, player=action.player, team=team.id, puzzle=team.open_puzzle
                )
            )
        self.next_turn(action.player)

    # --- puzzles ---------------------------------------------------------------------------

    def do_answer(self, action: ac.Answer) -> None:
        team = self.acting_team(action)
        if team.open_puzzle != action.puzzle:
            raise _Reject("not_open")
        puzzle = self.rules.puzzle_for(action.puzzle, self.state, team.id)
        right = is_right(puzzle, action.value)
        self.emit(
            ev.AnswerChecked(
                t=self.t,
                player=action.player,
                team=team.id,
                puzzle=puzzle.id,
                answer=ac.normalise_value(action.value),
                correct=right,
            )
        )
        if right:
            self.say(team.id, action.player, puzzle.feedback.right)
            self.solve(team.id, puzzle, action.player)
            return
        self.say(team.id, action.player, puzzle.feedback.wrong)
        wrong = self.teams[team.id].wrong.get(puzzle.id, 0)
        if puzzle.attempts is not None and wrong >= puzzle.attempts:
            self.emit(
                ev.PuzzleFailed(t=self.t, player=action.player, team=team.id, puzzle=puzzle.id)
            )
            self.emit(
                ev.PuzzleClosed(t=self.t, player=action.player, team=team.id, puzzle=puzzle.id)
            )
            self.effects(team.id, puzzle.on_fail, action.player, 0)
            self.after_challenge(team.id, action.player)

    def do_combine(self, action: ac.Combine) -> None:
        team = self.acting_team(action)
        for item in (action.first, action.second):
            if item not in team.inventory:
                raise _Reject("not_carried")
        puzzle = self.rules.combinations.get(frozenset((action.first, action.second)))
        if puzzle is None or puzzle.id in team.solved or action.first == action.second:
            self.blocked(
                team.id, action.player, "Ces deux objets ne vont pas ensemble.", action.first
            )
            return
        self.emit(ev.PuzzleOpened(t=self.t, player=action.player, team=team.id, puzzle=puzzle.id))
        self.emit(
            ev.AnswerChecked(
                t=self.t,
                player=action.player,
                team=team.id,
                puzzle=puzzle.id,
                answer=(action.first, action.second),
                correct=True,
            )
        )
        self.say(team.id, action.player, puzzle.feedback.right)
        for item in puzzle.consumed:
            self.emit(ev.ItemLost(t=self.t, player=action.player, team=team.id, item=item))
        self.solve(team.id, puzzle, action.player)

    def solve(self, team_id: str, puzzle: PuzzleBase, player: str) -> None:
        team = self.teams[team_id]
        opened = team.opened_at.get(puzzle.id, self.t)
        took_part = team.participants.get(puzzle.id, _NOBODY)
        if player != FACILITATOR and player not in took_part:
            took_part = took_part | {player}
        participants = tuple(sorted(took_part))
        solved = ev.PuzzleSolved(
            t=self.t,
            player=player,
            team=team_id,
            puzzle=puzzle.id,
            participants=participants,
            hints=team.hints.get(puzzle.id, 0),
            wrong=team.wrong.get(puzzle.id, 0),
            seconds=round(self.t - opened, 3),
        )
        self.emit(solved)
        if puzzle.points:
            self.score(team_id, puzzle.points, player)
        for rule in puzzle.skills if self.narrate else ():
            if _rule_fires(rule, solved) and behaviour_shown(rule, solved) and participants:
                self.emit(
                    ev.EvidenceRecorded(
                        t=self.t,
                        player=player,
                        team=team_id,
                        skill=rule.skill,
                        players=participants,
                        text=rule.text or _default_evidence(rule, puzzle),
                        source="game",
                        puzzle=puzzle.id,
                        rule=rule.when,
                    )
                )
        self.shared_clue(team_id, puzzle, player)
        if self.teams[team_id].open_puzzle == puzzle.id:
            self.emit(ev.PuzzleClosed(t=self.t, player=player, team=team_id, puzzle=puzzle.id))
        self.effects(team_id, puzzle.on_solve, player, 0)
        self.after_challenge(team_id, player)

    def shared_clue(self, team_id: str, puzzle: PuzzleBase, player: str) -> None:
        """A solved puzzle whose answer is in a role's clues: its holders told the team."""
        role = self.rules.roles.get(puzzle.clue.role or "") if puzzle.clue else None
        holders = holders_of(self.teams[team_id], role.id) if role else ()
        if role is None or not holders:
            return
        self.emit(
            ev.EvidenceRecorded(
                t=self.t,
                player=player,
                team=team_id,
                skill=COMMUNICATION_SKILL,
                players=holders,
                text=shared_clue_text(role.name, puzzle.title),
                source="game",
                puzzle=puzzle.id,
                rule=SHARED_CLUE_RULE,
            )
        )

    def after_challenge(self, team_id: str, player: str) -> None:
        """In ``turns`` mode, a closed challenge hands the screen to the next team."""
        if (
            self.rules.scenario.team_mode == "turns"
            and self.base.active_team == team_id
            and self.base.phase == "playing"
        ):
            self.next_turn(player)

    def do_hint(self, action: ac.Hint) -> None:
        team = self.acting_team(action)
        if team.open_puzzle != action.puzzle:
            raise _Reject("not_open")
        self.hint(team, action.puzzle, action.player, pushed=False)

    def do_push_hint(self, action: ac.PushHint) -> None:
        team = self.teams.get(action.team)
        if team is None or team.ending is not None or self.base.phase != "playing":
            raise _Reject("unknown_team")
        if action.puzzle not in self.rules.puzzles or action.puzzle in team.solved:
            raise _Reject("not_in_progress")
        self.hint(team, action.puzzle, action.player, pushed=True)

    def hint(self, team: TeamState, puzzle_id: str, player: str, *, pushed: bool) -> None:
        puzzle = self.rules.puzzle_for(puzzle_id, self.state, team.id)
        level = team.hints.get(puzzle_id, 0) + 1
        if level > len(puzzle.hints):
            self.blocked(team.id, player, "Tous les indices sont déjà affichés.", puzzle_id)
            return
        self.emit(
            ev.HintShown(
                t=self.t,
                player=player,
                team=team.id,
                puzzle=puzzle_id,
                level=level,
                text=puzzle.hints[level - 1],
                pushed=pushed,
            )
        )

    def do_skip_puzzle(self, action: ac.SkipPuzzle) -> None:
        """Why no ``PuzzleSolved``: a skipped puzzle shows no skill and earns no points; only
        its effects apply, so that the team can go on."""
        team = self.teams.get(action.team)
        if team is None or team.ending is not None or self.base.phase != "playing":
            raise _Reject("unknown_team")
        puzzle_id = action.puzzle
        if puzzle_id not in self.rules.puzzles or puzzle_id in team.solved | team.failed:
            raise _Reject("not_in_progress")
        puzzle = self.rules.puzzle_for(puzzle_id, self.state, team.id)
        self.emit(ev.PuzzleSkipped(t=self.t, player=action.player, team=team.id, puzzle=puzzle_id))
        if self.teams[team.id].open_puzzle == puzzle_id:
            self.emit(
                ev.PuzzleClosed(t=self.t, player=action.player, team=team.id, puzzle=puzzle_id)
            )
        self.effects(team.id, puzzle.on_solve, action.player, 0)
        self.after_challenge(team.id, action.player)

    def do_announce(self, action: ac.Announce) -> None:
        text = " ".join(action.text.split())
        if not text or has_invisible(text):
            raise _Reject("no_text")
        if len(text) > MAX_ANNOUNCE:
            raise _Reject("long_text", limit=MAX_ANNOUNCE)
        self.emit(ev.Announced(t=self.t, player=action.player, text=text))

    # --- skills ----------------------------------------------------------------------------

    def do_observe(self, action: ac.Observe) -> None:
        target = self.base.players.get(action.target)
        if target is None:
            raise _Reject("unknown_player")
        if not action.skill:
            raise _Reject("no_skill")
        self.emit(
            ev.EvidenceRecorded(
                t=self.t,
                player=action.player,
                team=target.team,
                skill=action.skill,
                players=(target.id,),
                text=action.note.strip()[:200],
                source="facilitator",
            )
        )

    def do_self_assess(self, action: ac.SelfAssess) -> None:
        if self.base.phase == "lobby":
            raise _Reject("not_started")
        skills = tuple(dict.fromkeys(action.skills))
        if not 1 <= len(skills) <= 3:
            raise _Reject("three_skills")
        self.emit(
            ev.SelfAssessed(
                t=self.t,
                player=action.player,
                team=_team_id(self.state, action.player),
                skills=skills,
            )
        )

    # --- effects ---------------------------------------------------------------------------

    def effects(
        self, team_id: str, effects: Sequence[fx.Effect], player: str | None, depth: int
    ) -> None:
        for effect in effects:
            if self.teams[team_id].ending is not None or self.base.phase == "ended":
                return
            self.effect(team_id, effect, player, depth)

    def effect(self, team_id: str, effect: fx.Effect, player: str | None, depth: int) -> None:
        team = self.teams[team_id]
        t = self.t
        match effect:
            case fx.Give(give=item):
                if item not in team.inventory:
                    self.emit(ev.ItemGained(t=t, player=player, team=team_id, item=item))
            case fx.Take(take=item):
                if item in team.inventory:
                    self.emit(ev.ItemLost(t=t, player=player, team=team_id, item=item))
            case fx.SetFlag(set=flag):
                if flag not in team.flags:
                    self.emit(ev.FlagSet(t=t, player=player, team=team_id, flag=flag))
            case fx.UnsetFlag(unset=flag):
                if flag in team.flags:
                    self.emit(ev.FlagUnset(t=t, player=player, team=team_id, flag=flag))
            case fx.Say(say=text):
                self.say(team_id, player, text)
            case fx.Unlock(unlock=target):
                if target not in team.unlocked:
                    self.emit(ev.Unlocked(t=t, player=player, team=team_id, target=target))
            case fx.GoTo(go=scene):
                if depth < MAX_CHAIN:
                    self.move(team_id, scene, player, depth + 1)
            case fx.AddScore(score=delta):
                self.score(team_id, delta, player)
            case fx.Evidence(evidence=spec) if self.narrate:
                credited = (
                    (player,)
                    if player in self.base.players
                    else tuple(p.id for p in self.base.players.values() if p.team == team_id)
                )
                self.emit(
                    ev.EvidenceRecorded(
                        t=t,
                        player=player,
                        team=team_id,
                        skill=spec.skill,
                        players=credited,
                        text=spec.text,
                        source="game",
                    )
                )
            case fx.Evidence():
                pass  # evidence only tells: ``Rules.advance`` leaves it out
            case fx.End(end=ending):
                self.end_team(team_id, ending, player)
            case fx.EndTurn():
                if self.rules.scenario.team_mode == "turns" and self.base.active_team == team_id:
                    self.next_turn(player)
            case _:
                assert_never(effect)

    def score(self, team_id: str, delta: int, player: str | None) -> None:
        total = self.teams[team_id].score + delta
        self.emit(ev.ScoreChanged(t=self.t, player=player, team=team_id, delta=delta, total=total))

    def end_team(self, team_id: str, ending: str, player: str | None) -> None:
        self.emit(ev.TeamEnded(t=self.t, player=player, team=team_id, ending=ending))
        if all(team.ending is not None for team in self.teams.values()):
            self.emit(ev.GameEnded(t=self.t, player=player))
        elif self.base.active_team == team_id:
            self.next_turn(player)

    def next_turn(self, player: str | None) -> None:
        order = list(self.teams)
        if not order:
            return
        start = order.index(self.base.active_team) if self.base.active_team in order else -1
        for offset in range(1, len(order) + 1):
            candidate = order[(start + offset) % len(order)]
            if self.teams[candidate].ending is None:
                if candidate != self.base.active_team or len(order) == 1:
                    self.emit(ev.TurnPassed(t=self.t, player=player, team=candidate))
                return


#: the handler of each action, by its key: ``_Step.do_<key>``
_HANDLERS: dict[str, Callable[[_Step, ac.Action], None]] = {
    key: getattr(_Step, "do_" + key) for key in ac.ACTION_TYPES
}


def _rule_fires(rule: EvidenceRule, solved: ev.PuzzleSolved) -> bool:
    match rule.when:
        case "solved":
            return True
        case "no_hint":
            return solved.hints == 0
        case "first_try":
            return solved.wrong == 0
        case "fast":
            return solved.seconds <= (rule.seconds or DEFAULT_FAST_SECONDS)
        case "together":
            return len(solved.participants) >= rule.players
    return False  # pragma: no cover


def _default_evidence(rule: EvidenceRule, puzzle: PuzzleBase) -> str:
    base = f"A participé à « {puzzle.title} »"
    return {
        "solved": f"{base}, réussi",
        "no_hint": f"{base}, réussi sans indice",
        "first_try": f"{base}, réussi du premier coup",
        "fast": f"{base}, réussi rapidement",
        "together": f"{base}, réussi à plusieurs",
    }[rule.when]


def has_invisible(text: str) -> bool:
    """Control and formatting characters (right-to-left marks and overrides among them):
    `Lina` followed by U+202E and `abS` shows as `LinaSba`, a name passing for another."""
    return any(unicodedata.category(c) in ("Cc", "Cf") for c in text)
