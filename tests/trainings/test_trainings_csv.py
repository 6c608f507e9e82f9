"""CSV catalogues: the CPF open-data export and the counsellor's simple file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from facilitator.trainings.csv_import import SIMPLE_COLUMNS, read_cpf, read_simple
from facilitator.trainings.model import (
    BLENDED,
    IN_PERSON,
    RECRUITMENT_OPEN,
    REMOTE,
    CatalogueError,
    Skipped,
    TrainingOffer,
)


def _split(entries: list[TrainingOffer | Skipped]) -> tuple[list[TrainingOffer], list[Skipped]]:
    return (
        [e for e in entries if isinstance(e, TrainingOffer)],
        [e for e in entries if isinstance(e, Skipped)],
    )


def test_cpf_export_with_rome_codes(data: Path) -> None:
    """The 47-column export: BOM, `;`, CRLF, code_rome_1..5, code_rncp -1 for an RS."""
    path = data / "cpf-catalogue.csv"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    assert raw.split(b"\r\n")[0].count(b";") == 46
    offers, skipped = _split(list(read_cpf(path)))
    caces, commis, remote = offers
    assert caces.offer_id == "38491234500027_CACES489/76"  # numero + département
    assert caces.source == "cpf"
    assert caces.title == "CACES R489 catégories 1A, 3 et 5"
    assert caces.objective == 'Formation courte ; plateau technique "grandeur nature" au Havre'
    assert caces.rome_codes == ("N1101", "N1103")
    assert caces.formacodes == ("31812", "31795")  # spreadsheet "31812.0" repaired
    assert caces.rncp is None  # -1: an RS certification has no RNCP number
    assert caces.organisation == "ECF Normandie Logistique"
    assert caces.place.departement == "76"
    assert (caces.place.town, caces.place.lat) == (None, None)  # département only
    assert caces.sessions == ()  # the export has no dates
    assert caces.hours == 28  # mean
    assert caces.level == "Sans niveau spécifique"
    assert caces.remote == IN_PERSON

    assert commis.rncp == "37859"
    assert commis.objective.startswith("Préparer et dresser")  # objectif_formation first
    assert commis.remote == BLENDED  # 1 of 3 sessions at a distance
    assert remote.remote == REMOTE  # all sessions at a distance
    assert remote.hours == 840  # min when there is no mean

    (empty,) = skipped
    assert empty.where == "ligne 5"
    assert "numero_formation" in empty.reason


def test_cpf_older_export_without_rome_codes(data: Path) -> None:
    path = data / "cpf-catalogue-sans-rome.csv"
    assert path.read_bytes().split(b"\r\n")[0].count(b";") == 38  # 39 columns
    offers, skipped = _split(list(read_cpf(path)))
    assert skipped == []
    assert [o.offer_id for o in offers] == [
        "38491234500027_CACES489/76",
        "19140000000018_TPCOMMIS/14",
        "51234567800015_SA_FOAD/27",
    ]
    assert all(o.rome_codes == () for o in offers)
    assert [o.rncp for o in offers] == [None, "37859", "37297"]
    assert offers[0].objective.startswith("Formation courte")  # points_forts


@pytest.mark.parametrize("where", [b"plateau technique", b";650;"])
def test_a_cpf_export_cut_in_half_is_refused_with_its_line(
    data: Path, tmp_path: Path, where: bytes
) -> None:
    """Cut inside a quoted cell, or between cells: either way line 2 is named, nothing kept."""
    raw = (data / "cpf-catalogue.csv").read_bytes()
    path = tmp_path / "coupe.csv"
    path.write_bytes(raw[: raw.index(where)])
    with pytest.raises(CatalogueError) as caught:
        list(read_cpf(path))
    assert caught.value.line == 2
    assert "colonne" in caught.value.message or "guillemets" in caught.value.message


def test_a_file_cut_inside_quotes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "guillemet.csv"
    path.write_text('identifiant;intitule;objectif\nA;CAP;"Cuisine et\nservice', encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        list(read_simple(path))
    assert caught.value.line == 2  # where the row with the open quote starts
    assert "guillemets" in caught.value.message


def test_a_row_with_a_stray_separator_stops_the_simple_csv_too(tmp_path: Path) -> None:
    path = tmp_path / "separateur.csv"
    path.write_text("identifiant;intitule;ville\nA;CAP;Caen\nB;CAP; cuisine;Caen\n", "utf-8")
    with pytest.raises(CatalogueError) as caught:
        list(read_simple(path))
    assert (caught.value.line, "4 colonnes au lieu de 3" in caught.value.message) == (3, True)


def test_a_utf8_file_with_one_bad_byte_gives_its_line_and_encoding(
    data: Path, tmp_path: Path
) -> None:
    lines = (data / "cpf-catalogue.csv").read_bytes().split(b"\r\n")
    lines[3] = lines[3].replace(b"Formadistance", b"Forma\x9ddistance")
    path = tmp_path / "abime.csv"
    path.write_bytes(b"\r\n".join(lines))
    with pytest.raises(CatalogueError) as caught:
        list(read_cpf(path))
    assert caught.value.line == 4
    assert "0x9D" in caught.value.message and "UTF-8" in caught.value.message


def test_a_file_no_encoding_reads_gives_its_line(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = "identifiant;intitule;ville\r\nE1;Préparation;Évreux\r\nE2;Cuisine;Caen\r\n"
    # 0x81 is undefined in Windows-1252 and not UTF-8: a damaged Excel file
    path.write_bytes(text.encode("cp1252").replace(b"Caen", b"Caen\x81"))
    with pytest.raises(CatalogueError) as caught:
        list(read_simple(path))
    assert caught.value.line == 3
    assert "Windows-1252" in caught.value.message


def test_simple_counsellor_csv(data: Path) -> None:
    offers, skipped = _split(list(read_simple(data / "formations-conseiller.csv")))
    rouen, evreux, caen = offers
    assert rouen.source == "csv:formations-conseiller"
    assert rouen.offer_id == "ML-ROUEN-01"
    assert rouen.rome_codes == ("G1602", "G1803")
    assert rouen.place.departement == "76"  # from the postal code
    assert rouen.hours == 105
    assert rouen.remote == IN_PERSON
    assert rouen.url == "https://example.org/ml-rouen-01"
    assert rouen.formacodes == ("42752",)
    assert [(s.start, s.end) for s in rouen.sessions] == [
        (date(2026, 3, 2), date(2026, 3, 27)),
        (date(2026, 5, 4), date(2026, 5, 29)),
    ]
    assert rouen.sessions[0].recruitment == RECRUITMENT_OPEN

    assert (evreux.place.lat, evreux.place.lon) == (49.02015, 1.14164)  # decimal commas
    assert evreux.sessions[0].start == date(2026, 4, 13)  # ISO dates accepted too

    assert caen.permanent_entry is True
    assert caen.remote == BLENDED
    assert caen.sessions == ()

    (bad,) = skipped
    assert bad.where == "ligne 5"
    assert "31/02/2026" in bad.reason


def test_simple_csv_unknown_column_stops_the_import(tmp_path: Path) -> None:
    path = tmp_path / "faute.csv"
    path.write_text("identifiant;intitule;date_debu\nA;B;01/01/2026\n", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        list(read_simple(path))
    assert caught.value.line == 1
    assert "date_debu" in caught.value.message
    assert "date_debut" in caught.value.hint


def test_simple_csv_missing_required_column(tmp_path: Path) -> None:
    path = tmp_path / "incomplet.csv"
    path.write_text("intitule;ville\nCAP;Caen\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="identifiant"):
        list(read_simple(path))


def test_simple_csv_from_excel_in_windows_1252_with_commas(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    text = "identifiant,intitule,ville,modalite\r\nE1,Préparation CACES,Évreux,à distance\r\n"
    path.write_bytes(text.encode("cp1252"))
    (offer,) = list(read_simple(path))
    assert isinstance(offer, TrainingOffer)
    assert (offer.title, offer.place.town, offer.remote) == ("Préparation CACES", "Évreux", REMOTE)


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("modalite", "parfois", "modalité inconnue"),
        ("recrutement", "peut-être", "recrutement inconnu"),
        ("heures", "beaucoup", "heures illisible"),
        ("latitude", "49.4", "latitude et longitude"),
    ],
)
def test_simple_csv_bad_cells_skip_the_row(
    tmp_path: Path, column: str, value: str, reason: str
) -> None:
    path = tmp_path / "cellule.csv"
    path.write_text(f"identifiant;intitule;{column}\nA;CAP;{value}\n", encoding="utf-8")
    (skipped,) = list(read_simple(path))
    assert isinstance(skipped, Skipped)
    assert skipped.where == "ligne 2"
    assert reason in skipped.reason


def test_documented_columns_are_the_accepted_ones() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "trainings.md").read_text("utf-8")
    for column in SIMPLE_COLUMNS:
        assert f"`{column}`" in doc
