"""``declic hub serve``: open the hub database, apply retention, serve with waitress."""

from __future__ import annotations

import argparse
import sys
import time

from facilitator.hub.database import HubDatabaseError, hub_url, open_hub
from facilitator.hub.proxy import TrustedProxies, parse_networks
from facilitator.portal.listen import listen_problem


def serve_hub(args: argparse.Namespace) -> int:
    from waitress import create_server

    from facilitator.hub.erase import apply_retention
    from facilitator.hub.web import create_hub_app

    try:
        networks = parse_networks(args.trusted_proxy)
    except ValueError as exc:
        print(f"declic : {exc}", file=sys.stderr)
        return 2
    try:
        engine = open_hub(hub_url(args.db), pool_size=args.threads + 2)
    except HubDatabaseError as exc:
        print(f"declic : {exc}", file=sys.stderr)
        return 1
    with engine.begin() as conn:
        apply_retention(conn, time.time())
    app = TrustedProxies(create_hub_app(engine), networks)
    try:
        server = create_server(
            app, host=args.host, port=args.port, threads=args.threads, asyncore_use_poll=True
        )
    except OSError as error:
        engine.dispose()
        print(f"declic : {listen_problem(args.host, args.port, error)}", file=sys.stderr)
        return 1
    print(f"Hub Déclic : http://{args.host}:{args.port}/  (Ctrl+C pour arrêter)")
    if not networks and args.host not in ("127.0.0.1", "::1", "localhost"):
        print("Attention : servez le hub derrière HTTPS (voir docs/hub.md, --trusted-proxy).")
    server.run()
    return 0
