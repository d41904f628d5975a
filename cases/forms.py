from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import WORK_WITH_CASES

from .models import (
    CaseEvent,
    Enrollment,
    EnrollmentStatus,
    MappingInterview,
    Person,
    Project,
    SickLeaveCase,
    validate_municipality_code,
    validate_personnummer,
)
from .personnummer import parse_personnummer


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def yes_no_unknown(label) -> forms.NullBooleanField:
    return forms.NullBooleanField(label=label, required=False, widget=forms.NullBooleanSelect)


CASE_FIELDS = [
    "case_start",
    "case_end",
    "extent",
    "benefit",
    "diagnoses",
    "employment_rate",
    "employer",
    "employer_municipality_code",
    "substance_abuse",
    "suicide_risk",
    "cognitive_impairment",
    "first_payment_date",
]


class CaseForm(forms.ModelForm):
    """A case and its person's details. The personnummer is entered only when registering."""

    personnummer = forms.CharField(
        label=_("Personal identity number"),
        max_length=13,
        help_text=_("YYYYMMDD-NNNN"),
        validators=[validate_personnummer],
    )
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    municipality_code = forms.CharField(
        label=_("Home municipality code"),
        max_length=4,
        required=False,
        validators=[validate_municipality_code],
    )
    understands_swedish = yes_no_unknown(_("Understands Swedish"))
    protected_identity = forms.BooleanField(
        label=_("Protected identity (skyddad identitet)"), required=False
    )
    substance_abuse = yes_no_unknown(_("Ongoing substance abuse"))
    suicide_risk = yes_no_unknown(_("Serious suicide risk"))
    cognitive_impairment = yes_no_unknown(_("Cognitive impairment"))

    class Meta:
        model = SickLeaveCase
        fields = CASE_FIELDS
        widgets = {
            "case_start": DateInput(),
            "case_end": DateInput(),
            "first_payment_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefit"].choices = [("", _("Unknown"))] + list(
            self.fields["benefit"].choices
        )[1:]
        self.fields["extent"].choices = [("", _("Unknown"))] + list(self.fields["extent"].choices)[
            1:
        ]
        if self.instance.pk:
            # The number identifies the person; it is not changed through a case.
            del self.fields["personnummer"]
            self.fields["case_worker"] = forms.ModelChoiceField(
                label=_("Case worker"),
                queryset=caseworkers_of(self.instance.team),
                required=False,
            )
            self.fields["case_worker"].initial = self.instance.case_worker_id
            person = self.instance.person
            for name in (
                "first_name",
                "last_name",
                "municipality_code",
                "understands_swedish",
                "protected_identity",
            ):
                self.fields[name].initial = getattr(person, name)
        order = [
            "personnummer",
            "first_name",
            "last_name",
            "municipality_code",
            "understands_swedish",
            "protected_identity",
            *CASE_FIELDS,
            "case_worker",
        ]
        self.order_fields(order)

    def clean_personnummer(self) -> str:
        return parse_personnummer(self.cleaned_data["personnummer"]).number

    def clean_diagnoses(self) -> str:
        return " ".join(self.cleaned_data["diagnoses"].replace(",", " ").upper().split())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("case_start"), cleaned.get("case_end")
        if start and end and end < start:
            self.add_error("case_end", _("The end cannot be before the start."))
        number = cleaned.get("personnummer")
        if number and start and not self.instance.pk:
            if SickLeaveCase.objects.filter(person__personnummer=number, case_start=start).exists():
                self.add_error(
                    "case_start",
                    _("This person already has a case starting on this date."),
                )
        return cleaned

    @property
    def person_fields(self) -> dict:
        names = ["first_name", "last_name", "municipality_code", "understands_swedish"]
        fields = {name: self.cleaned_data[name] for name in names}
        fields["protected_identity"] = self.cleaned_data["protected_identity"]
        return fields

    @property
    def case_fields(self) -> dict:
        names = [*CASE_FIELDS, "case_worker"] if "case_worker" in self.fields else CASE_FIELDS
        return {name: self.cleaned_data[name] for name in names}


def caseworkers_of(team):
    """Active case workers of a team: who a case can be assigned to."""
    if team is None:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            team=team,
            groups__permissions__codename=WORK_WITH_CASES.split(".")[1],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


class NoteForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (CaseEvent.Kind.NOTE, CaseEvent.Kind.NOTE.label),
            (CaseEvent.Kind.DECISION, CaseEvent.Kind.DECISION.label),
        ],
    )

    class Meta:
        model = CaseEvent
        fields = ["kind", "occurred_on", "title", "body"]
        widgets = {"occurred_on": DateInput(), "body": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].initial = timezone.localdate()


class MappingInterviewForm(forms.ModelForm):
    class Meta:
        model = MappingInterview
        fields = [
            "held_on",
            "work_situation",
            "private_life",
            "health",
            "support_needs",
            "own_goal",
            "return_expectation",
        ]
        widgets = {
            "held_on": DateInput(),
            "work_situation": forms.Textarea(attrs={"rows": 3}),
            "private_life": forms.Textarea(attrs={"rows": 3}),
            "health": forms.Textarea(attrs={"rows": 3}),
            "support_needs": forms.Textarea(attrs={"rows": 3}),
            "own_goal": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["return_expectation"].choices = [("", "---------")] + list(
            MappingInterview.ReturnExpectation.choices
        )


class EnrollmentForm(forms.ModelForm):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.all())

    class Meta:
        model = Enrollment
        fields = ["project", "start", "end", "entry_route", "comparison_group", "decided_on"]
        widgets = {"start": DateInput(), "end": DateInput(), "decided_on": DateInput()}

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["start"].initial = timezone.localdate()
        self.fields["project"].queryset = Project.objects.exclude(
            enrollments__person=person
        ).order_by("name")

    def clean(self):
        cleaned = super().clean()
        project, route = cleaned.get("project"), cleaned.get("entry_route")
        if project and project.key == "kundlinjen" and not route:
            self.add_error("entry_route", _("Kundlinjen needs an entry route (a–d)."))
        if project and project.key != "kundlinjen" and route:
            self.add_error("entry_route", _("Only Kundlinjen has entry routes."))
        return cleaned

    def _post_clean(self):
        # The person is set by the service; model validation runs there.
        pass


class StatusChangeForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=EnrollmentStatus.choices)

    def __init__(self, *args, enrollment: Enrollment, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrollment = enrollment
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < self.enrollment.start:
            raise ValidationError(_("The date cannot be before the enrollment's start."))
        return day


class AccessLogSearchForm(forms.Form):
    personnummer = forms.CharField(
        label=_("Personal identity number"), required=False, max_length=13
    )
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=User.objects.order_by("username"),
        required=False,
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean_personnummer(self) -> str:
        value = self.cleaned_data["personnummer"].strip()
        if not value:
            return ""
        try:
            return parse_personnummer(value).number
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("personnummer") or cleaned.get("user")):
            raise ValidationError(_("Search by a person or by a user."))
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end cannot be before the start."))
        return cleaned

    def search(self, queryset):
        data = self.cleaned_data
        if data["personnummer"]:
            person = Person.objects.filter(personnummer=data["personnummer"]).first()
            if person is None:
                return queryset.none()
            queryset = queryset.filter(person_id=person.pk)
        if data["user"]:
            queryset = queryset.filter(user=data["user"])
        if data["date_from"]:
            queryset = queryset.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            queryset = queryset.filter(at__date__lte=data["date_to"])
        return queryset


class ImportForm(forms.Form):
    MAX_BYTES = 20 * 1024 * 1024

    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            ("cases", _("Sick-leave cases (cases)")),
            ("enrollments", _("Enrollments in projects (enrollments)")),
            ("statuses", _("Statuses (statuses)")),
            ("surveys", _("Survey answers (surveys)")),
            ("absence", _("Municipalities' monthly sick absence (absence)")),
        ],
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, separated by ; or , with the column names of the import "
            "description on the first row."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise ValidationError(_("Choose a CSV file (.csv)."))
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload


class ScreeningForm(forms.Form):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.order_by("name"), empty_label=None
    )
    on = forms.DateField(label=_("Screening date"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for going ahead anyway"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        help_text=_("Stored with the screening and shown on the case's timeline."),
    )
