"""The phones' messages: what is refused (size, JSON, type, fields, rate) and what becomes
an action of the phone's own player; the view a phone gets, from the real demo scenario."""

from __future__ import annotations

import json

import pytest

from engine.core import actions as ac
from engine.core import events as ev
from engine.core.rules import ANNOUNCE_SECONDS, Rules
from engine.load.check import load_scenario
from engine.phones.protocol import (
    MAX_BYTES,
    ProtocolError,
    RateLimit,
    check_join,
    parse,
    to_action,
)
from engine.phones.room import MAX_PHONES, Room
from engine.phones.view import message_view, phone_view
from engine.player.theme import AVATAR_SHAPES, PLAYER_COLOURS
from engine.shipped import resolve_scenario
from engine.typography import NBSP, spaced


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("x" * (MAX_BYTES + 1), "trop long"),
        ("{not json", "illisible"),
        ("[1, 2]", "sans « type »"),
        ('{"type": 3}', "sans « type »"),
        ('{"type": "start"}', "inconnu"),
    ],
)
def test_bad_messages_are_refused_in_french(raw: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        parse(raw)


@pytest.mark.parametrize(
    "message",
    [
        {"type": "use"},
        {"type": "use", "hotspot": 3},
        {"type": "use", "hotspot": "x" * 65},
        {"type": "go", "to": ""},
        {"type": "answer", "puzzle": "p", "value": {"a": {"b": "c"}}},
        {"type": "answer", "puzzle": "p", "value": True},
        {"type": "answer", "puzzle": "p", "value": [["nested"]]},
        {"type": "combine", "first": "a"},
    ],
)
def test_fields_of_the_wrong_kind_are_refused(message: dict[str, object]) -> None:
    with pytest.raises(ProtocolError):
        to_action(parse(json.dumps(message)), "p1")


def test_a_message_becomes_an_action_of_the_phones_player_only() -> None:
    message = parse(
        json.dumps({"type": "use", "hotspot": "porte", "item": "badge", "player": "p9"})
    )
    assert to_action(message, "p2") == ac.Use(player="p2", hotspot="porte", item="badge")
    answer = parse(json.dumps({"type": "answer", "puzzle": "q", "value": ["a", "b"]}))
    assert to_action(answer, "p3") == ac.Answer(player="p3", puzzle="q", value=("a", "b"))
    number = parse(json.dumps({"type": "answer", "puzzle": "q", "value": 42}))
    assert to_action(number, "p1") == ac.Answer(player="p1", puzzle="q", value="42")


def test_at_most_ten_messages_a_second() -> None:
    limit = RateLimit()
    assert all(limit.allow(100.0 + i * 0.01) for i in range(10))
    assert not limit.allow(100.5)
    assert limit.allow(101.0)  # the first one left the window


def test_join_checks_the_avatar_and_cleans_the_pseudonym() -> None:
    colour, shape = PLAYER_COLOURS[0], AVATAR_SHAPES[0]
    assert check_join("  lina   b ", colour, shape, PLAYER_COLOURS, AVATAR_SHAPES) == "Lina b"
    with pytest.raises(ProtocolError, match="pseudo"):
        check_join("   ", colour, shape, PLAYER_COLOURS, AVATAR_SHAPES)
    with pytest.raises(ProtocolError, match="couleur"):
        check_join("Sam", "#123456", shape, PLAYER_COLOURS, AVATAR_SHAPES)
    with pytest.raises(ProtocolError, match="forme"):
        check_join("Sam", colour, "licorne", PLAYER_COLOURS, AVATAR_SHAPES)


def test_the_room_needs_its_code_closes_and_holds_sixteen_phones() -> None:
    room = Room(code="123456")
    assert room.refusal("654321") is not None
    assert room.refusal("123456") is None
    for n in range(MAX_PHONES):
        room.bind(f"token{n}", f"p{n}")
    assert "16" in (room.refusal("123456") or "")
    assert room.player_of("token3") == "p3"
    assert room.player_of("forged") is None
    room.open = False
    assert "commencé" in (room.refusal("123456") or "")


def test_the_view_follows_the_game() -> None:
    scenario = load_scenario(resolve_scenario("demo-escape")).scenario
    assert scenario is not None
    rules = Rules(scenario)
    state = rules.new_game()
    join = ac.Join(player="p1", pseudonym="Lina", colour="#e69f00", avatar="cercle")
    state, _ = rules.step(state, join, 0.0)
    assert phone_view(rules, state, "p1", 0)["phase"] == "lobby"
    assert phone_view(rules, state, "p7", 0) == {"phase": "gone"}
    state, _ = rules.step(state, ac.Start(player="facilitator"), 1.0)
    view = phone_view(rules, state, "p1", 0)
    labels = {h["id"]: h["label"] for h in view["hotspots"]}
    assert {"affiche", "casier"} <= set(labels)
    assert view["puzzle"] is None
    state, _ = rules.step(state, ac.Use(player="p1", hotspot="casier"), 2.0)
    puzzle = phone_view(rules, state, "p1", 0)["puzzle"]
    assert (puzzle["id"], puzzle["field"], puzzle["hints_left"]) == ("code_casier", "number", 3)
    state, _ = rules.step(state, ac.Hint(player="p1", puzzle="code_casier"), 3.0)
    puzzle = phone_view(rules, state, "p1", 0)["puzzle"]
    assert puzzle["hint"] == "Regardez bien l'affiche au mur."
    assert puzzle["hints_left"] == 2


def test_order_and_pairs_are_shown_without_giving_the_answer_away() -> None:
    from engine.phones.view import puzzle_view

    scenario = load_scenario(resolve_scenario("demo-rally")).scenario
    assert scenario is not None
    rules = Rules(scenario)
    order = puzzle_view(rules.puzzles["ordre_colis"], 0)
    right = [i.id for i in rules.puzzles["ordre_colis"].items]  # type: ignore[attr-defined]
    assert order["field"] == "order" and sorted(c["id"] for c in order["choices"]) == sorted(right)
    texts = [c["text"] for c in order["choices"]]
    assert texts == sorted(texts, key=str.casefold)
    pairs = puzzle_view(rules.puzzles["soin_gestes"], 0)
    written = rules.puzzles["soin_gestes"].pairs  # type: ignore[attr-defined]
    assert pairs["field"] == "pairs"
    assert [p["text"] for p in pairs["lefts"]] == [p.left for p in written]
    assert sorted(r["text"] for r in pairs["rights"]) == sorted(p.right for p in written)
    rights = [r["text"] for r in pairs["rights"]]
    assert rights == sorted(rights, key=str.casefold)


def test_pairs_answers_pass_as_left_to_right_ids_and_nothing_deeper() -> None:
    message = parse(json.dumps({"type": "answer", "puzzle": "q", "value": {"a": "b", "c": "d"}}))
    assert to_action(message, "p1") == ac.Answer(
        player="p1", puzzle="q", value={"a": "b", "c": "d"}
    )
    deeper = parse(json.dumps({"type": "answer", "puzzle": "q", "value": {"a": ["b"]}}))
    with pytest.raises(ProtocolError, match="paires"):
        to_action(deeper, "p1")


def test_the_facilitators_message_lasts_as_long_as_on_the_projector() -> None:
    from engine.player.locale import Texts
    from engine.player.narration import narrate

    said = ev.Announced(t=100.0, player="facilitator", text="Plus que 5 minutes !")
    assert message_view(None, 100.0) is None
    shown = message_view(said, 110.0)
    assert shown == {"text": spaced("Plus que 5 minutes !"), "left": ANNOUNCE_SECONDS - 10}
    assert shown is not None and NBSP + "!" in shown["text"]  # never « ! » alone on a line
    assert message_view(said, 100.0 + ANNOUNCE_SECONDS) is None
    scenario = load_scenario(resolve_scenario("demo-escape")).scenario
    assert scenario is not None
    told = narrate([said], scenario, Texts("fr"))
    assert told.lines is not None and told.lines[0].until == 100.0 + ANNOUNCE_SECONDS
