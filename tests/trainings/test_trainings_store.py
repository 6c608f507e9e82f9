"""SQLite store: one transaction per import, idempotent upsert, geographic fall-backs."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from engine.reference.geo import departement_centres, find_town
from facilitator.trainings.model import CatalogueError
from facilitator.trainings.store import (
    BASIS_ADDRESS,
    BASIS_DEPARTEMENT,
    BASIS_TOWN,
    ensure_schema,
    import_file,
)


def _counts(db_path: Path) -> tuple[int, int, int]:
    db = sqlite_utils.Database(db_path)
    return (
        db.table("trainings").count,
        db.table("training_sessions").count,
        db.table("training_romes").count,
    )


def _row(db_path: Path, offer_id: str) -> dict[str, object]:
    db = sqlite_utils.Database(db_path)
    (row,) = db.query("SELECT * FROM trainings WHERE offer_id = ?", [offer_id])
    return row


def test_real_onisep_offer_is_stored_with_every_field(
    shared_reference: Path, tmp_path: Path
) -> None:
    db_path = tmp_path / "declic.db"
    report = import_file(db_path, shared_reference / "lheo" / "exemple-bts-onisep_lheo2.2.xml")
    assert (report.format, report.source, report.imported, report.updated) == (
        "lheo",
        "lheo",
        1,
        0,
    )
    assert report.sessions == 1 and report.skipped == []
    row = _row(db_path, "9436_18706/9436_18706")
    assert row["title"] == "BTS négociation et relation client"
    assert str(row["objective"]).startswith("A la fois vendeur")
    assert row["rome_codes"] == "D1402 D1403 D1408"
    assert row["formacodes"] == "34582 34076"
    assert row["rncp"] == "474"
    assert row["organisation"] == "Lycée Kerneuzec"
    assert (row["postal_code"], row["town"], row["insee_code"], row["departement"]) == (
        "29391",
        "QUIMPERLÉ",
        "29233",
        "29",
    )
    assert (row["lat"], row["lon"]) == (47.882108, -3.5526545)
    assert (row["geo_lat"], row["geo_lon"], row["geo_basis"]) == (
        47.882108,
        -3.5526545,
        BASIS_ADDRESS,
    )
    assert row["hours"] is None
    assert row["level"] == "niveau III (BTS, DUT)"
    assert (row["remote"], row["permanent_entry"]) == (0, 0)
    assert row["url"] == "http://lyceedekerneuzec.fr"
    db = sqlite_utils.Database(db_path)
    (session,) = db.query("SELECT * FROM training_sessions")
    assert (session["session_id"], session["start_date"], session["end_date"]) == (
        "9436_18706",
        "2015-09-01",
        "2017-08-31",
    )
    romes = {r["rome_parent"] for r in db.query("SELECT rome_parent FROM training_romes")}
    assert romes == {"D1402", "D1403", "D1408"}


def test_reimport_updates_instead_of_duplicating(data: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    first = import_file(db_path, data / "offres-lheo23.xml")
    counts = _counts(db_path)
    second = import_file(db_path, data / "offres-lheo23.xml")
    assert (first.imported, first.updated) == (2, 0)
    assert (second.imported, second.updated) == (0, 2)
    assert len(second.skipped) == len(first.skipped) == 2
    assert _counts(db_path) == counts == (2, 3, 4)


def test_reimport_replaces_the_sessions_of_an_offer(data: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    import_file(db_path, data / "offres-lheo23.xml")
    edited = tmp_path / "offres-lheo23.xml"
    text = (data / "offres-lheo23.xml").read_text(encoding="utf-8")
    edited.write_text(text.replace("<debut>20260105</debut>", "<debut>20260406</debut>"), "utf-8")
    import_file(db_path, edited)
    db = sqlite_utils.Database(db_path)
    caen_id = _row(db_path, "F-CUIS-01/A-CAEN")["id"]
    starts = [
        r["start_date"]
        for r in db.query(
            "SELECT start_date FROM training_sessions WHERE training_id = ?", [caen_id]
        )
    ]
    assert starts == ["2026-04-06"]


@pytest.mark.parametrize("damage", ["truncated", "malformed"])
def test_bad_file_leaves_previous_catalogue_intact(data: Path, tmp_path: Path, damage: str) -> None:
    db_path = tmp_path / "declic.db"
    import_file(db_path, data / "resumes-offres.xml")
    import_file(db_path, data / "offres-lheo23.xml")
    before = _counts(db_path)
    # The bad file's first formation is complete, new, and would be written before the
    # problem further down is met: only the rollback keeps it out.
    text = (data / "offres-lheo23.xml").read_text(encoding="utf-8")
    text = text.replace('numero="F-CUIS-01"', 'numero="F-NOUVEAU"')
    if damage == "truncated":
        text = text[: text.index('<formation numero="F-SANS-TITRE">') + 40]
    else:
        text = text.replace(
            "<intitule-formation>   </intitule-formation>", "<intitule-formation>x</intitule>"
        )
    bad = tmp_path / "mauvais.xml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        import_file(db_path, bad)
    assert caught.value.line is not None and caught.value.column is not None
    assert _counts(db_path) == before
    db = sqlite_utils.Database(db_path)
    assert not list(db.query("SELECT id FROM trainings WHERE offer_id LIKE 'F-NOUVEAU/%'"))


def test_missing_coordinates_fall_back_to_town_then_departement(data: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    import_file(db_path, data / "offres-lheo23.xml")
    import_file(db_path, data / "cpf-catalogue.csv")
    caen = find_town("Caen")
    assert caen is not None
    row = _row(db_path, "F-CUIS-01/A-CAEN")
    assert (row["lat"], row["lon"]) == (None, None)
    assert (row["geo_lat"], row["geo_lon"], row["geo_basis"]) == (caen.lat, caen.lon, BASIS_TOWN)
    cpf = _row(db_path, "19140000000018_TPCOMMIS/14")
    centre = departement_centres()["14"]
    assert (cpf["geo_lat"], cpf["geo_lon"], cpf["geo_basis"]) == (*centre, BASIS_DEPARTEMENT)


def test_town_fills_a_missing_departement(tmp_path: Path) -> None:
    path = tmp_path / "villes.csv"
    path.write_text("identifiant;intitule;ville\nV1;CAP;Lisieux\n", encoding="utf-8")
    db_path = tmp_path / "declic.db"
    import_file(db_path, path)
    row = _row(db_path, "V1")
    assert (row["departement"], row["geo_basis"]) == ("14", BASIS_TOWN)


def test_sources_do_not_overwrite_each_other(data: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "declic.db"
    import_file(db_path, data / "formations-conseiller.csv")
    copy = tmp_path / "autre-conseiller.csv"
    copy.write_bytes((data / "formations-conseiller.csv").read_bytes())
    report = import_file(db_path, copy)
    assert report.source == "csv:autre-conseiller"
    assert report.imported == 3
    assert _counts(db_path)[0] == 6


def test_duplicate_offer_in_one_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "doublons.xml"
    offer = (
        '<formation numero="F1"><intitule-formation>CAP</intitule-formation>'
        '<action numero="A1"></action></formation>'
    )
    path.write_text(f"<lheo><offres>{offer}{offer}</offres></lheo>", encoding="utf-8")
    report = import_file(tmp_path / "declic.db", path)
    assert report.imported == 1
    (skipped,) = report.skipped
    assert "F1/A1" in skipped.where and "double" in skipped.reason


def test_progress_goes_up_to_the_file_size(data: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    path = data / "offres-lheo23.xml"
    import_file(tmp_path / "declic.db", path, lambda done, total: calls.append((done, total)))
    assert calls
    assert all(total == path.stat().st_size for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == path.stat().st_size


def test_schema_is_idempotent_and_indexed(tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    ensure_schema(db)
    ensure_schema(db)
    assert {"trainings", "training_sessions", "training_romes"} <= set(db.table_names())
    plan = " ".join(
        str(row)
        for row in db.conn.execute(
            "EXPLAIN QUERY PLAN SELECT training_id FROM training_romes WHERE rome_parent = 'G1602'"
        )
    )
    assert "USING" in plan and "rome_parent" in plan


def test_accepts_an_open_database(data: Path, tmp_path: Path) -> None:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    report = import_file(db, data / "resumes-offres.xml")
    assert report.imported == 2
    assert db.table("trainings").count == 2  # still open and usable


def test_unknown_format(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("nom;prenom\nDupont;Jean\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="format de catalogue non reconnu"):
        import_file(tmp_path / "declic.db", path)


def test_works_with_foreign_keys_enforced(data: Path, tmp_path: Path) -> None:
    """The project's storage turns foreign keys on: offers must be written before sessions."""
    db = sqlite_utils.Database(tmp_path / "declic.db")
    db.execute("PRAGMA foreign_keys = ON")
    import_file(db, data / "offres-lheo23.xml")
    report = import_file(db, data / "offres-lheo23.xml")
    assert report.updated == 2
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
