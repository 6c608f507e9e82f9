"""What the author reads: suggestions, French messages with a hint, every error in one run.

These run the loader in-process on the corpus (tests/corpus) and on small texts; the command
line itself is tested in test_check_corpus.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.diagnostics import CATALOGUE, catalogue_markdown
from engine.load.check import check_files, load_scenario
from engine.load.yaml_source import MAX_BYTES, MAX_NODES, SourceError, parse_text, read_source
from engine.shipped import shipped_scenarios

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CORPUS_FILES = sorted(CORPUS / name for name in EXPECTED if not name.startswith("@"))
#: Words of PyYAML's and pydantic's English messages that must never reach an author.
ENGLISH = re.compile(
    r"\b(should|Input|expected|found|allowed|Value error|could not|while|valid|must|not allowed)\b"
)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("unknown_key_top.yaml", "summary"),
        ("unknown_key_scene.yaml", "hotspots"),
        ("unknown_key_puzzle.yaml", "feedback"),
        ("unknown_key_hotspot.yaml", "effects"),
        ("unknown_ref_scene.yaml", "salle"),
        ("unknown_ref_item.yaml", "cle"),
        ("unknown_ref_puzzle.yaml", "code_boite"),
        ("unknown_ref_ending.yaml", "gagne"),
        ("unknown_ref_unlock.yaml", "porte"),
        ("unknown_ref_clue.yaml", "boite"),
        ("unknown_ref_exit.yaml", "sortie"),
        ("unknown_ref_condition.yaml", "code_boite"),
        ("unknown_skill.yaml", "rigueur"),
        ("unknown_skill_effect.yaml", "equipe"),
        ("unknown_condition_nested.yaml", "solved"),
        ("single_choice_bad_answer.yaml", "vert"),
        ("bom_with_error.yaml", "start"),
    ],
)
def test_did_you_mean(name: str, suggestion: str) -> None:
    (diagnostic,) = load_scenario(CORPUS / name).diagnostics
    assert diagnostic.message.endswith(f"vouliez-vous dire « {suggestion} » ?")


def test_no_suggestion_when_nothing_is_close() -> None:
    (diagnostic,) = load_scenario(CORPUS / "unknown_effect.yaml").diagnostics
    assert "vouliez-vous dire" not in diagnostic.message
    assert "give" in diagnostic.format(), "the hint still shows how an effect is written"


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_messages_are_french_with_a_hint(path: Path) -> None:
    diagnostics = load_scenario(path).diagnostics
    assert diagnostics
    for d in diagnostics:
        assert d.code in CATALOGUE
        assert d.line >= 1 and d.col >= 1
        assert not ENGLISH.search(d.message), d.message
        hint = d.format().splitlines()[1]
        assert hint.startswith("    aide : ") and len(hint) > len("    aide : ") + 10
        assert not ENGLISH.search(d.hint), d.hint


@pytest.mark.parametrize("name", ["five_errors.yaml", "five_shape_errors.yaml"])
def test_all_errors_of_a_file_in_one_run(name: str) -> None:
    diagnostics = load_scenario(CORPUS / name).diagnostics
    assert len(diagnostics) == 5
    assert len({d.line for d in diagnostics}) == 5
    assert [d.line for d in diagnostics] == sorted(d.line for d in diagnostics)


def test_check_files_gathers_every_file() -> None:
    names = ["five_errors.yaml", "tabs.yaml"]
    found = check_files(CORPUS / n for n in names)
    assert [Path(d.file).name for d in found] == ["five_errors.yaml"] * 5 + ["tabs.yaml"]


def test_every_expected_code_is_documented() -> None:
    used = {item["code"] for items in EXPECTED.values() for item in items}
    assert used <= set(CATALOGUE)


def test_docs_diagnostics_is_in_sync() -> None:
    page = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert page == catalogue_markdown(), (
        "regenerate: python -m engine.diagnostics > docs/diagnostics.md"
    )


# --- number puzzles -------------------------------------------------------------------------

NUMBER_SCENARIO = """format: 1
id: nombres
title: "Nombres"
kind: escape
duration_minutes: 15
players: {min: 1, max: 4}
start: cuisine
scenes:
  - id: cuisine
    title: "La cuisine"
    text: "Une balance et une recette : 200 g de saumon pour 4 personnes."
    hotspots:
      - {id: balance, label: "La balance", puzzle: balance}
      - {id: pot, label: "Le pot", puzzle: creme}
puzzles:
  - id: balance
    type: number
    title: "La balance"
    prompt: "Il y a 12 clients. Combien de grammes de saumon faut-il peser ?"
    answer: 600
    tolerance: 10
    unit: "g"
    hints: ["Regardez la recette.", "3 fois 200 g."]
    on_solve:
      - end: fini
  - id: creme
    type: number
    title: "La crème"
    prompt: "Combien de litres de crème ?"
    answer: 2.5
    hints: ["Regardez la recette.", "Deux litres et demi."]
endings:
  - {id: fini, title: "Fini", text: "Bravo."}
"""


def test_a_number_puzzle_loads(tmp_path: Path) -> None:
    path = tmp_path / "nombres.yaml"
    path.write_text(NUMBER_SCENARIO, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.ok and loaded.scenario is not None, [d.format() for d in loaded.diagnostics]
    balance, creme = loaded.scenario.puzzles
    assert (balance.type, balance.answer, balance.tolerance, balance.unit) == (  # type: ignore[attr-defined]
        "number",
        600,
        10,
        "g",
    )
    assert (creme.answer, creme.tolerance, creme.unit) == (2.5, 0, None)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "line", "col", "words"),
    [
        ("number_negative_tolerance.yaml", 41, 16, ("au moins 0", "-10", "590 à 610")),
        ("number_infinite_answer.yaml", 40, 13, ("trop grand", "infini", "answer: 2.5")),
        ("number_decimal_comma.yaml", 40, 13, ("un nombre", "« 2,5 »", "avec un point")),
    ],
)
def test_number_puzzle_mistakes_point_at_the_value_with_a_hint(
    name: str, line: int, col: int, words: tuple[str, ...]
) -> None:
    (diagnostic,) = load_scenario(CORPUS / name).diagnostics
    assert (diagnostic.line, diagnostic.col) == (line, col)
    for word in words:
        assert word in diagnostic.message + diagnostic.hint, word


@pytest.mark.parametrize(
    ("wrong", "code", "words"),
    [
        (("answer: 600", "answer: true"), "E012", ("un nombre", "true/false", "answer: 2.5")),
        (("answer: 600", 'answer: "600"'), "E012", ("un nombre", "« 600 »", "sans guillemets")),
        (("tolerance: 10", 'tolerance: "beaucoup"'), "E012", ("un nombre", "590 à 610")),
        (('unit: "g"', 'unit: "grammes"'), "E013", ("trop long", "°C")),
        (('unit: "g"', 'unit: ""'), "E013", ("vide", "°C")),
    ],
    ids=["answer-true", "answer-quoted", "tolerance-word", "unit-long", "unit-empty"],
)
def test_number_puzzle_fields_have_their_own_hint(
    tmp_path: Path, wrong: tuple[str, str], code: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / "nombres.yaml"
    path.write_text(NUMBER_SCENARIO.replace(*wrong, 1), encoding="utf-8")
    (diagnostic,) = load_scenario(path).diagnostics
    assert diagnostic.code == code
    assert diagnostic.line == NUMBER_SCENARIO.splitlines().index(f"    {wrong[0]}") + 1
    assert not ENGLISH.search(diagnostic.message + diagnostic.hint)
    for word in words:
        assert word in diagnostic.message + diagnostic.hint, word


# --- the reader ----------------------------------------------------------------------------


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    for scenario in shipped_scenarios():
        copy = tmp_path / scenario.parent.name / scenario.name
        copy.parent.mkdir()
        copy.write_bytes(b"\xef\xbb\xbf" + scenario.read_bytes())
        for asset in scenario.parent.iterdir():
            if asset != scenario and asset.is_file():
                (copy.parent / asset.name).write_bytes(asset.read_bytes())
        loaded = load_scenario(copy)
        assert loaded.ok, [d.format() for d in loaded.diagnostics]


def test_yaml_1_2_scalars() -> None:
    text = "a: yes\nb: 0472\nc: 12\nd: 1.5\ne: ~\nf: true\ng: '12'\nh: 0x1F\ni: 2024-01-01\nj: -3\nk: !!str 5\nl:\n"
    data = parse_text(text.encode(), "t").data
    assert data == {
        "a": "yes",
        "b": "0472",
        "c": 12,
        "d": 1.5,
        "e": None,
        "f": True,
        "g": "12",
        "h": "0x1F",
        "i": "2024-01-01",
        "j": -3,
        "k": "5",
        "l": None,
    }


def test_where_points_at_values_keys_and_parents() -> None:
    source = parse_text(b"# c\nscenes:\n  - id: a\n    title: T\n", "t")
    assert source.where(("scenes", 0, "title")) == (4, 12)
    assert source.where(("scenes", 0, "title"), key=True) == (4, 5)
    assert source.where(("scenes", 0, "text")) == (3, 5), "a missing field points at its block"
    assert source.where(("scenes", 7)) == (3, 3)
    assert source.where(()) == (2, 1)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        (b"a: 1\nb: [1, 2\n", "E004", 3),
        (b"a: 'ouvert\nb: 2\n", "E004", 1),
        (b"a: 'Il a dit \"oui'\nb: [1\n", "E004", 3),
        (b"a: 1\n  b: 2\n", "E004", 2),
        (b"a:\n\t- b\n", "E005", 2),
        (b"a: *nulle_part\n", "E004", 1),
        (b"a: !!binary aGVsbG8=\n", "E004", 1),
        (b"a: !perso x\n", "E004", 1),
        (b"%PDF-1.7\n", "E003", 1),
        (b"PK\x03\x04rest", "E003", 1),
        (b"a: \xe9t\xe9\n", "E003", 1),
        (b"\xff\xfe\x00\x00a\x00\x00\x00", "E003", 1),
        (b"a: 1\n---\nb: 2\n", "E004", 2),
        (b"a: &x [*x]\n", "E007", 1),
        (b"a: " + b"{b: " * 70 + b"1" + b"}" * 70 + b"\n", "E006", 1),
        (b"a: [" + b"1, " * MAX_NODES + b"1]\n", "E007", 1),  # no anchor, still counted
    ],
)
def test_hostile_texts(text: bytes, code: str, line: int) -> None:
    with pytest.raises(SourceError) as caught:
        parse_text(text, "t")
    assert (caught.value.diagnostic.code, caught.value.diagnostic.line) == (code, line)


def test_too_big_is_refused_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        parse_text(b"a: b\n" * (MAX_BYTES // 5 + 1), "t")
    assert caught.value.diagnostic.code == "E002"
    with pytest.raises(SourceError) as by_path:
        read_source(tmp_path)
    assert by_path.value.diagnostic.code == "E001" and "dossier" in by_path.value.diagnostic.message


def test_aliases_are_shared_not_expanded() -> None:
    data = parse_text(b"a: &x {b: [1, 2]}\nc: *x\n", "t").data
    assert data == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}}


def test_a_text_without_anchors_gives_the_same_data() -> None:
    """Without « & » the builder skips the alias bookkeeping: same data as with it."""
    compared = 0
    for text in SHIPPED_TEXT:
        if "&" in text:  # (in a text: « Recherche & développement »)
            continue
        plain = parse_text(text.encode(), "t").data
        assert parse_text((text + "# R&D\n").encode(), "t").data == plain
        compared += 1
    assert compared >= 5


# --- never a traceback ---------------------------------------------------------------------

SHIPPED_TEXT = [p.read_text(encoding="utf-8") for p in shipped_scenarios()]
NOISE = [
    "{",
    "}",
    "[",
    "]",
    ":",
    "- ",
    "&a ",
    "*a",
    '"',
    "'",
    "\t",
    "!!str ",
    "? ",
    "|",
    ">",
    "#",
    "\n",
    "  ",
    "~",
    "1e9",
    "<<: *a",
    "{all: []}",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x07",
    "%YAML 1.1\n",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SHIPPED_TEXT)).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "insert"]))
        if op == "delete":
            del lines[at]
        elif op == "duplicate":
            lines.insert(at, lines[draw(st.integers(0, len(lines) - 1))])
        else:
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = (
                lines[at][:cut]
                + draw(st.sampled_from(NOISE) | st.text(max_size=3))
                + lines[at][cut:]
            )
    return "\n".join(lines)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated() | st.text(max_size=200), raw=st.binary(max_size=64))
def test_mutated_files_never_raise(tmp_path: Path, text: str, raw: bytes) -> None:
    for content in (text.encode("utf-8", "surrogatepass"), raw):
        path = tmp_path / "f.yaml"
        path.write_bytes(content)
        for d in load_scenario(path).diagnostics:
            assert d.code in CATALOGUE and d.line >= 1 and d.col >= 1
            assert not ENGLISH.search(d.message), d.message
