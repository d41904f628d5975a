"""Reads for coaching. Coaches reach people only through their own groups."""

from __future__ import annotations

from django.db.models import Count, Min, Prefetch, Q, QuerySet

from cases.models import Person, identity_visible_expression

from .models import CoachingGroup, FollowUpMeeting, GroupMembership


def people_for_coach(user) -> QuerySet[Person]:
    """The participants (present or past) of the groups the user coaches."""
    if user.is_administrator:
        people = Person.objects.filter(group_memberships__isnull=False).distinct()
    else:
        people = Person.objects.filter(
            pk__in=GroupMembership.objects.filter(group__coaches=user).values("person_id")
        )
    return people.with_identity_for(user)


def group_members(group: CoachingGroup, user) -> list[GroupMembership]:
    """The group's participants with their next and due follow-ups, and whether the user
    may see each one's identity: one query."""
    from django.utils import timezone

    today = timezone.localdate()
    return list(
        group.memberships.select_related("person", "case")
        .annotate(identity_visible=identity_visible_expression(user, "person"))
        .annotate(
            next_follow_up=Min(
                "follow_ups__planned_on", filter=Q(follow_ups__held_on__isnull=True)
            ),
            due_follow_ups=Count(
                "follow_ups",
                filter=Q(follow_ups__held_on__isnull=True, follow_ups__planned_on__lte=today),
            ),
            held_follow_ups=Count("follow_ups", filter=Q(follow_ups__held_on__isnull=False)),
        )
        .order_by("left_on", "person__last_name", "pk")
    )


def participant_memberships(person: Person, user) -> QuerySet[GroupMembership]:
    memberships = GroupMembership.objects.filter(person=person)
    if not user.is_administrator:
        memberships = memberships.filter(group__coaches=user)
    return memberships.select_related("group__project").prefetch_related(
        Prefetch("follow_ups", queryset=FollowUpMeeting.objects.select_related("coach"))
    )
