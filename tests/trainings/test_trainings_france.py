"""Trainings across France: every commune, unknown places last, soon first, real CPF shapes.

Uses the real Onisep LHEO 2.2 offer (Brittany), a hand-written LHEO 2.3 file with one job in
several regions (real towns, postcodes and INSEE codes) and CPF exports under both headers.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from engine.reference.geo import lookup_town, town_by_insee
from facilitator.trainings.cli import main
from facilitator.trainings.match import Match, rank_trainings
from facilitator.trainings.model import CatalogueError
from facilitator.trainings.store import BASIS_DEPARTEMENT, BASIS_TOWN, import_file
from facilitator.trainings.wording import ANY_TIME, PLACE_UNKNOWN, date_in_words, start_in_words

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def france(data: Path, tmp_path: Path) -> sqlite_utils.Database:
    db = sqlite_utils.Database(tmp_path / "declic.db")
    report = import_file(db, data / "offres-france.xml")
    assert (report.imported, report.skipped, report.without_rome) == (8, [], 0)
    return db


def _home(name: str) -> tuple[float, float]:
    town = lookup_town(name).town
    assert town is not None
    return town.lat, town.lon


def _ids(matches: list[Match]) -> list[str]:
    return [m.offer_id.removeprefix("GUIDE-").split("/")[0] for m in matches]


def test_offers_across_france_are_placed_by_insee_code_town_or_postcode(
    france: sqlite_utils.Database,
) -> None:
    rows = {
        r["offer_id"].split("/")[0]: r
        for r in france.query(
            "SELECT offer_id, geo_lat, geo_lon, geo_basis, departement FROM trainings"
        )
    }
    paris17 = lookup_town("75117").town
    assert paris17 is not None
    assert (rows["GUIDE-PARIS17"]["geo_lat"], rows["GUIDE-PARIS17"]["geo_lon"]) == (
        paris17.lat,
        paris17.lon,
    )
    assert rows["GUIDE-TOURS"]["geo_basis"] == BASIS_TOWN
    # "AJACCIO CEDEX 1", postcode 20181 (a CEDEX): the town name without its CEDEX
    assert (rows["GUIDE-AJACCIO"]["geo_basis"], rows["GUIDE-AJACCIO"]["departement"]) == (
        BASIS_TOWN,
        "2A",
    )
    assert rows["GUIDE-GUADELOUPE"]["departement"] == "971"
    assert rows["GUIDE-SANS-LIEU"]["geo_lat"] is None


def test_from_dieppe_the_nearest_comes_first_and_unknown_places_last(
    france: sqlite_utils.Database, today: date
) -> None:
    ranking = rank_trainings(france, ["G1201"], _home("Dieppe"), today=today)
    assert _ids(ranking.matches) == [
        "DIEPPE",
        "DISTANCE",
        "PARIS17",
        "TOURS",
        "AJACCIO",
        "GUADELOUPE",
        "SANS-LIEU",  # it starts soonest, yet its place is unknown: last, never "near"
    ]
    last = ranking.matches[-1]
    assert (last.place_known, last.where, last.distance_km) == (False, PLACE_UNKNOWN, None)
    assert last.score < ranking.matches[0].score  # its score alone would have put it first
    assert ranking.started_sessions == 1  # GUIDE-COMMENCEE began on 1 February


def test_from_paris_by_name_or_postcode(france: sqlite_utils.Database, today: date) -> None:
    for town in ("Paris", "75017"):
        matches = rank_trainings(france, ["G1201"], _home(town), today=today).matches
        assert _ids(matches)[:2] == ["PARIS17", "DISTANCE"], town
        assert matches[0].distance_km is not None and matches[0].distance_km < 5


def test_permanent_entry_is_said_in_words_and_ranks_as_today(
    france: sqlite_utils.Database, today: date
) -> None:
    matches = rank_trainings(france, ["G1201"], _home("Tours"), today=today).matches
    tours = matches[0]
    assert tours.offer_id.startswith("GUIDE-TOURS")
    assert (tours.permanent_entry, tours.start, tours.start_points) == (True, today, 0)
    assert tours.when(today) == ANY_TIME
    paris = next(m for m in matches if m.offer_id.startswith("GUIDE-PARIS17"))
    assert paris.when(today) == "début le 16 mars 2026"


def test_start_in_words() -> None:
    today = date(2026, 3, 2)
    assert date_in_words(date(2026, 4, 1)) == "1er avril 2026"
    assert start_in_words(None, today) == "date de début à préciser"
    assert start_in_words(None, today, permanent_entry=True) == ANY_TIME
    assert start_in_words(today, today) == "début aujourd'hui"
    assert start_in_words(date(2026, 8, 17), today) == "début le 17 août 2026"
    assert start_in_words(date(2026, 8, 17), today, permanent_entry=True).startswith("début")


def test_a_radius_keeps_no_offer_of_unknown_place(
    france: sqlite_utils.Database, today: date
) -> None:
    matches = rank_trainings(france, ["G1201"], _home("Paris"), today=today, radius_km=50).matches
    assert _ids(matches) == ["PARIS17", "DISTANCE"]
    with pytest.raises(ValueError, match="rayon doit être positif"):
        rank_trainings(france, ["G1201"], _home("Paris"), today=today, radius_km=-5)


def test_real_onisep_offer_from_brittany_is_placed_without_its_coordinates(
    shared_reference: Path, tmp_path: Path
) -> None:
    """The real LHEO 2.2 file, geolocation removed: its INSEE code (29233) places it."""
    text = (shared_reference / "lheo" / "exemple-bts-onisep_lheo2.2.xml").read_text("utf-8")
    start, end = text.index("<geolocalisation>"), text.index("</geolocalisation>")
    stripped = text.replace(text[start : end + len("</geolocalisation>")], "")
    assert "<latitude>" not in stripped.split("</lieu-de-formation>")[0]
    path = tmp_path / "onisep-sans-geo.xml"
    path.write_text(stripped, encoding="utf-8")
    db = sqlite_utils.Database(tmp_path / "declic.db")
    import_file(db, path)
    (row,) = db.query("SELECT geo_lat, geo_lon, geo_basis, insee_code FROM trainings")
    quimperle = town_by_insee("29233")
    assert quimperle is not None and quimperle.name == "Quimperlé"
    cleder = lookup_town("29233").town  # typed by a person, five digits are a postcode first
    assert cleder is not None and cleder.name == "Cléder"
    assert (row["geo_lat"], row["geo_lon"], row["geo_basis"]) == (
        quimperle.lat,
        quimperle.lon,
        BASIS_TOWN,
    )


def test_cpf_exports_under_both_headers_and_the_rome_report(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], today: date
) -> None:
    db = str(tmp_path / "declic.db")
    assert main(["trainings", "import", str(data / "cpf-catalogue-sans-rome.csv"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "3 offres ajoutées" in out
    assert "3 offres sans code ROME : elles ne peuvent pas être proposées par métier" in out
    assert main(["trainings", "import", str(data / "cpf-catalogue.csv"), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "3 mises à jour" in out and "sans code ROME" not in out
    assert "ligne 5 : numero_formation ou intitule_formation vide" in out
    database = sqlite_utils.Database(db)
    rncp = dict(database.execute("SELECT offer_id, rncp FROM trainings").fetchall())
    assert rncp["38491234500027_CACES489/76"] is None  # -1 in the export
    # a département-only offer: placed at the département's centre, shown with "≈"
    ranking = rank_trainings(database, ["N1103"], _home("Le Havre"), today=today)
    (caces,) = ranking.matches
    assert (caces.distance_basis, caces.where) == (BASIS_DEPARTEMENT, "Seine-Maritime")


def test_a_cut_csv_leaves_the_previous_catalogue_as_it_was(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "declic.db")
    assert main(["trainings", "import", str(data / "cpf-catalogue.csv"), "--db", db]) == 0
    before = sqlite_utils.Database(db).execute("SELECT * FROM trainings ORDER BY id").fetchall()
    raw = (data / "cpf-catalogue.csv").read_bytes()
    cut = tmp_path / "coupe.csv"
    cut.write_bytes(raw.replace(b"ECF Normandie", b"ECF Bretagne")[: raw.index(b";840;")])
    capsys.readouterr()
    assert main(["trainings", "import", str(cut), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "ligne 4" in err and "n'a pas été modifié" in err
    after = sqlite_utils.Database(db).execute("SELECT * FROM trainings ORDER BY id").fetchall()
    assert after == before


def test_undecodable_bytes_exit_1_with_the_line_never_3(data: Path, tmp_path: Path) -> None:
    """Through the real `declic` entry point, whose last net turns surprises into exit 3."""
    lines = (data / "cpf-catalogue.csv").read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b"GRETA", b"GR\x9dETA")
    bad = tmp_path / "abime.csv"
    bad.write_bytes(b"\r\n".join(lines))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "declic.cli",
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
    assert result.returncode == 1, result.stderr
    assert "ligne 3" in result.stderr and "UTF-8" in result.stderr
    assert "inattendue" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--radius", "-5"], "le rayon doit être positif"),
        (["--weeks", "-1"], "le délai doit être positif"),
        (["--town", "Saint-Denis"], "précisez le département"),
    ],
)
def test_match_usage_errors_exit_2_in_french(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    db = str(tmp_path / "declic.db")
    main(["trainings", "import", str(data / "offres-france.xml"), "--db", db])
    base = ["trainings", "match", "--rome", "G1201", "--town", "Paris", "--db", db]
    with pytest.raises(SystemExit) as caught:
        main([*base, *args])
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("town", ["Paris", "75017"])
def test_match_command_for_paris(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], town: str
) -> None:
    db = str(tmp_path / "declic.db")
    main(["trainings", "import", str(data / "offres-france.xml"), "--db", db])
    capsys.readouterr()
    args = ["trainings", "match", "--rome", "G1201", "--town", town, "--db", db]
    assert main([*args, "--today", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    table = out.splitlines()
    assert "Guide accompagnateur (Paris)" in table[2]  # first row
    assert PLACE_UNKNOWN in table[8] and "lieu non communiqué" in table[8]  # last row
    assert "début le 16 mars 2026" in out and ANY_TIME in out
    assert "1 session déjà commencée ou passée écartée" in out


def test_a_byte_order_mark_says_utf8_so_a_stray_byte_is_named_in_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfnumero_formation;intitule_formation\r\n1;\x81\r\n")
    with pytest.raises(CatalogueError) as caught:
        import_file(tmp_path / "d.db", path)
    assert (caught.value.line, caught.value.column) == (2, 3)
    assert "0x81" in caught.value.message and "UTF-8" in caught.value.message
