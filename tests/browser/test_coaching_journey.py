"""A case worker screens and refers a person to coaching; a coach fills a group from the
queue, starts it, takes attendance and books an individual follow-up."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from cases.models import Project
from coaching import services
from coaching.models import CoachingGroup, FollowUpMeeting, LabourMarketArea
from tests.browser.conftest import assert_accessible, login, press
from tests.factories import PersonFactory, SickLeaveCaseFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_refer_fill_start_attend_and_book(new_page, caseworker, coach, team_a):
    today = timezone.localdate()
    second = UserFactory(username="sara", first_name="Sara", last_name="Nyström", role=Role.COACH)
    project = Project.objects.get(key="coachning")
    group = services.group_create(
        name="Malmö vår",
        project=project,
        area=LabourMarketArea.objects.get(name="Malmö"),
        planned_start=today + timedelta(days=7),
        coaches=[coach, second],
    )
    case = SickLeaveCaseFactory(
        person=PersonFactory(first_name="Mira", last_name="Holm", municipality_code="1280"),
        team=team_a,
        case_worker=caseworker,
        case_start=today - timedelta(days=60),
    )

    worker = new_page()
    login(worker, "anna")
    worker.goto(case.get_absolute_url())
    press(worker.get_by_role("link", name="Pröva mot projekt"))
    worker.get_by_label("Projekt").select_option(label=project.name)
    press(worker.get_by_role("button", name="Pröva"))
    expect(worker.get_by_test_id("verdict")).to_contain_text("Uppfyller reglerna")
    press(worker.get_by_role("link", name="Tillbaka till sjukfallet"))
    worker.get_by_label("Hänvisa till coachning i").select_option(label=project.name)
    press(worker.get_by_role("button", name="Hänvisa", exact=True))
    expect(
        worker.get_by_text("Personen har hänvisats till coachning och väntar i kön.")
    ).to_be_visible()
    assert_accessible(worker)
    press(
        worker.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Hänvisningskö")
    )
    expect(worker.get_by_role("row").filter(has_text="Mira Holm")).to_contain_text("Malmö vår")
    assert_accessible(worker)

    trainer = new_page()
    login(trainer, "johan")
    press(
        trainer.get_by_role("navigation", name="Huvudmeny").get_by_role(
            "link", name="Coachningsgrupper"
        )
    )
    assert_accessible(trainer)
    press(trainer.get_by_role("link", name="Malmö vår"))
    press(trainer.get_by_role("button", name="Fyll från kön (1 väntar)"))
    expect(trainer.get_by_text("Gruppen har fyllts från kön.")).to_be_visible()
    expect(trainer.get_by_role("link", name="Mira Holm")).to_be_visible()
    press(trainer.get_by_role("button", name="Starta gruppen i dag"))
    expect(trainer.get_by_text("Gruppen har startat.")).to_be_visible()
    assert_accessible(trainer)

    trainer.get_by_label("Tema").fill("Mina mål")
    press(trainer.get_by_role("button", name="Lägg till träff"))
    press(trainer.get_by_role("link", name=f"{today:%Y-%m-%d} – Mina mål"))
    assert_accessible(trainer)
    trainer.get_by_label("Mira Holm").check()
    press(trainer.get_by_role("button", name="Spara närvaro"))
    expect(trainer.get_by_text("1 närvarande")).to_be_visible()

    press(trainer.get_by_role("link", name="Mira Holm"))
    assert_accessible(trainer)
    trainer.get_by_label("Datum för det individuella mötet").fill(
        (today + timedelta(days=30)).isoformat()
    )
    press(trainer.get_by_role("button", name="Boka mötet"))
    expect(trainer.get_by_text("Det individuella mötet är bokat.")).to_be_visible()
    assert_accessible(trainer)

    group.refresh_from_db()
    assert group.state == CoachingGroup.State.RUNNING
    assert FollowUpMeeting.objects.get().planned_on == today + timedelta(days=30)
