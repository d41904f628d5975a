"""The coaching rules at their boundaries, without HTTP."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cases.models import Enrollment
from coaching import services
from coaching.models import CoachingGroup, GroupMembership, LabourMarketArea

pytestmark = pytest.mark.django_db


def test_the_tenth_participant_joins_the_eleventh_is_refused(group_of, make_case, caseworker):
    group = group_of(9)
    services.membership_add(
        group=group, case=make_case("Tionde"), user=caseworker, on=date(2009, 3, 1)
    )
    assert group.memberships.active().count() == 10
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            group=group, case=make_case("Elfte"), user=caseworker, on=date(2009, 3, 1)
        )
    assert "Gruppen är full: högst 10 deltagare." in error.value.messages
    assert group.memberships.count() == 10


def test_a_place_freed_by_someone_leaving_can_be_taken(group_of, make_case, caseworker):
    group = group_of(10)
    leaving = group.memberships.first()
    services.membership_leave(
        membership=leaving, on=date(2009, 3, 5), reason="work", user=caseworker
    )
    services.membership_add(group=group, case=make_case("Ny"), user=caseworker, on=date(2009, 3, 6))
    assert group.memberships.active().count() == 10


def test_a_group_cannot_start_with_one_coach(group_of, coach):
    group = group_of(3, coaches=[coach])
    with pytest.raises(ValidationError) as error:
        services.group_start(group=group, on=date(2009, 3, 2))
    assert "En grupp kan inte starta utan två coacher." in error.value.messages
    group.refresh_from_db()
    assert group.state == CoachingGroup.State.PLANNED


def test_a_group_starts_with_two_coaches(group_of):
    group = services.group_start(group=group_of(3), on=date(2009, 3, 2))
    assert (group.state, group.started_on) == (CoachingGroup.State.RUNNING, date(2009, 3, 2))


def test_a_group_has_no_third_coach(make_group, coach, second_coach, db):
    from tests.factories import UserFactory

    third = UserFactory(username="tredje", role="coach")
    with pytest.raises(ValidationError):
        make_group(coaches=[coach, second_coach, third])


def test_only_coaches_can_lead(make_group, coach, caseworker):
    with pytest.raises(ValidationError):
        make_group(coaches=[coach, caseworker])


def test_the_sixth_start_in_an_area_and_year_is_allowed_the_seventh_refused(group_of, malmo):
    for index in range(6):
        services.group_start(group=group_of(1, name=f"Grupp {index}"), on=date(2009, 1 + index, 10))
    seventh = group_of(1, name="Grupp 7")
    with pytest.raises(ValidationError) as error:
        services.group_start(group=seventh, on=date(2009, 12, 1))
    assert "Malmö har redan 6 gruppstarter 2009, det högsta tillåtna." in error.value.messages
    # The next calendar year counts afresh, and another area is not affected.
    services.group_start(group=seventh, on=date(2010, 1, 4))
    other_area = group_of(1, name="Lund", area=LabourMarketArea.objects.get(name="Lund"))
    services.group_start(group=other_area, on=date(2009, 12, 1))


def test_a_cancelled_group_does_not_count_as_a_start(group_of):
    for index in range(5):
        services.group_start(group=group_of(1, name=f"G{index}"), on=date(2009, 2, 1))
    cancelled = group_of(1, name="Inställd")
    services.group_cancel(group=cancelled, user=cancelled.coaches.first())
    services.group_start(group=group_of(1, name="Sjätte"), on=date(2009, 2, 2))


@pytest.mark.parametrize(
    ("planned_on", "allowed"),
    [
        (date(2009, 3, 2), True),  # the start day
        (date(2010, 3, 2), True),  # exactly 12 months after the start
        (date(2010, 3, 3), False),  # one day later
        (date(2009, 3, 1), False),  # before the start
    ],
)
def test_follow_up_runs_up_to_12_months_after_the_start(group_of, coach, planned_on, allowed):
    group = services.group_start(group=group_of(1), on=date(2009, 3, 2))
    membership = group.memberships.get()
    if allowed:
        assert services.follow_up_book(membership=membership, planned_on=planned_on, coach=coach)
    else:
        with pytest.raises(ValidationError):
            services.follow_up_book(membership=membership, planned_on=planned_on, coach=coach)


def test_twelve_months_from_the_31st_ends_on_the_months_last_day():
    assert services.add_months(date(2009, 1, 31), 12) == date(2010, 1, 31)
    assert services.add_months(date(2008, 2, 29), 12) == date(2009, 2, 28)
    assert services.add_months(date(2009, 8, 31), 6) == date(2010, 2, 28)


def test_no_follow_up_before_the_group_started(group_of, coach):
    membership = group_of(1).memberships.get()
    with pytest.raises(ValidationError):
        services.follow_up_book(membership=membership, planned_on=date(2009, 4, 1), coach=coach)


def test_a_person_is_in_one_running_group_per_project(group_of, make_group, caseworker):
    first = group_of(1, name="Första")
    services.group_start(group=first, on=date(2009, 3, 2))
    person_case = first.memberships.get().case
    second = make_group(name="Andra")
    with pytest.raises(ValidationError) as error:
        services.membership_add(
            group=second, case=person_case, user=caseworker, on=date(2009, 4, 1)
        )
    assert (
        "Personen är redan med i gruppen Första i Coachningsgrupper i Rehabiliteringssamverkan."
        in error.value.messages
    )
    # After leaving, the person may join another group of the project.
    services.membership_leave(
        membership=first.memberships.get(),
        on=date(2009, 4, 1),
        reason="own_choice",
        user=caseworker,
    )
    services.membership_add(group=second, case=person_case, user=caseworker, on=date(2009, 4, 2))


def test_another_projects_group_is_allowed(group_of, make_group, caseworker):
    from cases.models import Project

    first = group_of(1)
    case = first.memberships.get().case
    humlor_group = make_group(name="Humlor", project=Project.objects.get(key="humlor"))
    services.membership_add(group=humlor_group, case=case, user=caseworker, on=date(2009, 3, 3))


def test_joining_a_group_enrolls_the_person_in_the_project(group_of):
    group = group_of(1)
    membership = group.memberships.get()
    enrollment = Enrollment.objects.get(person=membership.person, project=group.project)
    assert enrollment.start == date(2009, 3, 1)
    assert not enrollment.comparison_group


def test_attendance_is_saved_for_every_participant_in_bulk(group_of):
    group = group_of(4)
    session = services.session_create(group=group, on=date(2009, 3, 9), topic="Mål")
    ids = list(group.memberships.values_list("pk", flat=True))
    services.attendance_save(session=session, present={ids[0], ids[2]})
    assert dict(session.attendance.values_list("membership_id", "present")) == {
        ids[0]: True,
        ids[1]: False,
        ids[2]: True,
        ids[3]: False,
    }
    services.attendance_save(session=session, present={ids[1]})
    assert set(session.attendance.filter(present=True).values_list("membership_id", flat=True)) == {
        ids[1]
    }
    with pytest.raises(ValidationError):
        services.attendance_save(session=session, present={999_999})


def test_the_group_fills_from_the_queue_oldest_first_in_its_area(
    make_group, make_case, caseworker, coachning
):
    from cases.services import screening_create
    from coaching.models import Referral

    group = make_group(planned_start=date(2009, 3, 2))
    referrals = []
    for index, (municipality, day) in enumerate([("1280", 5), ("1280", 1), ("1281", 1)]):
        case = make_case(f"Köande{index}", municipality=municipality)
        screening = screening_create(
            case=case, project=coachning, on=date(2009, 2, day), screened_by=caseworker
        )
        referrals.append(
            services.referral_create(
                case=case,
                project=coachning,
                screening=screening,
                user=caseworker,
                on=date(2009, 2, day),
            )
        )
    placed = services.group_fill_from_queue(group=group, user=caseworker, on=date(2009, 2, 20))
    # Malmö's two, the one who waited longest first; Lund's stays in the queue.
    assert [m.person.first_name for m in placed] == ["Köande1", "Köande0"]
    assert Referral.objects.get(pk=referrals[2].pk).state == Referral.State.WAITING
    assert GroupMembership.objects.filter(group=group).count() == 2


def test_referral_needs_a_screening_that_allows_it(make_case, caseworker, coachning):
    from cases.services import screening_create

    case = make_case()
    case.benefit = "ingen"
    case.save()
    screening = screening_create(
        case=case, project=coachning, on=date(2009, 2, 1), screened_by=caseworker
    )
    with pytest.raises(ValidationError):
        services.referral_create(
            case=case, project=coachning, screening=screening, user=caseworker, on=date(2009, 2, 1)
        )
