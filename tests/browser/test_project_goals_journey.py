"""A project lead opens Kundlinjen's page, sees each route's goal and whether it is met,
and downloads the report — by keyboard, with axe on the pages."""

from datetime import date

import pytest
from playwright.sync_api import expect

from cases.models import Project
from reporting import services
from tests.browser.conftest import assert_accessible, login, press
from tests.factories import EnrollmentFactory, PersonFactory, StatusChangeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_project_lead_reads_kundlinjens_goals_per_route_and_downloads(page, project_lead):
    kundlinjen = Project.objects.get(key="kundlinjen")
    kundlinjen.leads.add(project_lead)
    for index, (route, status) in enumerate(
        [("b", "work"), ("b", "work"), ("c", "rehab"), ("c", "job_seeking"), ("d", "education")]
    ):
        enrollment = EnrollmentFactory(
            person=PersonFactory(woman=index % 2 == 0),
            project=kundlinjen,
            start=date(2011, 9, 1),
            entry_route=route,
        )
        StatusChangeFactory(enrollment=enrollment, date=date(2012, 6, 1), status=status)
    services.report_build(project=kundlinjen, period_key="all", user=project_lead)

    login(page, "kajal")
    press(page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Projekt"))
    press(page.get_by_role("link", name="Kundlinjen"))
    expect(page.get_by_role("heading", name="Mål och resultat hittills")).to_be_visible()

    for route, mark in (("b", "✓ Uppfyllt"), ("c", "✗ Ej uppfyllt"), ("d", "✓ Uppfyllt")):
        row = page.get_by_role("row", name=f"Arbete eller studier efter 12 månader, ingång {route}")
        expect(row).to_contain_text("minst")
        expect(row).to_contain_text(mark)
    assert_accessible(page)

    with page.expect_download() as download_info:
        press(page.get_by_role("link", name="Ladda ner XLSX"))
    assert download_info.value.suggested_filename == "kundlinjen-all.xlsx"
