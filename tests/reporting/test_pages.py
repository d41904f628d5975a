import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import Project
from reporting import services
from reporting.models import ReportRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead_of_coachning(project_lead):
    Project.objects.get(key="coachning").leads.add(project_lead)
    return project_lead


def test_a_project_lead_builds_a_report_from_the_page(client_for, lead_of_coachning):
    client = client_for(lead_of_coachning)
    coachning = Project.objects.get(key="coachning")
    response = client.post(
        reverse("reporting:report_list"),
        {"project": coachning.pk, "period": "2009Q1"},
        follow=True,
    )
    assert (
        "Rapporten för Coachningsgrupper i Rehabiliteringssamverkan, 2009Q1, byggs."
        in response.content.decode()
    )
    run = ReportRun.objects.get()
    assert (run.state, run.built_by) == (ReportRun.State.FINISHED, lead_of_coachning)
    assert "2009Q1" in client.get(reverse("reporting:report_list")).content.decode()


def test_a_bad_period_is_explained_by_the_field(client_for, lead_of_coachning):
    coachning = Project.objects.get(key="coachning")
    response = client_for(lead_of_coachning).post(
        reverse("reporting:report_list"), {"project": coachning.pk, "period": "våren 2009"}
    )
    assert response.status_code == 400
    assert "”våren 2009” är ingen period" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_a_project_lead_sees_and_downloads_only_their_projects_reports(
    client_for, lead_of_coachning
):
    own = services.report_build(project=Project.objects.get(key="coachning"), period_key="2009")
    other = services.report_build(project=Project.objects.get(key="kundlinjen"), period_key="2012")
    client = client_for(lead_of_coachning)
    listing = client.get(reverse("reporting:report_list")).content.decode()
    assert "Coachningsgrupper" in listing and "Kundlinjen" not in listing
    assert client.get(other.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("reporting:report_download", args=[other.pk, "xlsx"])).status_code == 404
    )
    # Nor can they build another project's report.
    response = client.post(
        reverse("reporting:report_list"),
        {"project": Project.objects.get(key="kundlinjen").pk, "period": "2012"},
    )
    assert response.status_code == 400

    page = client.get(own.get_absolute_url()).content.decode()
    assert "<svg" in page and "I arbete eller studier efter 12 månader" in page
    response = client.get(reverse("reporting:report_download", args=[own.pk, "xlsx"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "coachning-2009.xlsx" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content)).sheetnames
    publication = client.get(
        reverse("reporting:report_download", args=[own.pk, "csv"]), {"variant": "publication"}
    )
    assert "publicering" in publication["Content-Disposition"]


@pytest.mark.parametrize("persona", ["caseworker", "forum_member", "coach"])
def test_other_roles_get_403_on_reports(request, client_for, persona):
    run = services.report_build(project=Project.objects.get(key="coachning"), period_key="2009")
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("reporting:report_list")).status_code == 403
    assert client.get(run.get_absolute_url()).status_code == 403


def test_the_report_list_runs_a_fixed_number_of_queries(
    client_for, lead_of_coachning, django_assert_num_queries
):
    coachning = Project.objects.get(key="coachning")
    for period in ("2008", "2009"):
        services.report_build(project=coachning, period_key=period)
    client = client_for(lead_of_coachning)
    client.get(reverse("reporting:report_list"))
    with django_assert_num_queries(10):
        client.get(reverse("reporting:report_list"))
    for period in ("2010", "2009Q1", "2009Q2"):
        services.report_build(project=coachning, period_key=period)
    with django_assert_num_queries(10):
        response = client.get(reverse("reporting:report_list"))
    assert len(response.context["runs"]) == 5


def test_a_case_worker_who_also_leads_a_project_sees_only_that_projects_reports(
    client_for, caseworker
):
    from django.contrib.auth.models import Group

    from accounts.roles import Role

    caseworker.groups.add(Group.objects.get(name=Role.PROJECT_LEAD))
    Project.objects.get(key="coachning").leads.add(caseworker)
    other = services.report_build(project=Project.objects.get(key="kundlinjen"), period_key="2012")
    client = client_for(caseworker)
    assert "Kundlinjen" not in client.get(reverse("cases:project_list")).content.decode()
    assert client.get(other.get_absolute_url()).status_code == 404


def test_a_failing_build_from_the_page_gives_a_message_and_a_visible_failed_run(
    client_for, lead_of_coachning, monkeypatch
):
    from reporting import services as report_services

    def broken(*args, **kwargs):
        raise RuntimeError("trasigt")

    monkeypatch.setattr(report_services, "compute_report", broken)
    coachning = Project.objects.get(key="coachning")
    response = client_for(lead_of_coachning).post(
        reverse("reporting:report_list"), {"project": coachning.pk, "period": "2009"}, follow=True
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "kunde inte byggas" in content
    assert "RuntimeError: trasigt" in content
