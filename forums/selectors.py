"""Reads for the forums. Forum members reach cases only through these."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from cases.models import MappingInterview, SickLeaveCase, identity_visible_expression

from .models import AgendaItem, Consent, Forum, ForumMeeting


def cases_for_forum_member(user) -> QuerySet[SickLeaveCase]:
    """Cases on an active agenda item of a planned or held meeting of a forum the user is a
    member of, as long as the person's consent to share the case stands."""
    items = AgendaItem.objects.active().filter(
        meeting__state__in=[ForumMeeting.State.PLANNED, ForumMeeting.State.HELD]
    )
    if not user.is_administrator:
        items = items.filter(meeting__forum__in=Forum.objects.visible_to(user).values("pk"))
    consented = Consent.objects.filter(case=OuterRef("pk"), withdrawn_on__isnull=True)
    return SickLeaveCase.objects.filter(pk__in=items.values("case_id")).filter(Exists(consented))


def agenda(meeting: ForumMeeting, user) -> list[AgendaItem]:
    """Every active item of a meeting with what the meeting needs, in a fixed number of
    queries: items with case, person, presenter and recommendation (1), the latest mapping
    interviews of those cases (1)."""
    items = list(
        meeting.agenda_items.active()
        .select_related("case__person", "case__team", "presenter", "recommendation__responsible")
        .prefetch_related(
            Prefetch(
                "case__mapping_interviews",
                queryset=MappingInterview.objects.order_by("-held_on", "-pk"),
                to_attr="interviews",
            )
        )
        .annotate(identity_visible=identity_visible_expression(user, "case__person"))
    )
    for item in items:
        # The case-level template filters read identity from the case.
        item.case.identity_visible = item.identity_visible
    return items
