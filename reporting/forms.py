from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.models import Project

from .periods import InvalidPeriod, parse_period


class BuildForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    period = forms.CharField(
        label=_("Period"),
        max_length=22,
        help_text=_("A year (2017), a quarter (2017Q1), a month (2017-03) or all."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("name")

    def clean(self):
        cleaned = super().clean()
        project, period = cleaned.get("project"), cleaned.get("period")
        if project and period:
            try:
                cleaned["parsed_period"] = parse_period(period, project)
            except InvalidPeriod as error:
                raise ValidationError({"period": str(error)}) from error
        return cleaned
