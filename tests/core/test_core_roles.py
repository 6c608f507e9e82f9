"""Roles in the functional core: dealt by the rules between the players who joined from a
phone, recorded as ``roles_dealt``, re-derived by a replay; a solved puzzle that needs a
role's clue credits that role's holders, and only them, with evidence of communication."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.apply import replay
from engine.core.roles import COMMUNICATION_SKILL, SHARED_CLUE_RULE, deal
from engine.core.rules import Rules
from engine.core.state import FACILITATOR, GameState, from_json, to_json
from engine.load.check import load_scenario
from facilitator.summaries.card import build_card
from facilitator.summaries.evidence import compute_evidence

DATA = Path(__file__).parents[1] / "lint" / "data"
SHARED = "A partagé son indice de rôle (L'archiviste) pour résoudre « Le cadenas »"


def rules_of(tmp_path: Path, change: tuple[str, str] | None = None) -> Rules:
    text = (DATA / "roles_ok.yaml").read_text(encoding="utf-8")
    if change is not None:
        assert change[0] in text
        text = text.replace(*change)
    path = tmp_path / "roles.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is not None, loaded.diagnostics
    return Rules(loaded.scenario)


class Game:
    """A game driven through the rules, keeping its whole log."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.state: GameState = rules.new_game()
        self.log: list[ev.Event] = []
        self.now = 0.0

    def act(self, action: ac.Action) -> list[ev.Event]:
        self.now += 10
        self.state, events = self.rules.step(self.state, action, self.now)
        self.log += events
        return events

    def join(self, player: str, *, phone: bool) -> list[ev.Event]:
        return self.act(ac.Join(player=player, pseudonym=player.upper(), phone=phone))

    def start(self) -> list[ev.Event]:
        return self.act(ac.Start(player=FACILITATOR))

    def roles(self) -> dict[str, tuple[str, ...]]:
        return self.state.teams["equipe"].roles

    def padlock(self, player: str, code: str) -> list[ev.Event]:
        """``player`` opens the padlock and tries ``code``."""
        self.act(ac.Use(player=player, hotspot="casier"))
        return self.act(ac.Answer(player=player, puzzle="cadenas", value=code))


def started(rules: Rules, *phones: bool) -> Game:
    """A started game: p1, p2… joined, ``phones[i]`` saying whether p<i+1> has a phone."""
    game = Game(rules)
    for n, phone in enumerate(phones, 1):
        game.join(f"p{n}", phone=phone)
    game.start()
    return game


def dealt(events: list[ev.Event]) -> list[ev.RolesDealt]:
    return [e for e in events if isinstance(e, ev.RolesDealt)]


def shared(events: list[ev.Event]) -> list[ev.EvidenceRecorded]:
    return [e for e in events if isinstance(e, ev.EvidenceRecorded) and e.rule == SHARED_CLUE_RULE]


def test_deal_gives_roles_in_turn_and_merges_them_when_holders_are_fewer() -> None:
    assert deal(["a", "b", "c"], ["p1", "p2", "p3", "p4"]) == {
        "p1": ("a",),
        "p2": ("b",),
        "p3": ("c",),
        "p4": (),
    }
    assert deal(["a", "b", "c"], ["p1", "p2"]) == {"p1": ("a", "c"), "p2": ("b",)}
    assert deal(["a", "b"], ["p1"]) == {"p1": ("a", "b")}
    assert deal(["a"], []) == {}


def test_the_start_deals_the_roles_between_the_phones_only_and_records_it(
    tmp_path: Path,
) -> None:
    game = Game(rules_of(tmp_path))
    game.join("p1", phone=True)
    game.join("p2", phone=False)  # plays on the projector: a clue there is read by everyone
    game.join("p3", phone=True)
    [event] = dealt(game.start())
    assert (event.team, event.player) == ("equipe", None)
    assert event.roles == (("p1", ("archiviste",)), ("p3", ("livreur",)))
    assert game.roles() == {"p1": ("archiviste",), "p3": ("livreur",)}
    assert game.state.players["p1"].phone and not game.state.players["p2"].phone


def test_one_phone_holds_every_role_and_no_phone_deals_nothing(tmp_path: Path) -> None:
    rules = rules_of(tmp_path)
    alone = started(rules, True, False)
    assert alone.roles() == {"p1": ("archiviste", "livreur")}  # no clue is lost
    keyboard = Game(rules)
    keyboard.join("p1", phone=False)
    assert dealt(keyboard.start()) == []
    assert keyboard.roles() == {}


def test_a_replay_and_a_resumed_state_give_the_same_dealing(tmp_path: Path) -> None:
    rules = rules_of(tmp_path)
    game = started(rules, True, False, True, True)
    again = replay(rules.new_game(), [ev.event_from_dict(e.to_dict()) for e in game.log])
    assert (
        again.teams["equipe"].roles
        == game.roles()
        == {"p1": ("archiviste",), "p3": ("livreur",), "p4": ()}
    )
    assert from_json(to_json(game.state)) == game.state
    # the same joins give the same dealing: nothing depends on time or chance
    other = started(rules, True, False, True, True)
    assert dealt(other.log) == dealt(game.log)


def test_a_late_phone_keeps_the_dealing_and_a_first_phone_after_the_start_gets_every_role(
    tmp_path: Path,
) -> None:
    game = Game(rules_of(tmp_path))
    game.join("p1", phone=False)
    assert dealt(game.start()) == []
    [event] = dealt(game.join("p2", phone=True))  # the team's first phone, joining late
    assert event.roles == (("p2", ("archiviste", "livreur")),)
    assert dealt(game.join("p3", phone=True)) == []  # p2 keeps what it has read
    assert game.roles() == {"p2": ("archiviste", "livreur")}


def test_solving_a_puzzle_that_needs_a_role_credits_only_that_roles_holder(
    tmp_path: Path,
) -> None:
    game = started(rules_of(tmp_path), True, True, False)
    [evidence] = shared(game.padlock("p2", "4821"))
    assert evidence.players == ("p1",)  # the archivist; not the livreur, not the solver
    assert (evidence.skill, evidence.source, evidence.puzzle) == (
        COMMUNICATION_SKILL,
        "game",
        "cadenas",
    )
    assert evidence.text == SHARED
    assert evidence.player == "p2"  # who acted: the record stays exact about it


def test_a_failed_puzzle_or_a_game_without_phones_gives_no_such_evidence(
    tmp_path: Path,
) -> None:
    rules = rules_of(tmp_path, ('answer: "4821"', 'answer: "4821"\n    attempts: 1'))
    game = started(rules, True, True)
    events = game.padlock("p2", "1234")
    assert any(isinstance(e, ev.PuzzleFailed) for e in events)
    assert shared(game.log) == []
    keyboard = started(rules, False)
    solved = keyboard.padlock("p1", "4821")
    assert any(isinstance(e, ev.PuzzleSolved) for e in solved)
    assert shared(keyboard.log) == []  # nobody held the role: nobody shared it


def test_the_holders_card_shows_the_shared_clue(tmp_path: Path) -> None:
    rules = rules_of(tmp_path)
    game = started(rules, True, True)
    game.padlock("p2", "4821")
    evidence = compute_evidence(game.log, rules.scenario)
    [skill] = evidence["p1"].skills
    assert (skill.skill, skill.level, skill.for_player.text) == ("equipe", 1, SHARED)
    assert [s.skill for s in evidence["p2"].skills] == []
    card = build_card(
        evidence["p1"],
        token="t" * 32,
        short_code="ABCD2345",
        scenario_title=rules.scenario.title,
        day=date(2026, 12, 4),
        jobs=[],
    )
    [line] = card.skills
    assert (line.label, line.evidence) == ("Travailler en équipe", SHARED)
