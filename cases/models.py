"""The core of the product: projects, people, their sick-leave cases and what happens to them.

Every other app reads these models; this app imports none of the others.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import roles

from .personnummer import Gender, InvalidPersonnummer, parse_personnummer

ICD10_CODE = re.compile(r"^[A-Z]\d{2}(\.?[0-9A-Z]{1,4})?$")
MUNICIPALITY_CODE = re.compile(r"^\d{4}$")


def validate_personnummer(value: str) -> None:
    try:
        parse_personnummer(value)
    except InvalidPersonnummer as error:
        raise ValidationError(str(error), code="personnummer") from error


def validate_municipality_code(value: str) -> None:
    if value and not MUNICIPALITY_CODE.match(value):
        raise ValidationError(_("A municipality code has four digits, e.g. 0380."), code="code")


def normalise_diagnoses(value: str) -> str:
    """'f32.1,  F41' -> 'F32.1 F41': upper case, one space between codes, order kept."""
    return " ".join(value.replace(",", " ").upper().split())


def validate_diagnoses(value: str) -> None:
    for code in normalise_diagnoses(value).split():
        if not ICD10_CODE.match(code):
            raise ValidationError(
                _("%(code)s is not an ICD-10 code (e.g. F32.1)."), params={"code": code}
            )


class GenderChoices(models.TextChoices):
    WOMAN = Gender.WOMAN, _("Woman")
    MAN = Gender.MAN, _("Man")


# --- Projects --------------------------------------------------------------------------------


class ProjectQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProjectQuerySet:
        """The projects whose pages and reports a user may read: administrators all, project
        leads those they lead, whatever other roles they also hold."""
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(leads=user)


class Project(models.Model):
    """One funded collaboration effort (insats) with its period, area and goals."""

    key = models.SlugField(_("key"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    owner = models.CharField(_("owner"), max_length=200)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    # Municipality codes (0781) or county prefixes (03) of the project's area.
    area_codes = models.CharField(_("area codes"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="led_projects", verbose_name=_("leads")
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cases:project_detail", args=[self.key])

    @property
    def area_code_list(self) -> list[str]:
        return self.area_codes.split()


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    BELOW = "below", _("below")


class ProjectGoal(models.Model):
    """A target for one indicator of a project's report, in the seed's own words."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="goals")
    indicator = models.CharField(_("indicator"), max_length=60)
    target = models.DecimalField(
        _("target"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("A fraction: 0.40 means 40 %."),
    )
    comparison = models.CharField(_("comparison"), max_length=10, choices=Comparison.choices)
    wording = models.TextField(_("wording"), blank=True)

    class Meta:
        ordering = ["project", "indicator"]
        verbose_name = _("project goal")
        verbose_name_plural = _("project goals")
        constraints = [
            models.UniqueConstraint(fields=["project", "indicator"], name="goal_unique_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.project.key}: {self.indicator} {self.get_comparison_display()} {self.target}"

    def is_met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        if self.comparison == Comparison.AT_LEAST:
            return value >= float(self.target)
        return value < float(self.target)


class ProjectVolumePlan(models.Model):
    """A planned volume (participants, group starts) per year or for the whole project."""

    class Measure(models.TextChoices):
        PARTICIPANTS = "participants", _("participants")
        GROUP_STARTS = "group_starts", _("group starts")
        PARTICIPANTS_ROUTE_D = "participants_route_d", _("young participants (route d)")
        MAPPING_INTERVIEWS = "mapping_interviews", _("mapping interviews")

    class Per(models.TextChoices):
        YEAR = "year", _("per year")
        PROJECT = "project", _("for the whole project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="volume_plans")
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    per = models.CharField(_("per"), max_length=10, choices=Per.choices)
    quantity = models.PositiveIntegerField(_("quantity"))
    wording = models.TextField(_("wording"), blank=True)

    class Meta:
        ordering = ["project", "measure"]
        verbose_name = _("volume plan")
        verbose_name_plural = _("volume plans")
        constraints = [
            models.UniqueConstraint(fields=["project", "measure", "per"], name="volume_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project.key}: {self.quantity} {self.measure} {self.per}"


# --- People and cases ----------------------------------------------------------------------


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> PersonQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(
            Exists(SickLeaveCase.objects.visible_to(user).filter(person=OuterRef("pk")))
        )

    def with_identity_for(self, user) -> PersonQuerySet:
        """Annotate `identity_visible`: False for a protected person the user may not name."""
        return self.annotate(identity_visible=identity_visible_expression(user, "pk"))


def identity_visible_expression(user, person_ref: str):
    """True unless the person has protected identity and the user is not their case worker.

    `person_ref` is the path to the person's id from the annotated model ("pk", "person").
    """
    if user.is_administrator:
        return models.Value(True)
    assigned = SickLeaveCase.objects.filter(person=OuterRef(person_ref), case_worker=user)
    protected = Person.objects.filter(pk=OuterRef(person_ref), protected_identity=True)
    return models.ExpressionWrapper(
        ~Exists(protected) | Exists(assigned), output_field=models.BooleanField()
    )


class Person(models.Model):
    personnummer = models.CharField(
        _("personal identity number"),
        max_length=12,
        unique=True,
        validators=[validate_personnummer],
        help_text=_("YYYYMMDD-NNNN; a samordningsnummer has 60 added to the day."),
    )
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    # Both derived from the personnummer in clean() and never set elsewhere; stored so
    # the database can filter on age and split reports by gender in SQL.
    birth_date = models.DateField(_("date of birth"), editable=False)
    gender = models.CharField(
        _("gender"), max_length=5, choices=GenderChoices.choices, editable=False
    )
    municipality_code = models.CharField(
        _("municipality code"), max_length=4, blank=True, validators=[validate_municipality_code]
    )
    understands_swedish = models.BooleanField(_("understands Swedish"), null=True, blank=True)
    protected_identity = models.BooleanField(
        _("protected identity"),
        default=False,
        help_text=_("Name and number are shown only to the assigned case worker."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        # Never a name: __str__ ends up in admin logs and error pages.
        return f"{_('Person')} {self.pk}"

    def clean(self) -> None:
        try:
            parsed = parse_personnummer(self.personnummer)
        except InvalidPersonnummer as error:
            raise ValidationError({"personnummer": str(error)}) from error
        self.personnummer = parsed.number
        self.birth_date = parsed.birth_date
        self.gender = parsed.gender

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def formatted_personnummer(self) -> str:
        return f"{self.personnummer[:8]}-{self.personnummer[8:]}"

    def age_on(self, day: date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class YesNoUnknown:
    """Form choices for a nullable boolean: yes, no or unknown."""

    CHOICES = [("", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]


class ChainStage(models.TextChoices):
    """Where a case is in the rehabilitation chain (day 90, 180 and 365)."""

    UP_TO_90 = "1-90", _("Day 1–90")
    UP_TO_180 = "91-180", _("Day 91–180")
    UP_TO_365 = "181-365", _("Day 181–365")
    OVER_365 = "366-", _("Day 366 and later")

    @property
    def day_range(self) -> tuple[int, int | None]:
        low, _sep, high = self.value.partition("-")
        return int(low), int(high) if high else None


class SickLeaveCaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> SickLeaveCaseQuerySet:
        """Case workers see their own team's cases (and those assigned to them).

        Forum members and coaches reach cases only through their own apps' narrower
        selectors, never through this one.
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        if not user.has_perm(roles.WORK_WITH_CASES):
            return self.none()
        own = Q(case_worker=user)
        if user.team_id:
            own |= Q(team_id=user.team_id)
        return self.filter(own)

    def open_on(self, day: date) -> SickLeaveCaseQuerySet:
        return self.filter(Q(case_end__isnull=True) | Q(case_end__gte=day), case_start__lte=day)

    def in_chain_stage(self, stage: ChainStage, today: date) -> SickLeaveCaseQuerySet:
        """Open cases whose sick day number today is in the stage's range (start = day 1)."""
        low, high = stage.day_range
        qs = self.open_on(today).filter(case_start__lte=today - timedelta(days=low - 1))
        if high is not None:
            qs = qs.filter(case_start__gt=today - timedelta(days=high))
        return qs

    def with_identity_for(self, user) -> SickLeaveCaseQuerySet:
        return self.annotate(identity_visible=identity_visible_expression(user, "person"))


class Benefit(models.TextChoices):
    SICKNESS_BENEFIT = "sjukpenning", _("Sickness benefit (sjukpenning)")
    SICKNESS_COMPENSATION = "sjukersattning", _("Sickness compensation (sjukersättning)")
    ACTIVITY_COMPENSATION = (
        "aktivitetsersattning",
        _("Activity compensation (aktivitetsersättning)"),
    )
    NONE = "ingen", _("No benefit")


class SickLeaveCase(models.Model):
    """One period of sick leave of one person, owned by a team."""

    EXTENT_CHOICES = [(25, "25 %"), (50, "50 %"), (75, "75 %"), (100, "100 %")]

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("person")
    )
    case_start = models.DateField(_("start of sick leave"))
    case_end = models.DateField(_("end of sick leave"), null=True, blank=True)
    extent = models.PositiveSmallIntegerField(
        _("extent"), choices=EXTENT_CHOICES, null=True, blank=True
    )
    benefit = models.CharField(_("benefit"), max_length=30, choices=Benefit.choices, blank=True)
    diagnoses = models.CharField(
        _("diagnoses (ICD-10)"),
        max_length=200,
        blank=True,
        validators=[validate_diagnoses],
        help_text=_("Codes separated by spaces; the first is the primary diagnosis."),
    )
    employment_rate = models.PositiveSmallIntegerField(
        _("employment rate (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    employer_municipality_code = models.CharField(
        _("employer's municipality code"),
        max_length=4,
        blank=True,
        validators=[validate_municipality_code],
    )
    substance_abuse = models.BooleanField(_("ongoing substance abuse"), null=True, blank=True)
    suicide_risk = models.BooleanField(_("serious suicide risk"), null=True, blank=True)
    cognitive_impairment = models.BooleanField(_("cognitive impairment"), null=True, blank=True)
    first_payment_date = models.DateField(
        _("first payment of sickness benefit"), null=True, blank=True
    )
    team = models.ForeignKey(
        "accounts.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("team"),
    )
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("case worker"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SickLeaveCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-case_start", "pk"]
        verbose_name = _("sick-leave case")
        verbose_name_plural = _("sick-leave cases")
        constraints = [
            models.UniqueConstraint(fields=["person", "case_start"], name="case_unique_start"),
            models.CheckConstraint(
                condition=Q(case_end__isnull=True) | Q(case_end__gte=models.F("case_start")),
                name="case_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]
        indexes = [models.Index(fields=["team", "case_start"])]

    def __str__(self) -> str:
        return f"{_('Case')} {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    def clean(self) -> None:
        self.diagnoses = normalise_diagnoses(self.diagnoses)
        if self.case_end and self.case_start and self.case_end < self.case_start:
            raise ValidationError({"case_end": _("The end cannot be before the start.")})

    @property
    def diagnosis_codes(self) -> list[str]:
        return self.diagnoses.split()

    @property
    def primary_diagnosis(self) -> str:
        codes = self.diagnosis_codes
        return codes[0] if codes else ""

    def is_open_on(self, day: date) -> bool:
        return self.case_start <= day and (self.case_end is None or self.case_end >= day)

    def sick_day_on(self, day: date) -> int:
        """The sick day number on `day`, the start date being day 1."""
        return (day - self.case_start).days + 1

    def chain_date(self, day_number: int) -> date:
        return self.case_start + timedelta(days=day_number - 1)

    def chain_stage_on(self, day: date) -> ChainStage | None:
        if not self.is_open_on(day):
            return None
        number = self.sick_day_on(day)
        for stage in ChainStage:
            low, high = stage.day_range
            if number >= low and (high is None or number <= high):
                return stage
        return None


# --- Participation in projects ---------------------------------------------------------------


class EntryRoute(models.TextChoices):
    """Kundlinjen's four ways in from FK to AF (seed 004)."""

    A = "a", _("a – benefit days exhausted (Arbetslivsintroduktion)")
    B = "b", _("b – action-plan collaboration (identified rehabilitation need)")
    C = (
        "c",
        _("c – refused or withdrawn sickness benefit, or tried against the whole labour market"),
    )
    D = "d", _("d – young people with activity compensation")


class EnrollmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> EnrollmentQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_administrator:
            return self
        return self.filter(person__in=Person.objects.visible_to(user).values("pk"))

    def intervention(self) -> EnrollmentQuerySet:
        return self.filter(comparison_group=False)


class Enrollment(models.Model):
    """A person's participation (deltagande) in a project."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("person")
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("project")
    )
    case = models.ForeignKey(
        SickLeaveCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrollments",
        verbose_name=_("sick-leave case"),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    entry_route = models.CharField(
        _("entry route"), max_length=1, choices=EntryRoute.choices, blank=True
    )
    comparison_group = models.BooleanField(
        _("comparison group"),
        default=False,
        help_text=_("The person is in the comparison group, not in the intervention."),
    )
    decided_on = models.DateField(
        _("registration decided on"),
        null=True,
        blank=True,
        help_text=_("Later than the start means the registration was retroactive."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(fields=["person", "project"], name="enrollment_unique"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="enrollment_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.key} {self.start}"


class EnrollmentStatus(models.TextChoices):
    REHAB = "rehab", _("In rehabilitation")
    WORK = "work", _("Work (incl. subsidised employment)")
    EDUCATION = "education", _("Education")
    JOB_SEEKING = "job_seeking", _("Job-seeking")
    OTHER_BENEFIT = "other_benefit", _("Other benefit")
    SICK_AGAIN = "sick_again", _("Sick leave again")
    ENDED = "ended", _("Ended")


class StatusChange(models.Model):
    """A dated status of an enrollment; the latest on or before a day is the status then."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="statuses", verbose_name=_("enrollment")
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=EnrollmentStatus.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "date"], name="status_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.status}"


class SurveyQuestion(models.TextChoices):
    JOB_CHANCES = "job_chances", _("My chances of getting a job have increased")
    SUPPORT = "support", _("I have had good support towards returning to work")
    HEALTH = "health", _("My health has improved")
    INVOLVEMENT = "involvement", _("I have felt involved in the rehabilitation planning")
    COLLABORATION = "collaboration", _("Collaboration between the agencies has improved")


class SurveyAnswer(models.Model):
    """One answer (1–5) to one question; case-worker answers have no person."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="survey_answers", verbose_name=_("project")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_answers",
        verbose_name=_("person"),
    )
    date = models.DateField(_("date"))
    question = models.CharField(_("question"), max_length=20, choices=SurveyQuestion.choices)
    answer = models.PositiveSmallIntegerField(
        _("answer"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    response_id = models.CharField(_("response id"), max_length=100, blank=True)

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "response_id", "question"],
                condition=~Q(response_id=""),
                name="survey_unique_response",
            ),
            models.UniqueConstraint(
                fields=["person", "project", "date", "question"],
                condition=Q(response_id=""),
                name="survey_unique_person_date",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(response_id=""),
                name="survey_person_or_response",
            ),
            models.CheckConstraint(
                condition=Q(answer__gte=1, answer__lte=5), name="survey_answer_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.key} {self.question} {self.answer}"


# --- The case's timeline and mapping interview ----------------------------------------------


class CaseEvent(models.Model):
    """One dated entry on a case's timeline, written only by cases.services.timeline_record."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Case registered")
        UPDATED = "updated", _("Case updated")
        NOTE = "note", _("Note")
        DECISION = "decision", _("Decision")
        STATUS_CHANGE = "status_change", _("Status change")
        ENROLLMENT = "enrollment", _("Enrollment")
        MAPPING_INTERVIEW = "mapping_interview", _("Mapping interview")
        SCREENING = "screening", _("Screening")
        CONSENT = "consent", _("Consent")
        FORUM = "forum", _("Forum")
        COACHING = "coaching", _("Coaching")
        IMPORT = "import", _("Import")

    case = models.ForeignKey(
        SickLeaveCase, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-created_at", "-pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.title}"


class MappingInterview(models.Model):
    """Kartläggningssamtal: the first structured talk about the whole life situation."""

    class ReturnExpectation(models.TextChoices):
        SOON = "soon", _("Within three months")
        THIS_YEAR = "this_year", _("Within a year")
        UNSURE = "unsure", _("Unsure")
        NOT_NOW = "not_now", _("Not at present")

    case = models.ForeignKey(
        SickLeaveCase,
        on_delete=models.CASCADE,
        related_name="mapping_interviews",
        verbose_name=_("case"),
    )
    held_on = models.DateField(_("held on"))
    work_situation = models.TextField(
        _("work"), help_text=_("Job, tasks, workplace, relations at work, the employer's part.")
    )
    private_life = models.TextField(
        _("private life"), help_text=_("Family, housing, finances, leisure, network.")
    )
    health = models.TextField(
        _("health"), help_text=_("Health as the person describes it, treatment, sleep, energy.")
    )
    support_needs = models.TextField(
        _("support needs"), help_text=_("What support the person needs to return to work.")
    )
    own_goal = models.TextField(_("the person's own goal"))
    return_expectation = models.CharField(
        _("expects to return to work"), max_length=20, choices=ReturnExpectation.choices
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("interviewer"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("mapping interview")
        verbose_name_plural = _("mapping interviews")

    def __str__(self) -> str:
        return f"{_('Mapping interview')} {self.held_on}"


# --- Access log ------------------------------------------------------------------------------


class AccessLogQuerySet(models.QuerySet):
    def visible_to(self, user) -> AccessLogQuerySet:
        return self if user.has_perm(roles.READ_ACCESS_LOG) else self.none()


class AccessLogEntry(models.Model):
    """Who saw or moved which person's data, when and from where.

    Append-only: no page or admin can change it, and database triggers refuse UPDATE
    (and DELETE on PostgreSQL). The person and case are kept as plain ids without a
    foreign-key constraint so the log outlives a deleted record.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        SEARCH = "search", _("Searched")
        EXPORT = "export", _("Exported")
        IMPORT = "import", _("Imported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # Empty only for command-line jobs (an import run by manage.py without --user).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("user"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    case = models.ForeignKey(
        SickLeaveCase,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    what = models.CharField(_("what"), max_length=200)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["person", "at"]),
            models.Index(fields=["user", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action} {self.what}"


class PendingImport(models.Model):
    """An uploaded file between its dry run (the preview) and the user's confirmation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    filename = models.CharField(max_length=200)
    content = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return f"{self.kind} {self.filename}"


class ScreeningQuerySet(models.QuerySet):
    def visible_to(self, user) -> ScreeningQuerySet:
        return self.filter(case__in=SickLeaveCase.objects.visible_to(user).values("pk"))


class Screening(models.Model):
    """A saved screening of a case against a project's rules: never changed afterwards.

    It keeps the input values and each criterion's result as they were, so a later change
    to the case does not change what this screening said. An override is a case worker's
    written decision on top of it, made once.
    """

    case = models.ForeignKey(
        SickLeaveCase, on_delete=models.PROTECT, related_name="screenings", verbose_name=_("case")
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="screenings", verbose_name=_("project")
    )
    screening_date = models.DateField(_("screening date"))
    screened_at = models.DateTimeField(_("screened at"), auto_now_add=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("screened by"),
    )
    rule_set = models.CharField(_("rule set"), max_length=30)
    rule_set_version = models.CharField(_("rule set version"), max_length=20)
    inputs = models.JSONField(_("values used"))
    results = models.JSONField(_("results"))
    eligible = models.BooleanField(_("eligible by the rules"))
    override_reason = models.TextField(_("reason for the override"), blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("overridden by"),
    )
    overridden_at = models.DateTimeField(_("overridden at"), null=True, blank=True)

    objects = ScreeningQuerySet.as_manager()

    class Meta:
        ordering = ["-screened_at", "-pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.rule_set} {self.screening_date}"

    def get_absolute_url(self) -> str:
        return reverse("cases:screening_detail", args=[self.case_id, self.pk])

    @property
    def overridden(self) -> bool:
        return bool(self.override_reason)

    @property
    def may_proceed(self) -> bool:
        """Eligible by the rules, or overridden by a case worker's written decision."""
        return self.eligible or self.overridden


class MunicipalAbsence(models.Model):
    """A municipality's ordinary working hours and sick-absence hours of one month, for
    women or men (from its HR system; 4-Ess follows the rate month by month)."""

    municipality_code = models.CharField(
        _("municipality code"), max_length=4, validators=[validate_municipality_code]
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    gender = models.CharField(_("gender"), max_length=5, choices=GenderChoices.choices)
    scheduled_hours = models.DecimalField(_("scheduled hours"), max_digits=12, decimal_places=2)
    sick_hours = models.DecimalField(_("sick-absence hours"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["municipality_code", "month", "gender"]
        verbose_name = _("municipal sick absence")
        verbose_name_plural = _("municipal sick absence")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality_code", "month", "gender"], name="absence_unique_month"
            ),
            models.CheckConstraint(
                condition=Q(sick_hours__gte=0) & Q(scheduled_hours__gte=0),
                name="absence_hours_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_code} {self.month:%Y-%m} {self.gender}"
