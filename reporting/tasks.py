"""Celery tasks: they take ids and call the services. Retried on failure; building the
same project and period twice gives the same single run, so a retry is harmless."""

from __future__ import annotations

import logging
from datetime import date

from celery import shared_task
from django.utils import timezone

from accounts.models import User
from cases.models import Project

from . import services
from .models import ReportRun, ReportSchedule

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 3},
    acks_late=True,
)
def build_report(
    self,
    project_id: int,
    period_key: str,
    user_id: int | None = None,
    trigger: str = ReportRun.Trigger.MANUAL,
    schedule_id: int | None = None,
) -> int:
    project = Project.objects.get(pk=project_id)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    run = services.report_build(project=project, period_key=period_key, user=user, trigger=trigger)
    if schedule_id:
        ReportSchedule.objects.filter(pk=schedule_id, done_at__isnull=True).update(
            done_at=timezone.now()
        )
    return run.pk


def _queue(builds: list[services.Build]) -> int:
    for project, key, schedule_id in builds:
        try:
            build_report.delay(
                project.pk, key, trigger=ReportRun.Trigger.SCHEDULE, schedule_id=schedule_id
            )
        except Exception:  # in-process mode builds right here; one failure must not stop the rest
            logger.exception("Scheduled report %s %s failed", project.key, key)
    return len(builds)


def _day(today: str | None) -> date:
    return timezone.localdate() if today is None else date.fromisoformat(today)


@shared_task
def build_monthly_statistics(today: str | None = None) -> int:
    """Beat, on the 1st of each month: the month before."""
    return _queue(services.monthly_builds(_day(today)))


@shared_task
def build_quarterly_reports(today: str | None = None) -> int:
    """Beat, on the first day after each quarter: the quarter before."""
    return _queue(services.quarterly_builds(_day(today)))


@shared_task
def build_due_reporting_dates(today: str | None = None) -> int:
    """Beat, daily: the projects' own reporting dates that are due."""
    return _queue(services.due_reporting_dates(_day(today)))
