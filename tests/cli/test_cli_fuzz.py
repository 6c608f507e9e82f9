"""A net under the command line: every `declic` sub-command, read from the parser itself, run
through the real entry point with hostile arguments (files where folders are expected,
folders, devices, missing and refused places, huge, negative and non-numeric numbers, odd
characters). Whatever is typed, the answer is exit 0, 1 or 2 with a French message: never a
traceback nor « erreur inattendue ».

Bounded: a fixed number of examples, everything written under the test's temporary folder
(the current folder too), the portal binds 127.0.0.1 and stops at once instead of serving,
and options that set an amount of work (runs, steps, budget, limit) get no huge number.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import io
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import portal_binds_then_stops
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from declic import cli
from engine.walkthrough import default_walkthrough, load_walkthrough
from facilitator.sessions.service import GameSession, create_session
from facilitator.storage.db import open_database

REPO = Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "demo-escape" / "demo-escape.yaml"
CATALOGUE = REPO / "tests" / "portal" / "data" / "portal_trainings.csv"
#: Commands that would open a window or serve for ever get the option that makes them stop.
ALWAYS = {("play",): ["--headless"], ("session", "new"): ["--headless"]}
ALWAYS_AFTER = {("session", "resume"): ["--headless"]}
#: Options left out: --watch reloads for ever; --host could bind the network.
LEFT_OUT = {"--watch", "--host", "--fullscreen", "-h", "--help"}
#: Options that set an amount of work: hostile, but not a day of work.
WORK_SIZES = {"--runs", "--steps", "--budget", "--limit"}
#: What an English message would contain: argparse's words, or Python's exception names.
#: (The system's reason in brackets, "No such file or directory", is still tolerated.)
ENGLISH = re.compile(r"\b(invalid|expected|required|unrecognized|usage:|Errno|Error|Exception)\b")

NUMBERS = ["-1", "0", "1", "3", "99999", "9" * 25, "-" + "9" * 25, "1.5", "1,5", "nan"]
NUMBERS += ["inf", "-inf", "1e309", "abc", "0x10", "١٢", ""]
TEXTS = ["", " ", "-", "é", "Zoé", "\u202eabc", "a\nb", "x" * 400, "💥", "../..", "1:p1"]
TEXTS += ["%s%n", "' OR 1=1 --", "demo-escape", "G1602", "Rouen", "1", "2026-02-30"]
PLACES = ["db", "file", "garbage", "empty", "dir", "missing", "under-file", "refused"]
PLACES += ["/dev/null", "scenario", "catalogue", "missing-dir/"]


def commands() -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every runnable (sub-)command of the real parser, with its own parser."""
    found = []

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if path and (not subs or parser.get_default("func") is not None):
            found.append((path, parser))
        for sub in subs:
            for name, child in sub.choices.items():
                walk(child, (*path, name))

    walk(cli.build_parser(None), ())
    return found


COMMANDS = commands()


@pytest.fixture(scope="module")
def played_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with one played session of the demo (two players), copied for each run."""
    path = tmp_path_factory.mktemp("cli-fuzz") / "modele.db"
    db = open_database(path)
    game = GameSession.open(db, create_session(db, SCENARIO, now=1_780_000_000.0).id)
    for action, now, _ in load_walkthrough(default_walkthrough(SCENARIO)).actions(1.78e9):
        game.step(action, now)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def place(kind: str, folder: Path, played_db: Path) -> str:
    """A path of the given kind, made fresh inside this run's folder."""
    if kind.startswith("/"):
        return kind
    folder = Path(tempfile.mkdtemp(dir=folder))  # the same kind twice: two places
    target = folder / kind
    if kind == "db":
        shutil.copy(played_db, target)
    elif kind == "file":
        target.write_text("pas une base\n", encoding="utf-8")
    elif kind == "garbage":
        target.write_bytes(bytes(range(256)) * 4)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "dir":
        target.mkdir()
    elif kind == "under-file":
        (folder / "a-file").write_text("x", encoding="utf-8")
        target = folder / "a-file" / "inside"
    elif kind == "refused":
        target = Path("/sys/declic-fuzz")  # refused even to root
    elif kind == "scenario":
        target = SCENARIO
    elif kind == "catalogue":
        shutil.copy(CATALOGUE, target.with_suffix(".csv"))
        target = target.with_suffix(".csv")
    return str(target)


def value_for(action: argparse.Action) -> st.SearchStrategy[tuple[str, str]]:
    """(kind, raw) pairs; kind "place" values are turned into paths when the run starts."""
    numbers = NUMBERS
    if any(option in WORK_SIZES for option in action.option_strings):
        numbers = [n for n in NUMBERS if len(n) < 6 or not n.strip("-").isdigit()]
    choices = [str(c) for c in action.choices or ()]
    return st.one_of(
        st.sampled_from(PLACES).map(lambda p: ("place", p)),
        st.sampled_from(numbers + choices).map(lambda n: ("text", n)),
        st.sampled_from(TEXTS).map(lambda t: ("text", t)),
        st.text(max_size=12).map(lambda t: ("text", t.replace("\x00", ""))),
    )


@st.composite
def invocations(draw: st.DrawFn) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    path, parser = draw(st.sampled_from(COMMANDS))
    argv: list[tuple[str, str]] = [("text", word) for word in path]
    argv += [("text", word) for word in ALWAYS.get(path, [])]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        if not action.option_strings:  # a positional: usually given, sometimes missing
            if draw(st.integers(0, 9)) == 0:
                continue
            count = 2 if action.nargs in ("+", "*") and draw(st.booleans()) else 1
            argv += [draw(value_for(action)) for _ in range(count)]
            continue
        option = action.option_strings[-1]
        if option in LEFT_OUT or not draw(st.booleans()):
            continue
        if action.nargs == 0:
            argv.append(("text", option))
        else:
            kind, raw = draw(value_for(action))
            argv.append((kind, f"{option}={raw}" if kind == "text" else option))
            if kind == "place":
                argv.append((kind, raw))
    argv += [("text", word) for word in ALWAYS_AFTER.get(path, [])]
    return path, argv


@contextlib.contextmanager
def quiet_portal_and_prompts(stdin: str) -> Iterator[None]:
    """The portal binds its port then stops; password prompts get end-of-file; the home
    window (``declic home``) is checked up to the point where it would open, then closes."""
    import engine.player.home as home_window

    def no_terminal(prompt: str = "") -> str:
        raise EOFError

    def home_closes_at_once(port: object, **options: object) -> int:
        home_window.Home  # noqa: B018 -- the window's module imported, as for real
        return 0

    saved = (getpass.getpass, sys.stdin, home_window.run_home)
    getpass.getpass = no_terminal
    sys.stdin = io.StringIO(stdin)
    home_window.run_home = home_closes_at_once  # type: ignore[assignment]
    try:
        with portal_binds_then_stops():
            yield
    finally:
        getpass.getpass, sys.stdin, home_window.run_home = saved


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(invocation=invocations(), password=st.sampled_from(["", "court", "a" * 12, "é" * 40]))
def test_every_command_answers_hostile_arguments_in_french(
    invocation: tuple[tuple[str, ...], list[tuple[str, str]]],
    password: str,
    tmp_path: Path,
    played_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path, argv_kinds = invocation
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    monkeypatch.chdir(folder)
    monkeypatch.setenv("DECLIC_DB", place("db", folder, played_db))
    argv = [place(raw, folder, played_db) if kind == "place" else raw for kind, raw in argv_kinds]
    out, err = io.StringIO(), io.StringIO()
    with (
        quiet_portal_and_prompts(password + "\n"),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = cli.main(argv)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 2
    said = err.getvalue()
    event(f"{' '.join(path)} exit {code}")
    context = f"declic {' '.join(map(repr, argv))}\n{said}"
    assert code in (0, 1, 2), context
    assert "Traceback" not in said and "erreur inattendue" not in said, context
    if code != 0:
        assert said.strip(), f"exit {code} without a word: {context}"
        assert not ENGLISH.search(said), f"not in French: {context}"
