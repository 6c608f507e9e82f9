"""``declic new scenario NAME --kind escape|rally|tour``: a valid, playable starting point.

The templates are YAML files beside this module (data, not code), full of comments in French;
only the id, title and paths are filled in. The JSON Schema is written beside the new scenario
so that an editor (VS Code's YAML extension) completes and checks it straight away.
"""

from __future__ import annotations

import re
import unicodedata
from importlib import resources
from pathlib import Path
from string import Template

from engine.format.kinds import SCENARIO_KINDS, kind_list
from engine.format.schema import scenario_schema_text
from engine.puzzles.registry import PUZZLE_TYPES

KINDS = tuple(SCENARIO_KINDS)
SCHEMA_FILE = "scenario.schema.json"


def slug(name: str) -> str:
    """``"Mon Garage"`` → ``"mon-garage"``: a valid scenario id from any title."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return text[:48] or "scenario"


def new_scenario(name: str, kind: str, folder: Path) -> tuple[Path, Path]:
    """Write ``folder/<id>/<id>.yaml``, its walkthrough and the schema; never overwrite."""
    if kind not in KINDS:
        raise ValueError(f"genre inconnu « {kind} » : choisissez {kind_list()}")
    scenario_id = slug(name)
    target = folder / scenario_id
    scenario_path = target / f"{scenario_id}.yaml"
    walkthrough_path = target / f"{scenario_id}.walkthrough.yaml"
    for path in (scenario_path, walkthrough_path):
        if path.exists():
            raise FileExistsError(f"{path} existe déjà : choisissez un autre nom")
    target.mkdir(parents=True, exist_ok=True)
    values = {
        "id": scenario_id,
        "title": name.replace('"', "'"),
        "file": scenario_path.as_posix(),
        "schema": SCHEMA_FILE,
        "puzzle_types": ", ".join(PUZZLE_TYPES),
    }
    templates = resources.files("engine.authoring") / "templates"
    for source, path in (
        (f"{kind}.yaml", scenario_path),
        (f"{kind}.walkthrough.yaml", walkthrough_path),
    ):
        text = Template((templates / source).read_text(encoding="utf-8")).substitute(values)
        path.write_text(text, encoding="utf-8")
    (target / SCHEMA_FILE).write_text(scenario_schema_text(), encoding="utf-8")
    return scenario_path, walkthrough_path
