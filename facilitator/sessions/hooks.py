"""What other facilitator packages do when a session changes, found by module name.

The hub, the portal and the summaries build on sessions, so sessions do not import them. As
the storage finds each package's ``migrations`` module, sessions find each package's
``session_hooks`` module and call the functions it defines (a build without that package
simply has none):

* ``after_game(db)`` — a workshop was created or a game ended (the hub's background push);
* ``after_forget(db, session_id, clean)`` — inside ``forget``'s transaction, for what the
  package keeps about the session's other players (the portal's notes and card images);
* ``write_evidence_trail(db, session_id, path)`` — write ``preuves.json`` again from the
  log as it is now (the summaries).

Keep those modules light: their imports belong inside the functions.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from functools import cache
from types import ModuleType
from typing import Any


@cache
def session_hooks() -> tuple[ModuleType, ...]:
    """Every ``facilitator.<package>.session_hooks`` module, imported once."""
    import facilitator

    found = []
    for package in pkgutil.iter_modules(facilitator.__path__):
        name = f"facilitator.{package.name}.session_hooks"
        if package.ispkg and importlib.util.find_spec(name):
            found.append(importlib.import_module(name))
    return tuple(found)


def has_hook(hook: str) -> bool:
    return any(hasattr(module, hook) for module in session_hooks())


def call_hooks(hook: str, *args: Any) -> list[Any]:
    """Call ``hook(*args)`` of every package that defines it; what they return."""
    return [getattr(module, hook)(*args) for module in session_hooks() if hasattr(module, hook)]
