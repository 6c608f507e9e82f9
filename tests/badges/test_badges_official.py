"""The latest official OB 3.0 schema accepts 1EdTech's own examples and Déclic's badges, and
JSON-LD expansion with the shipped contexts keeps every term of them (safe mode)."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

from facilitator.credentials.contexts import UnknownContextError, load_document
from facilitator.credentials.proof import DroppedTermError, expand_safely
from facilitator.summaries.badges import CONTEXT, validate_credential
from tests.badges.badge_helpers import issue_badges

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "assets/schemas/examples").glob("*.json"))


def test_six_official_examples_are_shipped() -> None:
    assert len(EXAMPLES) == 6


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_official_example_passes_the_latest_schema(path: Path) -> None:
    assert validate_credential(json.loads(path.read_text(encoding="utf-8"))) == []


def test_every_badge_declic_writes_passes_the_schema_and_loses_no_term(tmp_path: Path) -> None:
    badges = issue_badges(tmp_path / "declic.db", tmp_path / "out")
    assert len(badges) >= 4
    for path in badges:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["@context"] == CONTEXT  # VC 2.0 first, then OB 3.0.3
        assert validate_credential(data) == []
        expanded = expand_safely(data)
        assert expanded and "https://www.w3.org/2018/credentials#validFrom" in expanded[0]


def test_safe_mode_catches_an_undefined_property_and_an_undefined_type(tmp_path: Path) -> None:
    data = json.loads((ROOT / "assets/schemas/examples/basic.json").read_text(encoding="utf-8"))
    expand_safely(data)
    old_style = copy.deepcopy(data) | {"issuanceDate": "2010-01-01T00:00:00Z"}
    with pytest.raises(DroppedTermError, match="issuanceDate"):
        expand_safely(old_style)
    old_schema = copy.deepcopy(data) | {
        "credentialSchema": [
            {"id": "https://x.example/s.json", "type": "1EdTechJsonSchemaValidator2019"}
        ]
    }
    with pytest.raises(DroppedTermError, match="1EdTechJsonSchemaValidator2019"):
        expand_safely(old_schema)


def test_the_loader_serves_only_shipped_contexts() -> None:
    assert load_document(CONTEXT[0])["document"]["@context"]["VerifiableCredential"]
    with pytest.raises(UnknownContextError):
        load_document("https://example.org/context.json")


def test_shipped_contexts_are_the_recorded_copies() -> None:
    readme = (ROOT / "assets/contexts/README.md").read_text(encoding="utf-8")
    for path in (ROOT / "assets/contexts").glob("*.json*"):
        assert path.name in readme
        assert hashlib.sha256(path.read_bytes()).hexdigest() in readme
