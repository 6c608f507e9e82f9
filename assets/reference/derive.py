"""Regenerate Déclic's compact reference data (skills, jobs, towns) from the public source files.

Why a script: every shipped file under ``assets/`` must be traceable to its public source and
reproducible byte for byte, so a new ROME or ESCO release is one command away. The only
hand-written input is ``savoir-etre-mapping.yaml`` beside this file.

Usage::

    python assets/reference/derive.py [--reference DIR] [--out DIR] [--mapping FILE] [--check]

Needs only the standard library and PyYAML. Output is sorted, UTF-8, LF line endings.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
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
)


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


def derive_all(reference: Path, mapping: Path) -> dict[str, str]:
    """Every derived file, by path relative to the assets dir."""
    if not reference.is_dir():
        raise DeriveError(f"{reference}: reference folder not found (use --reference)")
    table = read_rome_table(reference)
    skills = derive_skills(reference, mapping)
    job_skills = derive_job_skills(reference, table, skills)
    return {
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
    args = parser.parse_args(argv)
    try:
        files = derive_all(args.reference, args.mapping)
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
