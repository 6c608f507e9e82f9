"""``--phones/--no-phones``, ``--phones-port`` and ``--phones-host`` on the command line: off
means no server; on, the headless walkthrough plays to its ending with the server attached."""

from __future__ import annotations

import argparse

from declic.cli import main
from declic.commands.phones import add_phone_arguments, phone_attachers
from engine.shipped import resolve_scenario


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_phone_arguments(parser)
    return parser.parse_args(list(argv))


def test_no_phones_attaches_nothing_and_phones_attaches_the_server() -> None:
    assert phone_attachers(parse("--no-phones")) == []
    forced = parse("--phones", "--phones-host", "127.0.0.1", "--phones-port", "0")
    assert (forced.phones, forced.phones_port) == (True, 0)
    assert len(phone_attachers(forced)) == 1


def test_play_with_phones_still_plays_the_walkthrough_to_its_ending(capsys) -> None:  # type: ignore[no-untyped-def]
    scenario = resolve_scenario("demo-escape")
    walkthrough = scenario.with_name("demo-escape.walkthrough.yaml")
    argv = ["play", str(scenario), "--headless", "--walkthrough", str(walkthrough)]
    argv += ["--phones", "--phones-host", "127.0.0.1", "--phones-port", "0"]
    assert main(argv) == 0
    assert "Traceback" not in capsys.readouterr().err
