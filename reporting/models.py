"""Stored report runs: one immutable snapshot per project and period, with its files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Project


class ReportRunQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReportRunQuerySet:
        return self.filter(project__in=Project.objects.visible_to(user).values("pk"))


class ReportRun(models.Model):
    """The report of one project and period.

    `data` is the last successful build, replaced only by a later successful build of the
    same project and period (there is one row per pair); a failed attempt leaves the old
    content and records its error.
    """

    class State(models.TextChoices):
        BUILDING = "building", _("Building")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("Requested")
        SCHEDULE = "schedule", _("Schedule")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="report_runs", verbose_name=_("project")
    )
    period_key = models.CharField(_("period"), max_length=22)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices)
    data = models.JSONField(_("report"), null=True, blank=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("built by"),
    )
    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices)
    attempted_at = models.DateTimeField(_("last attempt"))
    error = models.TextField(_("error of the last attempt"), blank=True)

    objects = ReportRunQuerySet.as_manager()

    class Meta:
        ordering = ["project__name", "-period_end", "period_key"]
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        constraints = [
            models.UniqueConstraint(fields=["project", "period_key"], name="report_run_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project.key} {self.period_key}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:report_detail", args=[self.pk])


class ReportFile(models.Model):
    """A download of a run, made with its data; stored in the database so a worker on
    another machine and the web server see the same files."""

    class Format(models.TextChoices):
        XLSX = "xlsx", "Excel (XLSX)"
        CSV = "csv", "CSV"
        PDF = "pdf", "PDF"

    run = models.ForeignKey(ReportRun, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=4, choices=Format.choices)
    publication = models.BooleanField(default=False, help_text=_("Counts of 1–4 are shown as <5."))
    content = models.BinaryField()

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "format", "publication"], name="report_file_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} {self.format}"


class ReportSchedule(models.Model):
    """A project's own reporting date: on `run_on` the report of `period_key` is built."""

    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="report_schedules",
        verbose_name=_("project"),
    )
    run_on = models.DateField(_("build on"))
    period_key = models.CharField(
        _("period"),
        max_length=22,
        blank=True,
        help_text=_("2017, 2017Q1, 2017-03 or all; empty means the project so far."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    done_at = models.DateTimeField(_("built at"), null=True, blank=True)

    class Meta:
        ordering = ["run_on", "pk"]
        verbose_name = _("reporting date")
        verbose_name_plural = _("reporting dates")

    def __str__(self) -> str:
        return f"{self.project.key} {self.run_on:%Y-%m-%d} {self.period_key}"
