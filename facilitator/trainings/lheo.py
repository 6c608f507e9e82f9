"""Streaming LHEO 2.2 / 2.3 reader: regional catalogues are large, memory must stay flat.

Two shapes are read, whatever the XML namespace:
- `lheo/offres/formation/action/session` (the full offer; one TrainingOffer per action);
- `lheo-index/resumes-offres/resume-offre` (the flat summary; coordinates in `extras`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, iterparse
from xml.parsers.expat import errors as expat_errors

from facilitator.trainings.model import (
    CatalogueError,
    Place,
    Skipped,
    TrainingOffer,
    TrainingSession,
    departement_from_postal_code,
    level_label,
    parse_lheo_date,
    strip_html,
)
from facilitator.trainings.reading import CountingReader, Progress

Entry = TrainingOffer | Skipped
Kids = dict[str, list[Element]]

_ROOTS = {"lheo", "lheo-index", "lheo-plus"}
_CONTAINERS = {"offres", "resumes-offres"}

_TRUNCATED_HINT = (
    "Le fichier semble incomplet (téléchargement interrompu ?) : récupérez à nouveau "
    "l'export complet auprès du Carif-Oref."
)
_SYNTAX_HINT = (
    "Le fichier a été abîmé ou modifié à la main : ouvrez-le à la ligne indiquée, "
    "ou récupérez à nouveau l'export."
)


def read_lheo(
    path: Path, *, source: str = "lheo", progress: Progress | None = None
) -> Iterator[Entry]:
    """Yield each offer (or a Skipped note for an unusable one) as soon as it is read.

    Raises CatalogueError (with line and column) when the XML is malformed or truncated;
    offers already yielded must then be discarded by the caller (the store rolls back).
    """
    reader = CountingReader(path, progress)
    names: dict[str, str] = {}
    container: Element | None = None
    rooted = False
    count = 0
    try:
        for event, elem in iterparse(reader, events=("start", "end")):
            tag = elem.tag
            name = names.get(tag)
            if name is None:
                name = names[tag] = tag.rpartition("}")[2]
            if event == "start":
                if name in _CONTAINERS:
                    container = elem
                elif not rooted:
                    _check_root(name, path)
                rooted = True
                continue
            if name == "formation":
                count += 1
                yield from _formation(elem, count, source)
            elif name == "resume-offre":
                count += 1
                yield from _resume_offre(elem, count, source)
            else:
                continue
            # Drop what is done so memory stays flat (the parent would keep empty shells).
            (container if container is not None else elem).clear()
    except ParseError as error:
        line, column = error.position
        raise CatalogueError(
            _french_parse_error(error),
            file=str(path),
            line=line,
            column=column + 1,
            hint=_TRUNCATED_HINT if _is_truncation(error) else _SYNTAX_HINT,
        ) from None
    finally:
        reader.close()


def _check_root(name: str, path: Path) -> None:
    if name not in _ROOTS:
        raise CatalogueError(
            f"ce fichier XML n'est pas un catalogue LHEO (élément racine <{name}>)",
            file=str(path),
            line=1,
            hint="Attendu : <lheo> avec <offres>, ou <lheo-index> avec <resumes-offres>.",
        )


def _is_truncation(error: ParseError) -> bool:
    return error.code in (
        expat_errors.codes[expat_errors.XML_ERROR_NO_ELEMENTS],
        expat_errors.codes[expat_errors.XML_ERROR_UNCLOSED_TOKEN],
        expat_errors.codes[expat_errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
    )


_MESSAGES = {
    expat_errors.XML_ERROR_NO_ELEMENTS: "le fichier s'arrête avant la fin du catalogue",
    expat_errors.XML_ERROR_UNCLOSED_TOKEN: "le fichier s'arrête au milieu d'une balise",
    expat_errors.XML_ERROR_TAG_MISMATCH: "balise fermante sans balise ouvrante assortie",
    expat_errors.XML_ERROR_INVALID_TOKEN: "caractère ou balise invalide",
    expat_errors.XML_ERROR_SYNTAX: "syntaxe XML incorrecte",
    expat_errors.XML_ERROR_UNDEFINED_ENTITY: "entité inconnue (un « & » non échappé ?)",
    expat_errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: "contenu en trop après la fin du catalogue",
    expat_errors.XML_ERROR_BAD_CHAR_REF: "référence de caractère invalide",
    expat_errors.XML_ERROR_UNKNOWN_ENCODING: "encodage de caractères inconnu",
    expat_errors.XML_ERROR_INCORRECT_ENCODING: "encodage déclaré incorrect",
}


def _french_parse_error(error: ParseError) -> str:
    for message_key, french in _MESSAGES.items():
        if error.code == expat_errors.codes[message_key]:
            return f"XML illisible : {french}"
    return f"XML illisible ({error})"


# --- element helpers (namespace-agnostic) -------------------------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _kids(elem: Element) -> Kids:
    """Direct children grouped by local name: one pass, then O(1) look-ups."""
    kids: Kids = {}
    for child in elem:
        kids.setdefault(_local(child.tag), []).append(child)
    return kids


def _first(kids: Kids, name: str) -> Element | None:
    found = kids.get(name)
    return found[0] if found else None


def _text(elem: Element | None) -> str | None:
    """Text content with runs of whitespace folded; None when empty."""
    if elem is None or elem.text is None:
        return None
    text = " ".join(elem.text.split())
    return text or None


def _texts(kids: Kids, name: str) -> tuple[str, ...]:
    return tuple(t for e in kids.get(name, ()) if (t := _text(e)) is not None)


def _path(elem: Element | None, *names: str) -> Element | None:
    """First element down a chain of local names (elem/a/b/c)."""
    for name in names:
        if elem is None:
            return None
        elem = next((c for c in elem if _local(c.tag) == name), None)
    return elem


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return int(text.strip())
    except ValueError:
        return None


def _coordinate(text: str | None, limit: float) -> float | None:
    if text is None:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if -limit <= value <= limit and value != 0 else None


def _address(adresse: Element | None) -> Place | None:
    if adresse is None:
        return None
    kids = _kids(adresse)
    postal_code = _text(_first(kids, "codepostal"))
    geo = _first(kids, "geolocalisation")
    lat = lon = None
    if geo is not None:
        geo_kids = _kids(geo)
        lat = _coordinate(_text(_first(geo_kids, "latitude")), 90)
        lon = _coordinate(_text(_first(geo_kids, "longitude")), 180)
    return Place(
        postal_code=postal_code,
        town=_text(_first(kids, "ville")),
        insee_code=_text(_first(kids, "code-INSEE-commune")),
        departement=_text(_first(kids, "departement")) or departement_from_postal_code(postal_code),
        lat=lat if lon is not None else None,
        lon=lon if lat is not None else None,
    )


def _url(elem: Element | None) -> str | None:
    url = _text(_path(elem, "urlweb"))
    if url and "://" not in url:
        url = "http://" + url
    return url


def _stable_id(*parts: str | None) -> str:
    """An id for entries without `numero`: same content, same id across re-imports."""
    digest = hashlib.sha1("|".join(p or "" for p in parts).encode()).hexdigest()[:16]
    return f"sans-numero-{digest}"


def _sessions(kids: Kids, where: str, skipped: list[Skipped]) -> list[TrainingSession]:
    sessions = []
    for index, session in enumerate(kids.get("session", ()), start=1):
        session_kids = _kids(session)
        numero = session.get("numero")
        periode = _kids(_first(session_kids, "periode") or Element("periode"))
        try:
            start = parse_lheo_date(_text(_first(periode, "debut")))
            end = parse_lheo_date(_text(_first(periode, "fin")))
        except ValueError as error:
            label = f"session « {numero} »" if numero else f"session n° {index}"
            skipped.append(Skipped(f"{where}, {label}", str(error)))
            continue
        remote = _text(_path(_first(session_kids, "recrutement"), "a-distance"))
        sessions.append(
            TrainingSession(
                session_id=numero,
                start=start,
                end=end,
                recruitment=_int(_text(_first(session_kids, "etat-recrutement"))),
                remote_recruitment=None if remote is None else remote == "1",
                url=_url(_first(session_kids, "url-session")),
            )
        )
    return sessions


# --- lheo/offres/formation ----------------------------------------------------------------


def _formation(formation: Element, index: int, source: str) -> Iterator[Entry]:
    numero = formation.get("numero")
    where = f"formation « {numero} »" if numero else f"formation n° {index} du fichier"
    kids = _kids(formation)
    title = _text(_first(kids, "intitule-formation"))
    if title is None:
        yield Skipped(where, "intitulé de la formation manquant")
        return
    domaine = _kids(_first(kids, "domaine-formation") or Element("domaine-formation"))
    organisme = _first(kids, "organisme-formation-responsable")
    org_kids = _kids(organisme) if organisme is not None else {}
    organisation = _text(_first(org_kids, "nom-organisme")) or _text(
        _first(org_kids, "raison-sociale")
    )
    org_place = _address(_path(_first(org_kids, "coordonnees-organisme"), "coordonnees", "adresse"))
    template = TrainingOffer(
        offer_id="",
        source=source,
        title=title,
        objective=strip_html(_text(_first(kids, "objectif-formation"))),
        rome_codes=tuple(code.upper() for code in _texts(domaine, "code-ROME")),
        formacodes=_texts(domaine, "code-FORMACODE"),
        rncp=_text(_path(_first(kids, "certification"), "code-RNCP")),
        organisation=organisation,
        level=level_label(_text(_first(kids, "code-niveau-sortie"))),
    )
    formation_url = _url(_first(kids, "url-formation"))
    actions = kids.get("action", [])
    if not actions:
        yield Skipped(where, "formation sans action (ni lieu ni session)")
        return
    for action_index, action in enumerate(actions, start=1):
        action_numero = action.get("numero")
        action_where = where + (
            f", action « {action_numero} »" if action_numero else f", action n° {action_index}"
        )
        action_kids = _kids(action)
        skipped: list[Skipped] = []
        sessions = _sessions(action_kids, action_where, skipped)
        yield from skipped
        place = (
            _address(_path(_first(action_kids, "lieu-de-formation"), "coordonnees", "adresse"))
            or _address(_path(_first(action_kids, "session"), "adresse-inscription", "adresse"))
            or org_place
            or Place()
        )
        if numero and action_numero:
            offer_id = f"{numero}/{action_numero}"
        else:
            offer_id = _stable_id(
                numero, action_numero, title, organisation, place.postal_code, str(action_index)
            )
        yield replace(
            template,
            offer_id=offer_id,
            place=place,
            sessions=tuple(sessions),
            hours=_hours(action_kids),
            remote=_int(_text(_first(action_kids, "modalites-enseignement"))),
            permanent_entry=_text(_first(action_kids, "modalites-entrees-sorties")) == "1",
            url=_url(_first(action_kids, "url-action")) or formation_url,
        )


def _hours(kids: Kids) -> int | None:
    total = _int(_text(_first(kids, "nombre-heures-total")))
    if total is not None:
        return total
    centre = _int(_text(_first(kids, "nombre-heures-centre")))
    company = _int(_text(_first(kids, "nombre-heures-entreprise")))
    if centre is None and company is None:
        return None
    return (centre or 0) + (company or 0)


# --- lheo-index/resumes-offres/resume-offre -----------------------------------------------


def _extras(kids: Kids) -> dict[str, str]:
    """Flatten `extras/extra[@info]` (any depth) into {info: text}, lower-case keys."""
    found: dict[str, str] = {}
    for extras in kids.get("extras", ()):
        for extra in extras.iter():
            info = extra.get("info")
            if info and _local(extra.tag) == "extra" and (value := _text(extra)) is not None:
                found.setdefault(info.strip().lower(), value)
    return found


def _resume_offre(resume: Element, index: int, source: str) -> Iterator[Entry]:
    numero = resume.get("numero")
    where = f"résumé d'offre « {numero} »" if numero else f"résumé d'offre n° {index} du fichier"
    kids = _kids(resume)
    title = _text(_first(kids, "intitule-formation"))
    if title is None:
        yield Skipped(where, "intitulé de la formation manquant")
        return
    domaine = _kids(_first(kids, "domaine-formation") or Element("domaine-formation"))
    extras = _extras(kids)
    lat = _coordinate(extras.get("latitude"), 90)
    lon = _coordinate(extras.get("longitude"), 180)
    postal_code = _text(_first(kids, "codepostal"))
    place = Place(
        postal_code=postal_code,
        town=_text(_first(kids, "ville")),
        insee_code=_text(_first(kids, "code-INSEE-commune")),
        departement=_text(_first(kids, "departement")) or departement_from_postal_code(postal_code),
        lat=lat if lon is not None else None,
        lon=lon if lat is not None else None,
    )
    organisation = _text(_first(kids, "nom-organisme"))
    skipped: list[Skipped] = []
    sessions = _sessions(kids, where, skipped)
    yield from skipped
    url = resume.get("href") or resume.get("file")
    yield TrainingOffer(
        offer_id=numero or _stable_id(title, organisation, postal_code, place.town),
        source=source,
        title=title,
        rome_codes=tuple(code.upper() for code in _texts(domaine, "code-ROME")),
        formacodes=_texts(domaine, "code-FORMACODE"),
        rncp=_text(_path(_first(kids, "certification"), "code-RNCP")),
        organisation=organisation,
        place=place,
        sessions=tuple(sessions),
        hours=_int(_text(_first(kids, "nombre-heures-total"))),
        level=level_label(extras.get("code-niveau-sortie")),
        remote=_int(_text(_first(kids, "modalites-enseignement"))),
        url=url.strip() if url else None,
    )
