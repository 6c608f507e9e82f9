"""The rules of the pure core, on small scenarios written as YAML strings.

Each test plays real actions through ``Rules.step`` and looks at the events and the state:
effects, conditions, answer checking of every puzzle type, attempts, hints, turns, the clock,
the facilitator's actions and rejections (French reasons, never an exception).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.answers import french_number, is_right, normalise_text, right_answer
from engine.core.conditions import holds
from engine.core.rules import Rules
from engine.core.state import CLOCK, FACILITATOR, GameState, TeamState
from engine.format.conditions import Condition
from engine.load.check import load_scenario
from engine.locale import refusal_text

HEADER = """
format: 1
id: test
title: "Test"
kind: escape
duration_minutes: 30
players: {min: 1, max: 6}
"""

ENDINGS = """
endings:
  - {id: gagne, title: "Gagné", text: "Bravo."}
  - {id: perdu, title: "Perdu", text: "Dommage.", success: false}
"""

HINTS = 'hints: ["Un.", "Deux.", "Trois."]'


def rules_of(tmp_path: Path, body: str, header: str = HEADER) -> Rules:
    """Load a scenario written in YAML through the real loader; it must be valid."""
    path = tmp_path / "scenario.yaml"
    path.write_text(header + body + ENDINGS, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    assert loaded.scenario is not None
    return Rules(loaded.scenario)


class Game:
    """A game driven through ``Rules.step``, with a clock the test moves by hand."""

    def __init__(
        self, rules: Rules, players: Sequence[tuple[str, str]] = (("p1", "equipe"),)
    ) -> None:
        self.rules = rules
        self.state: GameState = rules.new_game()
        self.now = 1000.0
        self.log: list[ev.Event] = []
        for player, team in players:
            self.do(ac.Join(player=player, pseudonym=player.upper(), team=team))

    def do(self, action: ac.Action, after: float = 0.0) -> list[ev.Event]:
        self.now += after
        self.state, events = self.rules.step(self.state, action, self.now)
        self.log += events
        return events

    def start(self) -> list[ev.Event]:
        return self.do(ac.Start(player=FACILITATOR))

    def team(self, team: str = "equipe") -> TeamState:
        return self.state.teams[team]


def kinds(events: Sequence[ev.Event]) -> list[str]:
    return [e.kind for e in events]


def only(events: Sequence[ev.Event], cls: type[ev.Event]) -> list[Any]:
    return [e for e in events if isinstance(e, cls)]


def rejected(events: Sequence[ev.Event]) -> ev.Rejected:
    found = only(events, ev.Rejected)
    assert len(found) == 1, kinds(events)
    reason: ev.Rejected = found[0]
    text = refusal_text(reason)
    assert text and text[0].isupper() and not reason.reason, "new refusals are codes"
    return reason


# --- effects ---------------------------------------------------------------------------------

EFFECTS = """
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    on_first_visit:
      - say: "Bienvenue."
    hotspots:
      - {id: donner, label: "Donner", effects: [{give: cle}]}
      - {id: reprendre, label: "Reprendre", effects: [{take: cle}]}
      - {id: marquer, label: "Marquer", effects: [{set: vu}]}
      - {id: effacer, label: "Effacer", effects: [{unset: vu}]}
      - {id: ouvrir, label: "Ouvrir", effects: [{unlock: grille}]}
      - {id: points, label: "Points", once: false, effects: [{score: 7}]}
      - {id: preuve, label: "Preuve", effects: [{evidence: {skill: curiosite, text: "A fouillé"}}]}
      - {id: partir, label: "Partir", effects: [{go: jardin}]}
    exits:
      - {to: jardin, id: grille, locked: true, locked_text: "La grille est fermée."}
  - id: jardin
    title: "Jardin"
    text: "Le jardin."
    on_first_visit:
      - say: "Il fait beau."
    hotspots:
      - {id: finir, label: "Finir", effects: [{end: gagne}, {say: "Jamais dit."}]}
items:
  - {id: cle, name: "Clé", description: "Une clé.", on_examine: [{say: "Elle est dorée."}]}
"""


def test_every_effect(tmp_path: Path) -> None:
    game = Game(rules_of(tmp_path, EFFECTS))
    start = game.start()
    assert ev.Said(t=0.0, team="equipe", text="Bienvenue.") in start
    assert game.team().scene == "hall" and game.team().visited == {"hall"}

    game.do(ac.Use(player="p1", hotspot="donner"))
    assert game.team().inventory == ("cle",)
    examined = game.do(ac.Examine(player="p1", item="cle"))
    assert only(examined, ev.Said)[0].text == "Elle est dorée."
    assert only(game.do(ac.Examine(player="p1", item="cle")), ev.Said) == [], "on_examine runs once"
    game.do(ac.Use(player="p1", hotspot="reprendre"))
    assert game.team().inventory == ()

    game.do(ac.Use(player="p1", hotspot="marquer"))
    assert "vu" in game.team().flags
    game.do(ac.Use(player="p1", hotspot="effacer"))
    assert "vu" not in game.team().flags

    blocked = game.do(ac.Go(player="p1", to="jardin"))
    assert only(blocked, ev.Blocked)[0].text == "La grille est fermée."
    game.do(ac.Use(player="p1", hotspot="ouvrir"))
    assert "grille" in game.team().unlocked

    game.do(ac.Use(player="p1", hotspot="points"))
    scored = game.do(ac.Use(player="p1", hotspot="points"))
    assert only(scored, ev.ScoreChanged)[0].total == 14, "once: false runs the effects again"

    proof = only(game.do(ac.Use(player="p1", hotspot="preuve")), ev.EvidenceRecorded)[0]
    assert (proof.skill, proof.players, proof.source) == ("curiosite", ("p1",), "game")

    moved = game.do(ac.Use(player="p1", hotspot="partir"))
    assert only(moved, ev.Moved)[0].scene == "jardin"
    assert "Il fait beau." in [e.text for e in only(moved, ev.Said)]

    ended = game.do(ac.Use(player="p1", hotspot="finir"))
    assert kinds(ended)[-2:] == ["team_ended", "game_ended"]
    assert "Jamais dit." not in [e.text for e in only(ended, ev.Said)], "effects stop at the end"
    assert game.state.phase == "ended" and game.team().ending == "gagne"
    assert rejected(game.do(ac.Use(player="p1", hotspot="finir"))).code == "game_over"


def test_effects_that_change_nothing_emit_nothing(tmp_path: Path) -> None:
    game = Game(rules_of(tmp_path, EFFECTS))
    game.start()
    assert only(game.do(ac.Use(player="p1", hotspot="reprendre")), ev.ItemLost) == []
    assert only(game.do(ac.Use(player="p1", hotspot="effacer")), ev.FlagUnset) == []


# --- conditions ------------------------------------------------------------------------------


def condition(text: str) -> Condition:
    from pydantic import TypeAdapter

    from engine.load.yaml_source import parse_text

    data = parse_text(f"c: {text}\n".encode(), "test").data["c"]
    result: Condition = TypeAdapter(Condition).validate_python(data)
    return result


TEAM = TeamState(
    id="t",
    name="T",
    inventory=("cle",),
    flags=frozenset({"vu"}),
    solved=frozenset({"p1"}),
    failed=frozenset({"p2"}),
    visited=frozenset({"hall"}),
    score=10,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{has: cle}", True),
        ("{has: pomme}", False),
        ("{flag: vu}", True),
        ("{flag: autre}", False),
        ("{solved: p1}", True),
        ("{solved: p2}", False),
        ("{failed: p2}", True),
        ("{failed: p1}", False),
        ("{visited: hall}", True),
        ("{visited: cave}", False),
        ("{score_at_least: 10}", True),
        ("{score_at_least: 11}", False),
        ("{after_minutes: 2}", True),
        ("{after_minutes: 2.5}", False),
        ("{all: [{has: cle}, {flag: vu}]}", True),
        ("{all: [{has: cle}, {flag: autre}]}", False),
        ("{any: [{has: pomme}, {flag: vu}]}", True),
        ("{any: [{has: pomme}, {flag: autre}]}", False),
        ("{not: {has: pomme}}", True),
        ("{not: {all: [{has: cle}, {not: {flag: autre}}]}}", False),
    ],
)
def test_every_condition(text: str, expected: bool) -> None:
    assert holds(condition(text), TEAM, elapsed=120.0) is expected


def test_no_condition_always_holds() -> None:
    assert holds(None, TEAM, 0.0)


CONDITIONAL = """
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {id: bouton, label: "Bouton", effects: [{set: appuye}]}
      - {id: tardif, label: "Tardif", when: {after_minutes: 5}, text: "Enfin."}
      - {id: secret, label: "Secret", when: {flag: appuye}, effects: [{end: gagne}]}
    exits:
      - {to: cave, when: {not: {flag: appuye}}}
  - id: cave
    title: "Cave"
    text: "La cave."
"""


def test_conditions_hide_hotspots_and_exits_until_they_hold(tmp_path: Path) -> None:
    rules = rules_of(tmp_path, CONDITIONAL)
    game = Game(rules)
    game.start()
    assert rejected(game.do(ac.Use(player="p1", hotspot="secret"))).code == "not_here"
    assert rejected(game.do(ac.Use(player="p1", hotspot="tardif"))).code == "not_here"
    assert [h.id for h in rules.visible_hotspots(game.team(), 0.0)] == ["bouton"]
    game.do(ac.Use(player="p1", hotspot="bouton"))
    assert rejected(game.do(ac.Go(player="p1", to="cave"))).code == "no_exit"
    assert (
        only(game.do(ac.Use(player="p1", hotspot="tardif"), after=301), ev.Said)[0].text == "Enfin."
    )
    game.do(ac.Use(player="p1", hotspot="secret"))
    assert game.team().ending == "gagne"


# --- puzzles ---------------------------------------------------------------------------------

PUZZLES = f"""
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {{id: h_code, label: "Code", puzzle: code}}
      - {{id: h_single, label: "Un choix", puzzle: single}}
      - {{id: h_multiple, label: "Choix", puzzle: multiple}}
      - {{id: h_order, label: "Ordre", puzzle: order}}
      - {{id: h_pairs, label: "Paires", puzzle: pairs}}
      - {{id: h_text, label: "Texte", puzzle: text}}
      - {{id: h_find, label: "Trouver", puzzle: find}}
      - {{id: h_outils, label: "Outils", effects: [{{give: marteau}}, {{give: clou}}, {{give: vis}}]}}
items:
  - {{id: marteau, name: "Marteau", description: "Un marteau."}}
  - {{id: clou, name: "Clou", description: "Un clou."}}
  - {{id: vis, name: "Vis", description: "Une vis."}}
puzzles:
  - {{id: code, type: code, title: "Code", prompt: "?", answer: "04AB", {HINTS}, attempts: 2,
     on_fail: [{{say: "Le cadenas est bloqué."}}], feedback: {{wrong: "Non."}}}}
  - id: single
    type: single_choice
    title: "Un choix"
    prompt: "?"
    options: [{{id: a, text: "A"}}, {{id: b, text: "B"}}]
    answer: b
    {HINTS}
  - id: multiple
    type: multiple_choice
    title: "Choix"
    prompt: "?"
    options: [{{id: a, text: "A"}}, {{id: b, text: "B"}}, {{id: c, text: "C"}}]
    answers: [a, c]
    {HINTS}
  - id: order
    type: order
    title: "Ordre"
    prompt: "?"
    items: [{{id: un, text: "1"}}, {{id: deux, text: "2"}}, {{id: trois, text: "3"}}]
    {HINTS}
  - id: pairs
    type: pairs
    title: "Paires"
    prompt: "?"
    pairs: [{{id: x, left: "X", right: "x"}}, {{id: y, left: "Y", right: "y"}}]
    {HINTS}
  - id: text
    type: text
    title: "Texte"
    prompt: "?"
    answers: ["Œuf à la coque", "l'éclair"]
    {HINTS}
  - id: find
    type: find
    title: "Trouver"
    prompt: "?"
    areas: [{{id: z1, label: "Z1", rect: [0, 0, 0.5, 1]}}, {{id: z2, label: "Z2", rect: [0.5, 0, 0.5, 1]}}]
    answer: z2
    {HINTS}
  - id: combine
    type: combine
    title: "Combiner"
    prompt: "?"
    items: [marteau, clou]
    {HINTS}
    on_solve: [{{give: vis}}, {{say: "Bien cloué."}}]
"""


@pytest.fixture
def puzzles(tmp_path: Path) -> Rules:
    return rules_of(tmp_path, PUZZLES)


@pytest.mark.parametrize(
    ("puzzle", "right", "wrong"),
    [
        ("code", ["04AB", "04ab", " 04ab ", "04Ab"], ["4AB", "04AC", "", 4, None, ["04AB"]]),
        ("single", ["b"], ["a", "B", "", None, ("b",)]),
        (
            "multiple",
            [("a", "c"), ("c", "a"), ["c", "a"]],
            [("a",), ("a", "b", "c"), "ac", None, ({"a": 1},)],
        ),
        (
            "order",
            [("un", "deux", "trois"), ["un", "deux", "trois"]],
            [("deux", "un", "trois"), ("un", "deux"), "un", None],
        ),
        (
            "pairs",
            [{"x": "x", "y": "y"}, {"y": "y", "x": "x"}],
            [{"x": "y", "y": "x"}, {"x": "x"}, ("x", "y"), None],
        ),
        (
            "text",
            [
                "Œuf à la coque",
                "oeuf a la coque",
                "  OEUF   À LA   COQUE ",
                "L'ECLAIR",
                "l’éclair",
                "œuf, à la coque !",
            ],
            ["oeuf", "eclair", "", 3, None],
        ),
        ("find", ["z2"], ["z1", "Z2", None, 2]),
    ],
)
def test_answer_checking(puzzles: Rules, puzzle: str, right: list[Any], wrong: list[Any]) -> None:
    spec = puzzles.puzzles[puzzle]
    for value in right:
        assert is_right(spec, ac.normalise_value(value)), value
    for value in wrong:
        assert not is_right(spec, ac.normalise_value(value)), value


def test_text_normalisation_ignores_case_accents_apostrophes_and_spaces() -> None:
    assert normalise_text("  L’Élève   ÉCOUTE ! ") == normalise_text("l'eleve ecoute")
    assert normalise_text("Cœur") == "coeur"


NUMBERS = f"""
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {{id: h_poids, label: "Balance", puzzle: poids}}
puzzles:
  - {{id: poids, type: number, title: "Poids", prompt: "?", answer: 600, tolerance: 10, unit: "g",
     {HINTS}, on_solve: [{{end: gagne}}]}}
  - {{id: creme, type: number, title: "Crème", prompt: "?", answer: 2.5, unit: "L", {HINTS}}}
  - {{id: froid, type: number, title: "Froid", prompt: "?", answer: -18, tolerance: 0.5, {HINTS}}}
  - {{id: somme, type: number, title: "Somme", prompt: "?", answer: 0.3, {HINTS}}}
  - {{id: un, type: number, title: "Un", prompt: "?", answer: 1.0, {HINTS}}}
"""


@pytest.fixture
def numbers(tmp_path: Path) -> Rules:
    return rules_of(tmp_path, NUMBERS)


@pytest.mark.parametrize(
    ("puzzle", "right", "wrong"),
    [
        (
            "poids",
            [600, 600.0, "600", " 600 ", "0600", "605,5", "605.5", 610, "610", 590.0, "590,0"],
            [610.001, "610,01", 589.99, "-600", "600 g", "six cents", "6OO", "1e3", "", None],
        ),
        ("creme", [2.5, "2,5", "2,50", "2.5", "2,5 "], ["2,4", 2.51, "2", "25", ",5", "2,5 L"]),
        ("froid", [-18, "-18", "−18", "-17,5", -18.5, "-18,5"], [18, "18", "-19", "-17,4", "- 18"]),
        ("somme", [0.1 + 0.2, "0,3", 0.3, ",3"], ["0,31", 0.3000001, "0,2", "3"]),
        ("un", [1, "1", 1.0, "1,", "01"], [True, False, [1], (1,), {"1": 1}, "1,2,3", "--1"]),
    ],
)
def test_number_answers(numbers: Rules, puzzle: str, right: list[Any], wrong: list[Any]) -> None:
    """A number given as an int or a float, or typed with a French comma; a tolerance around
    the answer (its edges included); the unit is shown, not typed; other shapes are wrong."""
    spec = numbers.puzzles[puzzle]
    for value in right:
        assert is_right(spec, ac.normalise_value(value)), value
    for value in wrong:
        assert not is_right(spec, ac.normalise_value(value)), value


def test_number_answers_of_extreme_shapes_are_simply_wrong(numbers: Rules) -> None:
    spec = numbers.puzzles["poids"]
    for value in (10**400, "9" * 400, float("inf"), float("nan"), "nan", "inf", "٦٠٠"):
        assert not is_right(spec, value), value


def test_number_answers_keep_their_written_form(numbers: Rules) -> None:
    """Integral answers stay ints (lint paths and walkthroughs show 600, not 600.0)."""
    assert [right_answer(numbers.puzzles[p]) for p in ("poids", "creme", "froid", "un")] == [
        600,
        2.5,
        -18,
        1,
    ]
    assert type(right_answer(numbers.puzzles["un"])) is int
    assert [french_number(v) for v in (600, 2.5, -18, -0.5, 0.00001)] == [
        "600",
        "2,5",
        "-18",
        "-0,5",
        "0,00001",
    ]


def test_solving_a_number_puzzle_through_the_game(numbers: Rules) -> None:
    game = Game(numbers)
    game.start()
    game.do(ac.Use(player="p1", hotspot="h_poids"))
    wrong = only(game.do(ac.Answer(player="p1", puzzle="poids", value="611")), ev.AnswerChecked)
    assert (wrong[0].answer, wrong[0].correct) == ("611", False)
    right = game.do(ac.Answer(player="p1", puzzle="poids", value="590"))
    assert only(right, ev.AnswerChecked)[0].correct is True
    assert only(right, ev.PuzzleSolved)[0].wrong == 1
    assert game.team().ending == "gagne"


def test_solving_a_puzzle_through_the_game(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    assert rejected(game.do(ac.Answer(player="p1", puzzle="single", value="b"))).code == "not_open"
    opened = game.do(ac.Use(player="p1", hotspot="h_single"))
    assert only(opened, ev.PuzzleOpened)[0].puzzle == "single"
    assert game.team().open_puzzle == "single"
    wrong = game.do(ac.Answer(player="p1", puzzle="single", value="a"))
    assert only(wrong, ev.AnswerChecked)[0].correct is False
    right = game.do(ac.Answer(player="p1", puzzle="single", value="b"))
    solved = only(right, ev.PuzzleSolved)[0]
    assert (solved.wrong, solved.hints, solved.participants) == (1, 0, ("p1",))
    assert "single" in game.team().solved and game.team().open_puzzle is None
    again = game.do(ac.Use(player="p1", hotspot="h_single"))
    assert only(again, ev.PuzzleOpened) == [] and "déjà réussi" in only(again, ev.Said)[0].text


def test_combining_items(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    assert (
        rejected(game.do(ac.Combine(player="p1", first="marteau", second="clou"))).code
        == "not_carried"
    )
    game.do(ac.Use(player="p1", hotspot="h_outils"))
    nothing = game.do(ac.Combine(player="p1", first="marteau", second="vis"))
    assert only(nothing, ev.Blocked) and not only(nothing, ev.PuzzleSolved)
    same = game.do(ac.Combine(player="p1", first="clou", second="clou"))
    assert only(same, ev.Blocked)
    done = game.do(ac.Combine(player="p1", first="clou", second="marteau"))
    assert only(done, ev.PuzzleSolved)[0].puzzle == "combine"
    assert game.team().inventory == ("vis",), "combined items are used up, on_solve gives"


def test_attempts_then_failure(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    game.do(ac.Use(player="p1", hotspot="h_code"))
    first = game.do(ac.Answer(player="p1", puzzle="code", value="0000"))
    assert only(first, ev.Said)[0].text == "Non." and not only(first, ev.PuzzleFailed)
    second = game.do(ac.Answer(player="p1", puzzle="code", value="1111"))
    assert kinds(second)[-3:] == ["puzzle_failed", "puzzle_closed", "said"]
    assert only(second, ev.Said)[-1].text == "Le cadenas est bloqué."
    assert "code" in game.team().failed and game.team().open_puzzle is None
    reopened = game.do(ac.Use(player="p1", hotspot="h_code"))
    assert not only(reopened, ev.PuzzleOpened) and "plus d'essai" in only(reopened, ev.Said)[0].text


def test_close_puzzle(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    assert rejected(game.do(ac.Close(player="p1"))).code == "nothing_open"
    game.do(ac.Use(player="p1", hotspot="h_text"))
    assert only(game.do(ac.Close(player="p1")), ev.PuzzleClosed)[0].puzzle == "text"
    assert game.team().open_puzzle is None


# --- hints -----------------------------------------------------------------------------------


def test_hint_tiers_then_no_more(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    assert rejected(game.do(ac.Hint(player="p1", puzzle="order"))).code == "not_open"
    game.do(ac.Use(player="p1", hotspot="h_order"))
    shown = [only(game.do(ac.Hint(player="p1", puzzle="order")), ev.HintShown)[0] for _ in range(3)]
    assert [(h.level, h.text) for h in shown] == [(1, "Un."), (2, "Deux."), (3, "Trois.")]
    assert "indices" in only(game.do(ac.Hint(player="p1", puzzle="order")), ev.Blocked)[0].text
    solved = only(
        game.do(ac.Answer(player="p1", puzzle="order", value=("un", "deux", "trois"))),
        ev.PuzzleSolved,
    )
    assert solved[0].hints == 3


def test_pushed_hints_from_the_facilitator(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    pushed = only(
        game.do(ac.PushHint(player=FACILITATOR, team="equipe", puzzle="find")), ev.HintShown
    )[0]
    assert pushed.pushed and pushed.level == 1 and pushed.player == FACILITATOR
    assert game.team().participants.get("find", frozenset()) == frozenset(), (
        "a pushed hint is nobody's effort"
    )
    assert (
        rejected(game.do(ac.PushHint(player=FACILITATOR, team="autre", puzzle="find"))).code
        == "unknown_team"
    )
    assert (
        rejected(game.do(ac.PushHint(player=FACILITATOR, team="equipe", puzzle="nope"))).code
        == "not_in_progress"
    )
    assert (
        rejected(game.do(ac.PushHint(player="p1", team="equipe", puzzle="find"))).code
        == "facilitator_only"
    )


# --- skill evidence --------------------------------------------------------------------------

EVIDENCE = f"""
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots: [{{id: h, label: "H", puzzle: q}}]
puzzles:
  - id: q
    type: single_choice
    title: "Question"
    prompt: "?"
    options: [{{id: a, text: "A"}}, {{id: b, text: "B"}}]
    answer: b
    {HINTS}
    skills:
      - {{skill: rigueur, when: solved}}
      - {{skill: autonomie, when: no_hint}}
      - {{skill: perseverance, when: first_try}}
      - {{skill: reactivite, when: fast, seconds: 30}}
      - {{skill: equipe, when: together, players: 2}}
"""


def skills_after(
    tmp_path: Path, steps: list[tuple[ac.Action, float]]
) -> dict[str, tuple[str, ...]]:
    game = Game(rules_of(tmp_path, EVIDENCE), players=(("p1", "equipe"), ("p2", "equipe")))
    game.start()
    game.do(ac.Use(player="p1", hotspot="h"))
    for action, after in steps:
        game.do(action, after)
    return {e.skill: e.players for e in only(game.log, ev.EvidenceRecorded)}


def test_evidence_rules_all_fire_on_a_quick_joint_first_try(tmp_path: Path) -> None:
    found = skills_after(tmp_path, [(ac.Answer(player="p2", puzzle="q", value="b"), 10)])
    assert found == {
        s: ("p1", "p2") for s in ("rigueur", "autonomie", "perseverance", "reactivite", "equipe")
    }


def test_evidence_rules_that_do_not_fire(tmp_path: Path) -> None:
    found = skills_after(
        tmp_path,
        [
            (ac.Hint(player="p1", puzzle="q"), 0),
            (ac.Answer(player="p1", puzzle="q", value="a"), 0),
            (ac.Answer(player="p1", puzzle="q", value="b"), 60),
        ],
    )
    assert found == {"rigueur": ("p1",)}


# --- turns -----------------------------------------------------------------------------------

TURNS = f"""
team_mode: turns
teams: {{min: 2, max: 3}}
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {{id: defi, label: "Défi", puzzle: q}}
      - {{id: passe, label: "Passer", once: false, effects: [{{end_turn: true}}]}}
      - {{id: fin, label: "Fin", effects: [{{end: gagne}}]}}
puzzles:
  - id: q
    type: single_choice
    title: "Question"
    prompt: "?"
    options: [{{id: a, text: "A"}}, {{id: b, text: "B"}}]
    answer: b
    {HINTS}
"""


@pytest.fixture
def turns(tmp_path: Path) -> Game:
    game = Game(rules_of(tmp_path, TURNS), players=(("a1", "Renards"), ("b1", "Hiboux")))
    started = game.start()
    assert only(started, ev.TurnPassed)[0].team == "Renards"
    return game


def test_turns_reject_the_team_whose_turn_it_is_not(turns: Game) -> None:
    refusal = rejected(turns.do(ac.Use(player="b1", hotspot="defi")))
    assert refusal.code == "not_your_turn" and "Renards" in refusal_text(refusal)
    assert refusal.player == "b1" and refusal.team == "Hiboux"


def test_a_closed_challenge_hands_over_the_screen(turns: Game) -> None:
    turns.do(ac.Use(player="a1", hotspot="defi"))
    handed = turns.do(ac.Answer(player="a1", puzzle="q", value="b"))
    assert only(handed, ev.TurnPassed)[0].team == "Hiboux"
    assert turns.state.active_team == "Hiboux"
    assert rejected(turns.do(ac.Use(player="a1", hotspot="defi"))).code == "not_your_turn"


def test_pass_turn_and_end_turn_effect(turns: Game) -> None:
    turns.do(ac.Use(player="a1", hotspot="defi"))
    passed = turns.do(ac.PassTurn(player="a1"))
    assert kinds(passed) == ["puzzle_closed", "turn_passed"]
    assert turns.state.active_team == "Hiboux"
    turns.do(ac.Use(player="b1", hotspot="passe"))
    assert turns.state.active_team == "Renards"
    turns.do(ac.PassTurn(player=FACILITATOR))
    assert turns.state.active_team == "Hiboux"


def test_a_finished_team_is_skipped_and_the_game_ends_with_the_last(turns: Game) -> None:
    turns.do(ac.Use(player="a1", hotspot="fin"))
    assert turns.state.active_team == "Hiboux" and turns.state.phase == "playing"
    turns.do(ac.Use(player="b1", hotspot="fin"))
    assert turns.state.phase == "ended"


def test_pass_turn_without_turns_is_rejected(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    assert rejected(game.do(ac.PassTurn(player="p1"))).code == "no_turns"


def test_too_many_teams(turns: Game) -> None:
    turns.do(ac.Join(player="c1", pseudonym="C", team="Loups"))
    refusal = rejected(turns.do(ac.Join(player="d1", pseudonym="D", team="Ours")))
    assert refusal.code == "too_many_teams"


# --- time ------------------------------------------------------------------------------------

TIMED = """
start: hall
timer:
  limit_minutes: 10
  timeout_ending: perdu
  events:
    - {id: rappel, at_minutes: 5, effects: [{say: "Plus que 5 minutes."}, {set: presse}]}
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {id: regarder, label: "Regarder", once: false, text: "Rien."}
"""


@pytest.fixture
def timed(tmp_path: Path) -> Game:
    game = Game(rules_of(tmp_path, TIMED))
    game.start()
    return game


def test_timed_event_fires_once(timed: Game) -> None:
    assert not only(timed.do(ac.Tick(player=CLOCK), after=299), ev.TimedEventFired)
    fired = timed.do(ac.Tick(player=CLOCK), after=1)
    assert only(fired, ev.TimedEventFired)[0].timed_event == "rappel"
    assert only(fired, ev.Said)[0].text == "Plus que 5 minutes." and "presse" in timed.team().flags
    assert not only(timed.do(ac.Tick(player=CLOCK), after=10), ev.TimedEventFired)


def test_time_up_ends_the_game_with_the_timeout_ending(timed: Game) -> None:
    ended = timed.do(ac.Tick(player=CLOCK), after=600)
    assert kinds(ended)[-3:] == ["time_up", "team_ended", "game_ended"]
    assert timed.team().ending == "perdu" and timed.state.phase == "ended"
    assert rejected(timed.do(ac.Use(player="p1", hotspot="regarder"))).code == "game_over"


def test_time_is_checked_on_any_action(timed: Game) -> None:
    events = timed.do(ac.Use(player="p1", hotspot="regarder"), after=601)
    assert "time_up" in kinds(events) and timed.state.phase == "ended"


def test_pause_freezes_time_and_blocks_play(timed: Game) -> None:
    timed.do(ac.Tick(player=CLOCK), after=100)
    assert only(timed.do(ac.Pause(player=FACILITATOR)), ev.Paused)
    assert rejected(timed.do(ac.Pause(player=FACILITATOR))).code == "not_running"
    assert rejected(timed.do(ac.Use(player="p1", hotspot="regarder"))).code == "paused"
    assert not timed.do(ac.Tick(player=CLOCK), after=10_000), "a paused clock fires nothing"
    assert timed.state.clock.elapsed(timed.now) == pytest.approx(100)
    timed.do(ac.Resume(player=FACILITATOR))
    assert rejected(timed.do(ac.Resume(player=FACILITATOR))).code == "not_paused"
    assert timed.state.clock.elapsed(timed.now + 50) == pytest.approx(150)
    assert not only(timed.do(ac.Tick(player=CLOCK), after=450), ev.TimeUp)
    assert only(timed.do(ac.Tick(player=CLOCK), after=50), ev.TimeUp)


def test_adjust_time_extends_the_limit(timed: Game) -> None:
    timed.do(ac.AdjustTime(player=FACILITATOR, minutes=2))
    assert timed.state.clock.extra_seconds == 120
    assert not only(timed.do(ac.Tick(player=CLOCK), after=650), ev.TimeUp)
    assert only(timed.do(ac.Tick(player=CLOCK), after=70), ev.TimeUp)


@pytest.mark.parametrize("minutes", [float("nan"), float("inf"), -float("inf"), 1e12])
def test_adjust_time_refuses_absurd_amounts(timed: Game, minutes: float) -> None:
    assert (
        rejected(timed.do(ac.AdjustTime(player=FACILITATOR, minutes=minutes))).code == "bad_minutes"
    )
    assert timed.state.clock.extra_seconds == 0


def test_adjust_time_without_timer_and_by_a_player(puzzles: Rules) -> None:
    game = Game(puzzles)
    game.start()
    assert rejected(game.do(ac.AdjustTime(player=FACILITATOR, minutes=5))).code == "no_timer"
    assert rejected(game.do(ac.Pause(player="p1"))).code == "facilitator_only"


# --- facilitator and self-assessment ---------------------------------------------------------


def test_observation_by_the_facilitator(puzzles: Rules) -> None:
    game = Game(puzzles, players=(("p1", "equipe"), ("p2", "equipe")))
    game.start()
    seen = only(
        game.do(
            ac.Observe(player=FACILITATOR, target="p2", skill="ecoute", note="  A rassuré p1  ")
        ),
        ev.EvidenceRecorded,
    )[0]
    assert (seen.players, seen.skill, seen.source, seen.text) == (
        ("p2",),
        "ecoute",
        "facilitator",
        "A rassuré p1",
    )
    assert (
        rejected(game.do(ac.Observe(player=FACILITATOR, target="zz", skill="ecoute"))).code
        == "unknown_player"
    )
    assert (
        rejected(game.do(ac.Observe(player=FACILITATOR, target="p1", skill=""))).code == "no_skill"
    )
    assert (
        rejected(game.do(ac.Observe(player="p1", target="p2", skill="ecoute"))).code
        == "facilitator_only"
    )


def test_self_assessment(timed: Game) -> None:
    assert rejected(timed.do(ac.SelfAssess(player="p1", skills=()))).code == "three_skills"
    assert (
        rejected(timed.do(ac.SelfAssess(player="p1", skills=("a", "b", "c", "d")))).code
        == "three_skills"
    )
    timed.do(ac.SelfAssess(player="p1", skills=("equipe", "rigueur", "equipe")))
    assert timed.state.self_assessed == {"p1": ("equipe", "rigueur")}
    timed.do(ac.Tick(player=CLOCK), after=601)
    timed.do(ac.SelfAssess(player="p1", skills=("ecoute",)))
    assert timed.state.self_assessed["p1"] == ("ecoute",), "players assess themselves after the end"
    assert (
        rejected(timed.do(ac.SelfAssess(player=FACILITATOR, skills=("ecoute",)))).code
        == "players_only"
    )


def test_self_assessment_in_the_lobby_is_rejected(tmp_path: Path) -> None:
    game = Game(rules_of(tmp_path, TIMED))
    assert rejected(game.do(ac.SelfAssess(player="p1", skills=("ecoute",)))).code == "not_started"


# --- rejections ------------------------------------------------------------------------------


def test_lobby_and_actor_rejections(tmp_path: Path) -> None:
    game = Game(rules_of(tmp_path, EFFECTS))
    assert rejected(game.do(ac.Use(player="p1", hotspot="donner"))).code == "not_started"
    assert rejected(game.do(ac.Join(player="p1", pseudonym="Encore"))).code == "already_joined"
    assert rejected(game.do(ac.Join(player="p9", pseudonym="   "))).code == "no_pseudonym"
    assert rejected(game.do(ac.Join(player=FACILITATOR, pseudonym="Anim"))).code == "players_only"
    assert rejected(game.do(ac.Use(player="inconnu", hotspot="donner"))).code == "not_joined"
    assert rejected(game.do(ac.Use(player=CLOCK, hotspot="donner"))).code == "clock_only"
    game.start()
    assert rejected(game.do(ac.Start(player=FACILITATOR))).code == "already_started"
    assert rejected(game.do(ac.Use(player="p1", hotspot="nulle_part"))).code == "not_here"
    assert rejected(game.do(ac.Examine(player="p1", item="cle"))).code == "not_carried"
    assert rejected(game.do(ac.Go(player="p1", to="lune"))).code == "no_exit"
    assert rejected(game.do(ac.Answer(player="p1", puzzle="rien", value=1))).code == "not_open"


def test_start_needs_a_player(tmp_path: Path) -> None:
    game = Game(rules_of(tmp_path, EFFECTS), players=())
    assert rejected(game.start()).code == "no_players"


def test_a_rejection_changes_nothing_but_is_recorded(tmp_path: Path) -> None:
    game = Game(rules_of(tmp_path, EFFECTS))
    game.start()
    before = game.state
    events = game.do(ac.Use(player="p1", hotspot="nulle_part"))
    assert game.state == before
    refusal = rejected(events)
    assert (refusal.action, refusal.player, refusal.team) == ("use", "p1", "equipe")


def test_a_locked_hotspot_needs_its_item(tmp_path: Path) -> None:
    body = """
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {id: tiroir, label: "Tiroir", effects: [{give: cle}, {give: caillou}]}
      - {id: porte, label: "Porte", needs_item: cle, effects: [{end: gagne}]}
items:
  - {id: cle, name: "Clé", description: "Une clé."}
  - {id: caillou, name: "Caillou", description: "Un caillou."}
"""
    game = Game(rules_of(tmp_path, body))
    game.start()
    assert "manque" in only(game.do(ac.Use(player="p1", hotspot="porte")), ev.Blocked)[0].text
    assert rejected(game.do(ac.Use(player="p1", hotspot="porte", item="cle"))).code == "not_carried"
    game.do(ac.Use(player="p1", hotspot="tiroir"))
    assert (
        "cet objet"
        in only(game.do(ac.Use(player="p1", hotspot="porte", item="caillou")), ev.Blocked)[0].text
    )
    game.do(ac.Use(player="p1", hotspot="porte", item="cle"))
    assert game.team().ending == "gagne"


def test_a_hotspot_needing_an_item_says_the_authors_locked_text(tmp_path: Path) -> None:
    body = """
start: hall
scenes:
  - id: hall
    title: "Hall"
    text: "Le hall."
    hotspots:
      - {id: tiroir, label: "Tiroir", effects: [{give: caillou}]}
      - {id: porte, label: "Porte", needs_item: cle, locked_text: "Il faut le badge.", effects: [{end: gagne}]}
items:
  - {id: cle, name: "Clé", description: "Une clé."}
  - {id: caillou, name: "Caillou", description: "Un caillou."}
"""
    game = Game(rules_of(tmp_path, body))
    game.start()
    said = only(game.do(ac.Use(player="p1", hotspot="porte")), ev.Blocked)[0].text
    assert said == "Il faut le badge."
    game.do(ac.Use(player="p1", hotspot="tiroir"))
    wrong = game.do(ac.Use(player="p1", hotspot="porte", item="caillou"))
    assert only(wrong, ev.Blocked)[0].text == "Ça ne marche pas avec cet objet."


def test_every_event_names_the_acting_player(puzzles: Rules) -> None:
    game = Game(puzzles, players=(("p1", "equipe"), ("p2", "equipe")))
    game.start()
    game.do(ac.Use(player="p2", hotspot="h_single"))
    events = game.do(ac.Answer(player="p2", puzzle="single", value="b"))
    assert events and all(e.player == "p2" for e in events)


def _combined(tmp_path: Path, consume: str) -> tuple[list[str], list[str]]:
    """Combine the hammer and the nail with ``consume`` written as given: the items lost
    and the bag after."""
    body = PUZZLES.replace(
        "items: [marteau, clou]", f"items: [marteau, clou]\n    consume: {consume}"
    )
    game = Game(rules_of(tmp_path, body))
    game.start()
    game.do(ac.Use(player="p1", hotspot="h_outils"))
    done = game.do(ac.Combine(player="p1", first="clou", second="marteau"))
    return [e.item for e in only(done, ev.ItemLost)], sorted(game.team().inventory)


def test_a_combination_can_use_up_only_one_of_its_items(tmp_path: Path) -> None:
    """`consume: [clou]`: the nail is used, the hammer stays in the bag."""
    assert _combined(tmp_path, "[clou]") == (["clou"], ["marteau", "vis"])
    assert _combined(tmp_path, "false") == ([], ["clou", "marteau", "vis"])
    assert _combined(tmp_path, "true") == (["marteau", "clou"], ["vis"])


def test_a_consumed_item_must_be_one_of_the_two(tmp_path: Path) -> None:
    from engine.load.check import load_scenario

    text = (
        HEADER
        + PUZZLES.replace("items: [marteau, clou]", "items: [marteau, clou]\n    consume: [clous]")
        + ENDINGS
    )
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    (diagnostic,) = load_scenario(path).diagnostics
    assert diagnostic.code == "E014"
    assert diagnostic.line == text.splitlines().index("    consume: [clous]") + 1
    assert "clou" in diagnostic.message  # did you mean…
    assert "marteau" in diagnostic.hint and "clou" in diagnostic.hint


def test_an_exit_that_needs_items_refuses_naming_what_is_missing(tmp_path: Path) -> None:
    body = """
start: vestiaire
scenes:
  - id: vestiaire
    title: "Vestiaire"
    text: "Le vestiaire."
    hotspots:
      - {id: casier, label: "Casier", once: false, effects: [{give: gilet}]}
      - {id: banc, label: "Banc", effects: [{give: chaussures}]}
    exits:
      - {to: entrepot, label: "Entrepôt", requires_items: [gilet, chaussures]}
  - id: entrepot
    title: "Entrepôt"
    text: "L'entrepôt."
    hotspots:
      - {id: quai, label: "Quai", effects: [{end: gagne}]}
items:
  - {id: gilet, name: "Gilet jaune", description: "Un gilet."}
  - {id: chaussures, name: "Chaussures de sécurité", description: "Coquées."}
"""
    game = Game(rules_of(tmp_path, body))
    game.start()
    refused = rejected(game.do(ac.Go(player="p1", to="entrepot")))
    assert refused.code == "missing_items"
    assert refusal_text(refused) == (
        "Pour passer par ici, votre équipe doit avoir : « Gilet jaune », « Chaussures de sécurité »."
    )
    assert refusal_text(refused, "en").startswith("To go this way, your team needs: « Gilet")
    game.do(ac.Use(player="p1", hotspot="casier"))
    refused = rejected(game.do(ac.Go(player="p1", to="entrepot")))
    assert dict(refused.params) == {"items": "« Chaussures de sécurité »"}  # only what is missing
    game.do(ac.Use(player="p1", hotspot="banc"))
    assert kinds(game.do(ac.Go(player="p1", to="entrepot")))[0] == "moved"
    assert set(game.team().inventory) == {"gilet", "chaussures"}  # the team keeps them
