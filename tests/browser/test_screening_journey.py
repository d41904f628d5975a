"""A case worker screens a case against Humlor, sees why it is not eligible and overrides
with a written reason — by keyboard, with axe on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Screening
from tests.browser.conftest import assert_accessible, login, press
from tests.factories import PersonFactory, SickLeaveCaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_worker_screens_sees_why_not_and_overrides(page, caseworker, team_a):
    today = timezone.localdate()
    person = PersonFactory(
        first_name="Ida",
        last_name="Ek",
        understands_swedish=True,
        born=today.replace(year=today.year - 30),
    )
    case = SickLeaveCaseFactory(
        person=person,
        team=team_a,
        case_worker=caseworker,
        case_start=today - timedelta(days=60),
        employment_rate=40,
        diagnoses="F43.8A",
    )

    login(page, "anna")
    page.goto(case.get_absolute_url())
    press(page.get_by_role("link", name="Pröva mot projekt"))
    expect(page.get_by_role("heading", name="Pröva mot projekt", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Projekt").select_option(label="Humlor i arbete")
    press(page.get_by_role("button", name="Pröva"))

    verdict = page.get_by_test_id("verdict")
    expect(verdict.get_by_role("heading", name="Uppfyller inte reglerna")).to_be_visible()
    row = page.get_by_role("row", name="Anställd minst 50 %")
    expect(row.get_by_text("Ej uppfyllt")).to_be_visible()
    expect(row.get_by_text("Anställd 40 %: mindre än 50 %.")).to_be_visible()
    assert_accessible(page)

    reason = page.get_by_label("Motivering för att ändå gå vidare")
    reason.fill("Arbetsgivaren höjer tjänsten till 60 % från nästa månad.")
    press(page.get_by_role("button", name="Gör avsteg med denna motivering"))

    expect(page.get_by_text("Avsteget och motiveringen har sparats.")).to_be_visible()
    expect(
        verdict.get_by_text("Arbetsgivaren höjer tjänsten till 60 % från nästa månad.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Skriv in i Humlor i arbete")).to_be_visible()
    assert_accessible(page)

    screening = Screening.objects.get()
    assert screening.overridden_by == caseworker
    assert not screening.eligible
