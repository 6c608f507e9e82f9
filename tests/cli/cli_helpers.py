"""Helpers of the command-line tests (a module name unique in the repo)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def portal_binds_then_stops() -> Iterator[None]:
    """`declic portal` binds its port as usual, then stops instead of serving for ever."""
    import waitress

    real = waitress.create_server

    class Once:
        def __init__(self, server: Any) -> None:
            self.server = server

        def run(self) -> None:
            self.server.close()

    waitress.create_server = lambda app, **kw: Once(real(app, **kw))  # type: ignore[assignment]
    try:
        yield
    finally:
        waitress.create_server = real  # type: ignore[assignment]
