"""Coaching's parts of the case page and the project page."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractYear

from cases.extensions import Section
from cases.models import Enrollment, Project, ProjectVolumePlan

from .models import CoachingGroup, GroupMembership, Referral
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


def volume_section(request, project) -> Section | None:
    """Participants and group starts per year against the project's plan, counted in SQL."""
    plans = {(plan.measure, plan.per): plan.quantity for plan in project.volume_plans.all()}
    participants = dict(
        Enrollment.objects.filter(project=project, comparison_group=False)
        .annotate(year=ExtractYear("start"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    starts = dict(
        CoachingGroup.objects.filter(project=project, started_on__isnull=False)
        .annotate(year=ExtractYear("started_on"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    years = range(project.start_date.year, project.end_date.year + 1)
    rows = [
        {
            "year": year,
            "participants": participants.get(year, 0),
            "participants_plan": plans.get(
                (ProjectVolumePlan.Measure.PARTICIPANTS, ProjectVolumePlan.Per.YEAR)
            ),
            "group_starts": starts.get(year, 0),
            "group_starts_plan": plans.get(
                (ProjectVolumePlan.Measure.GROUP_STARTS, ProjectVolumePlan.Per.YEAR)
            ),
        }
        for year in years
    ]
    waiting = Referral.objects.filter(project=project, state=Referral.State.WAITING).count()
    return Section(
        template="coaching/volume_section.html",
        context={
            "project": project,
            "rows": rows,
            "has_groups": project.key in COACHING_PROJECTS,
            "waiting": waiting,
        },
        order=10,
    )
