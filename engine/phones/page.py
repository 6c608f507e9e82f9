"""The phone's pages, rendered on the server: plain HTML, one stylesheet, one small script.
No CDN and no build step: the phone only needs the laptop."""

from __future__ import annotations

from html import escape

from engine.player.locale import Texts

_HEAD = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="/static/phone.css"></head>
<body><main>{body}</main>{script}</body></html>"""


def _page(title: str, body: str, script: str = "") -> str:
    return _HEAD.format(title=escape(title), body=body, script=script)


def join_page(
    code: str, colours: tuple[str, ...], shapes: tuple[str, ...], address: str = "vous"
) -> str:
    """The form a phone joins with, speaking as the scenario does (``address``: tu or vous)."""
    t = Texts("fr", address)
    swatches = "".join(
        f'<label class="swatch" style="--c:{c}"><input type="radio" name="colour" value="{c}"'
        f"{' checked' if i == 0 else ''} required><span>{escape(t(f'colour.{c[1:]}'))}</span></label>"
        for i, c in enumerate(colours)
    )
    forms = "".join(
        f'<label class="shape"><input type="radio" name="avatar" value="{s}"'
        f"{' checked' if i == 0 else ''} required><span>{escape(t(f'shape.{s}'))}</span></label>"
        for i, s in enumerate(shapes)
    )
    body = f"""<h1>{escape(t("phone.join_title"))}</h1>
<form method="post" action="/rejoindre">
<label for="code">{escape(t("phone.join_code"))}</label>
<input id="code" name="code" inputmode="numeric" pattern="[0-9]{{6}}" maxlength="6"
 autocomplete="off" required value="{escape(code)}">
<label for="pseudonym">{escape(t("lobby.name"))}</label>
<input id="pseudonym" name="pseudonym" maxlength="16" autocomplete="off" required>
<fieldset><legend>{escape(t("lobby.colour"))}</legend><div class="grid">{swatches}</div></fieldset>
<fieldset><legend>{escape(t("lobby.shape"))}</legend><div class="grid">{forms}</div></fieldset>
<button type="submit" class="big go">{escape(t("lobby.add"))}</button>
</form>
<p class="small">{escape(t("phone.join_only"))}</p>"""
    return _page("Déclic — rejoindre", body)


def message_page(text: str, back: bool = False) -> str:
    link = '<p><a class="big" href="/">Revenir</a></p>' if back else ""
    return _page("Déclic", f'<h1>Déclic</h1><p role="alert">{escape(text)}</p>{link}')


def play_page() -> str:
    body = """<h1 id="title">Déclic</h1>
<p id="status" role="status" aria-live="polite">Connexion…</p>
<div id="message" class="message" role="status" aria-live="polite" aria-atomic="true"></div>
<div id="app"></div>
<p id="said" class="visually-hidden" aria-live="polite"></p>"""
    return _page("Déclic — jouer", body, '<script src="/static/phone.js"></script>')
