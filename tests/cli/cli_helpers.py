"""Helpers of the command-line tests (a module name unique in the repo)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def portal_binds_then_stops() -> Iterator[None]:
    """`declic portal` binds its port as usual, then stops instead of serving for ever; so
    does `declic hub serve` (its port is tried, then granian is not started)."""
    import waitress

    from facilitator.hub import serve as hub_serve

    class NotStarted:
        def serve(self) -> None:
            return None

    real_granian = hub_serve._granian
    hub_serve._granian = lambda *args, **kw: NotStarted()  # type: ignore[assignment]

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
        hub_serve._granian = real_granian  # type: ignore[assignment]
