"""Streaming LHEO 2.2 / 2.3 reader: regional catalogues are large, memory must stay flat.

Two shapes are read, whatever the XML namespace:
- `lheo/offres/formation/action/session` (the full offer; one TrainingOffer per action);
- `lheo-index/resumes-offres/resume-offre` (the flat summary; coordinates in `extras`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, XMLPullParser
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

_CHUNK = 64 * 1024
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
    A pull parser fed by 64 KiB chunks is used rather than iterparse: same C parser,
    less per-event overhead.
    """
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    reader = CountingReader(path, progress)
    names: dict[str, str] = {}
    container: Element | None = None
    rooted = False
    count = 0
    try:
        while True:
            chunk = reader.read(_CHUNK)
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()  # raises on a truncated file
            # Only start/end were asked for: every item is an element.
            events: Iterator[tuple[str, Element]] = parser.read_events()  # type: ignore[assignment]
            for event, elem in events:
                if event == "end":
                    tag = elem.tag
                    name = names.get(tag)
                    if name is None:
                        name = names[tag] = tag.rpartition("}")[2]
                    # Local names from here on: lookups use C-speed find() on plain tags.
                    elem.tag = name
                    if name == "formation":
                        count += 1
                        yield from _formation(elem, count, source)
                    elif name == "resume-offre":
                        count += 1
                        yield from _resume_offre(elem, count, source)
                    else:
                        continue
                    # Drop what is done so memory stays flat (no empty shells left behind).
                    (container if container is not None else elem).clear()
                elif container is None:  # only the first few start events get here
                    name = elem.tag.rpartition("}")[2]
                    if not rooted:
                        _check_root(name, path)
                        rooted = True
                    elif name in _CONTAINERS:
                        container = elem
            if not chunk:
                return
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


# --- element helpers (tags are already local names) -------------------------------------


def _text(elem: Element | None) -> str | None:
    """Text content with runs of whitespace folded; None when empty."""
    if elem is None or elem.text is None:
        return None
    text = " ".join(elem.text.split())
    return text or None


def _find(elem: Element | None, *names: str) -> Element | None:
    """First element down a chain of names (elem/a/b/c), None if any link is missing."""
    for name in names:
        if elem is None:
            return None
        elem = elem.find(name)
    return elem


def _get(elem: Element | None, name: str) -> str | None:
    """Text of the first child called `name` (the hot path: one C-level find)."""
    if elem is None:
        return None
    child = elem.find(name)
    if child is None or child.text is None:
        return None
    text = " ".join(child.text.split())
    return text or None


def _texts(elem: Element | None, name: str) -> tuple[str, ...]:
    if elem is None:
        return ()
    return tuple(t for e in elem.findall(name) if (t := _text(e)) is not None)


def _int(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return int(text)  # int() ignores surrounding whitespace
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


def _place(
    postal_code: str | None,
    town: str | None,
    insee_code: str | None,
    departement: str | None,
    lat: float | None,
    lon: float | None,
) -> Place:
    both = lat is not None and lon is not None
    return Place(
        postal_code=postal_code,
        town=town,
        insee_code=insee_code,
        departement=departement or departement_from_postal_code(postal_code),
        lat=lat if both else None,
        lon=lon if both else None,
    )


def _address(adresse: Element | None) -> Place | None:
    if adresse is None:
        return None
    geo = adresse.find("geolocalisation")
    return _place(
        _get(adresse, "codepostal"),
        _get(adresse, "ville"),
        _get(adresse, "code-INSEE-commune"),
        _get(adresse, "departement"),
        _coordinate(_get(geo, "latitude"), 90),
        _coordinate(_get(geo, "longitude"), 180),
    )


def _url(elem: Element | None) -> str | None:
    url = _get(elem, "urlweb")
    if url and "://" not in url:
        url = "http://" + url
    return url


def _rome_codes(domaine: Element | None) -> tuple[str, ...]:
    return tuple(code.upper() for code in _texts(domaine, "code-ROME"))


def _stable_id(*parts: str | None) -> str:
    """An id for entries without `numero`: same content, same id across re-imports."""
    digest = hashlib.sha1("|".join(p or "" for p in parts).encode()).hexdigest()[:16]
    return f"sans-numero-{digest}"


def _sessions(parent: Element, where: str, skipped: list[Skipped]) -> list[TrainingSession]:
    sessions = []
    for index, session in enumerate(parent.findall("session"), start=1):
        numero = session.get("numero")
        periode = session.find("periode")
        try:
            # findtext: one C call; parse_lheo_date strips and caches.
            start = parse_lheo_date(periode.findtext("debut") if periode is not None else None)
            end = parse_lheo_date(periode.findtext("fin") if periode is not None else None)
        except ValueError as error:
            label = f"session « {numero} »" if numero else f"session n° {index}"
            skipped.append(Skipped(f"{where}, {label}", str(error)))
            continue
        recrutement = session.find("recrutement")
        remote = recrutement.findtext("a-distance") if recrutement is not None else None
        sessions.append(
            TrainingSession(
                session_id=numero,
                start=start,
                end=end,
                recruitment=_int(session.findtext("etat-recrutement")),
                remote_recruitment=None if remote is None else remote.strip() == "1",
                url=_url(session.find("url-session")),
            )
        )
    return sessions


# --- lheo/offres/formation ----------------------------------------------------------------


def _formation(formation: Element, index: int, source: str) -> Iterator[Entry]:
    numero = formation.get("numero")
    where = f"formation « {numero} »" if numero else f"formation n° {index} du fichier"
    title = _get(formation, "intitule-formation")
    if title is None:
        yield Skipped(where, "intitulé de la formation manquant")
        return
    domaine = formation.find("domaine-formation")
    organisme = formation.find("organisme-formation-responsable")
    organisation = _get(organisme, "nom-organisme") or _get(organisme, "raison-sociale")
    objective = strip_html(_get(formation, "objectif-formation"))
    rome_codes = _rome_codes(domaine)
    formacodes = _texts(domaine, "code-FORMACODE")
    rncp = _text(_find(formation, "certification", "code-RNCP"))
    level = level_label(_get(formation, "code-niveau-sortie"))
    formation_url = _url(formation.find("url-formation"))
    actions = formation.findall("action")
    if not actions:
        yield Skipped(where, "formation sans action (ni lieu ni session)")
        return
    for action_index, action in enumerate(actions, start=1):
        action_numero = action.get("numero")
        action_where = where + (
            f", action « {action_numero} »" if action_numero else f", action n° {action_index}"
        )
        skipped: list[Skipped] = []
        sessions = _sessions(action, action_where, skipped)
        yield from skipped
        place = (
            _address(_find(action, "lieu-de-formation", "coordonnees", "adresse"))
            or _address(_find(action, "session", "adresse-inscription", "adresse"))
            or _address(_find(organisme, "coordonnees-organisme", "coordonnees", "adresse"))
            or Place()
        )
        if numero and action_numero:
            offer_id = f"{numero}/{action_numero}"
        else:
            offer_id = _stable_id(
                numero, action_numero, title, organisation, place.postal_code, str(action_index)
            )
        yield TrainingOffer(
            offer_id=offer_id,
            source=source,
            title=title,
            objective=objective,
            rome_codes=rome_codes,
            formacodes=formacodes,
            rncp=rncp,
            organisation=organisation,
            level=level,
            place=place,
            sessions=tuple(sessions),
            hours=_hours(action),
            remote=_int(_get(action, "modalites-enseignement")),
            permanent_entry=_get(action, "modalites-entrees-sorties") == "1",
            url=_url(action.find("url-action")) or formation_url,
        )


def _hours(action: Element) -> int | None:
    total = _int(_get(action, "nombre-heures-total"))
    if total is not None:
        return total
    centre = _int(_get(action, "nombre-heures-centre"))
    company = _int(_get(action, "nombre-heures-entreprise"))
    if centre is None and company is None:
        return None
    return (centre or 0) + (company or 0)


# --- lheo-index/resumes-offres/resume-offre -----------------------------------------------


def _extras(resume: Element) -> dict[str, str]:
    """Flatten `extras/extra[@info]` (any depth) into {info: text}, lower-case keys."""
    found: dict[str, str] = {}
    for extras in resume.findall("extras"):
        for extra in extras.iter("extra"):
            info = extra.get("info")
            if info and (value := _text(extra)) is not None:
                found.setdefault(info.strip().lower(), value)
    return found


def _resume_offre(resume: Element, index: int, source: str) -> Iterator[Entry]:
    numero = resume.get("numero")
    where = f"résumé d'offre « {numero} »" if numero else f"résumé d'offre n° {index} du fichier"
    title = _get(resume, "intitule-formation")
    if title is None:
        yield Skipped(where, "intitulé de la formation manquant")
        return
    domaine = resume.find("domaine-formation")
    extras = _extras(resume)
    postal_code = _get(resume, "codepostal")
    place = _place(
        postal_code,
        _get(resume, "ville"),
        _get(resume, "code-INSEE-commune"),
        _get(resume, "departement"),
        _coordinate(extras.get("latitude"), 90),
        _coordinate(extras.get("longitude"), 180),
    )
    organisation = _get(resume, "nom-organisme")
    skipped: list[Skipped] = []
    sessions = _sessions(resume, where, skipped)
    yield from skipped
    url = resume.get("href") or resume.get("file")
    yield TrainingOffer(
        offer_id=numero or _stable_id(title, organisation, postal_code, place.town),
        source=source,
        title=title,
        rome_codes=_rome_codes(domaine),
        formacodes=_texts(domaine, "code-FORMACODE"),
        rncp=_text(_find(resume, "certification", "code-RNCP")),
        organisation=organisation,
        place=place,
        sessions=tuple(sessions),
        hours=_int(_get(resume, "nombre-heures-total")),
        level=level_label(extras.get("code-niveau-sortie")),
        remote=_int(_get(resume, "modalites-enseignement")),
        url=url.strip() if url else None,
    )
