"""Debian's Chromium for the phone tests: skipped, with the reason, when it or Playwright is
absent; a phone's viewport and touch from Playwright's "Pixel 7" descriptor."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("DECLIC_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]
ARGS += ["--disable-background-networking", "--disable-component-update"]


def require_browser() -> tuple[Any, Any]:
    """Playwright's sync API and axe-playwright, or skip the calling module."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(
            f"chromium absent ({CHROMIUM}): apt-get install chromium", allow_module_level=True
        )
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright absent")
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    return sync_api, axe


def launch(playwright: Any) -> tuple[Any, dict[str, Any]]:
    """The browser and the phone's context options (viewport, touch, mobile)."""
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
    device = playwright.devices["Pixel 7"]
    return browser, {k: v for k, v in device.items() if k != "default_browser_type"}


@contextlib.contextmanager
def phone_page(sync_api: Any, url: str, cookie: str, token: str) -> Iterator[tuple[Any, Any]]:
    """A phone's page (and its browser) holding the cookie of an already joined player."""
    with sync_api.sync_playwright() as playwright:
        browser, device = launch(playwright)
        context = browser.new_context(**device, locale="fr-FR")
        context.add_cookies([{"name": cookie, "value": token, "url": url}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page, browser
        browser.close()
