"""``declic jobs MOT``: an author finds the ROME code to write in ``jobs:`` without the
source's CSV files at hand (a pip install has them in site-packages only)."""

from __future__ import annotations

import pytest

from declic.cli import main
from engine.reference.rome import is_valid_rome, normandie_jobs


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def codes(out: str) -> list[str]:
    return [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]


def test_a_short_title_finds_its_job_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["jobs", "garagiste"], capsys)
    assert code == 0
    assert codes(out) == ["I1604"]
    assert "Garagiste" in out.splitlines()[1]  # the short title that matched, under it
    assert "par exemple jobs: [I1604]" in err


def test_accents_and_case_do_not_count(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(["jobs", "MECANICIEN", "automobile"], capsys)
    _, accented, _ = run(["jobs", "mécanicien", "Automobile"], capsys)
    assert plain == accented and "I1604" in codes(plain)


def test_the_normandy_selection_comes_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["jobs", "cuisine"], capsys)
    found = codes(out)
    assert code == 0 and "G1602" in found and all(is_valid_rome(c) for c in found)
    selected = [c in normandie_jobs() for c in found]
    assert selected == sorted(selected, reverse=True), found
    assert not all(selected), "codes outside the selection are listed too"


def test_no_job_for_the_word(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["jobs", "zzzz"], capsys)
    assert code == 1 and out == ""
    assert err.startswith("Aucun métier pour « zzzz »")


def test_a_word_is_needed(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["jobs"], capsys)
    assert code == 2 and "à indiquer aussi : MOT" in err
