"""The project page's figures: goals with the latest results, volume against plan per
year, and for 4-Ess the sick absence month by month. Everything counted in SQL."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cases.extensions import Section
from cases.models import Enrollment, MappingInterview, MunicipalAbsence, ProjectVolumePlan
from coaching.models import CoachingGroup
from coaching.services import COACHING_PROJECTS

from .indicators import MAN, WOMAN, compute_report
from .labels import display_value, label
from .models import ReportRun
from .periods import parse_period

Measure, Per = ProjectVolumePlan.Measure, ProjectVolumePlan.Per


def project_section(request, project) -> Section:
    report = compute_report(project, parse_period("all", project))
    goals = [
        {
            "label": label(indicator["key"]),
            "target": display_value(indicator["key"], indicator["target"]),
            "comparison": indicator["target_comparison"],
            "goal_met": indicator["goal_met"],
            "values": [
                display_value(indicator["key"], indicator[g]["value"])
                for g in ("women", "men", "total")
            ],
            "counts": [
                f"{indicator[g]['numerator']} / {indicator[g]['denominator']}"
                for g in ("women", "men", "total")
            ],
            "key": indicator["key"],
        }
        for indicator in report["indicators"]
        if indicator["target"] is not None
    ]
    return Section(
        template="reporting/project_section.html",
        context={
            "project": project,
            "goals": goals,
            "volume": volume(project),
            "absence_chart": absence_chart(project) if project.key == "4ess" else None,
            "latest_run": ReportRun.objects.filter(project=project, built_at__isnull=False)
            .defer("data")
            .order_by("-built_at")
            .first(),
        },
        order=5,
    )


def _per_year(queryset, field: str) -> dict[int, int]:
    return dict(
        queryset.annotate(year=ExtractYear(field))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )


def volume(project) -> dict:
    plans = {(plan.measure, plan.per): plan.quantity for plan in project.volume_plans.all()}
    enrollments = Enrollment.objects.filter(project=project, comparison_group=False)
    participants = _per_year(enrollments, "start")
    young = (
        _per_year(enrollments.filter(entry_route="d"), "start")
        if project.key == "kundlinjen"
        else {}
    )
    has_groups = project.key in COACHING_PROJECTS
    starts = (
        _per_year(
            CoachingGroup.objects.filter(project=project, started_on__isnull=False), "started_on"
        )
        if has_groups
        else {}
    )
    rows = [
        {
            "year": year,
            "participants": participants.get(year, 0),
            "participants_plan": plans.get((Measure.PARTICIPANTS, Per.YEAR)),
            "young": young.get(year, 0),
            "young_plan": plans.get((Measure.PARTICIPANTS_ROUTE_D, Per.YEAR)),
            "group_starts": starts.get(year, 0),
            "group_starts_plan": plans.get((Measure.GROUP_STARTS, Per.YEAR)),
        }
        for year in range(project.start_date.year, project.end_date.year + 1)
    ]
    totals = []
    if (Measure.PARTICIPANTS, Per.PROJECT) in plans:
        totals.append(
            (
                _("Participants in the whole project"),
                sum(participants.values()),
                plans[(Measure.PARTICIPANTS, Per.PROJECT)],
            )
        )
    if (Measure.MAPPING_INTERVIEWS, Per.PROJECT) in plans:
        held = MappingInterview.objects.filter(
            held_on__range=(project.start_date, project.end_date),
            case__person__enrollments__project=project,
        ).count()
        totals.append(
            (
                _("Mapping interviews in the whole project"),
                held,
                plans[(Measure.MAPPING_INTERVIEWS, Per.PROJECT)],
            )
        )
    return {
        "rows": rows,
        "totals": totals,
        "has_groups": has_groups,
        "has_young": project.key == "kundlinjen",
    }


def absence_chart(project) -> dict:
    """Sick-absence rate per month for women and men, one aggregate query."""
    rows = (
        MunicipalAbsence.objects.filter(municipality_code__in=project.area_code_list)
        .values("month")
        .annotate(
            women_sick=Sum("sick_hours", filter=Q(gender=WOMAN)),
            women_hours=Sum("scheduled_hours", filter=Q(gender=WOMAN)),
            men_sick=Sum("sick_hours", filter=Q(gender=MAN)),
            men_hours=Sum("scheduled_hours", filter=Q(gender=MAN)),
        )
        .order_by("month")
    )
    months = [
        {
            "month": row["month"],
            "women": float(row["women_sick"] / row["women_hours"]) if row["women_hours"] else None,
            "men": float(row["men_sick"] / row["men_hours"]) if row["men_hours"] else None,
        }
        for row in rows
    ]
    for month in months:
        month["women_display"] = display_value("rate", month["women"])
        month["men_display"] = display_value("rate", month["men"])
    return {"months": months, "svg": line_chart(months)}


def line_chart(months: list[dict]) -> SafeString:
    """Two lines, women and men, of the monthly sick-absence rate (per cent)."""
    if not months:
        return SafeString("")
    width, height, left, top, bottom = 720, 260, 50, 20, 40
    peak = max([m[g] or 0 for m in months for g in ("women", "men")] + [0.01])
    top_percent = max(5, int(peak * 100 + 4.999) // 5 * 5)

    def x(index: int) -> float:
        span = max(len(months) - 1, 1)
        return left + index * (width - left - 20) / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value * 100 / top_percent)

    def points(gender: str) -> str:
        return " ".join(
            f"{x(i):.1f},{y(m[gender]):.1f}" for i, m in enumerate(months) if m[gender] is not None
        )

    ticks = format_html_join(
        "",
        '<line class="chart-axis" stroke="#adb5bd" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="chart-label" x="{}" y="{}" text-anchor="end">{} %</text>',
        (
            (
                left,
                width - 20,
                f"{y(p / 100):.1f}",
                f"{y(p / 100):.1f}",
                left - 6,
                f"{y(p / 100) + 4:.1f}",
                p,
            )
            for p in range(0, top_percent + 1, 5)
        ),
    )
    step = max(1, len(months) // 12)
    labels = format_html_join(
        "",
        '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (f"{x(i):.1f}", height - bottom + 16, m["month"].strftime("%Y-%m"))
            for i, m in enumerate(months)
            if i % step == 0
        ),
    )
    markers = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="{}"><title>{} {}: {}</title></circle>',
        (
            (
                f"{x(i):.1f}",
                f"{y(m[g]):.1f}",
                color,
                m["month"].strftime("%Y-%m"),
                who,
                display_value("x", m[g]),
            )
            for g, color, who in (("women", "#8a3b8f", _("women")), ("men", "#1d6a96", _("men")))
            for i, m in enumerate(months)
            if m[g] is not None
        ),
    )
    description = "; ".join(
        f"{m['month']:%Y-%m}: {_('women')} {display_value('x', m['women'])}, {_('men')} {display_value('x', m['men'])}"
        for m in months
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {} {}" width="100%" '
        'aria-labelledby="absence-title absence-desc" class="report-chart">'
        '<title id="absence-title">{}</title><desc id="absence-desc">{}</desc>{}{}'
        '<polyline class="chart-line-women" stroke="#8a3b8f" fill="none" stroke-width="2" points="{}"/>'
        '<polyline class="chart-line-men" stroke="#1d6a96" fill="none" stroke-width="2" stroke-dasharray="6 3" points="{}"/>{}'
        '<rect fill="#8a3b8f" x="{}" y="4" width="12" height="4"/><text class="chart-label" x="{}" y="10">{}</text>'
        '<rect fill="#1d6a96" x="{}" y="4" width="12" height="4"/><text class="chart-label" x="{}" y="10">{}</text>'
        "</svg>",
        width,
        height,
        _("Sick absence per month, women and men"),
        description,
        ticks,
        labels,
        points("women"),
        points("men"),
        markers,
        left + 10,
        left + 26,
        _("Women"),
        left + 100,
        left + 116,
        _("Men (dashed)"),
    )
