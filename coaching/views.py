from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from accounts.mixins import CapabilityRequiredMixin
from accounts.roles import COACH_GROUPS, WORK_WITH_CASES
from cases import eligibility
from cases import selectors as case_selectors
from cases.models import AccessLogEntry, Project, SickLeaveCase, identity_visible_expression
from cases.services import access_log_record_many, client_address

from . import selectors, services
from .forms import FollowUpBookForm, FollowUpRecordForm, GroupForm, LeaveForm, SessionForm
from .models import CoachingGroup, FollowUpMeeting, Referral, Session


class CoachMixin(CapabilityRequiredMixin):
    permission_required = COACH_GROUPS


class GroupMixin(CoachMixin):
    """Loads `self.group` through the coach's groups: another coach's group is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.group = get_object_or_404(
                CoachingGroup.objects.visible_to(request.user).select_related("project", "area"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)


def log_views(request, person_ids, what: str) -> None:
    """Every page that shows participants writes the access log, also when re-shown."""
    access_log_record_many(
        user=request.user,
        action=AccessLogEntry.Action.VIEW,
        what=what,
        person_ids=person_ids,
        ip_address=client_address(request),
    )


def run_service(request, action, success: str) -> bool:
    """Call a service; show its Swedish error as a message instead of a stack trace."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


# --- Coaches -------------------------------------------------------------------------------------


class GroupListView(CoachMixin, TemplateView):
    template_name = "coaching/group_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = (
            CoachingGroup.objects.visible_to(self.request.user)
            .select_related("project", "area")
            .prefetch_related("coaches")
            .annotate(
                participants=Count("memberships", filter=Q(memberships__left_on__isnull=True))
            )
            .order_by("state", "planned_start")
        )
        context["waiting"] = (
            Referral.objects.filter(state=Referral.State.WAITING)
            .values("project__name", "area__name")
            .annotate(count=Count("pk"))
            .order_by("project__name", "area__name")
        )
        return context


class GroupCreateView(CoachMixin, FormView):
    template_name = "coaching/group_form.html"
    form_class = GroupForm

    def get_initial(self):
        return {"coaches": [self.request.user.pk]}

    def form_valid(self, form):
        try:
            group = services.group_create(
                name=form.cleaned_data["name"],
                project=form.cleaned_data["project"],
                area=form.cleaned_data["area"],
                planned_start=form.cleaned_data["planned_start"],
                coaches=form.cleaned_data["coaches"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The group has been created."))
        return redirect(group)


class GroupDetailView(GroupMixin, TemplateView):
    template_name = "coaching/group_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.group
        members = selectors.group_members(group, self.request.user)
        log_views(
            self.request,
            [m.person_id for m in members],
            _("Coaching group %(group)s") % {"group": group},
        )
        active = [m for m in members if m.left_on is None]
        context.update(
            members=members,
            active_count=len(active),
            free=group.MAX_PARTICIPANTS - len(active),
            coaches=list(group.coaches.all()),
            sessions=group.sessions.annotate(
                present=Count("attendance", filter=Q(attendance__present=True))
            ),
            waiting=services.waiting_referrals(group.project, group.area).count(),
            starts_this_year=services.starts_in(group.area, timezone.localdate().year),
            max_starts=services.MAX_STARTS_PER_AREA_AND_YEAR,
            deadline=services.follow_up_deadline(group),
            session_form=kwargs.get("session_form") or SessionForm(),
            leave_form=LeaveForm(),
            today=timezone.localdate(),
        )
        return context


class GroupActionView(GroupMixin, View):
    """fill / start / finish / cancel: one POST each, the rule checked by the service."""

    def post(self, request, pk, action):
        group, user, today = self.group, request.user, timezone.localdate()
        if action == "fill":
            placed = []

            def fill():
                placed.extend(services.group_fill_from_queue(group=group, user=user, on=today))

            if run_service(request, fill, _("The group has been filled from the queue.")):
                if not placed:
                    messages.info(request, _("No one in the queue could be placed in this group."))
        elif action == "start":
            run_service(
                request,
                lambda: services.group_start(group=group, on=today),
                _("The group has started."),
            )
        elif action == "finish":
            run_service(
                request,
                lambda: services.group_finish(group=group, on=today),
                _("The group phase is finished; individual follow-up continues."),
            )
        elif action == "cancel":
            run_service(
                request,
                lambda: services.group_cancel(group=group, user=user),
                _("The group has been cancelled."),
            )
        return redirect(group)


class SessionCreateView(GroupMixin, View):
    def post(self, request, pk):
        form = SessionForm(request.POST)
        if form.is_valid():
            run_service(
                request,
                lambda: services.session_create(
                    group=self.group, on=form.cleaned_data["date"], topic=form.cleaned_data["topic"]
                ),
                _("The session has been added."),
            )
        else:
            messages.error(request, _("Give the session a valid date."))
        return redirect(f"{self.group.get_absolute_url()}#sessions")


class SessionAttendanceView(GroupMixin, TemplateView):
    """Attendance of a whole session on one screen, saved in one request."""

    template_name = "coaching/session_attendance.html"

    def get_session(self) -> Session:
        return get_object_or_404(self.group.sessions, pk=self.kwargs["session_pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.get_session()
        present = set(
            session.attendance.filter(present=True).values_list("membership_id", flat=True)
        )
        members = list(
            self.group.memberships.active()
            .select_related("person")
            .annotate(identity_visible=identity_visible_expression(self.request.user, "person"))
        )
        log_views(
            self.request,
            [m.person_id for m in members],
            _("Attendance of %(group)s") % {"group": self.group},
        )
        context.update(
            session=session, members=members, present=present, recorded=session.attendance.exists()
        )
        return context

    def post(self, request, *args, **kwargs):
        session = self.get_session()
        try:
            present = {int(pk) for pk in request.POST.getlist("present")}
        except ValueError:
            present = set()
        if run_service(
            request,
            lambda: services.attendance_save(session=session, present=present),
            _("Attendance saved."),
        ):
            return redirect(f"{self.group.get_absolute_url()}#sessions")
        return redirect(session)


class MembershipLeaveView(GroupMixin, View):
    def post(self, request, pk, membership_pk):
        membership = get_object_or_404(self.group.memberships.active(), pk=membership_pk)
        form = LeaveForm(request.POST)
        if form.is_valid():
            run_service(
                request,
                lambda: services.membership_leave(
                    membership=membership,
                    on=form.cleaned_data["left_on"],
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                ),
                _("The participant has left the group."),
            )
        else:
            messages.error(request, _("Give the date and the reason for leaving."))
        return redirect(self.group)


class ParticipantView(CoachMixin, TemplateView):
    """The follow-up plan of one participant: only for the coaches of their groups."""

    template_name = "coaching/participant.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.person = get_object_or_404(
                selectors.people_for_coach(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        memberships = list(selectors.participant_memberships(self.person, self.request.user))
        for membership in memberships:
            membership.deadline = services.follow_up_deadline(membership.group)
            membership.book_form = kwargs.get("book_forms", {}).get(
                membership.pk
            ) or FollowUpBookForm(prefix=f"m{membership.pk}")
        log_views(self.request, [self.person.pk], _("Coaching participant page"))
        context.update(
            person=self.person,
            memberships=memberships,
            today=timezone.localdate(),
            record_form=FollowUpRecordForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        memberships = selectors.participant_memberships(self.person, request.user)
        if "follow_up" in request.POST:
            meeting = get_object_or_404(
                FollowUpMeeting.objects.filter(membership__in=memberships),
                pk=request.POST["follow_up"],
            )
            form = FollowUpRecordForm(request.POST, instance=meeting)
            if form.is_valid():
                run_service(
                    request,
                    lambda: services.follow_up_record(
                        meeting=meeting,
                        held_on=form.cleaned_data["held_on"],
                        notes=form.cleaned_data["notes"],
                    ),
                    _("The meeting is recorded as held."),
                )
            else:
                messages.error(request, _("Give the date the meeting was held."))
            return redirect("coaching:participant", pk=self.person.pk)
        membership = get_object_or_404(memberships, pk=request.POST.get("membership"))
        form = FollowUpBookForm(request.POST, prefix=f"m{membership.pk}")
        if form.is_valid():
            try:
                services.follow_up_book(
                    membership=membership,
                    planned_on=form.cleaned_data["planned_on"],
                    coach=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The individual meeting is booked."))
                return redirect("coaching:participant", pk=self.person.pk)
        context = self.get_context_data(book_forms={membership.pk: form})
        return self.render_to_response(context, status=400)


# --- Case workers: referral and the queue --------------------------------------------------------


class ReferralQueueView(CapabilityRequiredMixin, TemplateView):
    """Who waits for coaching, since when, and the next group in their area."""

    permission_required = WORK_WITH_CASES
    template_name = "coaching/referral_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        referrals = list(
            Referral.objects.filter(
                state=Referral.State.WAITING,
                case__in=SickLeaveCase.objects.visible_to(user).values("pk"),
            )
            .select_related("case__person", "project", "area", "referred_by")
            .order_by("referred_on", "pk")
        )
        visible = set(
            case_selectors.case_list(user)
            .filter(pk__in=[r.case_id for r in referrals], identity_visible=True)
            .values_list("pk", flat=True)
        )
        # The next planned group with a free place, per project and area: one query.
        groups = (
            CoachingGroup.objects.filter(
                state=CoachingGroup.State.PLANNED, planned_start__gte=today
            )
            .annotate(taken=Count("memberships", filter=Q(memberships__left_on__isnull=True)))
            .filter(taken__lt=CoachingGroup.MAX_PARTICIPANTS)
            .order_by("planned_start", "pk")
        )
        next_group = {}
        for group in groups:
            next_group.setdefault((group.project_id, group.area_id), group)
        for referral in referrals:
            referral.case.identity_visible = referral.case_id in visible
            referral.waiting_days = (today - referral.referred_on).days
            referral.next_group = next_group.get((referral.project_id, referral.area_id))
        context.update(referrals=referrals, humlor=Project.objects.get(key="humlor"))
        return context

    def post(self, request, *args, **kwargs):
        today = timezone.localdate()
        if "batch" in request.POST:
            # Humlor refers the next ten candidates of the user's team at once.
            humlor = Project.objects.get(key="humlor")
            candidates = list(
                eligibility.candidate_cases(case_selectors.case_list(request.user), "humlor", today)
                .exclude(coaching_referrals__state=Referral.State.WAITING)
                .order_by("case_start", "pk")[:10]
            )
            referrals = []
            run_service(
                request,
                lambda: referrals.extend(
                    services.referral_batch(
                        cases=candidates, project=humlor, user=request.user, on=today
                    )
                ),
                _("Screened and referred the next candidates of Humlor."),
            )
            messages.info(request, _("%(n)s people referred.") % {"n": len(referrals)})
            return redirect("coaching:referral_queue")
        referral = get_object_or_404(
            Referral.objects.filter(
                case__in=SickLeaveCase.objects.visible_to(request.user).values("pk")
            ),
            pk=request.POST.get("referral"),
        )
        if "withdraw" in request.POST:
            run_service(
                request,
                lambda: services.referral_withdraw(referral=referral, user=request.user),
                _("The referral has been withdrawn."),
            )
        else:
            group = get_object_or_404(CoachingGroup, pk=request.POST.get("group"))
            run_service(
                request,
                lambda: services.referral_place(
                    referral=referral, group=group, user=request.user, on=today
                ),
                _("The person has been placed in %(group)s.") % {"group": group.name},
            )
        return redirect("coaching:referral_queue")


class ReferralCreateView(CapabilityRequiredMixin, View):
    """From the case page: refer to coaching on the strength of the latest screening."""

    permission_required = WORK_WITH_CASES

    def post(self, request, pk):
        case = case_selectors.case_detail(request.user, pk)
        project = get_object_or_404(
            Project, pk=request.POST.get("project"), key__in=services.COACHING_PROJECTS
        )
        screening = case.screenings.filter(project=project).order_by("-screened_at", "-pk").first()
        if screening is None:
            messages.error(
                request, _("Screen the case against %(project)s first.") % {"project": project.name}
            )
            return redirect(case)
        run_service(
            request,
            lambda: services.referral_create(
                case=case,
                project=project,
                screening=screening,
                user=request.user,
                on=timezone.localdate(),
            ),
            _("The person has been referred to coaching and waits in the queue."),
        )
        return redirect(case)
