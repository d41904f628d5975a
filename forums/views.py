from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from accounts.mixins import CapabilityRequiredMixin
from accounts.models import User
from accounts.roles import HOLD_FORUM_MEETINGS, WORK_WITH_CASES
from cases import selectors as case_selectors
from cases.models import AccessLogEntry
from cases.services import access_log_record, access_log_record_many, client_address

from . import selectors, services
from .forms import AgendaItemForm, AttendanceForm, ConsentForm, MeetingForm, RecommendationForm
from .models import Consent, Forum, ForumMeeting, ForumMembership, Recommendation


class ForumMemberMixin(CapabilityRequiredMixin):
    permission_required = HOLD_FORUM_MEETINGS


def responsible_choices() -> list[tuple[int, str]]:
    users = (
        User.objects.filter(is_active=True, groups__permissions__codename="work_with_cases")
        .distinct()
        .order_by("first_name", "last_name")
    )
    return [(user.pk, str(user)) for user in users]


# --- Forum members -----------------------------------------------------------------------------


class ForumListView(ForumMemberMixin, TemplateView):
    template_name = "forums/forum_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["forums"] = (
            Forum.objects.visible_to(self.request.user)
            .select_related("organisation")
            .prefetch_related(
                Prefetch(
                    "meetings",
                    queryset=ForumMeeting.objects.filter(
                        state=ForumMeeting.State.PLANNED, date__gte=today
                    ).annotate(
                        items=Count("agenda_items", filter=Q(agenda_items__removed_at__isnull=True))
                    ),
                    to_attr="coming_meetings",
                )
            )
        )
        return context


class ForumDetailView(ForumMemberMixin, TemplateView):
    template_name = "forums/forum_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum = get_object_or_404(
            Forum.objects.visible_to(self.request.user).select_related("organisation"),
            pk=kwargs["pk"],
        )
        context.update(
            forum=forum,
            members=forum.memberships.select_related("user__team__organisation"),
            meetings=forum.meetings.annotate(
                items=Count("agenda_items", filter=Q(agenda_items__removed_at__isnull=True))
            ).order_by("-date"),
        )
        return context


class MeetingCreateView(ForumMemberMixin, FormView):
    template_name = "forums/meeting_form.html"
    form_class = MeetingForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.forum = get_object_or_404(Forum.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(forum=self.forum, **kwargs)

    def form_valid(self, form):
        try:
            meeting = services.meeting_create(
                forum=self.forum,
                on=form.cleaned_data["date"],
                start_time=form.cleaned_data["start_time"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting has been planned."))
        return redirect(meeting)


class MeetingMixin(ForumMemberMixin):
    """Loads `self.meeting` through the user's forums: another forum's meeting is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.meeting = get_object_or_404(
                ForumMeeting.objects.visible_to(request.user).select_related("forum"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)


class MeetingDetailView(MeetingMixin, TemplateView):
    """Meeting mode: the chair walks the agenda item by item on one page, records
    attendance and each recommendation, and marks the meeting held."""

    template_name = "forums/meeting_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        members = kwargs.get("members") or list(meeting.forum.memberships.select_related("user"))
        items = selectors.agenda(meeting, self.request.user)
        # Logged wherever the page is drawn, also when re-shown after a form error.
        access_log_record_many(
            user=self.request.user,
            action=AccessLogEntry.Action.VIEW,
            what=_("Forum meeting %(meeting)s") % {"meeting": meeting},
            person_ids=[item.case.person_id for item in items],
            ip_address=client_address(self.request),
        )
        choices = responsible_choices()
        invalid = kwargs.get("invalid_forms", {})
        for item in items:
            recommendation = getattr(item, "recommendation", None)
            item.form = invalid.get(item.pk) or RecommendationForm(
                instance=recommendation,
                initial={
                    "responsible": recommendation.responsible_id
                    if recommendation
                    else item.presenter_id
                },
                responsible_choices=choices,
                prefix=f"item{item.pk}",
            )
        attendee_ids = set(meeting.attendees.values_list("pk", flat=True))
        context.update(
            meeting=meeting,
            items=items,
            members=members,
            attendance_form=kwargs.get("attendance_form")
            or AttendanceForm(members=members, initial={"attendees": list(attendee_ids)}),
            attendee_ids=attendee_ids,
            editable=meeting.state == ForumMeeting.State.PLANNED,
            today=timezone.localdate(),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Attendance and recommendations are posted to the meeting page itself."""
        if request.POST.get("action") == "attendance":
            return self.post_attendance(request)
        return self.post_recommendation(request)

    def post_attendance(self, request):
        members = list(self.meeting.forum.memberships.select_related("user"))
        form = AttendanceForm(request.POST, members=members)
        if form.is_valid():
            try:
                services.attendance_record(
                    meeting=self.meeting, attendees=form.cleaned_data["attendees"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Attendance saved."))
                return redirect(f"{self.meeting.get_absolute_url()}#attendance")
        context = self.get_context_data(members=members, attendance_form=form)
        return self.render_to_response(context, status=400)

    def post_recommendation(self, request):
        item = get_object_or_404(self.meeting.agenda_items.active(), pk=request.POST.get("item"))
        form = RecommendationForm(
            request.POST, responsible_choices=responsible_choices(), prefix=f"item{item.pk}"
        )
        if form.is_valid():
            try:
                services.recommendation_record(
                    item=item,
                    user=request.user,
                    way_forward=form.cleaned_data["way_forward"],
                    motivation=form.cleaned_data["motivation"],
                    responsible=form.cleaned_data["responsible"],
                    follow_up_on=form.cleaned_data["follow_up_on"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Recommendation for item %(n)s saved.") % {"n": item.order}
                )
                following = self.meeting.agenda_items.active().filter(order__gt=item.order).first()
                anchor = f"item-{following.pk}" if following else "close"
                return redirect(f"{self.meeting.get_absolute_url()}#{anchor}")
        context = self.get_context_data(invalid_forms={item.pk: form})
        return self.render_to_response(context, status=400)


class MeetingHeldView(MeetingMixin, View):
    def post(self, request, pk):
        try:
            services.meeting_mark_held(meeting=self.meeting, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(f"{self.meeting.get_absolute_url()}#close")
        messages.success(request, _("The meeting is marked held. The minutes are ready."))
        return redirect("forums:minutes", pk=self.meeting.pk)


class MeetingCancelView(MeetingMixin, TemplateView):
    template_name = "forums/meeting_confirm_cancel.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.meeting, **kwargs)

    def post(self, request, pk):
        try:
            services.meeting_cancel(meeting=self.meeting, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The meeting has been cancelled."))
        return redirect(self.meeting.forum)


class MinutesView(MeetingMixin, TemplateView):
    """Protokoll of a held meeting: a printable page, or a PDF with ?format=pdf."""

    template_name = "forums/minutes.html"

    def get(self, request, *args, **kwargs):
        if self.meeting.state != ForumMeeting.State.HELD:
            messages.info(request, _("Minutes exist once the meeting is marked held."))
            return redirect(self.meeting)
        context = self.get_context_data(**kwargs)
        pdf = request.GET.get("format") == "pdf"
        access_log_record_many(
            user=request.user,
            action=AccessLogEntry.Action.EXPORT if pdf else AccessLogEntry.Action.VIEW,
            what=_("Minutes of %(meeting)s") % {"meeting": self.meeting},
            person_ids=[item.case.person_id for item in context["items"]],
            ip_address=client_address(request),
        )
        if not pdf:
            return self.render_to_response(context)
        from weasyprint import HTML

        html = render_to_string("forums/minutes_pdf.html", context, request=request)
        document = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="protokoll-{self.meeting.date:%Y-%m-%d}-{self.meeting.pk}.pdf"'
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            meeting=self.meeting,
            items=selectors.agenda(self.meeting, self.request.user),
            attendees=ForumMembership.objects.filter(
                forum=self.meeting.forum, user__in=self.meeting.attendees.all()
            ).select_related("user"),
        )
        return context


class ForumCaseView(ForumMemberMixin, TemplateView):
    """What a forum member may see of a case: only cases on their forums' agendas."""

    template_name = "forums/forum_case.html"

    def get(self, request, *args, **kwargs):
        case = get_object_or_404(
            selectors.cases_for_forum_member(request.user)
            .select_related("person")
            .with_identity_for(request.user),
            pk=kwargs["pk"],
        )
        access_log_record(
            user=request.user,
            action=AccessLogEntry.Action.VIEW,
            what=_("Forum view of a case"),
            case=case,
            ip_address=client_address(request),
        )
        items = (
            case.agenda_items.active()
            .filter(meeting__in=ForumMeeting.objects.visible_to(request.user))
            .select_related("meeting__forum", "presenter", "recommendation__responsible")
        )
        return self.render_to_response(
            self.get_context_data(
                case=case,
                items=items,
                interview=case.mapping_interviews.order_by("-held_on").first(),
                today=timezone.localdate(),
            )
        )


# --- Case workers: consent, agenda, follow-ups --------------------------------------------------


class CaseWorkerCaseMixin(CapabilityRequiredMixin):
    permission_required = WORK_WITH_CASES

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.case = case_selectors.case_detail(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)


class ConsentCreateView(CaseWorkerCaseMixin, FormView):
    template_name = "forums/consent_form.html"
    form_class = ConsentForm

    def form_valid(self, form):
        try:
            services.consent_record(
                case=self.case,
                user=self.request.user,
                given_on=form.cleaned_data["given_on"],
                agencies=form.cleaned_data["agencies"],
                purpose=form.cleaned_data["purpose"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The consent has been recorded."))
        return redirect(self.case)


class ConsentWithdrawView(CaseWorkerCaseMixin, TemplateView):
    template_name = "forums/consent_confirm_withdraw.html"

    def get_consent(self) -> Consent:
        return get_object_or_404(
            self.case.consents.filter(withdrawn_on__isnull=True), pk=self.kwargs["consent_pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(consent=self.get_consent(), **kwargs)

    def post(self, request, *args, **kwargs):
        removed = services.consent_withdraw(
            consent=self.get_consent(), user=request.user, on=timezone.localdate()
        )
        message = _("The consent has been withdrawn.")
        if removed:
            message += " " + _("The case was taken off %(n)s coming meeting(s).") % {
                "n": len(removed)
            }
        messages.success(request, message)
        return redirect(self.case)


class AgendaItemCreateView(CaseWorkerCaseMixin, FormView):
    template_name = "forums/agendaitem_form.html"
    form_class = AgendaItemForm

    def form_valid(self, form):
        try:
            item = services.agenda_item_add(
                case=self.case,
                meeting=form.cleaned_data["meeting"],
                presenter=self.request.user,
                question=form.cleaned_data["question"],
                target_group_reason=form.cleaned_data["target_group_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The case is on the agenda of %(meeting)s.") % {"meeting": item.meeting},
        )
        return redirect(self.case)


class FollowUpListView(CapabilityRequiredMixin, TemplateView):
    """Mina uppföljningar: forum recommendations the case worker is to follow up."""

    permission_required = WORK_WITH_CASES
    template_name = "forums/followup_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        follow_ups = list(
            Recommendation.objects.open_follow_ups_for(user)
            .select_related("agenda_item__case__person", "agenda_item__meeting__forum")
            .order_by("follow_up_on", "pk")
        )
        visible = set(
            case_selectors.case_list(user)
            .filter(pk__in=[r.agenda_item.case_id for r in follow_ups])
            .filter(identity_visible=True)
            .values_list("pk", flat=True)
        )
        for recommendation in follow_ups:
            recommendation.agenda_item.case.identity_visible = (
                recommendation.agenda_item.case_id in visible
            )
        context.update(follow_ups=follow_ups, today=timezone.localdate())
        return context

    def post(self, request, *args, **kwargs):
        recommendation = get_object_or_404(
            Recommendation.objects.open_follow_ups_for(request.user), pk=request.POST.get("pk")
        )
        services.follow_up_done(recommendation=recommendation, user=request.user)
        messages.success(request, _("The follow-up is marked done."))
        return redirect("forums:followups")
