"""``declic lint`` lives in ``engine.lint``; this module only wires it when present."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    try:
        from engine.lint.cli import register as lint_register
    except ImportError:
        return
    lint_register(sub)
