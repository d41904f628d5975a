"""The case list's filters (django-filter). Search by name or personnummer is not here:
it arrives by POST and is kept in the session, so no personnummer reaches a URL or a log."""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team

from .models import ChainStage, Enrollment, Project, SickLeaveCase

# Regular expressions on the space-separated diagnosis codes.
DIAGNOSIS_GROUPS = {
    "target": (_("F32, F41, F43 (depression, anxiety, stress)"), r"(^| )F(32|41|43)"),
    "psychiatric": (_("Any psychiatric diagnosis (F00–F99)"), r"(^| )F[0-9]"),
    "pain": (_("Diffuse pain (M79, R52)"), r"(^| )(M79|R52)"),
    "musculoskeletal": (_("Musculoskeletal (M00–M99)"), r"(^| )M[0-9]"),
}


class CaseFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("open", _("Open")), ("closed", _("Closed"))],
        method="filter_status",
        empty_label=_("All"),
    )
    project = django_filters.ModelChoiceFilter(
        label=_("Project"),
        queryset=Project.objects.order_by("name"),
        method="filter_project",
        empty_label=_("All"),
    )
    team = django_filters.ModelChoiceFilter(
        label=_("Team"),
        queryset=Team.objects.select_related("organisation"),
        empty_label=_("All"),
    )
    diagnosis = django_filters.ChoiceFilter(
        label=_("Diagnosis group"),
        choices=[(key, label) for key, (label, _regex) in DIAGNOSIS_GROUPS.items()],
        method="filter_diagnosis",
        empty_label=_("All"),
    )
    stage = django_filters.ChoiceFilter(
        label=_("Stage in the rehabilitation chain"),
        choices=ChainStage.choices,
        method="filter_stage",
        empty_label=_("All"),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("case_start", "start"),
            ("person__last_name", "name"),
            ("team__name", "team"),
        ),
        field_labels={
            "case_start": _("Start of sick leave"),
            "person__last_name": _("Name"),
            "team__name": _("Team"),
        },
        empty_label=_("Newest first"),
    )

    class Meta:
        model = SickLeaveCase
        fields = ["status", "project", "team", "diagnosis", "stage"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and not user.is_administrator:
            # Only the teams whose cases the user can see are worth offering.
            self.filters["team"].queryset = Team.objects.filter(pk=user.team_id).select_related(
                "organisation"
            )

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == "open":
            return queryset.filter(Q(case_end__isnull=True) | Q(case_end__gte=today))
        if value == "closed":
            return queryset.filter(case_end__lt=today)
        return queryset

    def filter_project(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(Enrollment.objects.filter(person=OuterRef("person"), project=value))
        )

    def filter_diagnosis(self, queryset, name, value):
        if value not in DIAGNOSIS_GROUPS:
            return queryset
        return queryset.filter(diagnoses__regex=DIAGNOSIS_GROUPS[value][1])

    def filter_stage(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.in_chain_stage(ChainStage(value), timezone.localdate())
