"""`declic trainings import|match`: French output, exit codes 0 / 1 / 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.trainings.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_import_prints_the_report(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "declic.db"
    assert main(["trainings", "import", str(data / "offres-lheo23.xml"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "2 offres ajoutées, 0 mise à jour, 3 sessions" in out
    assert "2 entrées ignorées" in out
    assert "formation « F-SANS-TITRE » : intitulé de la formation manquant" in out


def test_db_from_environment(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DECLIC_DB", str(tmp_path / "env.db"))
    assert main(["trainings", "import", str(data / "resumes-offres.xml")]) == 0
    assert (tmp_path / "env.db").exists()


def test_bad_file_exits_1_in_french(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "declic.db"
    code = main(["trainings", "import", str(data / "malformed.xml"), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Erreur : ")
    assert "ligne 6, colonne" in err
    assert "n'a pas été modifié" in err
    assert "Traceback" not in err


def test_missing_file_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["trainings", "import", str(tmp_path / "absent.xml"), "--db", str(tmp_path / "d.db")]
    )
    assert code == 1
    assert "impossible d'ouvrir" in capsys.readouterr().err


def test_without_db_the_user_data_folder_is_used(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Like every other command: --db, else $DECLIC_DB, else the user's data folder."""
    monkeypatch.delenv("DECLIC_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert main(["trainings", "import", str(data / "resumes-offres.xml")]) == 0
    assert list((tmp_path / "data").rglob("declic.db")) or list((tmp_path / "home").rglob("*.db"))


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["trainings", "match", "--town", "Rouen", "--db", str(tmp_path / "x.db")])  # no --rome
    assert caught.value.code == 2


def test_match_prints_a_table(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "declic.db")
    main(["trainings", "import", str(data / "offres-lheo23.xml"), "--db", db])
    main(["trainings", "import", str(data / "resumes-offres.xml"), "--db", db])
    capsys.readouterr()
    args = ["trainings", "match", "--rome", "G1609", "--rome", "N1103", "--town", "76000"]
    assert main([*args, "--db", db, "--today", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert "autour de Rouen (76000)" in out
    lines = out.splitlines()
    assert lines[1].split()[:3] == ["#", "Score", "Formation"]
    assert "Titre professionnel Commis de cuisine" in out
    assert "Préparateur de commandes en entrepôt" in out
    assert "entrée possible toute l'année" in out  # Caen: open entry, running
    assert "Score (plus petit = mieux)" in out


def test_match_usage_and_data_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "absent.db")
    with pytest.raises(SystemExit) as caught:
        main(["trainings", "match", "--rome", "G1602", "--town", "Atlantis", "--db", db])
    assert caught.value.code == 2
    assert "commune inconnue « Atlantis »" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["trainings", "match", "--rome", "cuisine", "--town", "Caen", "--db", db])
    assert caught.value.code == 2
    assert main(["trainings", "match", "--rome", "G1602", "--town", "Caen", "--db", db]) == 1
    assert "importez d'abord" in capsys.readouterr().err
    assert not Path(db).exists()


def test_runs_as_a_module_without_traceback(data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "tronque.xml"
    bad.write_bytes((data / "offres-lheo23.xml").read_bytes()[:1500])
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "facilitator.trainings.cli",
            "trainings",
            "import",
            str(bad),
            "--db",
            str(tmp_path / "d.db"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "incomplet" in result.stderr
