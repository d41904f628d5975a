"""Reads shared by views and exports."""

from __future__ import annotations

import re

from django.db.models import Prefetch, Q, QuerySet

from .models import Enrollment, SickLeaveCase, StatusChange
from .personnummer import InvalidPersonnummer, parse_personnummer

_DIGITS = re.compile(r"^[\d\-+ ]+$")


def case_list(user) -> QuerySet[SickLeaveCase]:
    """The cases a user may see, with what a list row shows (one query for any page size)."""
    return (
        SickLeaveCase.objects.visible_to(user)
        .select_related("person", "team__organisation", "case_worker")
        .with_identity_for(user)
    )


def case_search(queryset: QuerySet[SickLeaveCase], term: str) -> QuerySet[SickLeaveCase]:
    """Cases whose person matches a personnummer or every word of a name.

    Protected people are only matched where the user may see their identity (the queryset
    must carry `identity_visible`, see `case_list`).
    """
    term = term.strip()
    if not term:
        return queryset
    if _DIGITS.match(term):
        try:
            condition = Q(person__personnummer=parse_personnummer(term).number)
        except InvalidPersonnummer:
            digits = re.sub(r"\D", "", term)
            condition = Q(person__personnummer__contains=digits)
    else:
        condition = Q()
        for word in term.split():
            condition &= Q(person__first_name__icontains=word) | Q(
                person__last_name__icontains=word
            )
    return queryset.filter(condition, identity_visible=True)


def case_detail(user, pk: int) -> SickLeaveCase:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        SickLeaveCase.objects.visible_to(user)
        .select_related("person", "team__organisation", "case_worker")
        .with_identity_for(user),
        pk=pk,
    )


def enrollments_of_person(person) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(person=person)
        .select_related("project")
        .prefetch_related(
            Prefetch("statuses", queryset=StatusChange.objects.order_by("-date", "-pk"))
        )
        .order_by("-start")
    )
