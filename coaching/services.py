"""Every rule of coaching in one place, each refused with a clear Swedish error.

- at most 10 participants in a group;
- a group cannot start without two coaches;
- at most 6 group starts per labour-market area per calendar year;
- individual follow-up runs up to 12 months after the group's start;
- a person is in at most one running (or planned) group per project.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import COACH_GROUPS
from cases import services as case_services
from cases.models import CaseEvent, Enrollment, Person, Project, Screening, SickLeaveCase

from .models import (
    CoachingGroup,
    FollowUpMeeting,
    GroupMembership,
    LabourMarketArea,
    Referral,
    Session,
    SessionAttendance,
)

MAX_STARTS_PER_AREA_AND_YEAR = 6
FOLLOW_UP_MONTHS = 12
# The projects whose method is coaching in groups (seeds 000 and 002).
COACHING_PROJECTS = ("humlor", "coachning")
ACTIVE_STATES = (CoachingGroup.State.PLANNED, CoachingGroup.State.RUNNING)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 29th–31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_deadline(group: CoachingGroup) -> date | None:
    return add_months(group.started_on, FOLLOW_UP_MONTHS) if group.started_on else None


def area_for(person: Person) -> LabourMarketArea | None:
    code = person.municipality_code
    if not code:
        return None
    for area in LabourMarketArea.objects.all():
        if code in area.codes:
            return area
    return None


# --- Referral ------------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *, case: SickLeaveCase, project: Project, screening: Screening, user: User, on: date
) -> Referral:
    if project.key not in COACHING_PROJECTS:
        raise ValidationError(_("%(project)s has no coaching groups.") % {"project": project.name})
    if screening.case_id != case.pk or screening.project_id != project.pk:
        raise ValidationError(_("The screening is of another case or project."))
    if not screening.may_proceed:
        raise ValidationError(
            _("The screening says the person is not eligible; override it with a reason first.")
        )
    if Referral.objects.filter(case=case, project=project, state=Referral.State.WAITING).exists():
        raise ValidationError(_("The person is already waiting for a group."))
    if _active_membership(case.person, project) is not None:
        raise ValidationError(
            _("The person is already in a group of %(project)s.") % {"project": project.name}
        )
    referral = Referral.objects.create(
        case=case,
        project=project,
        screening=screening,
        area=area_for(case.person),
        referred_by=user,
        referred_on=on,
    )
    case_services.timeline_record(
        case=case,
        kind=CaseEvent.Kind.COACHING,
        title=_("Referred to coaching in %(project)s") % {"project": project.name},
        body=_("Labour-market area: %(area)s") % {"area": referral.area or _("not known")},
        author=user,
        occurred_on=on,
    )
    return referral


@transaction.atomic
def referral_batch(
    *, cases: Iterable[SickLeaveCase], project: Project, user: User, on: date
) -> list[Referral]:
    """Screen each case and refer those eligible: Humlor refers in batches of ten."""
    referrals = []
    for case in cases:
        screening = case_services.screening_create(
            case=case, project=project, on=on, screened_by=user
        )
        if screening.eligible:
            referrals.append(
                referral_create(case=case, project=project, screening=screening, user=user, on=on)
            )
    return referrals


@transaction.atomic
def referral_withdraw(*, referral: Referral, user: User) -> None:
    if referral.state != Referral.State.WAITING:
        raise ValidationError(_("Only a waiting referral can be withdrawn."))
    referral.state = Referral.State.WITHDRAWN
    referral.save(update_fields=["state"])
    case_services.timeline_record(
        case=referral.case,
        kind=CaseEvent.Kind.COACHING,
        title=_("Referral to coaching withdrawn"),
        author=user,
    )


# --- Groups ------------------------------------------------------------------------------------


def _check_coaches(coaches: list[User]) -> None:
    if len(coaches) > CoachingGroup.COACHES:
        raise ValidationError({"coaches": _("A group has two coaches, not more.")})
    if any(not coach.has_perm(COACH_GROUPS) for coach in coaches):
        raise ValidationError({"coaches": _("Only coaches can lead a group.")})


@transaction.atomic
def group_create(
    *,
    name: str,
    project: Project,
    area: LabourMarketArea,
    planned_start: date,
    coaches: Iterable[User],
) -> CoachingGroup:
    coaches = list(coaches)
    _check_coaches(coaches)
    if project.key not in COACHING_PROJECTS:
        raise ValidationError(
            {"project": _("%(project)s has no coaching groups.") % {"project": project.name}}
        )
    group = CoachingGroup(name=name, project=project, area=area, planned_start=planned_start)
    group.full_clean()
    group.save()
    group.coaches.set(coaches)
    return group


@transaction.atomic
def group_set_coaches(*, group: CoachingGroup, coaches: Iterable[User]) -> None:
    coaches = list(coaches)
    _check_coaches(coaches)
    if group.state == CoachingGroup.State.RUNNING and len(coaches) < CoachingGroup.COACHES:
        raise ValidationError({"coaches": _("A running group needs two coaches.")})
    group.coaches.set(coaches)


def _active_membership(person: Person, project: Project) -> GroupMembership | None:
    return (
        GroupMembership.objects.active()
        .filter(person=person, group__project=project, group__state__in=ACTIVE_STATES)
        .select_related("group")
        .first()
    )


@transaction.atomic
def membership_add(
    *, group: CoachingGroup, case: SickLeaveCase, user: User, on: date
) -> GroupMembership:
    group = CoachingGroup.objects.select_for_update().select_related("project").get(pk=group.pk)
    if group.state not in ACTIVE_STATES:
        raise ValidationError(
            _("The group is %(state)s; no one can join it.")
            % {"state": group.get_state_display().lower()}
        )
    if group.memberships.active().count() >= CoachingGroup.MAX_PARTICIPANTS:
        raise ValidationError(
            _("The group is full: at most %(n)s participants.")
            % {"n": CoachingGroup.MAX_PARTICIPANTS}
        )
    other = _active_membership(case.person, group.project)
    if other is not None:
        raise ValidationError(
            _("The person is already in the group %(group)s of %(project)s.")
            % {"group": other.group.name, "project": group.project.name}
        )
    membership = GroupMembership.objects.create(
        group=group, person=case.person, case=case, joined_on=on
    )
    if not Enrollment.objects.filter(person=case.person, project=group.project).exists():
        # Joining a group is taking part in the project: it counts in the reports.
        case_services.enrollment_create(case=case, project=group.project, author=user, start=on)
    case_services.timeline_record(
        case=case,
        kind=CaseEvent.Kind.COACHING,
        title=_("Joined the coaching group %(group)s") % {"group": group.name},
        author=user,
        occurred_on=on,
    )
    return membership


@transaction.atomic
def referral_place(
    *, referral: Referral, group: CoachingGroup, user: User, on: date
) -> GroupMembership:
    referral = (
        Referral.objects.select_for_update().select_related("case__person").get(pk=referral.pk)
    )
    if referral.state != Referral.State.WAITING:
        raise ValidationError(_("The referral is no longer waiting."))
    if referral.project_id != group.project_id:
        raise ValidationError(_("The group belongs to another project than the referral."))
    membership = membership_add(group=group, case=referral.case, user=user, on=on)
    referral.state = Referral.State.PLACED
    referral.membership = membership
    referral.save(update_fields=["state", "membership"])
    return membership


def waiting_referrals(project: Project, area: LabourMarketArea):
    return (
        Referral.objects.filter(project=project, area=area, state=Referral.State.WAITING)
        .select_related("case__person")
        .order_by("referred_on", "pk")
    )


@transaction.atomic
def group_fill_from_queue(*, group: CoachingGroup, user: User, on: date) -> list[GroupMembership]:
    """Fill the free places with those who have waited longest in the group's area."""
    free = CoachingGroup.MAX_PARTICIPANTS - group.memberships.active().count()
    placed = []
    for referral in waiting_referrals(group.project, group.area):
        if len(placed) >= free:
            break
        try:
            placed.append(referral_place(referral=referral, group=group, user=user, on=on))
        except ValidationError:
            continue  # e.g. already in another group of the project: stays in the queue
    return placed


def starts_in(area: LabourMarketArea, year: int) -> int:
    return CoachingGroup.objects.filter(
        area=area,
        started_on__year=year,
        state__in=[CoachingGroup.State.RUNNING, CoachingGroup.State.FINISHED],
    ).count()


@transaction.atomic
def group_start(*, group: CoachingGroup, on: date) -> CoachingGroup:
    group = CoachingGroup.objects.select_for_update().select_related("area").get(pk=group.pk)
    if group.state != CoachingGroup.State.PLANNED:
        raise ValidationError(_("Only a planned group can start."))
    if group.coaches.count() < CoachingGroup.COACHES:
        raise ValidationError(_("A group cannot start without two coaches."))
    if not group.memberships.active().exists():
        raise ValidationError(_("The group has no participants yet."))
    # Lock the area's groups so two starts at once cannot both pass the count.
    list(CoachingGroup.objects.select_for_update().filter(area=group.area).values_list("pk"))
    if starts_in(group.area, on.year) >= MAX_STARTS_PER_AREA_AND_YEAR:
        raise ValidationError(
            _("%(area)s already has %(n)s group starts in %(year)s, the most allowed.")
            % {"area": group.area.name, "n": MAX_STARTS_PER_AREA_AND_YEAR, "year": on.year}
        )
    group.state = CoachingGroup.State.RUNNING
    group.started_on = on
    group.save(update_fields=["state", "started_on"])
    for membership in group.memberships.active().select_related("case"):
        if membership.case_id:
            case_services.timeline_record(
                case=membership.case,
                kind=CaseEvent.Kind.COACHING,
                title=_("The coaching group %(group)s started") % {"group": group.name},
                occurred_on=on,
            )
    return group


@transaction.atomic
def group_finish(*, group: CoachingGroup, on: date) -> CoachingGroup:
    if group.state != CoachingGroup.State.RUNNING:
        raise ValidationError(_("Only a running group can finish."))
    if on < group.started_on:
        raise ValidationError(_("The group cannot finish before it started."))
    group.state = CoachingGroup.State.FINISHED
    group.finished_on = on
    group.save(update_fields=["state", "finished_on"])
    return group


@transaction.atomic
def group_cancel(*, group: CoachingGroup, user: User) -> CoachingGroup:
    if group.state != CoachingGroup.State.PLANNED:
        raise ValidationError(_("Only a planned group can be cancelled."))
    group.state = CoachingGroup.State.CANCELLED
    group.save(update_fields=["state"])
    for membership in group.memberships.active().select_related("case"):
        membership.left_on = timezone.localdate()
        membership.leave_reason = GroupMembership.LeaveReason.OTHER
        membership.save(update_fields=["left_on", "leave_reason"])
        if membership.case_id:
            case_services.timeline_record(
                case=membership.case,
                kind=CaseEvent.Kind.COACHING,
                title=_("The coaching group %(group)s was cancelled") % {"group": group.name},
                author=user,
            )
    return group


@transaction.atomic
def membership_leave(*, membership: GroupMembership, on: date, reason: str, user: User) -> None:
    if membership.left_on:
        raise ValidationError(_("The participant has already left."))
    if on < membership.joined_on:
        raise ValidationError({"left_on": _("The date cannot be before joining.")})
    membership.left_on = on
    membership.leave_reason = reason
    membership.save(update_fields=["left_on", "leave_reason"])
    if membership.case_id:
        case_services.timeline_record(
            case=membership.case,
            kind=CaseEvent.Kind.COACHING,
            title=_("Left the coaching group %(group)s: %(reason)s")
            % {"group": membership.group.name, "reason": membership.get_leave_reason_display()},
            author=user,
            occurred_on=on,
        )


# --- Sessions and attendance -----------------------------------------------------------------


def session_create(*, group: CoachingGroup, on: date, topic: str) -> Session:
    if group.state not in ACTIVE_STATES:
        raise ValidationError(_("Sessions can be planned for planned or running groups only."))
    if group.sessions.filter(date=on).exists():
        raise ValidationError({"date": _("The group already has a session that day.")})
    return Session.objects.create(group=group, date=on, topic=topic)


@transaction.atomic
def attendance_save(*, session: Session, present: set[int]) -> None:
    """Attendance of every active participant, saved in bulk: present or not."""
    memberships = list(session.group.memberships.active().values_list("pk", flat=True))
    unknown = present - set(memberships)
    if unknown:
        raise ValidationError(_("Only the group's participants can attend."))
    existing = {a.membership_id: a for a in session.attendance.all()}
    new, changed = [], []
    for pk in memberships:
        is_present = pk in present
        record = existing.get(pk)
        if record is None:
            new.append(SessionAttendance(session=session, membership_id=pk, present=is_present))
        elif record.present != is_present:
            record.present = is_present
            changed.append(record)
    SessionAttendance.objects.bulk_create(new)
    SessionAttendance.objects.bulk_update(changed, ["present"])


# --- Individual follow-up -----------------------------------------------------------------------


@transaction.atomic
def follow_up_book(
    *, membership: GroupMembership, planned_on: date, coach: User
) -> FollowUpMeeting:
    group = membership.group
    if group.started_on is None:
        raise ValidationError({"planned_on": _("Follow-up is booked once the group has started.")})
    deadline = follow_up_deadline(group)
    if planned_on < group.started_on:
        raise ValidationError(
            {"planned_on": _("The follow-up cannot be before the group started.")}
        )
    if planned_on > deadline:
        raise ValidationError(
            {
                "planned_on": _(
                    "Individual coaching runs up to 12 months after the group's start, "
                    "that is until %(deadline)s."
                )
                % {"deadline": deadline.isoformat()}
            }
        )
    meeting = FollowUpMeeting.objects.create(
        membership=membership, planned_on=planned_on, coach=coach
    )
    if membership.case_id:
        case_services.timeline_record(
            case=membership.case,
            kind=CaseEvent.Kind.COACHING,
            title=_("Individual coaching booked for %(date)s") % {"date": planned_on.isoformat()},
            author=coach,
        )
    return meeting


@transaction.atomic
def follow_up_record(*, meeting: FollowUpMeeting, held_on: date, notes: str) -> FollowUpMeeting:
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A meeting cannot be held in the future.")})
    meeting.held_on = held_on
    meeting.notes = notes
    meeting.save(update_fields=["held_on", "notes"])
    return meeting
