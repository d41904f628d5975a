"""The indicators of CONTRACTS.md, each counted by aggregate queries in the database.

Every indicator is split into women, men and total (total also counts case-worker survey
answers, which have no person). The number of queries does not depend on the number of
people: each indicator is one aggregate (the median two or three small ones).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)

from cases.models import (
    Comparison,
    Enrollment,
    EnrollmentStatus,
    GenderChoices,
    MunicipalAbsence,
    Project,
    SickLeaveCase,
    StatusChange,
    SurveyAnswer,
    SurveyQuestion,
)

from .periods import Period

WOMAN, MAN = GenderChoices.WOMAN.value, GenderChoices.MAN.value
IN_WORK_OR_EDUCATION = [EnrollmentStatus.WORK, EnrollmentStatus.EDUCATION]
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class Split:
    numerator: int
    denominator: int
    value: float | None

    @classmethod
    def of(cls, numerator: int, denominator: int) -> Split:
        return cls(numerator, denominator, numerator / denominator if denominator else None)

    def as_json(self) -> dict:
        return {"numerator": self.numerator, "denominator": self.denominator, "value": self.value}


@dataclass(frozen=True)
class Figures:
    women: Split
    men: Split
    total: Split


def split_counts(queryset: QuerySet, gender: str, counted: Q, among: Q | None = None) -> Figures:
    """Count `counted` among `among` rows for women, men and everybody, in one query."""
    among = among if among is not None else Q()
    woman, man = Q(**{gender: WOMAN}), Q(**{gender: MAN})
    row = queryset.aggregate(
        women_n=Count("pk", filter=among & woman & counted),
        women_d=Count("pk", filter=among & woman),
        men_n=Count("pk", filter=among & man & counted),
        men_d=Count("pk", filter=among & man),
        total_n=Count("pk", filter=among & counted),
        total_d=Count("pk", filter=among),
    )
    return Figures(
        Split.of(row["women_n"], row["women_d"]),
        Split.of(row["men_n"], row["men_d"]),
        Split.of(row["total_n"], row["total_d"]),
    )


def _whole(count: int) -> Split:
    """A count whose denominator is itself (CONTRACTS: participants_started)."""
    return Split.of(count, count)


# --- The common indicators ---------------------------------------------------------------------


def intervention(project: Project) -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(project=project, comparison_group=False)


def participants_started(project: Project, period: Period, enrollments=None) -> Figures:
    enrollments = enrollments if enrollments is not None else intervention(project)
    row = enrollments.filter(start__range=(period.start, period.end)).aggregate(
        women=Count("pk", filter=Q(person__gender=WOMAN)),
        men=Count("pk", filter=Q(person__gender=MAN)),
        total=Count("pk"),
    )
    return Figures(_whole(row["women"]), _whole(row["men"]), _whole(row["total"]))


def status_on(day_field: str) -> Subquery:
    """The enrollment's latest status on or before the date in annotation `day_field`."""
    return Subquery(
        StatusChange.objects.filter(enrollment=OuterRef("pk"), date__lte=OuterRef(day_field))
        .order_by("-date", "-pk")
        .values("status")[:1]
    )


def work_or_education_12m(project: Project, period: Period, enrollments=None) -> Figures:
    """Matured enrollments (start + 365 days on or before the period end, whatever the
    start) whose latest status on or before start + 365 days is work or education."""
    enrollments = enrollments if enrollments is not None else intervention(project)
    matured = (
        enrollments.filter(start__lte=period.end - YEAR)
        .annotate(window_end=ExpressionWrapper(F("start") + YEAR, output_field=DateField()))
        .annotate(status_then=status_on("window_end"))
    )
    return split_counts(matured, "person__gender", Q(status_then__in=IN_WORK_OR_EDUCATION))


def comparison_work_or_education_12m(project: Project, period: Period) -> Figures:
    comparison = Enrollment.objects.filter(project=project, comparison_group=True)
    return work_or_education_12m(project, period, comparison)


SURVEY_KEYS = {
    "survey_job_chances": SurveyQuestion.JOB_CHANCES,
    "survey_support": SurveyQuestion.SUPPORT,
    "survey_health": SurveyQuestion.HEALTH,
    "survey_involvement": SurveyQuestion.INVOLVEMENT,
    "survey_collaboration": SurveyQuestion.COLLABORATION,
}


def surveys(project: Project, period: Period) -> dict[str, Figures]:
    """Answers 4 or 5 among the answers dated in the period, per question: one query."""
    answers = SurveyAnswer.objects.filter(project=project, date__range=(period.start, period.end))
    agreeing = Q(answer__gte=4)
    aggregates = {}
    for key, question in SURVEY_KEYS.items():
        asked = Q(question=question)
        for gender, condition in (
            ("women", Q(person__gender=WOMAN)),
            ("men", Q(person__gender=MAN)),
            ("total", Q()),
        ):
            aggregates[f"{key}__{gender}_n"] = Count("pk", filter=asked & condition & agreeing)
            aggregates[f"{key}__{gender}_d"] = Count("pk", filter=asked & condition)
    row = answers.aggregate(**aggregates)
    return {
        key: Figures(
            *(
                Split.of(row[f"{key}__{g}_n"], row[f"{key}__{g}_d"])
                for g in ("women", "men", "total")
            )
        )
        for key in SURVEY_KEYS
    }


def _median_days(queryset: QuerySet, count: int) -> float | None:
    """The median of `days`, sorted by the database: only the middle one or two values are
    read (the mean of the two middle values for an even count)."""
    if not count:
        return None
    low = (count - 1) // 2
    middle = list(
        queryset.order_by("days", "pk").values_list("days", flat=True)[low : count // 2 + 1]
    )
    return sum(value.days for value in middle) / len(middle)


def days_to_first_payment(project: Project, period: Period) -> Figures:
    cases = (
        SickLeaveCase.objects.filter(
            case_start__range=(period.start, period.end), first_payment_date__isnull=False
        )
        .filter(Exists(intervention(project).filter(person=OuterRef("person"))))
        .annotate(
            days=ExpressionWrapper(
                F("first_payment_date") - F("case_start"), output_field=DurationField()
            )
        )
    )
    counts = cases.aggregate(
        women=Count("pk", filter=Q(person__gender=WOMAN)),
        men=Count("pk", filter=Q(person__gender=MAN)),
        total=Count("pk"),
    )

    def split(count: int, queryset: QuerySet) -> Split:
        return Split(count, count, _median_days(queryset, count))

    return Figures(
        split(counts["women"], cases.filter(person__gender=WOMAN)),
        split(counts["men"], cases.filter(person__gender=MAN)),
        split(counts["total"], cases),
    )


# --- The report ------------------------------------------------------------------------------------

IndicatorFunction = Callable[[Project, Period], Figures]

COMMON: list[tuple[str, IndicatorFunction]] = [
    ("participants_started", participants_started),
    ("work_or_education_12m", work_or_education_12m),
    ("comparison_work_or_education_12m", comparison_work_or_education_12m),
]

# --- The seeds' project-specific indicators ---------------------------------------------------


def route(key: str) -> QuerySet[Enrollment]:
    return Enrollment.objects.filter(
        project__key="kundlinjen", comparison_group=False, entry_route=key
    )


def _per_route(function, route_key: str) -> IndicatorFunction:
    return lambda project, period: function(project, period, route(route_key))


NINETY_DAYS = timedelta(days=90)


def ali_enrollments(period: Period) -> QuerySet[Enrollment]:
    """Route-a enrollments (Arbetslivsintroduktion) that ended at least 90 days before the
    period's end, whatever their start (cumulative)."""
    return (
        route("a")
        .filter(end__isnull=False, end__lte=period.end - NINETY_DAYS)
        .annotate(window_end=ExpressionWrapper(F("end") + NINETY_DAYS, output_field=DateField()))
    )


def ali_rehab_90d(project: Project, period: Period) -> Figures:
    """Latest status on or before end + 90 days is rehab, work or education."""
    enrollments = ali_enrollments(period).annotate(status_then=status_on("window_end"))
    in_rehab = [EnrollmentStatus.REHAB, *IN_WORK_OR_EDUCATION]
    return split_counts(enrollments, "person__gender", Q(status_then__in=in_rehab))


def ali_return_to_insurance(project: Project, period: Period) -> Figures:
    """A sick_again status dated after the end and on or before end + 90 days."""
    sick_again = StatusChange.objects.filter(
        enrollment=OuterRef("pk"),
        status=EnrollmentStatus.SICK_AGAIN,
        date__gt=OuterRef("end"),
        date__lte=OuterRef("window_end"),
    )
    enrollments = ali_enrollments(period).annotate(returned=Exists(sick_again))
    return split_counts(enrollments, "person__gender", Q(returned=True))


def retroactive_registrations(project: Project, period: Period) -> Figures:
    """Route-a enrollments starting in the period decided later than their start, among
    those with a decision date."""
    enrollments = route("a").filter(start__range=(period.start, period.end))
    return split_counts(
        enrollments,
        "person__gender",
        Q(decided_on__gt=F("start")),
        among=Q(decided_on__isnull=False),
    )


def long_cases_back(project: Project, period: Period) -> Figures:
    """Cases in the project's area open on its first day at sick day 366 or later, whose
    person's latest status in the project by the period's end is work, education or rehab."""
    first_day = project.start_date
    if not project.area_code_list:
        # No area recorded: no cases, rather than every case in the country.
        return Figures(Split.of(0, 0), Split.of(0, 0), Split.of(0, 0))
    area = Q()
    for prefix in project.area_code_list:
        area |= Q(person__municipality_code__startswith=prefix)
    latest = Subquery(
        StatusChange.objects.filter(
            enrollment__person=OuterRef("person"), enrollment__project=project, date__lte=period.end
        )
        .order_by("-date", "-pk")
        .values("status")[:1]
    )
    cases = (
        SickLeaveCase.objects.filter(area, case_start__lte=first_day - YEAR)
        .filter(Q(case_end__isnull=True) | Q(case_end__gte=first_day))
        .annotate(status_then=latest)
    )
    back = [EnrollmentStatus.WORK, EnrollmentStatus.EDUCATION, EnrollmentStatus.REHAB]
    return split_counts(cases, "person__gender", Q(status_then__in=back))


def sick_absence_rate(project: Project, period: Period) -> Figures:
    """Sick hours over scheduled hours of the project's municipalities, months starting in
    the period; women and men from the row's gender. Hours, not people: the numerator
    and denominator are sums."""
    rows = MunicipalAbsence.objects.filter(
        municipality_code__in=project.area_code_list, month__range=(period.start, period.end)
    )
    sums = rows.aggregate(
        women_n=Sum("sick_hours", filter=Q(gender=WOMAN)),
        women_d=Sum("scheduled_hours", filter=Q(gender=WOMAN)),
        men_n=Sum("sick_hours", filter=Q(gender=MAN)),
        men_d=Sum("scheduled_hours", filter=Q(gender=MAN)),
        total_n=Sum("sick_hours"),
        total_d=Sum("scheduled_hours"),
    )

    def split(prefix: str) -> Split:
        numerator, denominator = sums[f"{prefix}_n"] or 0, sums[f"{prefix}_d"] or 0
        return Split(
            float(numerator),
            float(denominator),
            float(numerator / denominator) if denominator else None,
        )

    return Figures(split("women"), split("men"), split("total"))


PROJECT_SPECIFIC: dict[str, list[tuple[str, IndicatorFunction]]] = {
    "kundlinjen": [
        *((f"participants_started_route_{r}", _per_route(participants_started, r)) for r in "abcd"),
        *(
            (f"work_or_education_12m_route_{r}", _per_route(work_or_education_12m, r))
            for r in "abcd"
        ),
        ("ali_rehab_90d", ali_rehab_90d),
        ("ali_return_to_insurance", ali_return_to_insurance),
        ("retroactive_registrations", retroactive_registrations),
    ],
    "vagval": [("long_cases_back", long_cases_back)],
    "4ess": [("sick_absence_rate", sick_absence_rate)],
}


def goal_met(value: float | None, target: Decimal | None, comparison: str | None) -> bool | None:
    if value is None or target is None:
        return None
    if comparison == Comparison.BELOW:
        return value < float(target)
    return value >= float(target)


def indicator_json(key: str, figures: Figures, goals: dict) -> dict:
    goal = goals.get(key)
    target = float(goal.target) if goal else None
    comparison = goal.comparison if goal else None
    return {
        "key": key,
        "target": target,
        "target_comparison": comparison,
        "goal_met": goal_met(figures.total.value, goal.target if goal else None, comparison),
        "women": figures.women.as_json(),
        "men": figures.men.as_json(),
        "total": figures.total.as_json(),
    }


def compute_report(project: Project, period: Period) -> dict:
    """The report of CONTRACTS.md for one project and period."""
    goals = {goal.indicator: goal for goal in project.goals.all()}
    figures: list[tuple[str, Figures]] = [(key, fn(project, period)) for key, fn in COMMON]
    figures.extend(surveys(project, period).items())
    figures.append(("days_to_first_payment", days_to_first_payment(project, period)))
    figures.extend((key, fn(project, period)) for key, fn in PROJECT_SPECIFIC.get(project.key, []))
    return {
        "project": project.key,
        "period": period.as_json(),
        "indicators": [indicator_json(key, result, goals) for key, result in figures],
    }
