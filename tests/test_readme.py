"""The README's quick start is what CI runs: keep them the same line."""

from __future__ import annotations

import re
from pathlib import Path


def test_readme_test_command_is_the_one_ci_runs(repo: Path) -> None:
    ci = (repo / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"^TEST_COMMAND='(.+)'$", ci, re.MULTILINE)
    assert match, ".ci/run must define TEST_COMMAND"
    readme = (repo / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.+?)\n```", readme, re.DOTALL)
    assert match.group(1) in blocks
    assert len(blocks) >= 2 and any(b.endswith("/declic") for b in blocks)  # the home window
