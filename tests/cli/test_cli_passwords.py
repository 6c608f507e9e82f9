"""A password typed without a terminal (piped in, a script): getpass's English warning is
said in French, and the two typings are still compared."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _add(db: Path, name: str, typed: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "declic", "portal", "add-counsellor", name, "--db", str(db)],
        input=typed,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_password_piped_without_a_terminal_is_read_with_a_french_warning(
    tmp_path: Path,
) -> None:
    db = tmp_path / "declic.db"
    done = _add(db, "camille", "secret-pass-123\nsecret-pass-123\n")
    assert done.returncode == 0, done.stderr
    assert "Compte « camille » créé" in done.stdout
    assert "Warning" not in done.stderr and "GetPassWarning" not in done.stderr
    assert done.stderr.count("pas de terminal : le mot de passe s'affiche en clair") == 1
    assert "Retapez-le" in done.stderr

    refused = _add(db, "dominique", "secret-pass-123\nanother-pass-99\n")
    assert refused.returncode == 1
    assert "les deux mots de passe sont différents ; rien n'est créé." in refused.stderr
    assert "Warning" not in refused.stderr
