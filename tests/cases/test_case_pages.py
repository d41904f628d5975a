from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cases.models import CaseEvent, Enrollment, MappingInterview, Person, SickLeaveCase
from tests.factories import EnrollmentFactory, PersonFactory, SickLeaveCaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2026-11-23 10:00 +0100", tick=False):
        yield


@pytest.fixture
def case(team_a, caseworker):
    person = PersonFactory(first_name="Astrid", last_name="Alm", personnummer="198501012382")
    return SickLeaveCaseFactory(
        person=person, team=team_a, case_worker=caseworker, case_start=date(2026, 6, 1)
    )


def test_case_worker_registers_a_case_in_her_team(client_for, caseworker, team_a):
    response = client_for(caseworker).post(
        reverse("cases:case_create"),
        {
            "personnummer": "850101-2382",
            "first_name": "Eva",
            "last_name": "Lund",
            "municipality_code": "0380",
            "understands_swedish": "true",
            "case_start": "2026-10-01",
            "extent": "50",
            "benefit": "sjukpenning",
            "diagnoses": "f43.8a, F41.1",
            "employment_rate": "80",
            "substance_abuse": "false",
            "suicide_risk": "unknown",
            "cognitive_impairment": "false",
        },
        follow=True,
    )
    case = SickLeaveCase.objects.get()
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert "Sjukfallet har registrerats." in response.content.decode()
    assert (case.team, case.case_worker) == (team_a, caseworker)
    assert case.diagnoses == "F43.8A F41.1"
    assert case.suicide_risk is None
    assert case.person.personnummer == "198501012382"
    assert case.person.gender == "woman"
    assert case.events.get().kind == CaseEvent.Kind.CREATED


def test_bad_input_is_explained_next_to_each_field_and_nothing_is_saved(client_for, caseworker):
    response = client_for(caseworker).post(
        reverse("cases:case_create"),
        {
            "personnummer": "19850101-2383",
            "case_start": "2026-10-01",
            "case_end": "2026-09-01",
            "diagnoses": "depression",
            "employment_rate": "150",
            "municipality_code": "380",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kontrollsiffran är fel." in content
    assert "Slutdatum kan inte vara före startdatum." in content
    assert "DEPRESSION är ingen ICD-10-kod" in content
    assert "En kommunkod har fyra siffror" in content
    # Errors are tied to their fields for screen readers.
    assert 'aria-describedby="id_personnummer_helptext id_personnummer_error"' in content
    assert 'id="id_personnummer_error"' in content
    assert 'aria-invalid="true"' in content
    assert not SickLeaveCase.objects.exists()
    assert not Person.objects.exists()


def test_a_second_case_with_the_same_start_is_refused(client_for, caseworker, case):
    response = client_for(caseworker).post(
        reverse("cases:case_create"),
        {"personnummer": "198501012382", "case_start": "2026-06-01"},
    )
    assert "Personen har redan ett sjukfall som startar detta datum." in response.content.decode()
    assert SickLeaveCase.objects.count() == 1


def test_editing_a_case_records_what_changed_on_the_timeline(
    client_for, caseworker, colleague, case
):
    response = client_for(caseworker).post(
        reverse("cases:case_update", args=[case.pk]),
        {
            "first_name": "Astrid",
            "last_name": "Alm",
            "municipality_code": "0380",
            "understands_swedish": "true",
            "case_start": "2026-06-01",
            "case_end": "2026-11-20",
            "extent": "100",
            "benefit": "sjukpenning",
            "diagnoses": "F43.8A",
            "employment_rate": "100",
            "employer": "Uppsala kommun",
            "employer_municipality_code": "0380",
            "substance_abuse": "false",
            "suicide_risk": "false",
            "cognitive_impairment": "false",
            "case_worker": colleague.pk,
        },
        follow=True,
    )
    assert "Sjukfallet har sparats." in response.content.decode()
    case.refresh_from_db()
    assert case.case_end == date(2026, 11, 20)
    assert case.case_worker == colleague
    event = case.events.get(kind=CaseEvent.Kind.UPDATED)
    assert "sjukskrivningens slut" in event.body
    assert "handläggare" in event.body


def test_the_case_page_shows_the_sick_day_and_the_chain_dates(client_for, caseworker, case):
    content = client_for(caseworker).get(case.get_absolute_url()).content.decode()
    # 2026-06-01 is day 1, so 2026-11-23 is day 176.
    assert "Sjukdag <strong>176</strong> i dag" in content
    assert "2026-08-29" in content  # day 90
    assert "2026-11-27" in content  # day 180
    assert "2027-05-31" in content  # day 365
    assert "Dag 91–180" in content


def test_mapping_interview_is_stored_and_shown_on_the_timeline(client_for, caseworker, case):
    client = client_for(caseworker)
    response = client.post(
        reverse("cases:mapping_interview_create", args=[case.pk]),
        {
            "held_on": "2026-11-20",
            "work_situation": "Undersköterska, 100 %, konflikt med chef.",
            "private_life": "Ensamstående med två barn.",
            "health": "Sover dåligt, orkar lite.",
            "support_needs": "Samtal med arbetsgivaren.",
            "own_goal": "Tillbaka på 50 % i februari.",
            "return_expectation": "soon",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "Kartläggningssamtalet har sparats." in content
    assert MappingInterview.objects.get().interviewer == caseworker
    assert "Kartläggningssamtal genomfört" in content
    assert "Tillbaka på 50 % i februari." in content


def test_mapping_interview_requires_every_part(client_for, caseworker, case):
    response = client_for(caseworker).post(
        reverse("cases:mapping_interview_create", args=[case.pk]), {"held_on": "2026-11-20"}
    )
    assert response.content.decode().count("Detta fält måste fyllas i.") == 6
    assert not MappingInterview.objects.exists()


def test_a_note_and_a_decision_land_on_the_timeline(client_for, caseworker, case):
    client = client_for(caseworker)
    client.post(
        reverse("cases:note_create", args=[case.pk]),
        {
            "kind": "decision",
            "occurred_on": "2026-11-22",
            "title": "Beviljad sjukpenning",
            "body": "75 %",
        },
    )
    event = case.events.get()
    assert (event.kind, event.title, event.author) == (
        "decision",
        "Beviljad sjukpenning",
        caseworker,
    )


def test_enrolling_and_recording_a_status(client_for, caseworker, case):
    client = client_for(caseworker)
    response = client.post(
        reverse("cases:enrollment_create", args=[case.pk]),
        {"project": "", "start": "2026-11-01"},
    )
    assert "Detta fält måste fyllas i." in response.content.decode()
    from cases.models import Project

    kundlinjen = Project.objects.get(key="kundlinjen")
    response = client.post(
        reverse("cases:enrollment_create", args=[case.pk]),
        {"project": kundlinjen.pk, "start": "2026-11-01"},
    )
    assert "Kundlinjen kräver en ingång (a–d)." in response.content.decode()
    client.post(
        reverse("cases:enrollment_create", args=[case.pk]),
        {"project": kundlinjen.pk, "start": "2026-11-01", "entry_route": "b"},
    )
    enrollment = Enrollment.objects.get()
    assert (enrollment.person, enrollment.case, enrollment.entry_route) == (case.person, case, "b")

    url = reverse("cases:status_change_create", args=[case.pk, enrollment.pk])
    response = client.post(url, {"date": "2026-10-01", "status": "work"})
    assert "Datumet kan inte vara före deltagandets start." in response.content.decode()
    client.post(url, {"date": "2026-11-20", "status": "work"})
    client.post(url, {"date": "2026-11-20", "status": "education"})  # corrects the same day
    assert list(enrollment.statuses.values_list("status", flat=True)) == ["education"]
    titles = list(case.events.values_list("title", flat=True))
    assert "Inskriven i Kundlinjen" in titles
    assert "Kundlinjen: Studier" in titles


def test_a_person_cannot_be_enrolled_twice_in_a_project(client_for, caseworker, case):
    enrollment = EnrollmentFactory(person=case.person, case=case)
    response = client_for(caseworker).get(reverse("cases:enrollment_create", args=[case.pk]))
    options = response.context["form"].fields["project"].queryset
    assert enrollment.project not in options


def test_filter_by_chain_stage(client_for, caseworker, team_a):
    for start, name in [(date(2026, 11, 1), "Tidig"), (date(2025, 9, 1), "Lång")]:
        SickLeaveCaseFactory(person=PersonFactory(first_name=name), team=team_a, case_start=start)
    client = client_for(caseworker)
    early = client.get(reverse("cases:case_list"), {"stage": "1-90"}).content.decode()
    late = client.get(reverse("cases:case_list"), {"stage": "366-"}).content.decode()
    assert "Tidig" in early and "Lång" not in early
    assert "Lång" in late and "Tidig" not in late


def test_filter_by_diagnosis_group_and_project(client_for, caseworker, team_a):
    stress = SickLeaveCaseFactory(
        person=PersonFactory(first_name="Stressad"), team=team_a, diagnoses="F43.8A"
    )
    SickLeaveCaseFactory(
        person=PersonFactory(first_name="Knäskada"), team=team_a, diagnoses="S83.2"
    )
    EnrollmentFactory(person=stress.person)
    client = client_for(caseworker)
    content = client.get(reverse("cases:case_list"), {"diagnosis": "target"}).content.decode()
    assert "Stressad" in content and "Knäskada" not in content
    from cases.models import Project

    coachning = Project.objects.get(key="coachning").pk
    content = client.get(reverse("cases:case_list"), {"project": coachning}).content.decode()
    assert "Stressad" in content and "Knäskada" not in content


def test_the_list_is_paginated(client_for, caseworker, team_a):
    SickLeaveCaseFactory.create_batch(12, team=team_a)
    response = client_for(caseworker).get(reverse("cases:case_list"), {"per_page": 10, "page": 2})
    assert len(response.context["cases"]) == 2
    assert "Sida 2 av 2" in response.content.decode()


def test_the_case_list_runs_a_fixed_number_of_queries_whatever_the_page_size(
    client_for, caseworker, team_a, django_assert_num_queries
):
    SickLeaveCaseFactory.create_batch(30, team=team_a, case_worker=caseworker)
    client = client_for(caseworker)
    client.get(reverse("cases:case_list"))  # warm the session
    # 1 session, 2 user, 3 user permissions, 4 group permissions, 5 role names,
    # 6 count, 7 project choices, 8 team choices (with organisation), 9 the page of cases
    # (person, team and case worker joined; protected identity as a subquery),
    # 10-12 the session's expiry moved forward (savepoint, update, release).
    for size in (10, 25):
        with django_assert_num_queries(12):
            response = client.get(reverse("cases:case_list"), {"per_page": size})
        assert len(response.context["cases"]) == size
