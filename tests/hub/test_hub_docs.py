"""docs/hub.md's backup and restore blocks, run as written against a real PostgreSQL."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa
from hub_helpers import organisation_with_code

from facilitator.hub import schema
from facilitator.hub.database import open_hub
from facilitator.hub.pgcluster import Cluster

DOC = Path(__file__).resolve().parents[2] / "docs" / "hub.md"


def _block(name: str) -> str:
    found = re.search(rf"<!-- {name} -->\n```sh\n(.*?)```", DOC.read_text("utf-8"), re.DOTALL)
    assert found, f"docs/hub.md has no '{name}' block"
    return found.group(1)


def _rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = open_hub(url)
    with engine.connect() as conn:
        found = {
            table.name: sorted(tuple(map(str, r)) for r in conn.execute(sa.select(table)))
            for table in schema.metadata.sorted_tables
        }
    engine.dispose()
    return found


def test_the_documented_backup_and_restore_give_the_same_data(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    source = pg_cluster.new_database()
    engine = open_hub(source)
    organisation_with_code(engine, "ml-rouen", "Mission Locale de Rouen")
    organisation_with_code(engine, "ml-caen", "Mission Locale de Caen")
    engine.dispose()
    target = pg_cluster.new_database()
    folder = pg_cluster.folder / "backup"
    folder.mkdir()
    if pg_cluster.run_as:
        shutil.chown(folder, user=pg_cluster.run_as)
    declic = Path(sys.executable).with_name("declic")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "declic").symlink_to(declic)
    env = {
        **os.environ,
        "PATH": f"{pg_cluster.bin}:{bin_dir}:{os.environ['PATH']}",
        "HOME": str(folder),
    }
    for block, url in (("backup", source), ("restore", target)):
        subprocess.run(
            ["bash", "-euc", _block(block)],
            cwd=folder,
            env={**env, "DECLIC_HUB_DB": url},
            user=pg_cluster.run_as if block == "backup" else None,
            check=True,
            capture_output=True,
        )
    before, after = _rows(source), _rows(target)
    assert before["organisations"] and before["users"] and before["device_codes"]
    assert after == before
