from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.forms import DateInput
from cases.models import Project

from .models import CoachingGroup, FollowUpMeeting, GroupMembership, LabourMarketArea, Session
from .services import COACHING_PROJECTS


def coaches():
    return (
        User.objects.filter(is_active=True, groups__permissions__codename="coach_groups")
        .distinct()
        .order_by("first_name", "last_name")
    )


class GroupForm(forms.ModelForm):
    project = forms.ModelChoiceField(
        label=_("Project"), queryset=Project.objects.filter(key__in=COACHING_PROJECTS)
    )
    area = forms.ModelChoiceField(
        label=_("Labour-market area"), queryset=LabourMarketArea.objects.all()
    )
    coaches = forms.ModelMultipleChoiceField(
        label=_("Coaches (two)"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A group is led by two coaches; it cannot start with fewer."),
    )

    class Meta:
        model = CoachingGroup
        fields = ["name", "project", "area", "planned_start", "coaches"]
        widgets = {"planned_start": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coaches"].queryset = coaches()

    def _post_clean(self):
        pass


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "topic"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def _post_clean(self):
        pass


class FollowUpBookForm(forms.Form):
    planned_on = forms.DateField(label=_("Date of the individual meeting"), widget=DateInput())


class FollowUpRecordForm(forms.ModelForm):
    class Meta:
        model = FollowUpMeeting
        fields = ["held_on", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["held_on"].initial = timezone.localdate()

    def _post_clean(self):
        pass


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Reason"), choices=GroupMembership.LeaveReason.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = timezone.localdate()
