"""A typed answer that is a quantity: « 6,5 », « 6.50 € », « 6 euros 50 » and « 6,50 € » are
the same answer. Text puzzles use it so that a right number typed another way is right."""

from __future__ import annotations

import re

_EPSILON = 1e-9
_UNITS = {"euro": "€", "euros": "€", "eur": "€"}
#: « 6,50 € », « -18 °C », « 600g », « 2.5 L »: a number and maybe a short unit after it.
_PLAIN = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(€|euros?|eur|°\s*c|[a-z%]{1,3})?\s*$")
#: « 6 euros 50 », « 6€50 »: whole euros, then cents.
_EUROS_CENTS = re.compile(r"^\s*(\d+)\s*(?:€|euros?)\s*(\d{1,2})\s*$")


def quantity(text: str) -> tuple[float, str | None] | None:
    """(value, unit) of a typed quantity, or None when the text is not one."""
    lowered = text.casefold().replace("−", "-")
    cents = _EUROS_CENTS.match(lowered)
    if cents:
        whole, part = cents.groups()
        return int(whole) + int(part.ljust(2, "0")) / 100, "€"
    plain = _PLAIN.match(lowered)
    if not plain:
        return None
    number, unit = plain.groups()
    if unit:
        unit = unit.replace(" ", "")
        unit = _UNITS.get(unit, unit)
    return float(number.replace(",", ".")), unit


def same_quantity(expected: str, typed: str) -> bool:
    """True when ``typed`` is ``expected``'s number, with the same unit or none at all."""
    want, got = quantity(expected), quantity(typed)
    if want is None or got is None:
        return False
    close = abs(want[0] - got[0]) <= _EPSILON * max(1.0, abs(want[0]))
    return close and (got[1] is None or got[1] == want[1])
