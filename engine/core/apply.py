"""The reducer: ``apply(state, event) -> state``. Everything that changes state lives here.

Like h11's state table, this is the one place to read to know what an event does. It needs no
scenario: events carry what they change. Replaying a stored log is ``fold(apply, events)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from engine.core import events as ev
from engine.core.state import Clock, GameState, Player, TeamFields, TeamState, fields_of, team_from
from engine.core.state import evolve as replace


def apply(state: GameState, event: ev.Event) -> GameState:
    change = TEAM_CHANGES.get(type(event))
    if change is not None:  # most events change one team: its handler on a new team's fields
        team_id = event.team
        team = state.teams.get(team_id) if team_id is not None else None
        if team is None:
            return state
        fields = fields_of(team)
        change(fields, event)
        return replace(state, teams={**state.teams, team_id: team_from(fields)})
    handler = _HANDLERS.get(type(event))
    return handler(state, event) if handler else state


def replay(state: GameState, events: Iterable[ev.Event]) -> GameState:
    for event in events:
        state = apply(state, event)
    return state


_NOBODY: frozenset[str] = frozenset()


def _touch(t: TeamFields, puzzle: str, player: str | None) -> None:
    """Record that ``player`` took part in ``puzzle`` (for team evidence)."""
    if player is None:
        return
    current = t["participants"].get(puzzle, _NOBODY)
    if player not in current:
        t["participants"] = {**t["participants"], puzzle: current | {player}}


def _joined(state: GameState, e: ev.PlayerJoined) -> GameState:
    assert e.player is not None and e.team is not None
    teams = dict(state.teams)
    if e.team not in teams:
        teams[e.team] = TeamState(id=e.team, name=e.team_name)
    player = Player(e.player, e.pseudonym, e.team, e.colour, e.avatar, e.phone)
    players = {**state.players, e.player: player}
    active = state.active_team if state.active_team is not None else e.team
    return replace(state, players=players, teams=teams, active_team=active)


def _started(state: GameState, e: ev.GameStarted) -> GameState:
    return replace(state, phase="playing", clock=replace(state.clock, started_at=e.at))


def _turn(state: GameState, e: ev.TurnPassed) -> GameState:
    return replace(state, active_team=e.team)


# --- the team's handlers: each changes the fields of a new team (never a value in them) ------


def _roles_dealt(t: TeamFields, e: ev.RolesDealt) -> None:
    t["roles"] = {p: tuple(r) for p, r in e.roles}


def _moved(t: TeamFields, e: ev.Moved) -> None:
    t["scene"] = e.scene
    t["visited"] = t["visited"] | {e.scene}
    t["open_puzzle"] = None


def _hotspot(t: TeamFields, e: ev.HotspotUsed) -> None:
    t["used"] = t["used"] | {e.hotspot}


def _gained(t: TeamFields, e: ev.ItemGained) -> None:
    if e.item not in t["inventory"]:
        t["inventory"] = (*t["inventory"], e.item)


def _lost(t: TeamFields, e: ev.ItemLost) -> None:
    t["inventory"] = tuple(i for i in t["inventory"] if i != e.item)


def _examined(t: TeamFields, e: ev.ItemExamined) -> None:
    t["examined"] = t["examined"] | {e.item}


def _flag(t: TeamFields, e: ev.FlagSet) -> None:
    t["flags"] = t["flags"] | {e.flag}


def _unflag(t: TeamFields, e: ev.FlagUnset) -> None:
    t["flags"] = t["flags"] - {e.flag}


def _unlocked(t: TeamFields, e: ev.Unlocked) -> None:
    t["unlocked"] = t["unlocked"] | {e.target}


def _opened(t: TeamFields, e: ev.PuzzleOpened) -> None:
    if e.puzzle not in t["opened_at"]:
        t["opened_at"] = {**t["opened_at"], e.puzzle: e.t}
    t["open_puzzle"] = e.puzzle
    _touch(t, e.puzzle, e.player)


def _closed(t: TeamFields, e: ev.PuzzleClosed) -> None:
    if t["open_puzzle"] == e.puzzle:
        t["open_puzzle"] = None


def _checked(t: TeamFields, e: ev.AnswerChecked) -> None:
    if not e.correct:
        t["wrong"] = {**t["wrong"], e.puzzle: t["wrong"].get(e.puzzle, 0) + 1}
    _touch(t, e.puzzle, e.player)


def _solved(t: TeamFields, e: ev.PuzzleSolved) -> None:
    t["solved"] = t["solved"] | {e.puzzle}
    _touch(t, e.puzzle, e.player)


def _skipped(t: TeamFields, e: ev.PuzzleSkipped) -> None:
    """Counted as done for conditions and progress; never touches participants."""
    t["solved"] = t["solved"] | {e.puzzle}


def _failed(t: TeamFields, e: ev.PuzzleFailed) -> None:
    t["failed"] = t["failed"] | {e.puzzle}


def _hint(t: TeamFields, e: ev.HintShown) -> None:
    t["hints"] = {**t["hints"], e.puzzle: max(t["hints"].get(e.puzzle, 0), e.level)}
    _touch(t, e.puzzle, None if e.pushed else e.player)


def _score(t: TeamFields, e: ev.ScoreChanged) -> None:
    t["score"] = e.total


def _team_ended(t: TeamFields, e: ev.TeamEnded) -> None:
    t["ending"] = e.ending
    t["open_puzzle"] = None


# --- the game's handlers -----------------------------------------------------------------------


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


#: Events that change one team (``event.team``): each handler changes the fields of a new
#: team, copied from the old one. ``apply`` copies the team for the one event; a step of the
#: rules (``engine.core.rules``), which changes a team several times, copies it once and
#: builds the game state once.
TEAM_CHANGES: Mapping[type[ev.Event], Callable[[TeamFields, ev.Event], None]] = {
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
