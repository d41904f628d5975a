from datetime import date

import pytest
import time_machine
from django.urls import reverse

from cases.models import AccessLogEntry, Project
from cases.services import screening_create
from coaching import services
from coaching.models import FollowUpMeeting, Referral
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel("2009-03-02 10:00 +0100", tick=False):
        yield


def test_a_coach_gets_404_for_a_person_outside_their_groups(
    client_for, coach, group_of, make_case, caseworker
):
    group = group_of(2)
    inside = group.memberships.first().person
    outside = make_case("Utanför").person
    other_coach = UserFactory(username="annancoach", role="coach")
    client = client_for(coach)
    assert client.get(reverse("coaching:participant", args=[inside.pk])).status_code == 200
    assert client.get(reverse("coaching:participant", args=[outside.pk])).status_code == 404
    other = client_for(other_coach)
    assert other.get(reverse("coaching:participant", args=[inside.pk])).status_code == 404
    assert other.get(group.get_absolute_url()).status_code == 404
    assert other.post(reverse("coaching:group_action", args=[group.pk, "start"])).status_code == 404


@pytest.mark.parametrize("persona", ["caseworker", "forum_member", "project_lead"])
def test_other_roles_get_403_on_coach_pages(request, client_for, persona, group_of):
    group = group_of(1)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("coaching:group_list")).status_code == 403
    assert client.get(group.get_absolute_url()).status_code == 403


@pytest.mark.parametrize("persona", ["coach", "forum_member", "project_lead"])
def test_the_referral_queue_is_for_case_workers(request, client_for, persona):
    assert (
        client_for(request.getfixturevalue(persona))
        .get(reverse("coaching:referral_queue"))
        .status_code
        == 403
    )


@pytest.mark.parametrize("size", [2, 10])
def test_the_attendance_page_runs_a_fixed_number_of_queries(
    client_for, coach, group_of, size, django_assert_num_queries
):
    group = group_of(size)
    session = services.session_create(group=group, on=date(2009, 3, 9), topic="")
    client = client_for(coach)
    client.get(session.get_absolute_url())
    # session, user, 2 permissions, role names, group, the session, present ids,
    # the participants with their people (identity as a subquery), the access-log rows
    # (one bulk insert), whether anything is recorded, session save (3)
    with django_assert_num_queries(14):
        response = client.get(session.get_absolute_url())
    assert len(response.context["members"]) == size


def test_attendance_is_saved_in_one_request(client_for, coach, group_of):
    group = group_of(3)
    session = services.session_create(group=group, on=date(2009, 3, 9), topic="")
    ids = list(group.memberships.values_list("pk", flat=True))
    response = client_for(coach).post(
        session.get_absolute_url(), {"present": [ids[0], ids[1]]}, follow=True
    )
    assert "Närvaron har sparats." in response.content.decode()
    assert session.attendance.filter(present=True).count() == 2
    assert session.attendance.filter(present=False).count() == 1
    assert "2 närvarande" in response.content.decode()


def test_the_group_page_shows_why_a_group_cannot_start(client_for, coach, group_of):
    group = group_of(2, coaches=[coach])
    response = client_for(coach).post(
        reverse("coaching:group_action", args=[group.pk, "start"]), follow=True
    )
    assert "En grupp kan inte starta utan två coacher." in response.content.decode()


def test_booking_a_follow_up_beyond_12_months_is_explained_by_the_field(
    client_for, coach, group_of
):
    group = services.group_start(group=group_of(1), on=date(2009, 3, 2))
    membership = group.memberships.get()
    client = client_for(coach)
    url = reverse("coaching:participant", args=[membership.person_id])
    response = client.post(
        url, {"membership": membership.pk, f"m{membership.pk}-planned_on": "2010-03-03"}
    )
    assert response.status_code == 400
    assert "alltså till och med 2010-03-02" in response.content.decode()
    response = client.post(
        url,
        {"membership": membership.pk, f"m{membership.pk}-planned_on": "2010-03-02"},
        follow=True,
    )
    assert "Det individuella mötet är bokat." in response.content.decode()
    meeting = FollowUpMeeting.objects.get()
    client.post(url, {"follow_up": meeting.pk, "held_on": "2009-03-02", "notes": "Bra samtal."})
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.notes) == (date(2009, 3, 2), "Bra samtal.")
    assert AccessLogEntry.objects.filter(user=coach, person_id=membership.person_id).exists()


def test_a_case_worker_refers_from_the_case_page_after_a_screening(
    client_for, caseworker, make_case, coachning
):
    case = make_case(municipality="1280")
    client = client_for(caseworker)
    url = reverse("coaching:referral_create", args=[case.pk])
    response = client.post(url, {"project": coachning.pk}, follow=True)
    assert "Pröva först sjukfallet mot Coachningsgrupper" in response.content.decode()
    screening_create(case=case, project=coachning, on=date(2009, 3, 2), screened_by=caseworker)
    response = client.post(url, {"project": coachning.pk}, follow=True)
    assert "Personen har hänvisats till coachning och väntar i kön." in response.content.decode()
    referral = Referral.objects.get()
    assert referral.area.name == "Malmö"
    queue = client.get(reverse("coaching:referral_queue")).content.decode()
    assert "Deltagare" in queue and "Malmö" in queue


def test_another_team_cannot_refer_or_see_the_referral(
    client_for, outsider, caseworker, make_case, coachning
):
    case = make_case()
    screening = screening_create(
        case=case, project=coachning, on=date(2009, 3, 2), screened_by=caseworker
    )
    services.referral_create(
        case=case, project=coachning, screening=screening, user=caseworker, on=date(2009, 3, 2)
    )
    client = client_for(outsider)
    assert (
        client.post(
            reverse("coaching:referral_create", args=[case.pk]), {"project": coachning.pk}
        ).status_code
        == 404
    )
    assert (
        "Ingen i ditt team väntar"
        in client.get(reverse("coaching:referral_queue")).content.decode()
    )


def test_humlor_refers_the_next_ten_candidates_at_once(client_for, caseworker, team_a):
    from tests.factories import PersonFactory, SickLeaveCaseFactory

    for index in range(12):
        SickLeaveCaseFactory(
            person=PersonFactory(first_name=f"K{index}", born=date(1985, 1, 1)),
            team=team_a,
            case_start=date(2009, 1, 5),
        )
    response = client_for(caseworker).post(
        reverse("coaching:referral_queue"), {"batch": "1"}, follow=True
    )
    assert "10 personer hänvisade." in response.content.decode()
    assert Referral.objects.filter(project__key="humlor").count() == 10


def test_the_project_page_shows_volume_against_plan(client_for, project_lead, group_of, coachning):
    coachning.leads.add(project_lead)
    services.group_start(group=group_of(3), on=date(2009, 3, 2))
    content = (
        client_for(project_lead)
        .get(reverse("cases:project_detail", args=["coachning"]))
        .content.decode()
    )
    assert "Volym mot plan" in content
    row = content.split('<th scope="row">2009</th>')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
    assert cells == ["3", "500", "1", "36"]  # participants and plan, group starts and plan


def test_project_lead_of_another_project_cannot_see_it(client_for, project_lead):
    Project.objects.get(key="humlor").leads.add(project_lead)
    assert (
        client_for(project_lead)
        .get(reverse("cases:project_detail", args=["coachning"]))
        .status_code
        == 404
    )


def test_a_protected_participants_name_reaches_neither_the_coach_nor_the_page_source(
    client_for, coach, administrator, group_of
):
    group = group_of(2)
    protected = group.memberships.first().person
    protected.first_name, protected.last_name, protected.protected_identity = (
        "Hemlig",
        "Hansson",
        True,
    )
    protected.save()
    session = services.session_create(group=group, on=date(2009, 3, 9), topic="")
    client = client_for(coach)
    for url in (
        group.get_absolute_url(),
        session.get_absolute_url(),
        reverse("coaching:participant", args=[protected.pk]),
    ):
        content = client.get(url).content.decode()
        assert "Hansson" not in content, url
        assert "Skyddad identitet" in content
    # Administrators may see who it is.
    assert (
        "Hemlig Hansson" in client_for(administrator).get(group.get_absolute_url()).content.decode()
    )


def test_the_attendance_page_is_access_logged(client_for, coach, group_of):
    group = group_of(2)
    session = services.session_create(group=group, on=date(2009, 3, 9), topic="")
    client_for(coach).get(session.get_absolute_url())
    assert AccessLogEntry.objects.filter(user=coach, action="view").count() == 2
