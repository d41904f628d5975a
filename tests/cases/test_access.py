"""Who may see which case: team A's case worker never reaches team B's case, by any road."""

import pytest
from django.urls import reverse

from cases.models import AccessLogEntry
from tests.factories import EnrollmentFactory, PersonFactory, SickLeaveCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_of_team_a(team_a, caseworker):
    person = PersonFactory(first_name="Astrid", last_name="Alm", personnummer="198501012382")
    return SickLeaveCaseFactory(person=person, team=team_a, case_worker=caseworker)


@pytest.fixture
def case_of_team_b(team_b, outsider):
    person = PersonFactory(first_name="Bertil", last_name="Berg")
    return SickLeaveCaseFactory(person=person, team=team_b, case_worker=outsider)


CASE_PAGES = [
    "cases:case_detail",
    "cases:case_update",
    "cases:note_create",
    "cases:mapping_interview_create",
    "cases:enrollment_create",
]


@pytest.mark.parametrize("page", CASE_PAGES)
def test_caseworker_of_team_b_gets_404_for_team_a_case_by_url(
    client_for, outsider, case_of_team_a, page
):
    response = client_for(outsider).get(reverse(page, args=[case_of_team_a.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("page", CASE_PAGES)
def test_caseworker_of_team_b_cannot_post_to_team_a_case(
    client_for, outsider, case_of_team_a, page
):
    response = client_for(outsider).post(reverse(page, args=[case_of_team_a.pk]), {})
    assert response.status_code == 404


def test_status_page_of_another_teams_enrollment_is_404(client_for, outsider, case_of_team_a):
    enrollment = EnrollmentFactory(person=case_of_team_a.person, case=case_of_team_a)
    url = reverse("cases:status_change_create", args=[case_of_team_a.pk, enrollment.pk])
    assert client_for(outsider).get(url).status_code == 404


def test_colleague_in_the_same_team_sees_the_case(client_for, colleague, case_of_team_a):
    response = client_for(colleague).get(case_of_team_a.get_absolute_url())
    assert response.status_code == 200
    assert "Astrid Alm" in response.content.decode()


def test_list_shows_only_the_own_teams_cases(
    client_for, caseworker, case_of_team_a, case_of_team_b
):
    content = client_for(caseworker).get(reverse("cases:case_list")).content.decode()
    assert "Astrid Alm" in content
    assert "Bertil Berg" not in content


def test_search_by_personnummer_does_not_find_another_teams_case(
    client_for, outsider, case_of_team_a
):
    client = client_for(outsider)
    response = client.post(reverse("cases:case_list"), {"q": "19850101-2382"}, follow=True)
    content = response.content.decode()
    assert "Astrid" not in content
    assert "Inget sjukfall matchar" in content


def test_search_by_name_does_not_find_another_teams_case(client_for, outsider, case_of_team_a):
    response = client_for(outsider).post(reverse("cases:case_list"), {"q": "Astrid"}, follow=True)
    content = response.content.decode()
    assert "Astrid Alm" not in content
    assert "Inget sjukfall matchar" in content


def test_export_holds_only_the_own_teams_cases(
    client_for, outsider, case_of_team_a, case_of_team_b
):
    content = client_for(outsider).get(reverse("cases:case_export")).content.decode("utf-8-sig")
    assert "Bertil" in content
    assert "Astrid" not in content
    assert "198501012382" not in content.replace("-", "")


def test_export_is_logged_per_person(client_for, caseworker, case_of_team_a):
    client_for(caseworker).get(reverse("cases:case_export"))
    entry = AccessLogEntry.objects.get(action="export")
    assert (entry.user, entry.person_id) == (caseworker, case_of_team_a.person_id)


def test_search_by_personnummer_is_posted_and_never_in_the_url(
    client_for, caseworker, case_of_team_a
):
    response = client_for(caseworker).post(
        reverse("cases:case_list"), {"q": "850101-2382"}, follow=True
    )
    assert "Astrid Alm" in response.content.decode()
    for url, _status in response.redirect_chain:
        assert "2382" not in url


@pytest.mark.parametrize("persona", ["forum_member", "coach", "project_lead"])
@pytest.mark.parametrize(
    "url_name", ["cases:case_list", "cases:case_create", "cases:import", "cases:case_export"]
)
def test_other_roles_get_403_on_case_worker_pages(request, client_for, persona, url_name):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse(url_name)).status_code == 403


@pytest.mark.parametrize("persona", ["forum_member", "coach", "project_lead"])
def test_other_roles_get_403_not_the_case_for_a_case_url(
    request, client_for, persona, case_of_team_a
):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(case_of_team_a.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("persona", ["caseworker", "forum_member", "coach", "project_lead"])
def test_only_administrators_read_the_access_log(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("cases:access_log")).status_code == 403


@pytest.mark.parametrize("persona", ["caseworker", "forum_member", "coach"])
def test_project_pages_are_for_project_leads(request, client_for, persona):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("cases:project_list")).status_code == 403


def test_administrator_sees_every_teams_case(
    client_for, administrator, case_of_team_a, case_of_team_b
):
    content = client_for(administrator).get(reverse("cases:case_list")).content.decode()
    assert "Astrid Alm" in content
    assert "Bertil Berg" in content


def test_project_lead_sees_only_the_projects_they_lead(client_for, project_lead):
    from cases.models import Project

    Project.objects.get(key="vagval").leads.add(project_lead)
    client = client_for(project_lead)
    content = client.get(reverse("cases:project_list")).content.decode()
    assert "Kunskapsstöd vid vägval långa sjukfall" in content
    assert "Kundlinjen" not in content
    assert client.get(reverse("cases:project_detail", args=["kundlinjen"])).status_code == 404
    assert client.get(reverse("cases:project_detail", args=["vagval"])).status_code == 200


def test_an_export_cell_is_never_run_as_a_formula(client_for, caseworker, team_a):
    person = PersonFactory(first_name='=HYPERLINK("http://evil")', last_name="@SUM(A1)")
    SickLeaveCaseFactory(person=person, team=team_a)
    content = client_for(caseworker).get(reverse("cases:case_export")).content.decode("utf-8-sig")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[1][1] == '\'=HYPERLINK("http://evil")'
    assert rows[1][2] == "'@SUM(A1)"
