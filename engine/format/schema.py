"""The JSON Schema of the scenario format, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from engine.format.scenario import Scenario


def scenario_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Scénario Déclic"
    return schema


def scenario_schema_text() -> str:
    return json.dumps(scenario_schema(), ensure_ascii=False, indent=2) + "\n"
