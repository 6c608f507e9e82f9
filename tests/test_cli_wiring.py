"""Every part's commands are wired into ``declic``; usage errors exit 2 in French."""

from __future__ import annotations

from importlib import import_module

import pytest

from declic.cli import COMMANDS, build_parser, main


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_module_imports_and_registers(name: str) -> None:
    module = import_module(name)
    assert callable(module.register)


def test_all_commands_are_listed() -> None:
    parser = build_parser()
    text = parser.format_help()
    for command in (
        "check",
        "replay",
        "schema",
        "play",
        "new",
        "lint",
        "session",
        "summary",
        "trainings",
        "portal",
    ):
        assert command in text


def test_usage_error_exits_2_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["nimporte-quoi"])
    assert exit_info.value.code == 2
    assert "erreur d'utilisation" in capsys.readouterr().err


def test_no_command_opens_the_home_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """``declic`` alone (and ``declic play`` without a scenario) opens the facilitator's home."""
    import declic.commands.home as home

    opened: list[str] = []
    monkeypatch.setattr(home, "run", lambda args: opened.append(args.command) or 0)
    assert main([]) == 0
    assert main(["play"]) == 0
    assert opened == ["home", "play"]


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "home" in capsys.readouterr().out


def test_check_accepts_walkthroughs_beside_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    from engine.shipped import shipped_scenarios

    files = []
    for scenario in shipped_scenarios():
        files += [str(scenario), str(scenario.with_name(scenario.stem + ".walkthrough.yaml"))]
    assert main(["check", *files]) == 0
    assert capsys.readouterr().out.count(": OK") == len(files)
