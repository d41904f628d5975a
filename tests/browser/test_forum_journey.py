"""A case worker records consent and puts a case on a Vägvalsforum agenda; the forum member
runs the meeting in meeting mode; the case worker sees the recommendation and the follow-up."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Organisation
from forums.models import Expertise, ForumMeeting, ForumMembership
from tests.browser.conftest import assert_accessible, login, press
from tests.factories import ForumFactory, ForumMeetingFactory, PersonFactory, SickLeaveCaseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_agenda_meeting_mode_and_follow_up(new_page, caseworker, forum_member, team_a):
    fk = team_a.organisation
    af = Organisation.objects.create(name="Arbetsförmedlingen", kind="af")
    forum = ForumFactory(name="Vägvalsforum Uppsala", organisation=af)
    ForumMembership.objects.create(
        forum=forum, user=forum_member, expertise=Expertise.DECISION_MAKER, is_chair=True
    )
    meeting = ForumMeetingFactory(forum=forum, place="Rum Fyris")
    case = SickLeaveCaseFactory(
        person=PersonFactory(first_name="Lena", last_name="Nilsson"),
        team=team_a,
        case_worker=caseworker,
        case_start=timezone.localdate() - timedelta(days=420),
    )
    assert fk != af

    # The case worker records consent and puts the case on the agenda.
    worker = new_page()
    login(worker, "anna")
    worker.goto(case.get_absolute_url())
    press(worker.get_by_role("link", name="Anmäl till forum"))
    worker.get_by_label("Möte").select_option(index=1)
    worker.get_by_label("Fråga till forumet").fill("Vilken väg framåt efter 14 månader?")
    press(worker.get_by_role("button", name="Anmäl till dagordningen"))
    expect(
        worker.get_by_text("Personens samtycke omfattar inte Arbetsförmedlingen")
    ).to_be_visible()
    assert_accessible(worker)

    worker.goto(case.get_absolute_url())
    press(worker.get_by_role("link", name="Registrera samtycke"))
    assert_accessible(worker)
    worker.get_by_label("Arbetsförmedlingen").check()
    press(worker.get_by_role("button", name="Spara"))
    expect(worker.get_by_text("Samtycket har registrerats.")).to_be_visible()

    press(worker.get_by_role("link", name="Anmäl till forum"))
    worker.get_by_label("Möte").select_option(index=1)
    worker.get_by_label("Fråga till forumet").fill("Vilken väg framåt efter 14 månader?")
    press(worker.get_by_role("button", name="Anmäl till dagordningen"))
    expect(worker.get_by_text("Sjukfallet finns nu på dagordningen")).to_be_visible()

    # The forum member runs the meeting.
    chair = new_page()
    login(chair, "karin")
    press(chair.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Forum"))
    assert_accessible(chair)
    press(chair.get_by_role("link", name=f"{meeting.date:%Y-%m-%d} 09:00, Rum Fyris"))
    expect(chair.get_by_role("heading", name="Punkt 1: Lena Nilsson")).to_be_visible()
    assert_accessible(chair)

    chair.get_by_label("Karin Holm – Beslutsfattare").check()
    press(chair.get_by_role("button", name="Spara närvaro"))
    expect(chair.get_by_text("Närvaron har sparats.")).to_be_visible()

    follow_up = meeting.date + timedelta(days=30)
    chair.get_by_label("Vägval").select_option(label="Arbetslivsinriktad rehabilitering")
    chair.get_by_label("Motivering").fill("Arbetsträning hos arbetsgivaren med stöd av AF.")
    chair.get_by_label("Uppföljning").fill(follow_up.isoformat())
    press(chair.get_by_role("button", name="Spara rekommendation för punkt 1"))
    expect(chair.get_by_text("Rekommendationen för punkt 1 har sparats.")).to_be_visible()
    # Focus has moved on to closing the meeting, the next step.
    expect(chair.locator("#close")).to_be_focused()
    assert_accessible(chair)
    press(chair.get_by_role("button", name="Markera mötet som hållet"))
    expect(chair.get_by_role("heading", name="Protokoll – Vägvalsforum Uppsala")).to_be_visible()
    assert_accessible(chair)

    # The case worker sees the outcome the same day.
    worker.goto(case.get_absolute_url())
    expect(worker.get_by_test_id("case-recommendation")).to_contain_text(
        "Arbetslivsinriktad rehabilitering"
    )
    expect(worker.get_by_test_id("timeline")).to_contain_text(
        "Rekommendation från Vägvalsforum Uppsala"
    )
    press(
        worker.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Mina uppföljningar"
        )
    )
    row = worker.get_by_role("row").filter(has_text="Lena Nilsson")
    expect(row).to_contain_text(follow_up.isoformat())
    assert_accessible(worker)

    meeting.refresh_from_db()
    assert meeting.state == ForumMeeting.State.HELD
