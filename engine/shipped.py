"""Where the shipped scenarios are, and how a name on the command line becomes a file.

In the engine (not the command line) so that the player's gallery, the lint and the facilitator
can find them without importing ``declic``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEFAULT_SCENARIO = "demo-escape"


def scenarios_dir() -> Path:
    """The installed ``scenarios`` folder (a package so that ``pip install .`` ships it)."""
    return Path(str(resources.files("scenarios")))


def shipped_scenarios() -> list[Path]:
    """Every shipped scenario file, sorted by id (walkthroughs excluded)."""
    return sorted(
        p for p in scenarios_dir().glob("*/*.yaml") if not p.name.endswith(".walkthrough.yaml")
    )


def resolve_scenario(name: str | None) -> Path:
    """A path as given, else a shipped scenario id (``demo-tour``); the default if None."""
    name = name or DEFAULT_SCENARIO
    path = Path(name)
    if _exists(path) or path.suffix in (".yaml", ".yml"):
        return path
    candidate = scenarios_dir() / name / f"{name}.yaml"
    return candidate if _exists(candidate) else path


def _exists(path: Path) -> bool:
    """False, rather than an error, for a name too long or otherwise impossible: the
    loader then says in French that the scenario is not found."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False
