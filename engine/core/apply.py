"""The reducer: ``apply(state, event) -> state``. Everything that changes state lives here.

Like h11's state table, this is the one place to read to know what an event does. It needs no
scenario: events carry what they change. Replaying a stored log is ``fold(apply, events)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from engine.core import events as ev
from engine.core.state import Clock, GameState, Player, TeamState
from engine.core.state import evolve as replace


def apply(state: GameState, event: ev.Event) -> GameState:
    handler = _HANDLERS.get(type(event))
    return handler(state, event) if handler else state


def replay(state: GameState, events: Iterable[ev.Event]) -> GameState:
    for event in events:
        state = apply(state, event)
    return state


def _team(state: GameState, event: ev.Event, change: Callable[[TeamState], TeamState]) -> GameState:
    team_id = event.team
    team = state.teams.get(team_id) if team_id is not None else None
    if team is None:
        return state
    return replace(state, teams={**state.teams, team_id: change(team)})


def _touch(team: TeamState, puzzle: str, player: str | None) -> dict[str, frozenset[str]]:
    """Record that ``player`` took part in ``puzzle`` (for team evidence)."""
    if player is None:
        return team.participants
    current = team.participants.get(puzzle, frozenset())
    if player in current:
        return team.participants
    return {**team.participants, puzzle: current | {player}}


def _joined(state: GameState, e: ev.PlayerJoined) -> GameState:
    assert e.player is not None and e.team is not None
    teams = dict(state.teams)
    if e.team not in teams:
        teams[e.team] = TeamState(id=e.team, name=e.team_name)
    player = Player(e.player, e.pseudonym, e.team, e.colour, e.avatar, e.phone)
    players = {**state.players, e.player: player}
    active = state.active_team if state.active_team is not None else e.team
    return replace(state, players=players, teams=teams, active_team=active)


def _roles_dealt(state: GameState, e: ev.RolesDealt) -> GameState:
    return _team(state, e, lambda t: replace(t, roles={p: tuple(r) for p, r in e.roles}))


def _started(state: GameState, e: ev.GameStarted) -> GameState:
    return replace(state, phase="playing", clock=replace(state.clock, started_at=e.at))


def _moved(state: GameState, e: ev.Moved) -> GameState:
    return _team(
        state,
        e,
        lambda t: replace(t, scene=e.scene, visited=t.visited | {e.scene}, open_puzzle=None),
    )


def _hotspot(state: GameState, e: ev.HotspotUsed) -> GameState:
    return _team(state, e, lambda t: replace(t, used=t.used | {e.hotspot}))


def _gained(state: GameState, e: ev.ItemGained) -> GameState:
    def change(t: TeamState) -> TeamState:
        return t if e.item in t.inventory else replace(t, inventory=(*t.inventory, e.item))

    return _team(state, e, change)


def _lost(state: GameState, e: ev.ItemLost) -> GameState:
    return _team(
        state, e, lambda t: replace(t, inventory=tuple(i for i in t.inventory if i != e.item))
    )


def _examined(state: GameState, e: ev.ItemExamined) -> GameState:
    return _team(state, e, lambda t: replace(t, examined=t.examined | {e.item}))


def _flag(state: GameState, e: ev.FlagSet) -> GameState:
    return _team(state, e, lambda t: replace(t, flags=t.flags | {e.flag}))


def _unflag(state: GameState, e: ev.FlagUnset) -> GameState:
    return _team(state, e, lambda t: replace(t, flags=t.flags - {e.flag}))


def _unlocked(state: GameState, e: ev.Unlocked) -> GameState:
    return _team(state, e, lambda t: replace(t, unlocked=t.unlocked | {e.target}))


def _opened(state: GameState, e: ev.PuzzleOpened) -> GameState:
    def change(t: TeamState) -> TeamState:
        opened_at = t.opened_at if e.puzzle in t.opened_at else {**t.opened_at, e.puzzle: e.t}
        return replace(
            t,
            open_puzzle=e.puzzle,
            opened_at=opened_at,
            participants=_touch(t, e.puzzle, e.player),
        )

    return _team(state, e, change)


def _closed(state: GameState, e: ev.PuzzleClosed) -> GameState:
    return _team(
        state, e, lambda t: replace(t, open_puzzle=None) if t.open_puzzle == e.puzzle else t
    )


def _checked(state: GameState, e: ev.AnswerChecked) -> GameState:
    def change(t: TeamState) -> TeamState:
        wrong = t.wrong if e.correct else {**t.wrong, e.puzzle: t.wrong.get(e.puzzle, 0) + 1}
        return replace(t, wrong=wrong, participants=_touch(t, e.puzzle, e.player))

    return _team(state, e, change)


def _solved(state: GameState, e: ev.PuzzleSolved) -> GameState:
    return _team(
        state,
        e,
        lambda t: replace(
            t, solved=t.solved | {e.puzzle}, participants=_touch(t, e.puzzle, e.player)
        ),
    )


def _skipped(state: GameState, e: ev.PuzzleSkipped) -> GameState:
    """Counted as done for conditions and progress; never touches participants."""
    return _team(state, e, lambda t: replace(t, solved=t.solved | {e.puzzle}))


def _failed(state: GameState, e: ev.PuzzleFailed) -> GameState:
    return _team(state, e, lambda t: replace(t, failed=t.failed | {e.puzzle}))


def _hint(state: GameState, e: ev.HintShown) -> GameState:
    def change(t: TeamState) -> TeamState:
        hints = {**t.hints, e.puzzle: max(t.hints.get(e.puzzle, 0), e.level)}
        who = None if e.pushed else e.player
        return replace(t, hints=hints, participants=_touch(t, e.puzzle, who))

    return _team(state, e, change)


def _score(state: GameState, e: ev.ScoreChanged) -> GameState:
    return _team(state, e, lambda t: replace(t, score=e.total))


def _turn(state: GameState, e: ev.TurnPassed) -> GameState:
    return replace(state, active_team=e.team)


def _team_ended(state: GameState, e: ev.TeamEnded) -> GameState:
    return _team(state, e, lambda t: replace(t, ending=e.ending, open_puzzle=None))


def _game_ended(state: GameState, e: ev.GameEnded) -> GameState:
    clock = state.clock
    if clock.paused_at is None and clock.started_at is not None:
        clock = replace(clock, paused_at=clock.started_at + clock.paused_total + e.t)
    return replace(state, phase="ended", clock=clock)


def _fired(state: GameState, e: ev.TimedEventFired) -> GameState:
    return replace(state, fired=state.fired | {e.timed_event})


def _paused(state: GameState, e: ev.Paused) -> GameState:
    return replace(state, clock=replace(state.clock, paused_at=e.at))


def _resumed(state: GameState, e: ev.Resumed) -> GameState:
    c = state.clock
    if c.paused_at is None:
        return state
    return replace(
        state, clock=Clock(c.started_at, None, c.paused_total + e.at - c.paused_at, c.extra_seconds)
    )


def _adjusted(state: GameState, e: ev.TimeAdjusted) -> GameState:
    return replace(
        state, clock=replace(state.clock, extra_seconds=state.clock.extra_seconds + e.seconds)
    )


def _self(state: GameState, e: ev.SelfAssessed) -> GameState:
    if e.player is None:
        return state
    return replace(state, self_assessed={**state.self_assessed, e.player: e.skills})


_HANDLERS: dict[type[ev.Event], Callable[[GameState, ev.Event], GameState]] = {
    ev.PlayerJoined: _joined,  # type: ignore[dict-item]
    ev.GameStarted: _started,  # type: ignore[dict-item]
    ev.RolesDealt: _roles_dealt,  # type: ignore[dict-item]
    ev.Moved: _moved,  # type: ignore[dict-item]
    ev.HotspotUsed: _hotspot,  # type: ignore[dict-item]
    ev.ItemGained: _gained,  # type: ignore[dict-item]
    ev.ItemLost: _lost,  # type: ignore[dict-item]
    ev.ItemExamined: _examined,  # type: ignore[dict-item]
    ev.FlagSet: _flag,  # type: ignore[dict-item]
    ev.FlagUnset: _unflag,  # type: ignore[dict-item]
    ev.Unlocked: _unlocked,  # type: ignore[dict-item]
    ev.PuzzleOpened: _opened,  # type: ignore[dict-item]
    ev.PuzzleClosed: _closed,  # type: ignore[dict-item]
    ev.AnswerChecked: _checked,  # type: ignore[dict-item]
    ev.PuzzleSolved: _solved,  # type: ignore[dict-item]
    ev.PuzzleSkipped: _skipped,  # type: ignore[dict-item]
    ev.PuzzleFailed: _failed,  # type: ignore[dict-item]
    ev.HintShown: _hint,  # type: ignore[dict-item]
    ev.ScoreChanged: _score,  # type: ignore[dict-item]
    ev.TurnPassed: _turn,  # type: ignore[dict-item]
    ev.TeamEnded: _team_ended,  # type: ignore[dict-item]
    ev.GameEnded: _game_ended,  # type: ignore[dict-item]
    ev.TimedEventFired: _fired,  # type: ignore[dict-item]
    ev.Paused: _paused,  # type: ignore[dict-item]
    ev.Resumed: _resumed,  # type: ignore[dict-item]
    ev.TimeAdjusted: _adjusted,  # type: ignore[dict-item]
    ev.SelfAssessed: _self,  # type: ignore[dict-item]
}
