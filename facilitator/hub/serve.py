"""``declic hub serve``: open the hub database, apply retention, serve with waitress.

One process serves with ``--threads`` threads. Python runs one thread at a time per process, so
on a server with several cores ``--workers N`` starts N such processes (forked after the
database is checked) that accept connections on the same listening socket; the parent only
waits and stops them all when asked to stop, or when one of them ends.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import sys
import time
from typing import Any

from facilitator.hub.database import HubDatabaseError, create_hub_engine, hub_url, open_hub
from facilitator.hub.proxy import TrustedProxies, parse_networks
from facilitator.portal.listen import listen_problem


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
        engine = open_hub(url, pool_size=args.threads + 2)
    except HubDatabaseError as exc:
        print(f"declic : {exc}", file=sys.stderr)
        return 1
    with engine.begin() as conn:
        apply_retention(conn, time.time())
    if workers > 1:
        engine.dispose()  # each worker opens its own connections after the fork
        return _serve_workers(args, url, networks, workers)
    try:
        server = _server(engine, networks, args, host=args.host, port=args.port)
    except OSError as error:
        engine.dispose()
        print(f"declic : {listen_problem(args.host, args.port, error)}", file=sys.stderr)
        return 1
    _announce(args, networks)
    server.run()
    return 0


def _server(engine: Any, networks: Any, args: argparse.Namespace, **where: Any) -> Any:
    from waitress import create_server

    from facilitator.hub.web import create_hub_app

    app = TrustedProxies(create_hub_app(engine), networks)
    return create_server(app, threads=args.threads, asyncore_use_poll=True, **where)


def _announce(args: argparse.Namespace, networks: Any) -> None:
    print(f"Hub Déclic : http://{args.host}:{args.port}/  (Ctrl+C pour arrêter)", flush=True)
    if not networks and args.host not in ("127.0.0.1", "::1", "localhost"):
        print("Attention : servez le hub derrière HTTPS (voir docs/hub.md, --trusted-proxy).")


def _serve_workers(args: argparse.Namespace, url: str, networks: Any, workers: int) -> int:
    try:
        listening = socket.create_server((args.host, args.port), backlog=1024)
    except OSError as error:
        print(f"declic : {listen_problem(args.host, args.port, error)}", file=sys.stderr)
        return 1
    _announce(args, networks)
    children: list[int] = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # a worker: its own engine and pool, the shared socket
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            status = 1
            try:
                engine = create_hub_engine(url, pool_size=args.threads + 2)
                _server(engine, networks, args, sockets=[listening]).run()
                status = 0
            finally:
                os._exit(status)
        children.append(pid)
    listening.close()
    stopping = False

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    ended_alone = False
    while children:
        pid, _status = os.waitpid(-1, 0)
        if pid in children:
            children.remove(pid)
            if not stopping:  # a worker died: stop the others, let the supervisor restart
                ended_alone = True
                stop(signal.SIGTERM, None)
    return 1 if ended_alone else 0
