"""A played workshop with signed badges, and the Node verifier run on files."""

# played_session: demo-escape played to its end by two players through the real storage.

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from facilitator.credentials import status
from facilitator.credentials.contexts import CONTEXT_FILES
from facilitator.credentials.issuers import SqliteKeyStore
from facilitator.storage.db import open_database
from facilitator.summaries.badges import Issuer
from facilitator.summaries.write import write_session_summary
from tests.summaries.test_summaries_cli import played_session

ROOT = Path(__file__).resolve().parents[2]
VERIFIER = Path(__file__).resolve().parent / "verifier"
BASE_URL = "https://ml-caen.example.org"
ORGANISATION = "Mission Locale de Caen"


def issue_badges(db_path: Path, out: Path) -> list[Path]:
    """Play a session and write its signed badges (what ``declic summary --badges`` does)."""
    session_id = played_session(db_path)
    db = open_database(db_path)
    try:
        summary = write_session_summary(
            db,
            session_id,
            out,
            base_url=BASE_URL,
            with_badges=True,
            issuer=Issuer(ORGANISATION, "https://ml-caen.example.org"),
        )
    finally:
        db.close()
    assert summary.written.invalid_badges == []
    return summary.written.badges


def write_status_list(db_path: Path, folder: Path) -> dict[str, Path]:
    """Every status list of the database as a signed credential file, by its address."""
    db = open_database(db_path)
    keys = SqliteKeyStore(db)
    served = {}
    try:
        for (did,) in db.execute("SELECT issuer_did FROM status_lists").fetchall():
            found = status.find_list(db, status.list_slug(did))
            signer = keys.identity_for_did(did)
            assert found is not None and signer is not None
            path = folder / f"statut-{found.slug}.json"
            path.write_text(
                json.dumps(status.status_list_credential(db, found, signer, datetime.now(UTC)))
            )
            served[found.url] = path
    finally:
        db.close()
    return served


def node_verify(
    credentials: list[Path], documents: dict[str, Path], work: Path
) -> list[dict[str, Any]]:
    """Digital Bazaar's verifier (Node) on ``credentials``; one result per file, in order."""
    node = shutil.which("node")
    if node is None or not (VERIFIER / "node_modules").is_dir():
        pytest.fail(
            "the Node verifier is not installed: install nodejs and npm, then run "
            "`npm ci` in tests/badges/verifier (.ci/run does both)"
        )
    contexts = {url: str(ROOT / "assets/contexts" / name) for url, name in CONTEXT_FILES.items()}
    request = work / "verify-request.json"
    request.write_text(
        json.dumps(
            {
                "contexts": contexts,
                "documents": {url: str(p) for url, p in documents.items()},
                "credentials": [str(p) for p in credentials],
            }
        )
    )
    done = subprocess.run(
        [node, str(VERIFIER / "verify.js"), str(request)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert [r["file"] for r in results] == [str(p) for p in credentials]
    return results


def alter_one_character(source: Path, target: Path) -> Path:
    """A copy of a badge with one letter of its achievement's name changed."""
    data = json.loads(source.read_text(encoding="utf-8"))
    name = data["credentialSubject"]["achievement"]["name"]
    data["credentialSubject"]["achievement"]["name"] = name[:-1] + ("x" if name[-1] != "x" else "y")
    target.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return target
