"""The reducer: ``apply(state, event) -> state``. Everything that changes state lives here.

Like h11's state table, this is the one place to read to know what an event does. It needs no
scenario: events carry what they change. Replaying a stored log is ``fold(apply, events)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from engine.core import events as ev
from engine.core.state import Clock, GameState, Player, TeamState
from engine.core.state import evolve as replace


def apply(state: GameState, event: ev.Event) -> GameState:
    change = TEAM_CHANGES.get(type(event))
    if change is not None:  # most events change one team: the team's handler, then the state
        team_id = event.team
        team = state.teams.get(team_id) if team_id is not None else None
        if team is None:
            return state
        changed = change(team, event)
        if changed is team:
            return state
        return replace(state, teams={**state.teams, team_id: changed})
    handler = _HANDLERS.get(type(event))
    return handler(state, event) if handler else state


def replay(state: GameState, events: Iterable[ev.Event]) -> GameState:
    for event in events:
        state = apply(state, event)
    return state


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


def _roles_dealt(t: TeamState, e: ev.RolesDealt) -> TeamState:
    return replace(t, roles={p: tuple(r) for p, r in e.roles})


def _started(state: GameState, e: ev.GameStarted) -> GameState:
    return replace(state, phase="playing", clock=replace(state.clock, started_at=e.at))


def _moved(t: TeamState, e: ev.Moved) -> TeamState:
    return replace(t, scene=e.scene, visited=t.visited | {e.scene}, open_puzzle=None)


def _hotspot(t: TeamState, e: ev.HotspotUsed) -> TeamState:
    return replace(t, used=t.used | {e.hotspot})


def _gained(t: TeamState, e: ev.ItemGained) -> TeamState:
    return t if e.item in t.inventory else replace(t, inventory=(*t.inventory, e.item))


def _lost(t: TeamState, e: ev.ItemLost) -> TeamState:
    return replace(t, inventory=tuple(i for i in t.inventory if i != e.item))


def _examined(t: TeamState, e: ev.ItemExamined) -> TeamState:
    return replace(t, examined=t.examined | {e.item})


def _flag(t: TeamState, e: ev.FlagSet) -> TeamState:
    return replace(t, flags=t.flags | {e.flag})


def _unflag(t: TeamState, e: ev.FlagUnset) -> TeamState:
    return replace(t, flags=t.flags - {e.flag})


def _unlocked(t: TeamState, e: ev.Unlocked) -> TeamState:
    return replace(t, unlocked=t.unlocked | {e.target})


def _opened(t: TeamState, e: ev.PuzzleOpened) -> TeamState:
    opened_at = t.opened_at if e.puzzle in t.opened_at else {**t.opened_at, e.puzzle: e.t}
    return replace(
        t,
        open_puzzle=e.puzzle,
        opened_at=opened_at,
        participants=_touch(t, e.puzzle, e.player),
    )


def _closed(t: TeamState, e: ev.PuzzleClosed) -> TeamState:
    return replace(t, open_puzzle=None) if t.open_puzzle == e.puzzle else t


def _checked(t: TeamState, e: ev.AnswerChecked) -> TeamState:
    participants = _touch(t, e.puzzle, e.player)
    if e.correct:  # right, from a player already taking part (the usual case): no change
        return t if participants is t.participants else replace(t, participants=participants)
    wrong = {**t.wrong, e.puzzle: t.wrong.get(e.puzzle, 0) + 1}
    return replace(t, wrong=wrong, participants=participants)


def _solved(t: TeamState, e: ev.PuzzleSolved) -> TeamState:
    return replace(t, solved=t.solved | {e.puzzle}, participants=_touch(t, e.puzzle, e.player))


def _skipped(t: TeamState, e: ev.PuzzleSkipped) -> TeamState:
    """Counted as done for conditions and progress; never touches participants."""
    return replace(t, solved=t.solved | {e.puzzle})


def _failed(t: TeamState, e: ev.PuzzleFailed) -> TeamState:
    return replace(t, failed=t.failed | {e.puzzle})


def _hint(t: TeamState, e: ev.HintShown) -> TeamState:
    hints = {**t.hints, e.puzzle: max(t.hints.get(e.puzzle, 0), e.level)}
    who = None if e.pushed else e.player
    return replace(t, hints=hints, participants=_touch(t, e.puzzle, who))


def _score(t: TeamState, e: ev.ScoreChanged) -> TeamState:
    return replace(t, score=e.total)


def _turn(state: GameState, e: ev.TurnPassed) -> GameState:
    return replace(state, active_team=e.team)


def _team_ended(t: TeamState, e: ev.TeamEnded) -> TeamState:
    return replace(t, ending=e.ending, open_puzzle=None)


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


#: Events that change one team (``event.team``): team -> team. ``apply`` builds the game
#: state around the new team; a step of the rules (``engine.core.rules``), which changes its
#: team several times, calls them on its own copy of the teams and builds the state once.
TEAM_CHANGES: Mapping[type[ev.Event], Callable[[TeamState, ev.Event], TeamState]] = {
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
    ev.TeamEnded: _team_ended,  # type: ignore[dict-item]
}

#: Events that change the game as a whole: state -> state.
_HANDLERS: dict[type[ev.Event], Callable[[GameState, ev.Event], GameState]] = {
    ev.PlayerJoined: _joined,  # type: ignore[dict-item]
    ev.GameStarted: _started,  # type: ignore[dict-item]
    ev.TurnPassed: _turn,  # type: ignore[dict-item]
    ev.GameEnded: _game_ended,  # type: ignore[dict-item]
    ev.TimedEventFired: _fired,  # type: ignore[dict-item]
    ev.Paused: _paused,  # type: ignore[dict-item]
    ev.Resumed: _resumed,  # type: ignore[dict-item]
    ev.TimeAdjusted: _adjusted,  # type: ignore[dict-item]
    ev.SelfAssessed: _self,  # type: ignore[dict-item]
}
