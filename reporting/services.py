"""Building reports: compute the data in the database, make the files, store the run.

Building the same project and period again replaces the run's content only when the new
build succeeds; there is always exactly one run per project and period once asked for.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from cases.models import Project

from . import exports
from .indicators import compute_report
from .models import ReportFile, ReportRun, ReportSchedule
from .periods import Period, parse_period, so_far

logger = logging.getLogger(__name__)


def build_files(data: dict, project_name: str) -> list[ReportFile]:
    files = []
    for publication in (False, True):
        variant = exports.publication(data) if publication else data
        files += [
            ReportFile(
                format=ReportFile.Format.CSV,
                publication=publication,
                content=exports.to_csv(variant),
            ),
            ReportFile(
                format=ReportFile.Format.XLSX,
                publication=publication,
                content=exports.to_xlsx(variant, project_name),
            ),
            ReportFile(
                format=ReportFile.Format.PDF,
                publication=publication,
                content=exports.to_pdf(variant, project_name, publication),
            ),
        ]
    return files


def _claim_run(project: Project, period: Period, user: User | None, trigger: str) -> ReportRun:
    """The run row of the project and period, created on first request."""
    defaults = {
        "period_start": period.start,
        "period_end": period.end,
        "state": ReportRun.State.BUILDING,
        "trigger": trigger,
        "attempted_at": timezone.now(),
    }
    try:
        with transaction.atomic():
            run, created = ReportRun.objects.get_or_create(
                project=project, period_key=period.key, defaults=defaults
            )
    except IntegrityError:  # a concurrent build created it first
        run, created = ReportRun.objects.get(project=project, period_key=period.key), False
    if not created:
        ReportRun.objects.filter(pk=run.pk).update(
            state=ReportRun.State.BUILDING, attempted_at=timezone.now(), trigger=trigger
        )
    return run


def report_build(
    *,
    project: Project,
    period_key: str,
    user: User | None = None,
    trigger: str = ReportRun.Trigger.MANUAL,
) -> ReportRun:
    period = parse_period(period_key, project)
    run = _claim_run(project, period, user, trigger)
    try:
        data = compute_report(project, period)
        files = build_files(data, project.name)
    except Exception as error:
        # The old content stays; the failure is visible on the reports page.
        ReportRun.objects.filter(pk=run.pk).update(
            state=ReportRun.State.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        logger.exception("Building report %s %s failed", project.key, period.key)
        raise
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run.pk)
        run.data = data
        run.state = ReportRun.State.FINISHED
        run.error = ""
        run.built_at = timezone.now()
        run.built_by = user
        run.trigger = trigger
        run.period_start, run.period_end = period.start, period.end
        run.save()
        run.files.all().delete()
        for file in files:
            file.run = run
        ReportFile.objects.bulk_create(files)
    return run


Build = tuple[Project, str, int | None]  # (project, period key, reporting-date id)


def _projects_running_in(key: str) -> list[Build]:
    from .periods import overlaps

    period = parse_period(key)
    return [(project, key, None) for project in Project.objects.all() if overlaps(project, period)]


def monthly_builds(today) -> list[Build]:
    """On the 1st: the month before, for every project running then."""
    from .periods import previous_month

    return _projects_running_in(previous_month(today))


def quarterly_builds(today) -> list[Build]:
    """On the first day after a quarter: that quarter, for every project running then."""
    from .periods import previous_quarter

    return _projects_running_in(previous_quarter(today))


def due_reporting_dates(today) -> list[Build]:
    """Every project's own reporting date that is due and not yet built."""
    due = ReportSchedule.objects.filter(run_on__lte=today, done_at__isnull=True).select_related(
        "project"
    )
    return [
        (
            schedule.project,
            schedule.period_key or so_far(schedule.project, schedule.run_on).key,
            schedule.pk,
        )
        for schedule in due
    ]
