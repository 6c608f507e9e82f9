"""The panel ``--watch`` draws over the game while the scenario has errors: each problem with
its place in the file (file:line:col), its message and what to do, large enough to read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from engine.diagnostics import CATALOGUE, Diagnostic
from engine.player.icons import icon_maker
from engine.player.paint import Painter

if TYPE_CHECKING:
    from engine.player.app import App

SHOWN = 4


def draw_panel(app: App, errors: list[Diagnostic], path: Path) -> None:
    p: Painter = app.painter
    p.set_target(app.display)
    theme = p.theme
    p.shade((0, 0, 1920, 1080), (0, 0, 0), 200)
    card = (120, 70, 1680, 940)
    p.rect(card, theme.card, 32)
    p.rect((120, 70, 1680, 130), theme.bad, 32)
    p.rect((120, 160, 1680, 40), theme.bad)
    p.blit_shape(("icon", "cadenas"), (150, 90, 90, 90), icon_maker("cadenas"))
    p.text(app.t("watch.title"), (260, 135), 54, (255, 255, 255), True, "midleft", max_width=1500)
    ink = theme.text_on_card
    p.text(app.t("watch.text"), (170, 225), 32, ink, False, max_width=1580)
    y = 290.0
    lines = _source_lines(path)
    for d in errors[:SHOWN]:
        top = y
        where = f"{Path(d.file).name}:{d.line}:{d.col}"
        p.text(where, (184, y + 14), 32, (170, 40, 30), True, max_width=1200)
        p.text(f"[{d.code}]", (1736, y + 14), 26, (110, 110, 120), True, "topright")
        y += 62
        y += p.text_box(d.message, (184, y, 1560, 96), 34, ink, True) + 8
        if Path(d.file).name == path.name:
            shown = [n for n in (d.line - 1, d.line) if lines.get(n, "").strip()]
            for n in shown:
                here = n == d.line
                p.rect((184, y, 1560, 50), (36, 40, 60) if here else (70, 74, 96), 10)
                p.text(
                    f"{n:>4} | {lines[n].rstrip()[:110]}",
                    (200, y + 25),
                    26,
                    (255, 255, 255) if here else (205, 208, 225),
                    here,
                    "midleft",
                    max_width=1520,
                )
                y += 56
            y += 6 if shown else 0
        hint = d.hint or (CATALOGUE[d.code].fix if d.code in CATALOGUE else "")
        if hint:
            y += p.text_box(f"→ {hint}", (184, y, 1560, 80), 30, (30, 70, 140), False) + 6
        y += 14
        p.rect((160, top, 6, y - top - 10), (170, 40, 30), 3)
        if y > 900:
            break
    if len(errors) > SHOWN:
        p.text(app.t("watch.more", n=len(errors) - SHOWN), (170, y + 6), 30, ink, True)


def _source_lines(path: Path) -> dict[int, str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    return dict(enumerate(text.splitlines(), start=1))
