"""The hub as a WSGI application built from the environment, for servers that import it.

A server that starts its own worker processes (granian, gunicorn) imports the application in
each of them: ``create_app`` opens that worker's engine and pool from ``$DECLIC_HUB_DB`` and
the trusted proxies from ``$DECLIC_HUB_TRUSTED_PROXIES`` (comma-separated). The database is
migrated and checked once, by ``declic hub serve``, before any worker starts.
"""

from __future__ import annotations

import gc
import os
from typing import Any

from facilitator.hub.database import HUB_DB_ENV, create_hub_engine
from facilitator.hub.proxy import TrustedProxies, parse_networks

TARGET = "facilitator.hub.wsgi:create_app"
TRUSTED_ENV = "DECLIC_HUB_TRUSTED_PROXIES"
POOL_ENV = "DECLIC_HUB_POOL"


def create_app() -> Any:
    """The worker's application, its reference data read and the whole frozen out of the
    garbage collector: a push allocates tens of thousands of objects, and each full
    collection otherwise went through every object the worker holds for good (Flask,
    SQLAlchemy, pydantic's models, ROME). Measured in one process: full collections took
    0.17 s for 400 sessions pushed, 0.002 s once frozen; on ``bench/hub.py`` (2,000 sessions,
    2 workers) the hub's CPU for the push went from 5.9 to 4.0 s in two runs one after the
    other (docs/hub.md has more runs). Reading the reference data is done before serving
    (moved, not cut)."""
    from facilitator.hub.cards import warm_up
    from facilitator.hub.web import create_hub_app

    engine = create_hub_engine(os.environ[HUB_DB_ENV], pool_size=int(os.environ.get(POOL_ENV, "8")))
    networks = parse_networks(v for v in os.environ.get(TRUSTED_ENV, "").split(",") if v.strip())
    app = TrustedProxies(create_hub_app(engine), networks)
    warm_up()
    gc.freeze()
    return app
