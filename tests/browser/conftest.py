"""Browser journeys: Playwright driving Debian's Chromium (nothing is downloaded).

Each journey logs in through the real login page and calls `assert_accessible(page)` on
every page it visits: axe-core must find no serious or critical violation. Any
Content-Security-Policy violation reported by the browser fails the test too.
"""

from __future__ import annotations

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from tests.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _reference_data(reference_data):
    """Every journey starts from the reference data (see tests/conftest.py)."""


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Pages in separate browser contexts: one per user of a journey."""
    contexts = []
    csp_violations: list[str] = []

    def report_csp(message) -> None:
        if "Content Security Policy" in message.text:
            csp_violations.append(message.text)

    def make():
        context = browser.new_context(base_url=live_server.url, locale="sv-SE")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", report_csp)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not csp_violations, f"CSP violations: {csp_violations}"


@pytest.fixture
def page(new_page):
    return new_page()


_AXE = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core on the current page; fail on any serious or critical violation."""
    results = _AXE.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"Accessibility violations on {page.url}:\n" + "\n".join(bad)


def press(locator) -> None:
    """Activate a link or button by keyboard: focus it, then Enter."""
    locator.focus()
    locator.press("Enter")


def login(page: Page, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login page, by keyboard only."""
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_label("Lösenord").press("Enter")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
