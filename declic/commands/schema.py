"""``declic schema``: the JSON Schema of the scenario format, for editors."""

from __future__ import annotations

import argparse
import json
from typing import Any

from engine.format import Scenario


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Scénario Déclic"
    return schema


def register(sub: Any) -> None:
    p = sub.add_parser("schema", help="afficher le JSON Schema du format de scénario")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print(json.dumps(scenario_schema(), ensure_ascii=False, indent=2))
    return 0
