import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cases.models import AccessLogEntry, CaseEvent
from forums import services
from forums.models import AgendaItem, ForumMeeting, Recommendation
from tests.factories import ForumMeetingFactory, PersonFactory, SickLeaveCaseFactory

pytestmark = pytest.mark.django_db


def give_consent(case, user, *agencies):
    return services.consent_record(
        case=case,
        user=user,
        given_on=timezone.localdate(),
        agencies=agencies,
        purpose="Gemensam bedömning i Vägvalsforum.",
    )


def put_on_agenda(case, meeting, user, **kwargs):
    return services.agenda_item_add(
        case=case, meeting=meeting, presenter=user, question="Vilken väg framåt?", **kwargs
    )


# --- consent -------------------------------------------------------------------------------------


def test_without_consent_a_case_cannot_be_put_on_an_agenda(long_case, meeting_x, caseworker):
    with pytest.raises(ValidationError) as error:
        put_on_agenda(long_case, meeting_x, caseworker)
    assert "samtycke omfattar inte Arbetsförmedlingen" in str(error.value)
    assert not AgendaItem.objects.exists()


def test_consent_must_cover_every_other_agency_of_the_forum(
    long_case, meeting_x, caseworker, fk, af
):
    give_consent(long_case, caseworker, fk)  # FK only: the forum has an AF member
    with pytest.raises(ValidationError):
        put_on_agenda(long_case, meeting_x, caseworker)
    give_consent(long_case, caseworker, af)
    item = put_on_agenda(long_case, meeting_x, caseworker)
    assert item.order == 1
    assert long_case.events.filter(kind=CaseEvent.Kind.FORUM).exists()


def test_the_agenda_page_refuses_without_consent_and_says_why(
    client_for, caseworker, long_case, meeting_x
):
    response = client_for(caseworker).post(
        reverse("forums:agenda_item_create", args=[long_case.pk]),
        {"meeting": meeting_x.pk, "question": "Vilken väg framåt?"},
    )
    assert response.status_code == 200
    assert "Personens samtycke omfattar inte Arbetsförmedlingen" in response.content.decode()


def test_withdrawing_consent_takes_the_case_off_coming_meetings_only(
    long_case, meeting_x, caseworker, af, forum_x
):
    consent = give_consent(long_case, caseworker, af)
    coming = put_on_agenda(long_case, meeting_x, caseworker)
    past_meeting = ForumMeetingFactory(
        forum=forum_x, date=timezone.localdate() - timedelta(days=30), state=ForumMeeting.State.HELD
    )
    past = AgendaItem.objects.create(
        meeting=past_meeting, case=long_case, presenter=caseworker, question="?", order=1
    )

    removed = services.consent_withdraw(consent=consent, user=caseworker, on=timezone.localdate())

    assert removed == [coming]
    coming.refresh_from_db()
    past.refresh_from_db()
    assert coming.removed_at is not None and coming.removed_reason == "Samtycket återkallat"
    assert past.removed_at is None
    assert not meeting_x.agenda_items.active().exists()
    with pytest.raises(ValidationError):
        put_on_agenda(long_case, meeting_x, caseworker)


def test_withdrawal_from_the_case_page_asks_first(client_for, caseworker, long_case, meeting_x, af):
    consent = give_consent(long_case, caseworker, af)
    put_on_agenda(long_case, meeting_x, caseworker)
    client = client_for(caseworker)
    url = reverse("forums:consent_withdraw", args=[long_case.pk, consent.pk])
    assert "Registrera att samtycket är återkallat?" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Sjukfallet ströks från 1 kommande möte(n)." in response.content.decode()


# --- the Vägvalsforum target group -----------------------------------------------------------


def test_vagval_needs_a_reason_for_a_case_under_366_days(team_a, caseworker, meeting_x, af):
    meeting_day = meeting_x.date
    short = SickLeaveCaseFactory(
        team=team_a, case_start=meeting_day - timedelta(days=364)
    )  # day 365
    give_consent(short, caseworker, af)
    with pytest.raises(ValidationError) as error:
        put_on_agenda(short, meeting_x, caseworker)
    assert "sjukdag 365" in str(error.value)
    item = put_on_agenda(
        short,
        meeting_x,
        caseworker,
        target_group_reason="Snabbt försämrad, behöver gemensam bedömning nu.",
    )
    assert item.target_group_reason


def test_vagval_takes_a_case_at_day_366_on_the_meeting_day_without_reason(
    team_a, caseworker, meeting_x, af
):
    case = SickLeaveCaseFactory(team=team_a, case_start=meeting_x.date - timedelta(days=365))
    give_consent(case, caseworker, af)
    assert put_on_agenda(case, meeting_x, caseworker).target_group_reason == ""


# --- access --------------------------------------------------------------------------------------


def test_a_member_of_forum_x_gets_404_for_a_case_only_on_forum_y(
    client_for, forum_member, long_case, forum_x, forum_y, caseworker, af, fk
):
    give_consent(long_case, caseworker, af, fk)
    put_on_agenda(long_case, ForumMeetingFactory(forum=forum_y), caseworker)
    other = SickLeaveCaseFactory()
    client = client_for(forum_member)
    assert client.get(reverse("forums:forum_case", args=[long_case.pk])).status_code == 404
    assert client.get(reverse("forums:forum_case", args=[other.pk])).status_code == 404  # no agenda
    # ...and the case pages of case workers are closed to forum members altogether.
    assert client.get(long_case.get_absolute_url()).status_code == 403


def test_a_member_sees_a_case_on_their_forums_agenda_and_the_view_is_logged(
    client_for, forum_member, long_case, meeting_x, caseworker, af
):
    give_consent(long_case, caseworker, af)
    put_on_agenda(long_case, meeting_x, caseworker)
    response = client_for(forum_member).get(reverse("forums:forum_case", args=[long_case.pk]))
    assert response.status_code == 200
    assert "Lång Sjukskriven" in response.content.decode()
    assert (
        AccessLogEntry.objects.filter(user=forum_member, case=long_case, action="view").count() == 1
    )


def test_a_member_of_forum_x_gets_404_for_forum_y_and_its_meetings(
    client_for, forum_member, forum_y
):
    meeting = ForumMeetingFactory(forum=forum_y)
    client = client_for(forum_member)
    assert client.get(reverse("forums:forum_detail", args=[forum_y.pk])).status_code == 404
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.post(meeting.get_absolute_url(), {"action": "attendance"}).status_code == 404
    assert client.post(reverse("forums:meeting_held", args=[meeting.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["caseworker", "coach", "project_lead"])
def test_other_roles_get_403_on_forum_pages(request, client_for, persona, meeting_x):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("forums:forum_list")).status_code == 403
    assert client.get(meeting_x.get_absolute_url()).status_code == 403


def test_another_teams_case_worker_cannot_record_consent_or_put_on_agenda(
    client_for, outsider, long_case
):
    client = client_for(outsider)
    assert client.get(reverse("forums:consent_create", args=[long_case.pk])).status_code == 404
    assert client.get(reverse("forums:agenda_item_create", args=[long_case.pk])).status_code == 404


# --- meeting mode ------------------------------------------------------------------------------


def fill_agenda(meeting, caseworker, team, af, count):
    for index in range(count):
        case = SickLeaveCaseFactory(
            person=PersonFactory(first_name=f"Person{index}"),
            team=team,
            case_start=timezone.localdate() - timedelta(days=500),
        )
        give_consent(case, caseworker, af)
        put_on_agenda(case, meeting, caseworker)


@pytest.mark.parametrize("items", [1, 6])
def test_the_meeting_page_runs_a_fixed_number_of_queries(
    client_for, forum_member, meeting_x, caseworker, team_a, af, items, django_assert_num_queries
):
    fill_agenda(meeting_x, caseworker, team_a, af, items)
    client = client_for(forum_member)
    client.get(meeting_x.get_absolute_url())
    # session, user, 2 permissions, role names, the meeting with its forum, the members,
    # the agenda (items, cases, people, presenters, recommendations; identity subquery),
    # the mapping interviews of those cases, the responsible choices, the attendees,
    # the access-log rows (one bulk insert), session save (3).
    with django_assert_num_queries(15):
        response = client.get(meeting_x.get_absolute_url())
    assert len(response.context["items"]) == items


def test_meeting_mode_records_attendance_recommendations_and_marks_held(
    client_for, forum_member, meeting_x, caseworker, team_a, af
):
    fill_agenda(meeting_x, caseworker, team_a, af, 2)
    first, second = meeting_x.agenda_items.order_by("order")
    client = client_for(forum_member)
    url = meeting_x.get_absolute_url()

    response = client.post(reverse("forums:meeting_held", args=[meeting_x.pk]), follow=True)
    assert "Registrera vilka som var närvarande" in response.content.decode()

    response = client.post(url, {"action": "attendance", "attendees": [forum_member.pk]})
    assert response.status_code == 302

    response = client.post(
        url,
        {
            "item": first.pk,
            f"item{first.pk}-way_forward": "coaching",
            f"item{first.pk}-motivation": "Coachning i grupp passar.",
            f"item{first.pk}-responsible": caseworker.pk,
            f"item{first.pk}-follow_up_on": (meeting_x.date + timedelta(days=30)).isoformat(),
        },
    )
    # On to the next item, on the same page.
    assert response["Location"] == f"{url}#item-{second.pk}"

    response = client.post(reverse("forums:meeting_held", args=[meeting_x.pk]), follow=True)
    assert "Punkt 2 saknar ännu rekommendation." in response.content.decode()

    response = client.post(
        url,
        {"item": second.pk, f"item{second.pk}-way_forward": "", f"item{second.pk}-motivation": ""},
    )
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in response.content.decode()

    client.post(
        url,
        {
            "item": second.pk,
            f"item{second.pk}-way_forward": "healthcare",
            f"item{second.pk}-motivation": "Behandling först.",
            f"item{second.pk}-responsible": caseworker.pk,
        },
    )
    response = client.post(reverse("forums:meeting_held", args=[meeting_x.pk]), follow=True)
    assert "Mötet är markerat som hållet." in response.content.decode()
    meeting_x.refresh_from_db()
    assert meeting_x.state == ForumMeeting.State.HELD
    assert list(meeting_x.attendees.all()) == [forum_member]
    # A held meeting can no longer be changed.
    response = client.post(url, {"action": "attendance", "attendees": []})
    assert response.status_code == 400


def test_a_recommendation_lands_on_the_case_and_in_my_follow_ups(
    client_for, forum_member, meeting_x, caseworker, long_case, af
):
    give_consent(long_case, caseworker, af)
    item = put_on_agenda(long_case, meeting_x, caseworker)
    follow_up = meeting_x.date + timedelta(days=30)
    services.recommendation_record(
        item=item,
        user=forum_member,
        way_forward="af_collaboration",
        motivation="Pröva mot hela arbetsmarknaden med AF.",
        responsible=caseworker,
        follow_up_on=follow_up,
    )
    client = client_for(caseworker)
    case_page = client.get(long_case.get_absolute_url()).content.decode()
    assert "Rekommendation från Vägvalsforum X: Förstärkt samarbete med AF" in case_page
    follow_ups = client.get(reverse("forums:followups")).content.decode()
    assert "Lång Sjukskriven" in follow_ups
    assert follow_up.isoformat() in follow_ups

    recommendation = Recommendation.objects.get()
    client.post(reverse("forums:followups"), {"pk": recommendation.pk})
    assert (
        "Du har inga uppföljningar att göra."
        in client.get(reverse("forums:followups")).content.decode()
    )


def test_follow_ups_are_only_the_responsible_case_workers(
    client_for, colleague, caseworker, meeting_x, long_case, af, forum_member
):
    give_consent(long_case, caseworker, af)
    item = put_on_agenda(long_case, meeting_x, caseworker)
    services.recommendation_record(
        item=item,
        user=forum_member,
        way_forward="studies",
        motivation="Studier.",
        responsible=caseworker,
        follow_up_on=meeting_x.date,
    )
    assert (
        "Du har inga uppföljningar"
        in client_for(colleague).get(reverse("forums:followups")).content.decode()
    )


def test_the_minutes_pdf_opens_and_lists_every_item_with_its_recommendation(
    client_for, forum_member, meeting_x, caseworker, team_a, af
):
    fill_agenda(meeting_x, caseworker, team_a, af, 3)
    services.attendance_record(meeting=meeting_x, attendees=[forum_member])
    ways = ["coaching", "studies", "healthcare"]
    for item, way in zip(meeting_x.agenda_items.order_by("order"), ways, strict=True):
        services.recommendation_record(
            item=item,
            user=forum_member,
            way_forward=way,
            motivation=f"Motivering {item.order}",
            responsible=caseworker,
            follow_up_on=None,
        )
    services.meeting_mark_held(meeting=meeting_x, user=forum_member)
    client = client_for(forum_member)

    page = client.get(reverse("forums:minutes", args=[meeting_x.pk])).content.decode()
    assert "Protokoll – Vägvalsforum X" in page

    response = client.get(reverse("forums:minutes", args=[meeting_x.pk]), {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for index, label in enumerate(["Coachning", "Studier", "Vårdinsats"]):
        assert f"Punkt {index + 1}: Person{index}" in text
        assert label in text
        assert f"Motivering {index + 1}" in text
    assert AccessLogEntry.objects.filter(action="export", user=forum_member).count() == 3


def test_cancelling_a_meeting_asks_first_and_notes_the_cases(
    client_for, forum_member, meeting_x, caseworker, long_case, af
):
    give_consent(long_case, caseworker, af)
    put_on_agenda(long_case, meeting_x, caseworker)
    client = client_for(forum_member)
    url = reverse("forums:meeting_cancel", args=[meeting_x.pk])
    assert "Ställa in mötet?" in client.get(url).content.decode()
    client.post(url)
    meeting_x.refresh_from_db()
    assert meeting_x.state == ForumMeeting.State.CANCELLED
    assert long_case.events.filter(title__contains="ställdes in").exists()


def test_a_forum_member_loses_the_case_when_consent_is_withdrawn_or_the_meeting_cancelled(
    client_for, forum_member, long_case, meeting_x, caseworker, af, forum_x
):
    consent = give_consent(long_case, caseworker, af)
    put_on_agenda(long_case, meeting_x, caseworker)
    url = reverse("forums:forum_case", args=[long_case.pk])
    client = client_for(forum_member)
    assert client.get(url).status_code == 200
    services.meeting_cancel(meeting=meeting_x, user=forum_member)
    assert client.get(url).status_code == 404

    other = ForumMeetingFactory(forum=forum_x)
    put_on_agenda(long_case, other, caseworker)
    assert client.get(url).status_code == 200
    held = ForumMeetingFactory(
        forum=forum_x, date=timezone.localdate() - timedelta(days=3), state=ForumMeeting.State.HELD
    )
    AgendaItem.objects.create(
        meeting=held, case=long_case, presenter=caseworker, question="?", order=1
    )
    services.consent_withdraw(consent=consent, user=caseworker, on=timezone.localdate())
    # Off the coming meeting, and the held one no longer opens the case either.
    assert client.get(url).status_code == 404
