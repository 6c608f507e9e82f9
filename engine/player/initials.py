"""The letters on players' avatars: one, or two when first letters collide.

Why: three players shown as « M » cannot tell which avatar is theirs; « Ma », « MC », « Mé »
can. Pure (no pygame), so it is tested without a window.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_PARTS = re.compile(r"[\s\-_.']+")


def initials(names: Iterable[str]) -> dict[str, str]:
    """Each name's letters: its first letter, or, when another name starts with the same
    letter, that letter and the next part's (« Marie-Clémentine » → « MC ») or its second
    letter (« Mohamed » → « Mo »)."""
    names = list(dict.fromkeys(names))
    first = {name: name.strip()[:1].upper() or "?" for name in names}
    count = Counter(first.values())
    found: dict[str, str] = {}
    for name in names:
        if count[first[name]] < 2:
            found[name] = first[name]
            continue
        parts = [part for part in _PARTS.split(name.strip()) if part]
        second = parts[1][:1].upper() if len(parts) > 1 else name.strip()[1:2].lower()
        found[name] = first[name] + second
    return found
