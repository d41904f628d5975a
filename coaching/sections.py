"""Coaching's part of the case page."""

from __future__ import annotations

from cases.extensions import Section
from cases.models import Project

from .models import GroupMembership
from .services import COACHING_PROJECTS


def coaching_case_section(request, case) -> Section:
    # Three queries: the referrals of the case, the person's group memberships, and the
    # projects that coach in groups (for the referral form).
    referrals = list(
        case.coaching_referrals.select_related("project", "area").order_by("-referred_on")
    )
    memberships = list(
        GroupMembership.objects.filter(person_id=case.person_id)
        .select_related("group__project")
        .order_by("-joined_on")
    )
    return Section(
        template="coaching/case_section.html",
        context={
            "case": case,
            "referrals": referrals,
            "memberships": memberships,
            "coaching_projects": list(Project.objects.filter(key__in=COACHING_PROJECTS)),
        },
        order=20,
    )
