"""Organisations, the people who use the hub, and the laptops (devices) that push to it.

A counsellor and an admin belong to one organisation (a Mission Locale) and see only its
players; a ``region`` user sees aggregates only. A laptop enrols with a one-time code an
admin printed (valid 24 h) and receives a secret; the hub keeps only the secret's SHA-256,
so a stolen database does not let anyone push as that laptop.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from facilitator.hub.schema import (
    ROLES,
    device_codes,
    devices,
    login_sessions,
    organisations,
    users,
)
from facilitator.portal.accounts import password_problem
from facilitator.storage.players import SHORT_CODE_ALPHABET

CODE_LIFETIME = 24 * 3600.0
CODE_LENGTH = 12
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
_DEPARTEMENT = re.compile(r"^(\d{2}|2[AB]|97\d)$")
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("declic-dummy-password")


class HubError(ValueError):
    """A refused request; the French message says what to do."""


@dataclass(frozen=True)
class Organisation:
    id: int
    slug: str
    name: str
    departement: str | None


@dataclass(frozen=True)
class User:
    id: int
    org_id: int
    name: str
    role: str


@dataclass(frozen=True)
class Device:
    id: int
    org_id: int
    label: str
    revoked: bool


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


# --- organisations ----------------------------------------------------------------------------


def add_organisation(
    conn: sa.Connection, slug: str, name: str, departement: str | None, now: float
) -> Organisation:
    slug = slug.strip().lower()
    if not _SLUG.match(slug):
        raise HubError(
            f"identifiant « {slug} » invalide : minuscules, chiffres et tirets, par ex. « ml-rouen »"
        )
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise HubError("nom de l'organisation vide ou trop long (200 caractères au plus)")
    if departement is not None and not _DEPARTEMENT.match(departement.upper()):
        raise HubError(f"département « {departement} » invalide : par ex. 76, 2A ou 974")
    if find_organisation(conn, slug) is not None:
        raise HubError(f"l'organisation « {slug} » existe déjà")
    new_id = conn.execute(
        organisations.insert().values(
            slug=slug,
            name=name,
            departement=departement.upper() if departement else None,
            created_at=now,
        )
    ).inserted_primary_key
    assert new_id is not None
    return Organisation(int(new_id[0]), slug, name, departement)


def find_organisation(conn: sa.Connection, slug: str) -> Organisation | None:
    """The organisation named ``slug``; None for a name no organisation can have (a NUL byte
    or any character outside the slug's, which PostgreSQL would refuse with an error)."""
    wanted = slug.strip().lower()
    if not _SLUG.match(wanted):
        return None
    row = conn.execute(sa.select(organisations).where(organisations.c.slug == wanted)).first()
    return None if row is None else Organisation(row.id, row.slug, row.name, row.departement)


def organisation_by_id(conn: sa.Connection, org_id: int) -> Organisation:
    row = conn.execute(sa.select(organisations).where(organisations.c.id == org_id)).one()
    return Organisation(row.id, row.slug, row.name, row.departement)


def require_organisation(conn: sa.Connection, slug: str) -> Organisation:
    found = find_organisation(conn, slug)
    if found is None:
        raise HubError(
            f"aucune organisation « {slug} » sur ce hub. Créez-la : declic hub add-organisation"
        )
    return found


# --- people -----------------------------------------------------------------------------------


def name_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def add_user(
    conn: sa.Connection, name: str, org_slug: str, role: str, password: str, now: float
) -> User:
    """An account of ``role`` in the organisation; the password is stored with Argon2id."""
    org = require_organisation(conn, org_slug)
    if role not in ROLES:
        raise HubError(f"rôle « {role} » inconnu : {', '.join(ROLES)}")
    clean = name_key(name)
    if not clean or len(clean) > 80 or any(not c.isprintable() for c in clean):
        raise HubError("nom invalide : de 1 à 80 caractères imprimables, par ex. « anne.martin »")
    problem = password_problem(password, clean)  # the portal's rules: length, zxcvbn, name
    if problem:
        raise HubError(problem)
    if conn.execute(sa.select(users.c.id).where(users.c.name == clean)).first() is not None:
        raise HubError(f"le compte « {clean} » existe déjà")
    new_id = conn.execute(
        users.insert().values(
            org_id=org.id,
            name=clean,
            role=role,
            password_hash=_HASHER.hash(password),
            created_at=now,
        )
    ).inserted_primary_key
    assert new_id is not None
    return User(int(new_id[0]), org.id, clean, role)


def check_user_password(conn: sa.Connection, name: str, password: str) -> User | None:
    """The user when name and password match, else None (the same cost either way)."""
    row = conn.execute(sa.select(users).where(users.c.name == name_key(name))).first()
    try:
        _HASHER.verify(row.password_hash if row else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled_at is not None:
        return None
    return User(row.id, row.org_id, row.name, row.role)


@dataclass(frozen=True)
class Account:
    """One line of the admins' list of accounts: nothing secret."""

    id: int
    name: str
    role: str
    created_at: float
    last_login_at: float | None
    disabled: bool


def list_users(conn: sa.Connection, org_id: int) -> list[Account]:
    """The organisation's accounts, in alphabetical order."""
    rows = conn.execute(sa.select(users).where(users.c.org_id == org_id).order_by(users.c.name))
    return [
        Account(r.id, r.name, r.role, r.created_at, r.last_login_at, r.disabled_at is not None)
        for r in rows
    ]


def disable_user(conn: sa.Connection, org_id: int, user_id: int, by_id: int, now: float) -> str:
    """Disable an account of ``org_id`` and end its sessions at once; returns its name.
    An admin cannot disable their own account (nobody would be left to undo it)."""
    row = conn.execute(
        sa.select(users).where(users.c.id == user_id, users.c.org_id == org_id)
    ).first()
    if row is None:
        raise HubError("ce compte n'existe pas dans votre organisation")
    if row.id == by_id:
        raise HubError("vous ne pouvez pas désactiver votre propre compte")
    conn.execute(users.update().where(users.c.id == row.id).values(disabled_at=now))
    conn.execute(login_sessions.delete().where(login_sessions.c.user_id == row.id))
    return str(row.name)


# --- devices ----------------------------------------------------------------------------------


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def new_device_code(conn: sa.Connection, org_slug: str, now: float) -> str:
    """A one-time enrolment code for the organisation, valid 24 hours (only its hash is kept)."""
    org = require_organisation(conn, org_slug)
    code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    conn.execute(
        device_codes.insert().values(
            code_hash=digest(code), org_id=org.id, created_at=now, expires_at=now + CODE_LIFETIME
        )
    )
    return format_code(code)


def enrol_device(
    conn: sa.Connection, code: str, label: str, now: float
) -> tuple[Device, str, Organisation]:
    """Use a code once: a new device of its organisation and the secret the laptop keeps."""
    typed = re.sub(r"[\s\-]", "", code).upper()
    row = conn.execute(
        sa.select(device_codes).where(device_codes.c.code_hash == digest(typed))
    ).first()
    if row is None or row.used_at is not None or row.expires_at < now:
        raise HubError(
            "code d'inscription inconnu, déjà utilisé ou expiré (24 h). "
            "Demandez-en un nouveau à l'administrateur du hub (declic hub device-code)."
        )
    used = conn.execute(
        device_codes.update()
        .where(device_codes.c.code_hash == row.code_hash, device_codes.c.used_at.is_(None))
        .values(used_at=now)
    )
    if used.rowcount != 1:
        raise HubError("ce code vient d'être utilisé par un autre poste.")
    secret = secrets.token_urlsafe(32)
    label = " ".join(label.split())[:200] or "poste"
    new_id = conn.execute(
        devices.insert().values(
            org_id=row.org_id, secret_hash=digest(secret), label=label, enrolled_at=now
        )
    ).inserted_primary_key
    assert new_id is not None
    device = Device(int(new_id[0]), row.org_id, label, False)
    return device, f"{device.id}.{secret}", organisation_by_id(conn, row.org_id)


def authenticate_device(conn: sa.Connection, credential: str) -> Device | None:
    """The device a ``ID.SECRET`` credential names, if the secret matches and it is not revoked."""
    device_id, _, secret = credential.partition(".")
    if not device_id.isdigit() or not secret:
        return None
    row = conn.execute(sa.select(devices).where(devices.c.id == int(device_id))).first()
    if row is None or not hmac.compare_digest(row.secret_hash, digest(secret)):
        return None
    if row.revoked_at is not None:
        return None
    return Device(row.id, row.org_id, row.label, False)


def revoke_device(
    conn: sa.Connection, device_id: int, now: float, org_id: int | None = None
) -> Device:
    """Refuse the device's pushes from now on; ``org_id`` limits it to one organisation's."""
    query = sa.select(devices).where(devices.c.id == device_id)
    if org_id is not None:
        query = query.where(devices.c.org_id == org_id)
    row = conn.execute(query).first()
    if row is None and org_id is not None:
        raise HubError("ce poste n'existe pas dans votre organisation")
    if row is None:
        raise HubError(f"aucun poste n° {device_id} sur ce hub (voyez declic hub devices)")
    conn.execute(devices.update().where(devices.c.id == device_id).values(revoked_at=now))
    return Device(row.id, row.org_id, row.label, True)


def list_devices(
    conn: sa.Connection, org_id: int | None = None
) -> list[tuple[Device, str, float | None]]:
    """Every device (or one organisation's) with its organisation's slug and last push time."""
    query = sa.select(devices, organisations.c.slug).join(
        organisations, organisations.c.id == devices.c.org_id
    )
    if org_id is not None:
        query = query.where(devices.c.org_id == org_id)
    rows = conn.execute(query.order_by(devices.c.id)).all()
    return [
        (Device(r.id, r.org_id, r.label, r.revoked_at is not None), r.slug, r.last_push_at)
        for r in rows
    ]
