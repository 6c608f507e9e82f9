"""``declic schema``: the JSON Schema of the scenario format, for editors."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from engine.format.schema import scenario_schema_text


def register(sub: Any) -> None:
    p = sub.add_parser("schema", help="afficher le JSON Schema du format de scénario")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(scenario_schema_text())
    return 0
