"""One form of address per scenario (issue 20, point 4): ``address: tu|vous`` (default
« vous »), W116 on a player text in the other form, every shipped scenario clean, and the
engine's own texts following the scenario's address."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.core.events import Rejected
from engine.lint.address import address_findings, other_form
from engine.lint.checks import lint_file
from engine.load.check import load_scenario
from engine.locale import refusal_text
from engine.player.locale import Texts
from engine.reference import assets_dir
from engine.shipped import scenarios_dir


@pytest.mark.parametrize(
    ("text", "address", "word"),
    [
        ("Lisez la fiche recette.", "tu", "Lisez"),
        ("Le code est sur votre badge.", "tu", "votre"),
        ("Bravo ! Allez-y, la porte est ouverte.", "tu", "Allez"),
        ("Regarde bien : tu trouveras le code.", "vous", "tu"),
        ("Le chef t'attend en cuisine.", "vous", "t'"),
        ("Touche ton nom.", "vous", "ton"),
        ("Bravo. Choisis une carte.", "vous", "Choisis"),
        ("Dépêche-toi !", "vous", "-toi"),
    ],
)
def test_the_other_form_is_found(text: str, address: str, word: str) -> None:
    assert other_form(text, address) == word  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Le client dit : « Vous pouvez me servir ? »", "tu"),  # a character speaks
        ("Le restaurant est chez Paul, assez loin.", "tu"),  # -ez words that are no verbs
        ("La touche verte ouvre la porte.", "vous"),  # « touche » inside a sentence: a noun
        ("Filmer la palette pour qu'elle tienne.", "vous"),  # tenir, not « la tienne »
        ("Prenez la clé : elle ouvre votre casier.", "vous"),
        ("Prends la clé : elle ouvre ton casier.", "tu"),
        ("Le service commence à midi. Ta-da !", "tu"),
    ],
)
def test_the_same_form_or_a_quotation_is_not_reported(text: str, address: str) -> None:
    assert other_form(text, address) is None  # type: ignore[arg-type]


SCENARIO = """\
format: 1
id: forme
title: "La bonne forme"
kind: escape
ADDRESS
duration_minutes: 10
players: {min: 1, max: 4}
start: salle
scenes:
  - id: salle
    title: "La salle"
    text: "Tu entres dans la salle. Le chef dit : « Vous êtes en retard ! »"
    hotspots:
      - id: porte
        label: "La porte"
        text: "TEXT"
        effects:
          - end: sortie
endings:
  - {id: sortie, title: "Sortis !", text: "Bravo, tu as réussi."}
"""


def w116(tmp_path: Path, address: str, text: str) -> list[str]:
    path = tmp_path / "forme.yaml"
    path.write_text(SCENARIO.replace("ADDRESS", address).replace("TEXT", text), "utf-8")
    report = lint_file(path)
    assert not report.errors, [d.format() for d in report.diagnostics]
    return [d.format() for d in report.diagnostics if d.code == "W116"]


def test_a_vous_text_in_a_tu_scenario_is_reported_at_its_line(tmp_path: Path) -> None:
    (found,) = w116(tmp_path, "address: tu", "Poussez la porte pour sortir.")
    assert "forme.yaml:16:15: warning[W116]: « Poussez » : ce texte dit « vous »" in found
    assert "« Poussez la porte pour sortir. »" in found
    assert w116(tmp_path, "address: tu", "Pousse la porte pour sortir.") == []


def test_an_address_that_is_neither_tu_nor_vous_is_located(tmp_path: Path) -> None:
    path = tmp_path / "forme.yaml"
    path.write_text(SCENARIO.replace("ADDRESS", "address: toi").replace("TEXT", "Sortez."), "utf-8")
    (error,) = [d.format() for d in load_scenario(path).diagnostics if d.severity == "error"]
    assert f"{path}:5:10: error[E013]: « address » : valeur non permise" in error
    assert "'tu' ou 'vous'" in error


def test_the_default_is_vous(tmp_path: Path) -> None:
    found = w116(tmp_path, "", "Poussez la porte pour sortir.")
    # the scene's « Tu entres » and the ending's « tu as réussi » speak the other way
    assert len(found) == 2 and all(
        "dit « tu » aux joueurs, le scénario dit « vous »" in f for f in found
    )


def test_every_shipped_scenario_speaks_one_way() -> None:
    checked = 0
    for path in sorted(scenarios_dir().glob("*/*.yaml")):
        if path.name.endswith(".walkthrough.yaml"):
            continue
        loaded = load_scenario(path)
        assert loaded.scenario is not None, path
        assert list(address_findings(loaded.scenario)) == [], path
        checked += 1
    assert checked >= 7


#: Texts for the facilitator or the author, not the players: they keep their one form.
NOT_PLAYERS = (
    "console.",
    "home.",
    "watch.",
    "bar.read_missing",
    "refusal.bad_minutes",
    "refusal.no_text",  # the console's free message: the facilitator types it
    "refusal.long_text",
)


@pytest.mark.parametrize("address", ["tu", "vous"])
def test_the_engine_speaks_to_the_players_in_the_scenario_s_form(address: str) -> None:
    raw = yaml.safe_load((assets_dir() / "locale" / "fr.yaml").read_text("utf-8"))
    keys = [k for k, v in raw.items() if isinstance(v, str) and not k.endswith((".tu", ".vous"))]
    t = Texts("fr", address)
    wrong = {
        key: shown
        for key in keys
        if not key.startswith(NOT_PLAYERS) and other_form(shown := t(key), address)  # type: ignore[arg-type]
    }
    assert wrong == {}
    assert len(keys) > 250  # the whole file was read


def test_a_game_s_texts_and_refusals_follow_its_address() -> None:
    assert Texts("fr", "tu")("who.hint") == "Touche ton nom"
    assert Texts("fr", "vous")("who.hint") == "Touchez votre nom"
    assert (
        Texts("fr", "tu")("bag.use_on", name="La clé")
        == "La clé : touche un endroit ou un autre objet."
    )
    assert Texts("en", "vous")("who.hint") == "Tap your name"
    # a value may be called « address » (the phones' web address): it is shown, not the form
    shown = Texts("fr", "tu")("console.phones_close", code="4821", address="http://10.0.0.2")
    assert shown == "Fermer l'entrée (code 4821, http://10.0.0.2)"
    refused = Rejected(t=0.0, player="p1", team="t1", action="use", code="not_open")
    assert refusal_text(refused, "fr", "tu") == "Ouvre d'abord cette énigme."
    assert refusal_text(refused, "fr", "vous") == "Ouvrez d'abord cette énigme."
