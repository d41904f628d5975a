"""Consent, agendas, meetings and recommendations: every rule of the forums in one place."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from cases.models import CaseEvent, SickLeaveCase
from cases.services import timeline_record

from .models import AgendaItem, Consent, Forum, ForumMeeting, Recommendation

VAGVAL_FIRST_DAY = 366  # the target group: sick leave longer than 365 days


# --- Consent --------------------------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    case: SickLeaveCase,
    user: User,
    given_on: date,
    agencies: Iterable[Organisation],
    purpose: str,
) -> Consent:
    agencies = list(agencies)
    if not agencies:
        raise ValidationError({"agencies": _("Choose at least one agency.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    consent = Consent.objects.create(
        case=case, given_on=given_on, purpose=purpose, recorded_by=user
    )
    consent.agencies.set(agencies)
    timeline_record(
        case=case,
        kind=CaseEvent.Kind.CONSENT,
        title=_("Consent to share the case recorded"),
        body=_("Agencies: %(agencies)s\nPurpose: %(purpose)s")
        % {"agencies": ", ".join(a.name for a in agencies), "purpose": purpose},
        author=user,
        occurred_on=given_on,
    )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, user: User, on: date) -> list[AgendaItem]:
    """Record the withdrawal; the case leaves every coming meeting it is no longer
    covered for. Returns the agenda items taken off."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if not consent.is_active:
        raise ValidationError(_("The consent has already been withdrawn."))
    consent.withdrawn_on = on
    consent.withdrawn_by = user
    consent.save(update_fields=["withdrawn_on", "withdrawn_by"])
    timeline_record(
        case=consent.case,
        kind=CaseEvent.Kind.CONSENT,
        title=_("Consent withdrawn"),
        author=user,
        occurred_on=on,
    )
    removed = []
    coming = (
        AgendaItem.objects.active()
        .filter(
            case=consent.case,
            meeting__state=ForumMeeting.State.PLANNED,
            meeting__date__gte=timezone.localdate(),
        )
        .select_related("meeting__forum")
    )
    for item in coming:
        if missing_consent(consent.case, item.meeting.forum):
            _take_off_agenda(item, user, _("Consent withdrawn"))
            removed.append(item)
    return removed


def _take_off_agenda(item: AgendaItem, user: User | None, reason: str) -> None:
    item.removed_at = timezone.now()
    item.removed_reason = reason
    item.save(update_fields=["removed_at", "removed_reason"])
    timeline_record(
        case=item.case,
        kind=CaseEvent.Kind.FORUM,
        title=_("Taken off the agenda of %(meeting)s: %(reason)s")
        % {"meeting": item.meeting, "reason": reason},
        author=user,
    )


def required_agencies(case: SickLeaveCase, forum: Forum) -> set[Organisation]:
    """The agencies a forum shares the case with: the forum's owner and its members'
    organisations, except the case's own."""
    organisations = {forum.organisation}
    organisations.update(
        Organisation.objects.filter(teams__members__forum_memberships__forum=forum).distinct()
    )
    own = case.team.organisation if case.team_id else None
    return {org for org in organisations if org != own}


def missing_consent(case: SickLeaveCase, forum: Forum) -> set[Organisation]:
    """Agencies the forum needs that no active consent of the case covers."""
    covered = set(
        Organisation.objects.filter(
            pk__in=Consent.agencies.through.objects.filter(
                consent__case=case, consent__withdrawn_on__isnull=True
            ).values("organisation_id")
        )
    )
    return required_agencies(case, forum) - covered


# --- Agenda ---------------------------------------------------------------------------------------


@transaction.atomic
def agenda_item_add(
    *,
    case: SickLeaveCase,
    meeting: ForumMeeting,
    presenter: User,
    question: str,
    target_group_reason: str = "",
) -> AgendaItem:
    meeting = ForumMeeting.objects.select_for_update().select_related("forum").get(pk=meeting.pk)
    if meeting.state != ForumMeeting.State.PLANNED or meeting.date < timezone.localdate():
        raise ValidationError({"meeting": _("Choose a coming, planned meeting.")})
    if AgendaItem.objects.active().filter(meeting=meeting, case=case).exists():
        raise ValidationError({"meeting": _("The case is already on this meeting's agenda.")})
    missing = missing_consent(case, meeting.forum)
    if missing:
        raise ValidationError(
            _("The person's consent does not cover %(agencies)s. Record the consent first.")
            % {"agencies": ", ".join(sorted(org.name for org in missing))}
        )
    sick_day = case.sick_day_on(meeting.date)
    if (
        meeting.forum.kind == meeting.forum.Kind.VAGVAL
        and sick_day < VAGVAL_FIRST_DAY
        and not target_group_reason.strip()
    ):
        raise ValidationError(
            {
                "target_group_reason": _(
                    "On the meeting day the case is at sick day %(day)s; Vägvalsforum is for "
                    "sick leave longer than 365 days. Write why the case should be brought "
                    "anyway."
                )
                % {"day": sick_day}
            }
        )
    last = meeting.agenda_items.active().aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        presenter=presenter,
        question=question,
        target_group_reason=target_group_reason.strip(),
        order=last + 1,
    )
    timeline_record(
        case=case,
        kind=CaseEvent.Kind.FORUM,
        title=_("Put on the agenda of %(meeting)s") % {"meeting": meeting},
        body=question,
        author=presenter,
    )
    return item


# --- Meetings -------------------------------------------------------------------------------------


def meeting_create(*, forum: Forum, on: date, start_time: time, place: str) -> ForumMeeting:
    if on < timezone.localdate():
        raise ValidationError({"date": _("A new meeting cannot be in the past.")})
    meeting = ForumMeeting(forum=forum, date=on, start_time=start_time, place=place)
    meeting.full_clean()
    meeting.save()
    return meeting


def _require_planned(meeting: ForumMeeting) -> None:
    if meeting.state != ForumMeeting.State.PLANNED:
        raise ValidationError(
            _("The meeting is %(state)s and can no longer be changed.")
            % {"state": meeting.get_state_display().lower()}
        )


@transaction.atomic
def attendance_record(*, meeting: ForumMeeting, attendees: Iterable[User]) -> None:
    _require_planned(meeting)
    members = set(meeting.forum.memberships.values_list("user_id", flat=True))
    attendees = list(attendees)
    if any(user.pk not in members for user in attendees):
        raise ValidationError(_("Only members of the forum can attend."))
    meeting.attendees.set(attendees)


@transaction.atomic
def recommendation_record(
    *,
    item: AgendaItem,
    user: User,
    way_forward: str,
    motivation: str,
    responsible: User,
    follow_up_on: date | None,
) -> Recommendation:
    _require_planned(item.meeting)
    if follow_up_on and follow_up_on < item.meeting.date:
        raise ValidationError({"follow_up_on": _("The follow-up cannot be before the meeting.")})
    recommendation, created = Recommendation.objects.update_or_create(
        agenda_item=item,
        defaults={
            "way_forward": way_forward,
            "motivation": motivation,
            "responsible": responsible,
            "follow_up_on": follow_up_on,
            "recorded_by": user,
        },
    )
    body = motivation
    if follow_up_on:
        body += "\n" + _("Follow-up %(date)s by %(who)s") % {
            "date": follow_up_on.isoformat(),
            "who": responsible,
        }
    timeline_record(
        case=item.case,
        kind=CaseEvent.Kind.FORUM,
        title=(
            _("Recommendation of %(forum)s: %(way)s")
            if created
            else _("Recommendation of %(forum)s changed: %(way)s")
        )
        % {"forum": item.meeting.forum.name, "way": recommendation.get_way_forward_display()},
        body=body,
        author=user,
        occurred_on=item.meeting.date,
    )
    return recommendation


@transaction.atomic
def meeting_mark_held(*, meeting: ForumMeeting, user: User) -> ForumMeeting:
    meeting = ForumMeeting.objects.select_for_update().get(pk=meeting.pk)
    _require_planned(meeting)
    if not meeting.attendees.exists():
        raise ValidationError(_("Record who attended before marking the meeting held."))
    without = meeting.agenda_items.active().filter(recommendation__isnull=True)
    if without.exists():
        raise ValidationError(
            _("Items %(numbers)s have no recommendation yet.")
            % {"numbers": ", ".join(str(item.order) for item in without)}
        )
    meeting.state = ForumMeeting.State.HELD
    meeting.held_at = timezone.now()
    meeting.save(update_fields=["state", "held_at"])
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: ForumMeeting, user: User) -> ForumMeeting:
    meeting = ForumMeeting.objects.select_for_update().get(pk=meeting.pk)
    _require_planned(meeting)
    meeting.state = ForumMeeting.State.CANCELLED
    meeting.save(update_fields=["state"])
    for item in meeting.agenda_items.active().select_related("case"):
        # Off the agenda: the forum no longer has a reason to see the case.
        item.removed_at = timezone.now()
        item.removed_reason = _("The meeting was cancelled")
        item.save(update_fields=["removed_at", "removed_reason"])
        timeline_record(
            case=item.case,
            kind=CaseEvent.Kind.FORUM,
            title=_("The meeting %(meeting)s was cancelled") % {"meeting": meeting},
            author=user,
        )
    return meeting


@transaction.atomic
def follow_up_done(*, recommendation: Recommendation, user: User) -> Recommendation:
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    if recommendation.follow_up_done_at:
        return recommendation
    recommendation.follow_up_done_at = timezone.now()
    recommendation.save(update_fields=["follow_up_done_at"])
    timeline_record(
        case=recommendation.agenda_item.case,
        kind=CaseEvent.Kind.FORUM,
        title=_("Forum recommendation followed up: %(way)s")
        % {"way": recommendation.get_way_forward_display()},
        author=user,
    )
    return recommendation
