"""Coaching groups: at most ten participants, two coaches, individual follow-up for a year.

The rules (group size, coaches, starts per area and year, the follow-up window, one
running group per person and project) live in coaching/services.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.models import Person, Project, Screening, SickLeaveCase


class LabourMarketArea(models.Model):
    """Arbetsmarknadsområde: AF's geographic unit, which limits group starts."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    municipality_codes = models.CharField(
        _("municipality codes"),
        max_length=500,
        help_text=_("The municipalities of the area, separated by spaces (e.g. 1280 1281)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("labour-market area")
        verbose_name_plural = _("labour-market areas")

    def __str__(self) -> str:
        return self.name

    @property
    def codes(self) -> list[str]:
        return self.municipality_codes.split()


class CoachingGroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> CoachingGroupQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(coaches=user)


class CoachingGroup(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    MAX_PARTICIPANTS = 10
    COACHES = 2

    name = models.CharField(_("name"), max_length=100)
    project = models.ForeignKey(
        Project,
        on_delete=models.PROTECT,
        related_name="coaching_groups",
        verbose_name=_("project"),
    )
    area = models.ForeignKey(
        LabourMarketArea,
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=_("labour-market area"),
    )
    planned_start = models.DateField(_("planned start"))
    started_on = models.DateField(_("started on"), null=True, blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coaching_groups", verbose_name=_("coaches")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CoachingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["planned_start", "pk"]
        verbose_name = _("coaching group")
        verbose_name_plural = _("coaching groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coaching:group_detail", args=[self.pk])


class GroupMembershipQuerySet(models.QuerySet):
    def active(self) -> GroupMembershipQuerySet:
        return self.filter(left_on__isnull=True)


class GroupMembership(models.Model):
    class LeaveReason(models.TextChoices):
        WORK = "work", _("Started work")
        EDUCATION = "education", _("Started education")
        ILLNESS = "illness", _("Illness")
        OWN_CHOICE = "own_choice", _("Own choice")
        MOVED = "moved", _("Moved")
        OTHER = "other", _("Other")

    group = models.ForeignKey(
        CoachingGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("group")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="group_memberships", verbose_name=_("person")
    )
    case = models.ForeignKey(
        SickLeaveCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeaveReason.choices, blank=True
    )

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering = ["joined_on", "pk"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(left_on__isnull=True),
                name="membership_once_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} – {self.person_id}"


class Referral(models.Model):
    """A case worker's referral of an eligible person to coaching: the queue."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        PLACED = "placed", _("Placed in a group")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(
        SickLeaveCase,
        on_delete=models.PROTECT,
        related_name="coaching_referrals",
        verbose_name=_("case"),
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="+", verbose_name=_("project")
    )
    screening = models.ForeignKey(
        Screening,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("screening"),
        help_text=_("The screening that allowed the referral."),
    )
    area = models.ForeignKey(
        LabourMarketArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("labour-market area"),
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred by"),
    )
    referred_on = models.DateField(_("referred on"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    membership = models.OneToOneField(
        GroupMembership, on_delete=models.SET_NULL, null=True, blank=True, related_name="referral"
    )

    class Meta:
        ordering = ["referred_on", "pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "project"],
                condition=Q(state="waiting"),
                name="referral_waiting_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.key} {self.referred_on}"


class Session(models.Model):
    """One meeting of the group, with attendance."""

    group = models.ForeignKey(
        CoachingGroup, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("group")
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["group", "date"], name="session_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("coaching:session_attendance", args=[self.group_id, self.pk])


class SessionAttendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        GroupMembership, on_delete=models.CASCADE, related_name="attendance"
    )
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "membership"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.membership_id} {self.present}"


class FollowUpMeeting(models.Model):
    """An individual coaching meeting after the group phase, within 12 months of the start."""

    membership = models.ForeignKey(
        GroupMembership,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("participant"),
    )
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("coach"),
    )

    class Meta:
        ordering = ["planned_on", "pk"]
        verbose_name = _("follow-up meeting")
        verbose_name_plural = _("follow-up meetings")

    def __str__(self) -> str:
        return f"{_('Follow-up')} {self.planned_on:%Y-%m-%d}"
