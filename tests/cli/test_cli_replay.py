"""`declic replay` without pygame, and `declic schema` as an editor would use it.

Replay runs in a subprocess whose PYTHONPATH starts with a folder holding a fake ``pygame``
package that raises ImportError: the pure core and the CLI must not need pygame. The schema
printed by ``declic schema`` must be a valid JSON Schema that accepts every shipped scenario,
and the copy the scenarios point to (scenarios/scenario.schema.json) must be up to date.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from engine.load.yaml_source import read_source
from engine.shipped import scenarios_dir, shipped_scenarios
from engine.walkthrough import default_walkthrough

SCENARIOS = shipped_scenarios()
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def no_pygame_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    blocker = tmp_path_factory.mktemp("no_pygame")
    (blocker / "pygame").mkdir()
    (blocker / "pygame" / "__init__.py").write_text(
        'raise ImportError("pygame est rendu inimportable pour ce test")\n', encoding="utf-8"
    )
    path = os.pathsep.join(p for p in (str(blocker), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path, "PYTHONIOENCODING": "utf-8"}


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )


def test_the_fake_pygame_really_blocks_the_import(no_pygame_env: dict[str, str]) -> None:
    done = run(["-c", "import pygame"], no_pygame_env)
    assert done.returncode != 0 and "inimportable" in done.stderr


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_replay_reaches_an_ending_without_pygame(
    scenario: Path, no_pygame_env: dict[str, str]
) -> None:
    assert default_walkthrough(scenario).is_file(), "every shipped scenario has a walkthrough"
    done = run(["-m", "declic", "replay", str(scenario)], no_pygame_env)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fin «" in done.stdout
    assert "pas de fin" not in done.stdout


def test_replay_by_shipped_name_and_failing_walkthrough(
    tmp_path: Path, no_pygame_env: dict[str, str]
) -> None:
    assert run(["-m", "declic", "replay", "demo-escape"], no_pygame_env).returncode == 0
    short = tmp_path / "court.walkthrough.yaml"
    short.write_text(
        "players: [{id: p1, pseudonym: Lina}]\nsteps:\n  - {player: p1, use: affiche}\n",
        encoding="utf-8",
    )
    done = run(["-m", "declic", "replay", "demo-escape", str(short)], no_pygame_env)
    assert done.returncode == 1 and "pas de fin" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def schema_from_cli() -> dict[str, Any]:
    done = run(["-m", "declic", "schema"])
    assert done.returncode == 0, done.stderr
    schema: dict[str, Any] = json.loads(done.stdout)
    return schema


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return schema_from_cli()


def test_schema_is_a_valid_json_schema(schema: dict[str, Any]) -> None:
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert schema["title"] == "Scénario Déclic"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_schema_accepts_every_shipped_scenario(scenario: Path, schema: dict[str, Any]) -> None:
    data = read_source(scenario).data
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize(
    "name",
    [
        "unknown_key_top.yaml",
        "unknown_puzzle_type.yaml",
        "wrong_type_number.yaml",
        "number_negative_tolerance.yaml",
        "number_decimal_comma.yaml",
    ],
)
def test_schema_flags_what_the_loader_flags(name: str, schema: dict[str, Any]) -> None:
    """An editor using the schema underlines the same mistakes as `declic check`."""
    data = read_source(CORPUS / name).data
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert list(validator.iter_errors(data))


def test_shipped_schema_file_is_in_sync(schema: dict[str, Any]) -> None:
    shipped = scenarios_dir() / "scenario.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == schema, (
        "regenerate it: declic schema > scenarios/scenario.schema.json"
    )


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_point_to_the_schema(scenario: Path) -> None:
    first = scenario.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../scenario.schema.json"
