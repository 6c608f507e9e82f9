"""The home's settings in the workshop file: defaults, values that cannot be kept, the
Mission Locale's scenario folder (real SQLite files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.shipped import shipped_scenarios
from facilitator.sessions import settings as kept
from facilitator.storage.db import open_database


def test_defaults_and_unreadable_values(tmp_path: Path) -> None:
    db = open_database(tmp_path / "atelier.db")
    try:
        assert kept.read_settings(db) == kept.WorkshopSettings("", "fr", 4, True)
        db.execute("INSERT INTO settings (key, value) VALUES ('home.players_per_team', 'beaucoup')")
        db.execute("INSERT INTO settings (key, value) VALUES ('home.language', 'klingon')")
        assert kept.read_settings(db) == kept.WorkshopSettings("", "fr", 4, True)
        with pytest.raises(ValueError, match="de 1 à 8"):
            kept.save_settings(db, kept.WorkshopSettings(players_per_team=0))
        with pytest.raises(ValueError, match="n'existe pas"):
            kept.save_settings(db, kept.WorkshopSettings(scenario_folder=str(tmp_path / "x")))
    finally:
        db.close()


def test_the_scenario_folder_adds_its_scenarios_after_the_shipped_ones(tmp_path: Path) -> None:
    folder = tmp_path / "ml"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "a.yaml").write_text("id: a\n", encoding="utf-8")
    (folder / "a" / "a.walkthrough.yaml").write_text("steps: []\n", encoding="utf-8")
    (folder / "b.yaml").write_text("id: b\n", encoding="utf-8")
    db = open_database(tmp_path / "atelier.db")
    try:
        kept.save_settings(db, kept.WorkshopSettings(scenario_folder=str(folder)))
        found = kept.all_scenarios(db)
        assert found[: len(shipped_scenarios())] == shipped_scenarios()
        assert found[len(shipped_scenarios()) :] == [folder / "a" / "a.yaml", folder / "b.yaml"]
        (folder / "b.yaml").unlink()
        (folder / "a" / "a.yaml").unlink()
        (folder / "a" / "a.walkthrough.yaml").unlink()
        (folder / "a").rmdir()
        folder.rmdir()  # the folder gone (a USB key taken away): the shipped ones only
        assert kept.all_scenarios(db) == shipped_scenarios()
    finally:
        db.close()


def test_the_games_defaults_are_kept_and_read_back(tmp_path: Path) -> None:
    """Text size, high contrast and sound: saved, read back after reopening the file, and a
    value that cannot be a text step is its default."""
    path = tmp_path / "atelier.db"
    db = open_database(path)
    try:
        chosen = kept.WorkshopSettings(text_step=2, contrast=True, muted=True)
        kept.save_settings(db, chosen)
        with pytest.raises(ValueError, match="taille du texte"):
            kept.save_settings(db, kept.WorkshopSettings(text_step=3))
    finally:
        db.close()
    db = open_database(path)
    try:
        assert kept.read_settings(db) == chosen
        db.execute("UPDATE settings SET value = '7' WHERE key = 'home.text_step'")
        db.execute("UPDATE settings SET value = 'x' WHERE key = 'home.contrast'")
        assert kept.read_settings(db) == kept.WorkshopSettings(muted=True)
    finally:
        db.close()
