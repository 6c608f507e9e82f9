"""``declic hub serve``: open the hub database, apply retention, serve with granian.

granian (a Rust HTTP server with a WSGI interface) reads and writes HTTP and holds the
keep-alive connections outside Python, so a worker process spends its Python time on the
application: measured against waitress (tuned or not) and gunicorn on 32 keep-alive
connections (``bench/hub_servers.py``, docs/hub.md), it costs less CPU a request and answers
with a shorter tail. ``--workers N`` starts N processes, each importing the application
(``facilitator.hub.wsgi``) and running it on ``--threads`` threads; on Linux each listens on
the same port (SO_REUSEPORT) and the kernel spreads the connections between them. The parent
stops them all on SIGTERM or Ctrl+C, and exits 1 when one of them ends by itself. Windows:
one process (granian cannot share the socket there).
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import time
from typing import Any

from facilitator.hub import wsgi
from facilitator.hub.database import HUB_DB_ENV, HubDatabaseError, hub_url, open_hub
from facilitator.hub.proxy import parse_networks
from facilitator.portal.listen import listen_problem

BACKLOG = 1024
STOP_SECONDS = 10  # a worker still busy (or still starting) this long after SIGTERM is killed


def serve_hub(args: argparse.Namespace) -> int:
    from facilitator.hub.erase import apply_retention

    try:
        networks = parse_networks(args.trusted_proxy)
    except ValueError as exc:
        print(f"declic : {exc}", file=sys.stderr)
        return 2
    url = hub_url(args.db)
    workers = int(getattr(args, "workers", 1) or 1)
    try:
        engine = open_hub(url)  # migrated and checked once, before any worker starts
    except HubDatabaseError as exc:
        print(f"declic : {exc}", file=sys.stderr)
        return 1
    with engine.begin() as conn:
        apply_retention(conn, time.time())
    engine.dispose()  # each worker opens its own pool
    try:
        address = _try_listening(args.host, args.port)
    except OSError as error:
        print(f"declic : {listen_problem(args.host, args.port, error)}", file=sys.stderr)
        return 1
    if workers > 1 and sys.platform == "win32":
        print("Sous Windows, le hub sert avec un seul processus (--workers 1).", file=sys.stderr)
        workers = 1
    _announce(args, networks)
    return _run(_granian(args, url, networks, address, workers))


def _try_listening(host: str, port: int) -> str:
    """The numeric address to listen on, after binding the port once and letting it go:
    granian itself stops with a Rust panic, not a sentence, when the port is taken or the
    address is not this machine's, and takes no host name."""
    family, kind, _, _, where = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    with socket.socket(family, kind) as probe:
        if sys.platform != "win32":
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(where)
    return str(where[0])


def _granian(args: argparse.Namespace, url: str, networks: Any, address: str, workers: int) -> Any:
    """The server, once what each worker's ``create_app`` reads is in the environment."""
    from granian import Granian
    from granian.constants import Interfaces
    from granian.log import LogLevels

    os.environ[HUB_DB_ENV] = url
    os.environ[wsgi.TRUSTED_ENV] = ",".join(str(network) for network in networks)
    os.environ[wsgi.POOL_ENV] = str(args.threads + 2)

    return Granian(
        wsgi.TARGET,
        factory=True,
        address=address,
        port=args.port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=args.threads,
        backlog=BACKLOG,
        websockets=False,
        log_access=False,  # a youth page's address is its token: never written to a log
        # its start and stop lines are English: ``_announce`` says where the hub is, in
        # French; granian's warnings and errors (a worker that died) still show
        log_level=LogLevels.warning,
        workers_kill_timeout=STOP_SECONDS,
    )


def _run(server: Any) -> int:
    """granian's ``serve`` returns after a stop asked for, and raises SystemExit(1) when a
    worker ended by itself (systemd's ``Restart=on-failure`` then starts the hub again)."""
    try:
        server.serve()
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return 0


def _announce(args: argparse.Namespace, networks: Any) -> None:
    print(f"Hub Déclic : http://{args.host}:{args.port}/  (Ctrl+C pour arrêter)", flush=True)
    if not networks and args.host not in ("127.0.0.1", "::1", "localhost"):
        print("Attention : servez le hub derrière HTTPS (voir docs/hub.md, --trusted-proxy).")
