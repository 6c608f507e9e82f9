"""LHEO reading: the real Onisep offer, the 2.3 namespace, the flat form, dates and errors."""

from __future__ import annotations

import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.trainings.lheo import read_lheo
from facilitator.trainings.model import (
    BLENDED,
    IN_PERSON,
    RECRUITMENT_OPEN,
    RECRUITMENT_SUSPENDED,
    CatalogueError,
    Place,
    Skipped,
    TrainingOffer,
    parse_lheo_date,
    strip_html,
)


def _split(path: Path) -> tuple[list[TrainingOffer], list[Skipped]]:
    entries = list(read_lheo(path))
    offers = [e for e in entries if isinstance(e, TrainingOffer)]
    skipped = [e for e in entries if isinstance(e, Skipped)]
    return offers, skipped


def test_real_onisep_offer_every_field(shared_reference: Path) -> None:
    offers, skipped = _split(shared_reference / "lheo" / "exemple-bts-onisep_lheo2.2.xml")
    assert skipped == []
    (offer,) = offers
    assert offer.offer_id == "9436_18706/9436_18706"
    assert offer.source == "lheo"
    assert offer.title == "BTS négociation et relation client"
    assert offer.objective.startswith("A la fois vendeur, manager et commercial")
    assert offer.objective.endswith("en direction de la clientèle.")
    assert "<" not in offer.objective
    assert offer.rome_codes == ("D1402", "D1403", "D1408")
    assert offer.formacodes == ("34582", "34076")
    assert offer.rncp == "474"
    assert offer.organisation == "Lycée Kerneuzec"
    assert offer.place == Place(
        postal_code="29391",
        town="QUIMPERLÉ",
        insee_code="29233",
        departement="29",
        lat=47.882108,
        lon=-3.5526545,
    )
    (session,) = offer.sessions
    assert session.session_id == "9436_18706"
    assert session.start == date(2015, 9, 1)
    assert session.end == date(2017, 8, 31)
    assert session.recruitment is None  # no etat-recrutement in this export
    assert offer.hours is None  # only "duree-indicative: 2 ans", no hour count
    assert offer.level == "niveau III (BTS, DUT)"  # code-niveau-sortie 6
    assert offer.remote == IN_PERSON  # modalites-enseignement 0
    assert offer.permanent_entry is False
    assert offer.url == "http://lyceedekerneuzec.fr"  # url-action, scheme added


def test_lheo_23_namespace_full_form(data: Path) -> None:
    offers, skipped = _split(data / "offres-lheo23.xml")
    rouen, caen = offers
    assert rouen.offer_id == "F-CUIS-01/A-ROUEN"
    assert rouen.title == "Titre professionnel Commis de cuisine"
    assert rouen.objective == "Préparer les entrées & les desserts.\nHygiène HACCP"
    assert rouen.rome_codes == ("G1602", "G1603")  # upper-cased
    assert rouen.formacodes == ("42752",)
    assert rouen.rncp == "37859"
    assert rouen.organisation == "Centre de formation Exemple"
    assert rouen.level == "Niveau 3"
    assert rouen.hours == 455 + 210  # centre + entreprise when no total
    assert rouen.place.lat == pytest.approx(49.44135)
    assert rouen.place.insee_code == "76540"
    assert rouen.url == "https://formation.example.org/commis"  # formation URL as fallback
    first, unknown = rouen.sessions
    assert (first.start, first.end) == (date(2026, 9, 1), date(2027, 1, 1))  # 00 = unknown
    assert first.recruitment == RECRUITMENT_OPEN
    assert first.remote_recruitment is True
    assert first.url == "http://formation.example.org/commis/rouen-1"
    assert (unknown.start, unknown.end) == (None, None)  # 00000000 / 99999999
    assert unknown.recruitment == RECRUITMENT_SUSPENDED

    assert caen.offer_id == "F-CUIS-01/A-CAEN"
    assert caen.place.town == "Caen"
    assert (caen.place.lat, caen.place.lon) == (None, None)  # the store falls back to the town
    assert caen.place.departement == "14"  # from the postal code
    assert caen.remote == BLENDED
    assert caen.permanent_entry is True
    assert caen.hours == 600
    assert caen.url == "https://formation.example.org/commis/caen"

    bad_session, no_title = skipped
    assert "S-ROUEN-BAD" in bad_session.where
    assert "20261341" in bad_session.reason
    assert no_title.where == "formation « F-SANS-TITRE »"
    assert "intitulé" in no_title.reason


def test_flat_resume_offre_with_extras_coordinates(data: Path) -> None:
    offers, skipped = _split(data / "resumes-offres.xml")
    assert skipped == []
    havre, caen = offers
    assert havre.offer_id == "28_AF_0001_SE_0001"
    assert havre.title == "Préparateur de commandes en entrepôt"  # line breaks folded
    assert havre.organisation == "AFPA Le Havre"
    assert havre.rome_codes == ("N1103", "N1105")
    assert havre.formacodes == ("31795",)
    assert havre.rncp == "38413"
    assert havre.place == Place("76600", "Le Havre", "76351", "76", 49.49845, 0.14015)
    assert havre.hours == 399
    assert havre.level == "Niveau 3"
    assert havre.remote == IN_PERSON
    assert havre.url == "https://offres.example.org/28_AF_0001"
    assert [(s.start, s.end) for s in havre.sessions] == [
        (date(2026, 3, 16), date(2026, 6, 19)),
        (date(2026, 10, 1), None),
    ]
    assert caen.url == "https://offres.example.org/28_AF_0002.xml"  # @file when no @href
    assert (caen.place.lat, caen.place.lon) == (None, None)
    assert caen.remote is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20260914", date(2026, 9, 14)),
        ("20260900", date(2026, 9, 1)),  # unknown day
        ("20260000", date(2026, 1, 1)),  # unknown day and month
        ("00000000", None),  # unknown start
        ("99999999", None),  # unknown end
        ("", None),
        (None, None),
    ],
)
def test_lheo_date_conventions(text: str | None, expected: date | None) -> None:
    assert parse_lheo_date(text) == expected


@pytest.mark.parametrize("text", ["2026091", "2026-09-14", "20261301", "20260231"])
def test_lheo_date_rejects_garbage(text: str) -> None:
    with pytest.raises(ValueError, match="date LHEO"):
        parse_lheo_date(text)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9998, 12, 31)))
def test_lheo_date_round_trip(day: date) -> None:
    assert parse_lheo_date(day.strftime("%Y%m%d").zfill(8)) == day


@given(st.text())
def test_strip_html_never_leaves_tags(text: str) -> None:
    assert "<b>" not in strip_html(f"<p><b>{text.replace('<', '')}</b></p>")


def test_malformed_xml_gives_line_and_column(data: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        list(read_lheo(data / "malformed.xml"))
    error = caught.value
    assert error.line == 6
    assert error.column is not None and error.column > 1
    assert error.file.endswith("malformed.xml")
    assert "ligne 6, colonne" in error.french()
    assert "balise" in error.message
    assert error.hint


def test_truncated_file_is_reported_as_such(data: Path, tmp_path: Path) -> None:
    text = (data / "offres-lheo23.xml").read_text(encoding="utf-8")
    truncated = tmp_path / "tronque.xml"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        list(read_lheo(truncated))
    assert caught.value.line is not None and caught.value.line > 1
    assert "incomplet" in caught.value.hint


def test_other_xml_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "autre.xml"
    other.write_text("<catalogue><offre/></catalogue>", encoding="utf-8")
    with pytest.raises(CatalogueError, match="pas un catalogue LHEO"):
        list(read_lheo(other))


def _big_catalogue(path: Path, formations: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write('<lheo xmlns="http://lheo.gouv.fr/2.3"><offres>')
        for number in range(formations):
            out.write(
                f'<formation numero="F{number}"><intitule-formation>CAP {number}'
                f"</intitule-formation><objectif-formation>{'x' * 2000}</objectif-formation>"
                f'<action numero="A{number}"><session><periode><debut>20260901</debut>'
                "<fin>20270630</fin></periode></session></action></formation>"
            )
        out.write("</offres></lheo>")


def test_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    """Streaming: ten times more offers must not need ten times more memory."""
    peaks = []
    for formations in (300, 3000):
        path = tmp_path / f"catalogue-{formations}.xml"
        _big_catalogue(path, formations)
        tracemalloc.start()
        count = sum(1 for _ in read_lheo(path))
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert count == formations
    assert peaks[1] < peaks[0] * 2
