"""Validated files kept in the user's cache folder, so that ``declic play`` does not build
pydantic's validators (the format's models are built on first use, ``defer_build``) before
the game's first frame.

A validated scenario (or skills framework) is a pure function of its file's text and of the
model code that validated it: the key is the text's hash with the model's name and a
fingerprint of that code (every module of ``engine/format`` and ``engine/puzzles``, the
parser's and the skills framework's: name, size, modification time), pydantic's and Python's
versions. Only the validated object is kept; the checks that read other files (pictures,
towns) run at every load. A cache that cannot be read, written or unpickled is ignored: the
file is validated again, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: the newest files kept; older ones are removed when a new one is written
KEEP = 40
ENGINE = Path(__file__).resolve().parent


def folder() -> Path:
    """Where validated scenarios are kept (the platform's user cache folder)."""
    from platformdirs import user_cache_path

    return user_cache_path("declic", appauthor=False) / "scenarios"


@cache
def engine_fingerprint() -> bytes:
    """What a validated scenario depends on besides its text: the model code and versions."""
    import pydantic

    parts = [sys.version, pydantic.VERSION]
    modules = [*sorted(ENGINE.glob("format/*.py")), *sorted(ENGINE.glob("puzzles/*.py"))]
    modules.append(ENGINE / "load" / "yaml_source.py")  # the parser: a kept text parses again
    for module in [*modules, ENGINE / "reference" / "skills.py"]:
        stat = module.stat()
        parts.append(f"{module.relative_to(ENGINE)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode()


def _file(text: str, kind: type) -> Path:
    digest = hashlib.sha256(engine_fingerprint())
    digest.update(f"\0{kind.__module__}.{kind.__qualname__}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return folder() / f"{digest.hexdigest()}.pickle"


def cached(text: str, kind: type[T]) -> T | None:
    """The ``kind`` validated from ``text`` earlier, or None (never kept, or unreadable)."""
    try:
        with _file(text, kind).open("rb") as kept:
            value = pickle.load(kept)
    except Exception:  # missing, truncated, garbage, from a class that changed: validate again
        return None
    return value if isinstance(value, kind) else None


def remember(text: str, value: object) -> None:
    """Keep ``value``, validated from ``text``, for the next load of ``text``; a folder that
    refuses it is ignored."""
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        target = _file(text, type(value))
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, target)  # whole or absent: a reader never sees half a file
        finally:
            Path(temporary).unlink(missing_ok=True)
        _prune(target.parent)
    except (OSError, pickle.PicklingError):
        return


def _prune(where: Path) -> None:
    kept = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[KEEP:]:
        old.unlink(missing_ok=True)
