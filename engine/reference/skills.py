"""The 16 ROME savoir-être that Déclic's games reveal, with player labels and ESCO/CléA links.

Why a typed model: scenarios name skills by slug ("equipe") and job data names them by ROME
code ("300465"); both must resolve to one validated record, and a broken data file must fail
at startup with the file name rather than deep inside a game.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from engine.cache import cached, remember

from . import assets_dir

__all__ = ["Skill", "SkillsFramework", "default_path", "load_framework"]

# The C loader, when PyYAML was built with libyaml, keeps startup fast.
_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Skill(BaseModel):
    """One savoir-être: official ROME wording, Déclic's player wording, ESCO and CléA links."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    rome_code: str = Field(pattern=r"^[0-9]{6}$")
    rome_macro: str = Field(min_length=1)
    rome_label: str = Field(min_length=1)
    definition: str = Field(min_length=1)
    label: str = Field(min_length=1)
    at_work: str = Field(min_length=1)
    esco_uri: str = Field(pattern=r"^http://data\.europa\.eu/esco/skill/[0-9a-f-]+$")
    esco_label: str = Field(min_length=1)
    clea_domain: int | None = Field(ge=1, le=7)


class SkillsFramework(BaseModel):
    """The whole framework, indexed by slug and by ROME code."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    licence: str = Field(min_length=1)
    skills: tuple[Skill, ...] = Field(min_length=1)

    _by_id: dict[str, Skill] = PrivateAttr(default_factory=dict)
    _by_rome_code: dict[str, Skill] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _index(self) -> SkillsFramework:
        for skill in self.skills:
            if skill.id in self._by_id:
                raise ValueError(f"duplicate skill id {skill.id!r}")
            if skill.rome_code in self._by_rome_code:
                raise ValueError(f"duplicate rome_code {skill.rome_code!r}")
            self._by_id[skill.id] = skill
            self._by_rome_code[skill.rome_code] = skill
        return self

    @property
    def by_id(self) -> dict[str, Skill]:
        """Skills by slug, in file order (a copy: the framework is immutable)."""
        return dict(self._by_id)

    @property
    def ids(self) -> tuple[str, ...]:
        """All slugs, in file order."""
        return tuple(self._by_id)

    def get(self, key: str) -> Skill | None:
        """The skill with this slug or ROME code ("equipe" or "300465"), else None."""
        key = key.strip()
        # the private attributes read straight from their slot: through pydantic's
        # ``__getattr__`` they cost more than the lookup, and a hub reads thousands of cards
        private = self.__pydantic_private__ or {}
        by_id: dict[str, Skill] = private["_by_id"]
        by_rome_code: dict[str, Skill] = private["_by_rome_code"]
        return by_id.get(key) or by_rome_code.get(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None


def default_path() -> Path:
    """The shipped framework file."""
    return assets_dir() / "skills" / "savoir-etre.yaml"


def _parse(path: Path) -> SkillsFramework:
    text = path.read_text(encoding="utf-8")
    known = cached(text, SkillsFramework)  # validated at an earlier start (engine/cache.py)
    if known is not None:
        return known
    framework = _validate(path, text)
    remember(text, framework)
    return framework


def _validate(path: Path, text: str) -> SkillsFramework:
    try:
        data: Any = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("framework"), dict):
        raise ValueError(f"{path}: expected a mapping with 'framework' and 'skills' keys")
    extra = sorted(str(k) for k in data if k not in ("framework", "skills"))
    if extra:
        raise ValueError(f"{path}: unexpected top-level keys: {', '.join(extra)}")
    try:
        return SkillsFramework.model_validate({**data["framework"], "skills": data.get("skills")})
    except ValidationError as exc:
        problems = "; ".join(f"{_location(error['loc'])}: {error['msg']}" for error in exc.errors())
        raise ValueError(f"{path}: {problems}") from exc


def _location(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into the file's own terms (skills[3].label, framework.id)."""
    if not loc:  # whole-model checks are about the skills list (duplicates)
        return "skills"
    if loc[0] != "skills":
        return "framework." + ".".join(str(part) for part in loc)
    text = "skills"
    for part in loc[1:]:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


@cache
def _load_default() -> SkillsFramework:
    return _parse(default_path())


def load_framework(path: Path | None = None) -> SkillsFramework:
    """Load and validate a skills framework; the shipped one (``path=None``) is cached.

    Raises ``ValueError`` naming the file and the faulty field when the structure is wrong,
    and ``FileNotFoundError`` when the file is missing.
    """
    if path is None:
        return _load_default()
    return _parse(Path(path))
