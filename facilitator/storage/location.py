"""Where the workshop database lives: ``--db``, else ``$DECLIC_DB``, else the user's data folder.

Why the data folder (XDG on Linux, ``Application Support`` on macOS, ``%LOCALAPPDATA%`` on
Windows, via ``platformdirs``): the facilitator never has to choose a path, and the file
survives reinstalls of Déclic. Every command that touches the database uses this one function.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "DECLIC_DB"
APP_NAME = "declic"
DB_NAME = "declic.db"


def database_path(cli_value: str | os.PathLike[str] | None) -> Path:
    """The database file to use: the ``--db`` value, ``$DECLIC_DB``, or the default location."""
    if cli_value:
        return _home(Path(cli_value))
    from_env = os.environ.get(DB_ENV, "").strip()
    if from_env:
        return _home(Path(from_env))
    return default_database_path()


def _home(path: Path) -> Path:
    """`~/x` and `~anne/x` expanded; `~nobody/x` (no such user) kept as typed, as a shell
    keeps it, rather than an error."""
    try:
        return path.expanduser()
    except RuntimeError:
        return path


def default_database_path() -> Path:
    """``~/.local/share/declic/declic.db`` on Linux (``$XDG_DATA_HOME`` respected)."""
    return user_data_path(APP_NAME, appauthor=False) / DB_NAME
