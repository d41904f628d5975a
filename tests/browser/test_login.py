import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_caseworker_logs_in_through_the_login_page_and_sees_her_menu(page, caseworker):
    page.goto("/")
    # Anonymous visitors land on the login page, in Swedish.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/"))
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()

    login(page, "anna")

    expect(page.get_by_role("heading", name="Välkommen, Anna Lindqvist")).to_be_visible()
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Sjukfall")).to_be_visible()
    expect(menu.get_by_role("link", name="Rapporter")).to_have_count(0)
    assert_accessible(page)


def test_wrong_password_shows_a_swedish_error_next_to_the_form(page, caseworker):
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill("fel-lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Ange ett korrekt användarnamn och lösenord")).to_be_visible()
    assert_accessible(page)
