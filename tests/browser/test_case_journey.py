"""A case worker finds a person, opens the case, records a mapping interview and sees it
on the timeline — by keyboard, with axe on every page."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from cases.models import AccessLogEntry, MappingInterview
from tests.browser.conftest import assert_accessible, login, press
from tests.factories import PersonFactory, SickLeaveCaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_worker_searches_opens_a_case_and_records_a_mapping_interview(
    page, caseworker, team_a
):
    person = PersonFactory(first_name="Eva", last_name="Lund", personnummer="198501012382")
    case = SickLeaveCaseFactory(
        person=person, team=team_a, case_worker=caseworker, case_start=date(2026, 10, 1)
    )
    SickLeaveCaseFactory(person=PersonFactory(first_name="Olle", last_name="Ek"), team=team_a)

    login(page, "anna")
    press(page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sjukfall"))
    expect(page.get_by_role("heading", name="Sjukfall", level=1)).to_be_visible()
    assert_accessible(page)

    search = page.get_by_label("Sök på personnummer eller namn")
    search.fill("850101-2382")
    search.press("Enter")
    expect(page.get_by_text("1 sjukfall")).to_be_visible()
    # The search was posted: the number is in no URL.
    assert "2382" not in page.url
    expect(page.get_by_role("link", name="Olle Ek")).to_have_count(0)
    assert_accessible(page)

    press(page.get_by_role("link", name="Eva Lund"))
    expect(page).to_have_url(re.compile(rf"/cases/{case.pk}/$"))
    expect(page.get_by_role("heading", name="Eva Lund", level=1)).to_be_visible()
    expect(page.get_by_text("Sjukdag")).to_be_visible()
    assert_accessible(page)

    press(page.get_by_role("link", name="Kartläggningssamtal"))
    expect(page.get_by_role("heading", name="Kartläggningssamtal", level=1)).to_be_visible()
    assert_accessible(page)
    # Submitting an empty form shows the errors by each field, and focus goes to the first.
    page.get_by_label("Datum för samtalet").fill("")
    press(page.get_by_role("button", name="Spara kartläggningssamtalet"))
    expect(page.get_by_text("Rätta felen som är markerade nedan.")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_label("Datum för samtalet")).to_be_focused()

    page.get_by_label("Datum för samtalet").fill("2026-11-20")
    page.get_by_role("textbox", name="Arbete*").fill(
        "Undersköterska på 100 %, hög arbetsbelastning."
    )
    page.get_by_label("Privatliv").fill("Sambo, två barn.")
    page.get_by_role("textbox", name="Hälsa*").fill("Utmattning, sover dåligt.")
    page.get_by_label("Stödbehov").fill("Avstämningsmöte med arbetsgivaren.")
    page.get_by_label("Personens eget mål").fill("Tillbaka på halvtid i februari.")
    page.get_by_label("Räknar med att återgå i arbete").select_option("this_year")
    press(page.get_by_role("button", name="Spara kartläggningssamtalet"))

    expect(
        page.get_by_role("status").filter(has_text="Kartläggningssamtalet har sparats.")
    ).to_be_visible()
    timeline = page.get_by_test_id("timeline")
    expect(timeline.get_by_text("Kartläggningssamtal genomfört")).to_be_visible()
    expect(timeline.get_by_text("Tillbaka på halvtid i februari.")).to_be_visible()
    assert_accessible(page)

    assert MappingInterview.objects.get().case == case
    assert AccessLogEntry.objects.filter(case=case, action="view", user=caseworker).count() == 2
