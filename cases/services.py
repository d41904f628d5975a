"""Writes that carry a rule: registering cases, the timeline, enrollments, statuses, the log.

Every change to a case goes through here, and every change leaves an entry on the case's
timeline (timeline_record), so the timeline is the case's complete history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from . import eligibility
from .models import (
    AccessLogEntry,
    CaseEvent,
    Enrollment,
    MappingInterview,
    Person,
    Project,
    Screening,
    SickLeaveCase,
    StatusChange,
)

# --- The access log --------------------------------------------------------------------------


def client_address(request) -> str | None:
    """The client's address as the web server saw it (the proxy's, when behind one)."""
    return request.META.get("REMOTE_ADDR") or None


def access_log_record(
    *,
    user: User | None,
    action: str,
    what: str,
    person: Person | None = None,
    case: SickLeaveCase | None = None,
    ip_address: str | None = None,
) -> AccessLogEntry:
    if case is not None and person is None:
        person = case.person
    return AccessLogEntry.objects.create(
        user=user,
        action=action,
        what=what[:200],
        person=person,
        case=case,
        ip_address=ip_address,
    )


def access_log_record_many(
    *,
    user: User | None,
    action: str,
    what: str,
    person_ids: Iterable[int],
    ip_address: str | None = None,
) -> int:
    """One row per person touched by an export or import (so a search by person finds it)."""
    entries = [
        AccessLogEntry(
            user=user, action=action, what=what[:200], person_id=pk, ip_address=ip_address
        )
        for pk in sorted(set(person_ids))
    ]
    AccessLogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


# --- The timeline ----------------------------------------------------------------------------


def timeline_record(
    *,
    case: SickLeaveCase,
    kind: str,
    title: str,
    body: str = "",
    author: User | None = None,
    occurred_on: date | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        kind=kind,
        title=title[:200],
        body=body,
        author=author,
        occurred_on=occurred_on or timezone.localdate(),
    )


@transaction.atomic
def note_add(
    *,
    case: SickLeaveCase,
    author: User,
    kind: str,
    title: str,
    body: str,
    occurred_on: date,
) -> CaseEvent:
    if kind not in (CaseEvent.Kind.NOTE, CaseEvent.Kind.DECISION):
        raise ValidationError(_("Only notes and decisions can be written by hand."))
    return timeline_record(
        case=case, kind=kind, title=title, body=body, author=author, occurred_on=occurred_on
    )


# --- People and cases ------------------------------------------------------------------------

PERSON_FIELDS = ("first_name", "last_name", "municipality_code", "understands_swedish")


@transaction.atomic
def case_register(
    *,
    author: User,
    personnummer: str,
    person_fields: dict[str, Any],
    case_fields: dict[str, Any],
) -> SickLeaveCase:
    """Register a new sick-leave case in the author's team, assigned to the author.

    The person is found by personnummer or created; their details are updated from
    what the author entered.
    """
    person = Person(personnummer=personnummer)
    person.clean()  # normalises the number to 12 digits, derives birth date and gender
    existing = Person.objects.select_for_update().filter(personnummer=person.personnummer).first()
    if existing is not None:
        person = existing
    for field in PERSON_FIELDS:
        if field in person_fields:
            setattr(person, field, person_fields[field])
    if "protected_identity" in person_fields and person_fields["protected_identity"]:
        person.protected_identity = True
    person.full_clean()
    person.save()

    case = SickLeaveCase(person=person, team=author.team, case_worker=author, **case_fields)
    case.full_clean()
    case.save()
    timeline_record(
        case=case,
        kind=CaseEvent.Kind.CREATED,
        title=_("Case registered"),
        author=author,
        occurred_on=timezone.localdate(),
    )
    return case


@transaction.atomic
def case_update(
    *,
    case: SickLeaveCase,
    author: User,
    case_fields: dict[str, Any],
    person_fields: dict[str, Any] | None = None,
) -> list[str]:
    """Change a case (and its person's details); returns the labels of what changed.

    Compares with the stored row, not with `case`, which a form may already have changed.
    """
    stored = SickLeaveCase.objects.select_for_update().select_related("person").get(pk=case.pk)
    changed: list[str] = []
    for field, value in case_fields.items():
        if getattr(stored, field) != value:
            setattr(stored, field, value)
            changed.append(str(SickLeaveCase._meta.get_field(field).verbose_name))
    person = stored.person
    for field, value in (person_fields or {}).items():
        if getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(str(Person._meta.get_field(field).verbose_name))
    if not changed:
        return []
    person.full_clean()
    person.save()
    stored.full_clean()
    stored.save()
    timeline_record(
        case=stored,
        kind=CaseEvent.Kind.UPDATED,
        title=_("Case updated"),
        body=_("Changed: %(fields)s") % {"fields": ", ".join(changed)},
        author=author,
    )
    return changed


@transaction.atomic
def mapping_interview_record(
    *, case: SickLeaveCase, interviewer: User, **fields: Any
) -> MappingInterview:
    interview = MappingInterview(case=case, interviewer=interviewer, **fields)
    interview.full_clean()
    interview.save()
    timeline_record(
        case=case,
        kind=CaseEvent.Kind.MAPPING_INTERVIEW,
        title=_("Mapping interview held"),
        body=_("Own goal: %(goal)s\nExpects to return to work: %(expectation)s")
        % {"goal": interview.own_goal, "expectation": interview.get_return_expectation_display()},
        author=interviewer,
        occurred_on=interview.held_on,
    )
    return interview


# --- Projects ---------------------------------------------------------------------------------


@transaction.atomic
def enrollment_create(
    *,
    case: SickLeaveCase,
    project: Project,
    author: User,
    start: date,
    end: date | None = None,
    entry_route: str = "",
    comparison_group: bool = False,
    decided_on: date | None = None,
) -> Enrollment:
    if Enrollment.objects.filter(person=case.person, project=project).exists():
        raise ValidationError(
            _("The person is already enrolled in %(project)s.") % {"project": project.name}
        )
    if entry_route and project.key != "kundlinjen":
        raise ValidationError({"entry_route": _("Only Kundlinjen has entry routes.")})
    enrollment = Enrollment(
        person=case.person,
        project=project,
        case=case,
        start=start,
        end=end,
        entry_route=entry_route,
        comparison_group=comparison_group,
        decided_on=decided_on,
    )
    enrollment.full_clean()
    enrollment.save()
    title = (
        _("Placed in the comparison group of %(project)s")
        if comparison_group
        else _("Enrolled in %(project)s")
    ) % {"project": project.name}
    timeline_record(
        case=case, kind=CaseEvent.Kind.ENROLLMENT, title=title, author=author, occurred_on=start
    )
    return enrollment


@transaction.atomic
def status_change_record(
    *, enrollment: Enrollment, author: User | None, on: date, status: str
) -> StatusChange:
    """Record (or correct) the enrollment's status on a day; one status per day."""
    if on < enrollment.start:
        raise ValidationError({"date": _("The date cannot be before the enrollment's start.")})
    change, _created = StatusChange.objects.update_or_create(
        enrollment=enrollment, date=on, defaults={"status": status, "recorded_by": author}
    )
    if enrollment.case_id:
        timeline_record(
            case=enrollment.case,
            kind=CaseEvent.Kind.STATUS_CHANGE,
            title=_("%(project)s: %(status)s")
            % {"project": enrollment.project.name, "status": change.get_status_display()},
            author=author,
            occurred_on=on,
        )
    return change


# --- Screening -----------------------------------------------------------------------------------


@transaction.atomic
def screening_create(
    *, case: SickLeaveCase, project: Project, on: date, screened_by: User
) -> Screening:
    """Screen a case against the project's rules on a date and save the result for good."""
    # The stored values, not whatever the caller's instance holds.
    case = SickLeaveCase.objects.select_related("person").get(pk=case.pk)
    if not case.is_open_on(on):
        raise ValidationError(
            {"on": _("The case is not open on %(date)s.") % {"date": on.isoformat()}}
        )
    rule_set = eligibility.rule_set_for(project.key)
    data, verdict = eligibility.screen_case(case, project.key, on)
    screening = Screening.objects.create(
        case=case,
        project=project,
        screening_date=on,
        screened_by=screened_by,
        rule_set=rule_set.project_key,
        rule_set_version=rule_set.version,
        inputs=data.as_json(),
        results=[
            {"key": r.key, "label": r.label, "outcome": r.outcome, "reason": r.reason}
            for r in verdict.results
        ],
        eligible=verdict.eligible,
    )
    timeline_record(
        case=case,
        kind=CaseEvent.Kind.SCREENING,
        title=(
            _("Screened against %(project)s: eligible")
            if verdict.eligible
            else _("Screened against %(project)s: not eligible")
        )
        % {"project": project.name},
        body="\n".join(f"{r.label}: {r.outcome_label} – {r.reason}" for r in verdict.results),
        author=screened_by,
        occurred_on=on,
    )
    return screening


@transaction.atomic
def screening_override(*, screening: Screening, user: User, reason: str) -> Screening:
    """A case worker's written decision to go ahead although the rules say no."""
    screening = Screening.objects.select_for_update().get(pk=screening.pk)
    if screening.eligible:
        raise ValidationError(_("The screening is already eligible; there is nothing to override."))
    if screening.overridden:
        raise ValidationError(_("The screening has already been overridden."))
    reason = reason.strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Write a reason of at least a sentence.")})
    screening.override_reason = reason
    screening.overridden_by = user
    screening.overridden_at = timezone.now()
    screening.save(update_fields=["override_reason", "overridden_by", "overridden_at"])
    timeline_record(
        case=screening.case,
        kind=CaseEvent.Kind.DECISION,
        title=_("Screening against %(project)s overridden") % {"project": screening.project.name},
        body=reason,
        author=user,
    )
    return screening
