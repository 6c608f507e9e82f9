"""Roles (``roles:``): the phones show what the rules dealt (``roles_dealt``), each phone
only its own roles' clues; the loader catches unknown and doubled role ids, with their line."""

from __future__ import annotations

from pathlib import Path

from engine.core import actions as ac
from engine.core.rules import Rules
from engine.core.state import GameState
from engine.load.check import load_scenario
from engine.phones.view import phone_view, phone_views

DATA = Path(__file__).parents[1] / "lint" / "data"


def game(phones: list[bool], scenario: str = "roles_ok.yaml") -> tuple[Rules, GameState]:
    """A started game of ``len(phones)`` players; ``phones[i]``: p<i+1> joined from a phone."""
    loaded = load_scenario(DATA / scenario)
    assert loaded.scenario is not None
    rules = Rules(loaded.scenario)
    state = rules.new_game()
    for n, phone in enumerate(phones, 1):
        join = ac.Join(
            player=f"p{n}", pseudonym=f"Joueur{n}", colour="#e69f00", avatar="cercle", phone=phone
        )
        state, _ = rules.step(state, join, 0.0)
    state, _ = rules.step(state, ac.Start(player="facilitator"), 1.0)
    return rules, state


def names(rules: Rules, state: GameState, player: str) -> list[str]:
    return [r["name"] for r in phone_view(rules, state, player, 0)["roles"]]


def test_each_phone_shows_the_roles_the_rules_dealt_it() -> None:
    rules, state = game([True, False, True])
    # p2 plays on the projector: no role, and no clue on the big screen
    assert names(rules, state, "p1") == ["L'archiviste"]
    assert names(rules, state, "p3") == ["Le livreur"]
    assert names(rules, state, "p2") == []
    views = phone_views(rules, state, {"p1", "p3"}, 0)
    assert [r["name"] for r in views["p3"]["roles"]] == ["Le livreur"]
    # one phone alone holds every role, so no clue is lost
    rules, state = game([True, False])
    assert names(rules, state, "p1") == ["L'archiviste", "Le livreur"]


def test_a_phone_reads_its_own_clues_and_only_those_whose_condition_holds() -> None:
    rules, state = game([True, True])
    mine = phone_view(rules, state, "p1", 0)["roles"]
    theirs = phone_view(rules, state, "p2", 0)["roles"]
    assert mine == [
        {
            "name": "L'archiviste",
            "text": "Vous avez le carnet du chef.",
            "clues": ["Le code du casier\u00a0: 4821."],  # « : » never starts a line
        }
    ]
    assert [r["name"] for r in theirs] == ["Le livreur"]
    assert "4821" not in str(theirs)
    # « when: {visited: vestiaire} »: the team starts there, so the clue shows
    assert theirs[0]["clues"] == [
        "Le casier du chef est le bleu, au fond.",
        "Le chef ferme toujours le casier à clé.",
    ]
    rules, state = game([False, False])
    assert phone_view(rules, state, "p1", 0)["roles"] == []  # not a phone: nothing dealt


def test_unknown_and_doubled_roles_are_located_errors(tmp_path: Path) -> None:
    text = (DATA / "roles_ok.yaml").read_text(encoding="utf-8")
    unknown = tmp_path / "inconnu.yaml"
    unknown.write_text(text.replace("{role: archiviste}", "{role: archivist}"), encoding="utf-8")
    [found] = load_scenario(unknown).diagnostics
    assert (found.code, found.line) == ("E014", 35)
    assert "rôle « archivist » inconnu — vouliez-vous dire « archiviste » ?" in found.message
    twice = tmp_path / "deux-fois.yaml"
    twice.write_text(text.replace("id: livreur", "id: archiviste"), encoding="utf-8")
    [found] = load_scenario(twice).diagnostics
    assert (found.code, found.line) == ("E015", 15)
    place = tmp_path / "lieu.yaml"
    place.write_text(text.replace("{visited: vestiaire}", "{visited: cave}"), encoding="utf-8")
    [found] = load_scenario(place).diagnostics
    assert (found.code, found.line) == ("E014", 20)
    assert "scène « cave » inconnue" in found.message
