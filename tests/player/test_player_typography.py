"""French typography of what the players read: no-break spaces, plurals, team names, agreement."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pygame
import pytest
import yaml

from engine.player.locale import Texts
from engine.player.paint import Painter, Style
from engine.player.theme import NORMAL, font_files
from engine.reference import assets_dir
from engine.typography import (
    NBSP,
    agree,
    counted,
    found_by,
    plural_form,
    spaced,
    team_phrase,
    with_team,
)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("Bravo !", f"Bravo{NBSP}!"),
        ("Prêts ? On y va !", f"Prêts{NBSP}? On y va{NBSP}!"),
        ("Code : 1234 ; essai", f"Code{NBSP}: 1234{NBSP}; essai"),
        ("Lisez « la fiche recette »", f"Lisez «{NBSP}la fiche recette{NBSP}»"),
        ("Il dit «bonjour»", f"Il dit «{NBSP}bonjour{NBSP}»"),
        ("10:30 et http://x", "10:30 et http://x"),  # no space was there: none is added
        ("Hello!", "Hello!"),
        ("Sans ponctuation", "Sans ponctuation"),
    ],
)
def test_spaced_makes_the_spaces_before_marks_unbreakable(raw: str, want: str) -> None:
    assert spaced(raw) == want
    assert spaced(want) == want  # idempotent: drawn texts may pass twice


def test_wrapping_never_breaks_before_a_mark_or_inside_guillemets() -> None:
    pygame.font.init()
    painter = Painter(Style(NORMAL, 1.0, font_files(False)))
    painter.set_target(pygame.Surface((1920, 1080)))
    text = "Lisez « la fiche recette » avant de commencer : elle dit tout ! Vraiment ?"
    for width in range(120, 1200, 7):
        lines = painter.wrap(text, width, 32)
        assert " ".join(lines).replace(NBSP, " ") == text
        for line in lines:
            assert not re.match(r"^[!?;:»]", line), (width, lines)
            assert not line.endswith("«"), (width, lines)


@pytest.mark.parametrize(
    ("language", "n", "form"),
    [
        ("fr", 0, "one"),
        ("fr", 1, "one"),
        ("fr", 2, "other"),
        ("fr", 15, "other"),
        ("en", 0, "other"),
        ("en", 1, "one"),
        ("en", 3, "other"),
    ],
)
def test_plural_form(language: str, n: int, form: str) -> None:
    assert plural_form(language, n) == form


def test_messages_count_with_real_plurals() -> None:
    assert counted(0, "carte") == "0 carte"
    assert counted(1, "carte") == "1 carte"
    assert counted(3, "carte") == "3 cartes"
    assert counted(2, "journal", "journaux") == "2 journaux"
    assert f"{counted(2, 'joueur effacé', 'joueurs effacés')}" == "2 joueurs effacés"
    assert agree(1, "signé", "signés") == "signé"


def _strings(path: Path) -> list[ast.Constant]:
    """The string constants of a module that are not docstrings (which may quote mistakes)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, documented)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_message_writes_a_plural_in_brackets() -> None:
    """« 3 carte(s) » is hard to read: every count in the code's French messages agrees."""
    root = Path(__file__).resolve().parents[2]
    brackets = re.compile(r"\w\((?:s|x)\)")
    found = [
        f"{path.relative_to(root)}:{node.lineno}: {node.value}"
        for folder in ("engine", "facilitator", "declic")
        for path in sorted((root / folder).rglob("*.py"))
        for node in _strings(path)
        if brackets.search(str(node.value))
    ]
    assert found == []


def test_celebration_counts_use_real_plurals() -> None:
    t = Texts("fr")
    assert t("ending.solved", n=15) == "15 énigmes"
    assert t("ending.solved", n=1) == "1 énigme"
    assert t("ending.hints", n=1) == "1 indice"
    assert t("ending.hints", n=3) == "3 indices"
    assert t("tour.visited", n=1, total=12) == "1 lieu sur 12"
    assert t("tour.visited", n=4, total=12) == "4 lieux sur 12"
    assert Texts("en")("ending.hints", n=1) == "1 hint"


def _player_facing(language: str) -> list[str]:
    data = yaml.safe_load((assets_dir() / "locale" / f"{language}.yaml").read_text("utf-8"))
    found: list[str] = []
    for value in data.values():
        found += [str(v) for v in value.values()] if isinstance(value, dict) else [str(value)]
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_optional_plural_is_left_in_player_text(language: str) -> None:
    texts = _player_facing(language)
    assert len(texts) > 100
    left = [t for t in texts if re.search(r"\w\((s|x|e|es)\)", t)]
    assert left == []


@pytest.mark.parametrize(
    ("name", "of", "to"),
    [
        ("Les Renards", "des Renards", "aux Renards"),
        ("La Meute", "de la Meute", "à la Meute"),
        ("Le Lynx", "du Lynx", "au Lynx"),
        ("L'Équipe du port", "de l'Équipe du port", "à l'Équipe du port"),
        ("Bleue", "de l'équipe Bleue", "à l'équipe Bleue"),
        ("les abeilles", "des abeilles", "aux abeilles"),
        ("Lesieur", "de l'équipe Lesieur", "à l'équipe Lesieur"),  # not an article
    ],
)
def test_team_names_take_the_right_article(name: str, of: str, to: str) -> None:
    assert team_phrase("de", name) == of
    assert team_phrase("à", name) == to


def test_turn_sentences_name_teams_in_french() -> None:
    t = Texts("fr")
    assert t("handover.spoken", team=t.team("de", "Les Renards")) == "Au tour des Renards !"
    assert t("handover.spoken", team=t.team("de", "Bleue")) == "Au tour de l'équipe Bleue !"
    of, bare = t.team_parts("de", "Les Renards")
    assert (t("handover.title", of=of), bare) == ("Au tour des", "Renards")
    assert with_team("de", "Le Lynx") == ("du", "Lynx")
    assert Texts("en").team("de", "The Foxes") == "The Foxes"


@pytest.mark.parametrize(
    ("title", "want"),
    [
        ("La bonne température", "La bonne température : trouvée par Sam"),
        ("Le digicode du bureau", "Le digicode du bureau : trouvé par Sam"),
        ("Une recette", "Une recette : trouvée par Sam"),
        ("Les clés", "Les clés : énigme résolue par Sam"),
        ("L'affiche", "L'affiche : énigme résolue par Sam"),
    ],
)
def test_found_by_agrees_with_the_title(title: str, want: str) -> None:
    assert found_by(title, "Sam") == want
    assert found_by(title, "") == want.removesuffix(" par Sam")
