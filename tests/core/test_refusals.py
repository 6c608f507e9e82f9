"""Refusals are codes; their texts, in French and English, live in assets/locale."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
import yaml

from engine.core.events import Rejected, event_from_dict
from engine.core.refusals import REFUSALS
from engine.locale import LANGUAGES, refusal_text

ROOT = Path(__file__).resolve().parents[2]


def raised_codes() -> dict[str, set[str]]:
    """Every ``_Reject("code", name=…)`` in the rules, with the names of its values."""
    tree = ast.parse((ROOT / "engine" / "core" / "rules.py").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_Reject":
            first = node.args[0]
            assert isinstance(first, ast.Constant) and len(node.args) == 1, ast.unparse(node)
            found.setdefault(str(first.value), set()).update(k.arg for k in node.keywords if k.arg)
    return found


def test_every_code_the_rules_raise_is_listed_with_its_values() -> None:
    raised = raised_codes()
    assert set(raised) == set(REFUSALS)
    for code, names in raised.items():
        assert names == set(REFUSALS[code]), code


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_has_a_text_in_every_language_showing_its_values(language: str) -> None:
    table = yaml.safe_load((ROOT / "assets" / "locale" / f"{language}.yaml").read_text("utf-8"))
    for code, names in REFUSALS.items():
        text = table.get(f"refusal.{code}")
        assert isinstance(text, str) and text.strip(), f"{language}: refusal.{code} missing"
        shown = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert shown == set(names), f"{language}: refusal.{code} shows {shown}"


def test_a_refusal_reads_in_the_players_language() -> None:
    event = Rejected(t=1.0, action="join", code="too_many_teams", params=(("teams", 4),))
    assert refusal_text(event, "fr") == "Il y a déjà 4 équipes."
    assert refusal_text(event, "en") == "There are already 4 teams."


def test_an_old_log_with_a_french_reason_still_reads_and_replays() -> None:
    """Events are the record: a refusal stored before codes keeps the sentence shown then."""
    stored = {
        "kind": "rejected",
        "t": 3.0,
        "player": "p1",
        "team": "equipe",
        "action": "answer",
        "reason": "Ouvrez d'abord cette énigme.",
        "code": "not_open",
    }
    event = event_from_dict(stored)
    assert isinstance(event, Rejected) and event.params == ()
    assert refusal_text(event, "fr") == "Ouvrez d'abord cette énigme."
    assert refusal_text(event, "en") == "Open this puzzle first."
    assert event_from_dict(event.to_dict()) == event


def test_an_unknown_code_from_a_newer_version_reads_without_failing() -> None:
    event = Rejected(t=0.0, action="use", code="from_the_future")
    assert refusal_text(event, "fr") == "Action refusée."
