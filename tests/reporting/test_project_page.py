from datetime import date

import pytest
from django.urls import reverse

from cases.models import Project
from reporting import services
from tests.factories import EnrollmentFactory, PersonFactory, StatusChangeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kundlinjen(project_lead):
    project = Project.objects.get(key="kundlinjen")
    project.leads.add(project_lead)
    for index, (route, status) in enumerate(
        [("b", "work"), ("b", "rehab"), ("c", "rehab"), ("d", "education")]
    ):
        enrollment = EnrollmentFactory(
            person=PersonFactory(woman=index % 2 == 0),
            project=project,
            start=date(2011, 9, 1),
            entry_route=route,
        )
        StatusChangeFactory(enrollment=enrollment, date=date(2012, 6, 1), status=status)
    return project


def row(content, key):
    return content.split(f'data-goal="{key}"')[1].split("</tr>")[0]


def test_the_project_page_shows_each_goal_with_the_latest_figures_and_a_written_mark(
    client_for, project_lead, kundlinjen
):
    content = (
        client_for(project_lead)
        .get(reverse("cases:project_detail", args=["kundlinjen"]))
        .content.decode()
    )
    route_b = row(content, "work_or_education_12m_route_b")
    assert "minst 40,0\u00a0%" in route_b
    assert "50,0\u00a0%" in route_b and "1 / 2" in route_b
    assert "✓ Uppfyllt" in route_b
    route_c = row(content, "work_or_education_12m_route_c")
    assert "✗ Ej uppfyllt" in route_c
    assert "inga uppgifter ännu" in row(content, "ali_rehab_90d")
    # volume per year with Kundlinjen's young people (route d) against 50 a year
    assert "Unga (ingång d)" in content


def test_the_project_page_runs_a_fixed_number_of_queries(
    client_for, project_lead, kundlinjen, django_assert_num_queries
):
    client = client_for(project_lead)
    url = reverse("cases:project_detail", args=["kundlinjen"])
    client.get(url)
    # session, user, 2 permissions, role names, the project with goals and volume plans (3),
    # the report of the whole period (17 for Kundlinjen), volume: plans, participants and
    # young people per year (3), the latest run (1), session save (3).
    with django_assert_num_queries(30):
        client.get(url)
    for index in range(20):
        EnrollmentFactory(
            person=PersonFactory(),
            project=kundlinjen,
            start=date(2012, 1, 1),
            entry_route="abcd"[index % 4],
        )
    with django_assert_num_queries(30):
        client.get(url)


def test_4ess_shows_the_monthly_absence_chart(client_for, project_lead):
    from cases.importers import import_csv

    Project.objects.get(key="4ess").leads.add(project_lead)
    import_csv(
        "absence",
        "municipality_code,month,gender,scheduled_hours,sick_hours\n"
        "0781,2017-02,kvinna,1000,80\n0781,2017-02,man,500,20\n"
        "0781,2017-03,kvinna,1000,70\n0781,2017-03,man,500,25\n",
    )
    content = (
        client_for(project_lead)
        .get(reverse("cases:project_detail", args=["4ess"]))
        .content.decode()
    )
    assert "Sjukfrånvaro månad för månad" in content
    assert "<polyline" in content
    assert "2017-02: kvinnor 8,0\u00a0%, män 4,0\u00a0%" in content  # the chart's text alternative


def test_the_project_page_offers_the_latest_report(client_for, project_lead, kundlinjen):
    run = services.report_build(project=kundlinjen, period_key="2012")
    content = (
        client_for(project_lead)
        .get(reverse("cases:project_detail", args=["kundlinjen"]))
        .content.decode()
    )
    assert reverse("reporting:report_download", args=[run.pk, "xlsx"]) in content
