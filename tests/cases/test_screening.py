import json
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from cases import services
from cases.models import Project, Screening
from tests.factories import PersonFactory, SickLeaveCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2016-03-15 10:00 +0100", tick=False):
        yield


@pytest.fixture
def humlor():
    return Project.objects.get(key="humlor")


@pytest.fixture
def eligible_case(team_a, caseworker):
    person = PersonFactory(personnummer="199006012380", first_name="Ida", understands_swedish=True)
    return SickLeaveCaseFactory(
        person=person,
        team=team_a,
        case_worker=caseworker,
        case_start=date(2016, 1, 4),
        diagnoses="F43.8A",
        employment_rate=100,
    )


def test_a_screening_is_saved_with_inputs_version_and_results(eligible_case, humlor, caseworker):
    screening = services.screening_create(
        case=eligible_case, project=humlor, on=date(2016, 3, 15), screened_by=caseworker
    )
    assert screening.eligible
    assert (screening.rule_set, screening.rule_set_version) == ("humlor", "2015.1")
    assert screening.inputs["diagnoses"] == ["F43.8A"]
    assert screening.inputs["screening_date"] == "2016-03-15"
    assert [r["key"] for r in screening.results][:2] == ["registered", "diagnosis"]
    assert screening.screened_by == caseworker
    assert eligible_case.events.get(kind="screening").title == (
        "Prövad mot Humlor i arbete: uppfyller reglerna"
    )


def test_a_saved_screening_keeps_its_result_after_the_case_is_edited(
    client_for, caseworker, eligible_case, humlor
):
    screening = services.screening_create(
        case=eligible_case, project=humlor, on=date(2016, 3, 15), screened_by=caseworker
    )
    services.case_update(
        case=eligible_case,
        author=caseworker,
        case_fields={"diagnoses": "F10.2", "employment_rate": 20},
    )

    screening.refresh_from_db()
    assert screening.eligible
    assert screening.inputs["diagnoses"] == ["F43.8A"]
    page = client_for(caseworker).get(screening.get_absolute_url()).content.decode()
    assert "F43.8A ligger inom F32, F41 eller F43." in page
    assert "Uppfyller reglerna" in page
    # A new screening of the edited case says no.
    again = services.screening_create(
        case=eligible_case, project=humlor, on=date(2016, 3, 15), screened_by=caseworker
    )
    assert not again.eligible


def test_a_case_not_open_on_the_date_cannot_be_screened(eligible_case, humlor, caseworker):
    with pytest.raises(ValidationError):
        services.screening_create(
            case=eligible_case, project=humlor, on=date(2015, 12, 31), screened_by=caseworker
        )
    assert not Screening.objects.exists()


def test_screening_from_the_case_page_shows_each_criterion_and_the_verdict(
    client_for, caseworker, eligible_case, humlor
):
    eligible_case.employment_rate = None
    eligible_case.save()
    client = client_for(caseworker)
    response = client.post(
        reverse("cases:screening_create", args=[eligible_case.pk]),
        {"project": humlor.pk, "on": "2016-03-15"},
        follow=True,
    )
    content = response.content.decode()
    assert "Uppfyller inte reglerna" in content
    assert "Anställningsgraden är inte registrerad." in content
    assert "Uppgift saknas" in content
    assert "25 år: inom den föredragna åldern 18–34." in content
    assert "Gör avsteg från reglerna" in content


def test_an_override_needs_a_reason_and_is_stored_and_shown(
    client_for, caseworker, eligible_case, humlor
):
    eligible_case.employment_rate = 40
    eligible_case.save()
    screening = services.screening_create(
        case=eligible_case, project=humlor, on=date(2016, 3, 15), screened_by=caseworker
    )
    client = client_for(caseworker)
    url = screening.get_absolute_url()

    response = client.post(url, {"reason": ""})
    assert "Detta fält måste fyllas i." in response.content.decode()
    screening.refresh_from_db()
    assert not screening.overridden

    reason = "Arbetsgivaren höjer tjänsten till 60 % från april enligt avstämningsmöte."
    response = client.post(url, {"reason": reason}, follow=True)
    content = response.content.decode()
    assert "Avsteget och motiveringen har sparats." in content
    assert reason in content
    screening.refresh_from_db()
    assert (screening.overridden_by, screening.override_reason) == (caseworker, reason)
    assert screening.may_proceed and not screening.eligible
    assert "Skriv in i Humlor i arbete" in content
    assert eligible_case.events.filter(kind="decision", body=reason).exists()

    with pytest.raises(ValidationError):
        services.screening_override(screening=screening, user=caseworker, reason=reason)


def test_another_teams_screening_is_404(client_for, outsider, caseworker, eligible_case, humlor):
    screening = services.screening_create(
        case=eligible_case, project=humlor, on=date(2016, 3, 15), screened_by=caseworker
    )
    client = client_for(outsider)
    assert client.get(screening.get_absolute_url()).status_code == 404
    assert client.post(screening.get_absolute_url(), {"reason": "x" * 20}).status_code == 404
    assert client.get(reverse("cases:screening_create", args=[eligible_case.pk])).status_code == 404


def test_candidates_list_the_eligible_open_cases_in_batches_of_ten(
    client_for, caseworker, team_a, eligible_case, django_assert_num_queries
):
    for index in range(11):
        SickLeaveCaseFactory(
            person=PersonFactory(first_name=f"Kandidat{index}", born=date(1990, 1, 1)),
            team=team_a,
            case_start=date(2016, 2, 1),
        )
    SickLeaveCaseFactory(
        person=PersonFactory(first_name="Missbruk"),
        team=team_a,
        case_start=date(2016, 2, 1),
        substance_abuse=True,
    )
    SickLeaveCaseFactory(
        person=PersonFactory(first_name="Lång"), team=team_a, case_start=date(2015, 3, 15)
    )  # sick day 367
    SickLeaveCaseFactory(person=PersonFactory(first_name="Annat team"), case_start=date(2016, 2, 1))
    client = client_for(caseworker)
    url = reverse("cases:candidates", args=["humlor"])
    client.get(url)

    # session, user, 2 permissions, role names, project, count, one page of cases
    # (the criteria are evaluated in Python on that page), project tabs, session save x3
    with django_assert_num_queries(12):
        response = client.get(url)
    content = response.content.decode()
    assert "12 kandidater" in content
    assert len(response.context["rows"]) == 10
    for excluded in ("Missbruk", "Lång", "Annat team"):
        assert excluded not in content
    page_two = client.get(url, {"page": 2}).content.decode()
    assert "Sida 2 av 2" in page_two


def test_candidates_need_the_case_worker_role(client_for, project_lead):
    url = reverse("cases:candidates", args=["humlor"])
    assert client_for(project_lead).get(url).status_code == 403


def test_the_screen_command_prints_json_as_the_contract_says(eligible_case, capsys):
    SickLeaveCaseFactory(case_start=date(2016, 3, 16))  # not open on the date
    call_command("screen", "--project", "humlor", "--on", "2016-03-15", "--format", "json")
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["personnummer", "case_start", "eligible", "criteria"]
    assert row["personnummer"] == "199006012380"
    assert row["case_start"] == "2016-01-04"
    assert row["eligible"] is True
    assert [list(c) for c in row["criteria"]] == [["key", "outcome", "reason"]] * 7
    assert [c["key"] for c in row["criteria"]] == [
        "registered",
        "diagnosis",
        "exclusions",
        "age",
        "sick_leave_length",
        "employment",
        "swedish",
    ]
    assert {c["outcome"] for c in row["criteria"]} <= {"met", "not_met", "note", "missing"}


def test_the_screen_command_prints_a_table(eligible_case, capsys):
    call_command("screen", "--project", "humlor", "--on", "2016-03-15", "--format", "table")
    out = capsys.readouterr().out
    assert "personnummer" in out.splitlines()[0]
    assert "199006012380" in out
    assert "1 of 1 eligible on 2016-03-15" in out
