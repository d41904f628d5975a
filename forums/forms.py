from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from cases.forms import DateInput

from .models import AgendaItem, Consent, ForumMeeting, Recommendation


class ConsentForm(forms.ModelForm):
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies the case may be shared with"),
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Consent
        fields = ["given_on", "agencies", "purpose"]
        widgets = {"given_on": DateInput(), "purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate()
        self.fields["purpose"].initial = _(
            "To bring the case to Vägvalsforum or Konsultationsforum for a joint assessment "
            "of the way forward."
        )

    def _post_clean(self):
        # The case is set by the service.
        pass


class AgendaItemForm(forms.ModelForm):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=ForumMeeting.objects.none())

    class Meta:
        model = AgendaItem
        fields = ["meeting", "question", "target_group_reason"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "target_group_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            ForumMeeting.objects.coming().select_related("forum").order_by("date", "start_time")
        )
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.forum.name} – {m.date:%Y-%m-%d} {m.start_time:%H:%M}, {m.place}"
        )

    def _post_clean(self):
        pass


class MeetingForm(forms.ModelForm):
    class Meta:
        model = ForumMeeting
        fields = ["date", "start_time", "place"]
        widgets = {"date": DateInput(), "start_time": forms.TimeInput(attrs={"type": "time"})}


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = User.objects.filter(pk__in=[m.user_id for m in members])
        labels = {m.user_id: f"{m.user} – {m.get_expertise_display()}" for m in members}
        self.fields["attendees"].label_from_instance = lambda user: labels.get(user.pk, str(user))
        # Choices from the memberships already loaded: no query per rendering.
        self.fields["attendees"].choices = [(m.user_id, labels[m.user_id]) for m in members]


class RecommendationForm(forms.ModelForm):
    responsible = forms.TypedChoiceField(label=_("Responsible case worker"), coerce=int)

    class Meta:
        model = Recommendation
        fields = ["way_forward", "motivation", "responsible", "follow_up_on"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 2}), "follow_up_on": DateInput()}

    def __init__(self, *args, responsible_choices, **kwargs):
        super().__init__(*args, **kwargs)
        # One list of choices shared by every item's form: no query per agenda item.
        self.fields["responsible"].choices = [("", "---------"), *responsible_choices]

    def clean_responsible(self):
        return User.objects.get(pk=self.cleaned_data["responsible"])

    def _post_clean(self):
        pass
