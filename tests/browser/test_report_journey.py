"""A project lead opens the quarterly report, sees the women/men chart and downloads the
XLSX — by keyboard, with axe on every page."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from cases.models import Project
from reporting import services
from tests.browser.conftest import assert_accessible, login, press
from tests.factories import EnrollmentFactory, PersonFactory, StatusChangeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_project_lead_reads_the_quarterly_report_and_downloads_xlsx(page, project_lead):
    coachning = Project.objects.get(key="coachning")
    coachning.leads.add(project_lead)
    for index in range(8):
        start = date(2008, 7, 1) + timedelta(days=index)
        enrollment = EnrollmentFactory(person=PersonFactory(woman=index % 2 == 0), start=start)
        StatusChangeFactory(
            enrollment=enrollment,
            date=start + timedelta(days=300),
            status="work" if index < 5 else "job_seeking",
        )
    services.report_build(project=coachning, period_key="2009Q3")

    login(page, "kajal")
    press(page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Rapporter"))
    expect(page.get_by_role("heading", name="Rapporter", level=1)).to_be_visible()
    assert_accessible(page)

    press(page.get_by_role("link", name="2009Q3"))
    expect(
        page.get_by_role("heading", name="Coachningsgrupper i Rehabiliteringssamverkan")
    ).to_be_visible()
    chart = page.get_by_role("img", name="Arbete och studier")
    expect(chart).to_be_visible()
    row = page.locator('tr[data-indicator="work_or_education_12m"]')
    expect(row).to_contain_text("3 / 4")  # women: 3 of 4 in work
    expect(row).to_contain_text("Uppfyllt")
    assert_accessible(page)

    with page.expect_download() as download_info:
        press(page.get_by_role("link", name="Ladda ner XLSX"))
    download = download_info.value
    assert download.suggested_filename == "coachning-2009Q3.xlsx"
    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert "Arbete och studier" in book.sheetnames
    assert book["Arbete och studier"]._charts
