"""The validated-scenario cache (engine/cache.py): a second load of the same text reads
it instead of validating; a changed text or engine validates again; a cache that is corrupt,
of another type or cannot be written is ignored, never an error; a bad file is never kept."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest

from engine import cache
from engine.format.scenario import Scenario
from engine.load.check import load_scenario
from engine.shipped import scenarios_dir

SHIPPED = scenarios_dir() / "demo-escape" / "demo-escape.yaml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setattr(cache, "folder", lambda: where)
    return where


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every call of ``Scenario.model_validate`` (the work the cache saves)."""
    seen: list[object] = []
    validate = Scenario.model_validate.__func__  # type: ignore[attr-defined]

    def counted(cls: type[Scenario], /, data: object, **kwargs: object) -> Scenario:
        seen.append(data)
        return validate(cls, data, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(Scenario, "model_validate", classmethod(counted))
    return seen


def kept_scenarios(folder: Path) -> list[Path]:
    """The cache's files that hold a scenario (the skills framework is kept there too)."""
    return [
        p for p in folder.glob("*.pickle") if isinstance(pickle.loads(p.read_bytes()), Scenario)
    ]


def copy_of_shipped(tmp_path: Path, shipped: Path = SHIPPED) -> Path:
    target = tmp_path / "jeu" / shipped.name
    target.parent.mkdir()
    target.write_bytes(shipped.read_bytes())
    return target


def test_a_second_load_reads_the_cache_and_gives_the_same_scenario(
    tmp_path: Path, folder: Path, validations: list[object]
) -> None:
    path = copy_of_shipped(tmp_path, scenarios_dir() / "rallye" / "rallye.yaml")
    first = load_scenario(path)
    assert first.ok and len(validations) == 1
    assert len(kept_scenarios(folder)) == 1
    second = load_scenario(path)
    assert second.ok and len(validations) == 1  # not validated again
    assert second.scenario == first.scenario
    assert second.scenario is not first.scenario
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    # what validation builds beside the fields comes back too (the puzzles' variants)
    made = [p._made for p in second.scenario.puzzles]  # type: ignore[union-attr]
    assert any(made) and made == [p._made for p in first.scenario.puzzles]  # type: ignore[union-attr]


def test_a_changed_file_or_engine_is_validated_again(
    tmp_path: Path, folder: Path, validations: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of_shipped(tmp_path)
    original = load_scenario(path).scenario
    assert original is not None
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(original.title, "Un autre titre", 1), encoding="utf-8")
    changed = load_scenario(path).scenario
    assert changed is not None and changed.title == "Un autre titre"
    assert len(validations) == 2
    monkeypatch.setattr(cache, "engine_fingerprint", lambda: b"another engine")
    assert load_scenario(path).ok and len(validations) == 3


@pytest.mark.parametrize(
    "kept",
    [b"", b"not a pickle", pickle.dumps({"title": "pas un scenario"}), b"\x80\x05\x95\xff"],
    ids=["empty", "garbage", "another type", "truncated"],
)
def test_a_corrupt_cache_is_ignored_and_replaced(
    tmp_path: Path, folder: Path, validations: list[object], kept: bytes
) -> None:
    path = copy_of_shipped(tmp_path)
    assert load_scenario(path).ok
    (entry,) = kept_scenarios(folder)
    entry.write_bytes(kept)
    again = load_scenario(path)
    assert again.ok and again.scenario is not None and len(validations) == 2
    assert isinstance(pickle.loads(entry.read_bytes()), Scenario)  # a good one written back


def test_a_cache_folder_that_cannot_be_written_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validations: list[object]
) -> None:
    blocker = tmp_path / "un-fichier"
    blocker.write_text("pas un dossier")
    monkeypatch.setattr(cache, "folder", lambda: blocker / "cache")
    path = copy_of_shipped(tmp_path)
    assert load_scenario(path).ok and load_scenario(path).ok
    assert len(validations) == 2 and blocker.read_text() == "pas un dossier"


def test_a_file_with_problems_is_never_kept(tmp_path: Path, folder: Path) -> None:
    path = copy_of_shipped(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "\nchamp_inconnu: 1\n", encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.scenario is None and loaded.diagnostics
    assert not kept_scenarios(folder)


def test_only_the_newest_entries_are_kept(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "KEEP", 2)
    path = copy_of_shipped(tmp_path)
    text = path.read_text(encoding="utf-8")
    for n in range(4):
        path.write_text(text.replace("title:", f"# version {n}\ntitle:", 1), encoding="utf-8")
        assert load_scenario(path).ok
    assert len(list(folder.glob("*.pickle"))) == 2
    assert not list(folder.glob("*.part"))


def test_a_skills_framework_is_validated_once_and_its_index_comes_back(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.reference import assets_dir
    from engine.reference.skills import SkillsFramework, load_framework

    path = tmp_path / "referentiel.yaml"
    path.write_bytes((assets_dir() / "skills" / "savoir-etre.yaml").read_bytes())
    first = load_framework(path)
    validate = SkillsFramework.model_validate
    seen: list[object] = []
    monkeypatch.setattr(SkillsFramework, "model_validate", lambda data: seen.append(data))
    second = load_framework(path)
    assert not seen and second == first and second is not first
    skill = first.skills[0]
    assert second.get(skill.id) == skill and second.get(skill.rome_code) == skill
    monkeypatch.setattr(SkillsFramework, "model_validate", validate)
    path.write_text(path.read_text(encoding="utf-8").replace(skill.label, "Autre", 1))
    assert load_framework(path).skills[0].label == "Autre"


@pytest.fixture
def compositions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text whose YAML is composed (the parse a kept scenario skips)."""
    import yaml

    seen: list[str] = []
    compose = yaml.compose

    def counted(text: str, **kwargs: Any) -> object:
        seen.append(text)
        return compose(text, **kwargs)

    monkeypatch.setattr(yaml, "compose", counted)
    return seen


def test_a_kept_scenario_is_not_parsed_again_unless_a_problem_needs_its_place(
    tmp_path: Path, folder: Path, compositions: list[str]
) -> None:
    path = copy_of_shipped(tmp_path)
    assert load_scenario(path).ok and len(compositions) == 1
    again = load_scenario(path)
    assert again.ok and len(compositions) == 1  # valid and kept: no YAML composed
    assert again.source is not None and again.source.where(("scenes", 0)) > (1, 1)
    assert len(compositions) == 2  # a place was asked for: parsed then
    assert again.source.data["id"] == again.scenario.id  # type: ignore[union-attr]


def test_a_kept_scenario_s_problems_are_located_as_on_the_first_load(
    tmp_path: Path, folder: Path, compositions: list[str]
) -> None:
    from engine.lint.checks import lint_file

    path = copy_of_shipped(tmp_path)
    text = path.read_text(encoding="utf-8")
    never_given = "items:\n  - {id: souvenir, name: Souvenir, description: Un souvenir.}\n"
    path.write_text(text.replace("items:\n", never_given, 1), encoding="utf-8")
    first = [d.format() for d in lint_file(path).diagnostics]
    second = [d.format() for d in lint_file(path).diagnostics]
    row, line = next((n, t) for n, t in enumerate(path.read_text().splitlines(), 1) if "souv" in t)
    at = f"{path}:{row}:{line.index('souvenir') + 1}"  # the item's id
    assert [d.split(": ")[0] for d in first] == [at] and "W101" in first[0]
    assert second == first and len(compositions) == 2  # parsed again, to place the warning
