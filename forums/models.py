"""Vägvalsforum and Konsultationsforum: experts of several agencies choose a way forward
for long sick-leave cases, with the person's consent to share the case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import SickLeaveCase


class Consent(models.Model):
    """The person's consent (samtycke) to share the case with other agencies."""

    case = models.ForeignKey(
        SickLeaveCase, on_delete=models.CASCADE, related_name="consents", verbose_name=_("case")
    )
    given_on = models.DateField(_("given on"))
    agencies = models.ManyToManyField(
        "accounts.Organisation", related_name="+", verbose_name=_("agencies")
    )
    purpose = models.TextField(_("purpose"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{_('Consent')} {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class ForumQuerySet(models.QuerySet):
    def visible_to(self, user) -> ForumQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(memberships__user=user).distinct()


class Forum(models.Model):
    class Kind(models.TextChoices):
        VAGVAL = "vagval", _("Vägvalsforum")
        KONSULTATION = "konsultation", _("Konsultationsforum")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="forums",
        verbose_name=_("owning organisation"),
    )

    objects = ForumQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:forum_detail", args=[self.pk])


class Expertise(models.TextChoices):
    DECISION_MAKER = "beslutsfattare", _("Decision maker")
    INSURANCE_MEDICINE = "fmr", _("Insurance-medicine adviser (FMR)")
    SPECIALIST = "specialist", _("Specialist")
    AF_LABOUR_MARKET = "af_arbetsmarknad", _("AF labour-market representative")
    WORK_PSYCHOLOGIST = "arbetspsykolog", _("Work psychologist")
    SOCIAL_CONSULTANT = "socialkonsulent", _("Social consultant")
    OCCUPATIONAL_THERAPIST = "arbetsterapeut", _("Occupational therapist")


class ForumMembership(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_memberships",
        verbose_name=_("member"),
    )
    expertise = models.CharField(_("expertise"), max_length=30, choices=Expertise.choices)
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        ordering = ["-is_chair", "user__first_name"]
        verbose_name = _("forum membership")
        verbose_name_plural = _("forum memberships")
        constraints = [
            models.UniqueConstraint(fields=["forum", "user"], name="forum_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_expertise_display()})"


class ForumMeetingQuerySet(models.QuerySet):
    def visible_to(self, user) -> ForumMeetingQuerySet:
        return self.filter(forum__in=Forum.objects.visible_to(user).values("pk"))

    def coming(self) -> ForumMeetingQuerySet:
        return self.filter(state=ForumMeeting.State.PLANNED, date__gte=timezone.localdate())


class ForumMeeting(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    forum = models.ForeignKey(
        Forum, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("forum")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PLANNED
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="attended_meetings",
        verbose_name=_("attendance"),
    )
    held_at = models.DateTimeField(_("marked held at"), null=True, blank=True)

    objects = ForumMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time"]
        verbose_name = _("forum meeting")
        verbose_name_plural = _("forum meetings")

    def __str__(self) -> str:
        return f"{self.forum.name} {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("forums:meeting_detail", args=[self.pk])


class AgendaItemQuerySet(models.QuerySet):
    def active(self) -> AgendaItemQuerySet:
        return self.filter(removed_at__isnull=True)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        ForumMeeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        verbose_name=_("meeting"),
    )
    case = models.ForeignKey(
        SickLeaveCase,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=_("case"),
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("presenting case worker"),
    )
    question = models.TextField(_("question to the forum"))
    target_group_reason = models.TextField(
        _("reason outside the target group"),
        blank=True,
        help_text=_("Vägvalsforum is for sick leave longer than 365 days; otherwise say why."),
    )
    order = models.PositiveSmallIntegerField(_("order"))
    created_at = models.DateTimeField(auto_now_add=True)
    # Taken off the agenda (e.g. consent withdrawn); kept so the history stays whole.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=200, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"],
                condition=Q(removed_at__isnull=True),
                name="agenda_case_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.order}"


class WayForward(models.TextChoices):
    AF_COLLABORATION = "af_collaboration", _("Reinforced collaboration with AF")
    WORK_REHABILITATION = "work_rehabilitation", _("Work-oriented rehabilitation")
    COACHING = "coaching", _("Coaching")
    MUNICIPAL_COORDINATOR = "municipal_coordinator", _("Municipal coordinator")
    HEALTHCARE = "healthcare", _("Healthcare")
    STUDIES = "studies", _("Studies")
    OTHER_BENEFIT = "other_benefit", _("Other benefit")
    CLOSE = "close", _("Close the case")
    OTHER = "other", _("Other")


class RecommendationQuerySet(models.QuerySet):
    def open_follow_ups_for(self, user) -> RecommendationQuerySet:
        return self.filter(
            responsible=user, follow_up_on__isnull=False, follow_up_done_at__isnull=True
        )


class Recommendation(models.Model):
    """The forum's chosen way forward for one agenda item."""

    agenda_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="recommendation",
        verbose_name=_("agenda item"),
    )
    way_forward = models.CharField(_("way forward"), max_length=30, choices=WayForward.choices)
    motivation = models.TextField(_("motivation"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="forum_follow_ups",
        verbose_name=_("responsible case worker"),
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["follow_up_on", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return self.get_way_forward_display()
