from __future__ import annotations

import csv
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView, View

from accounts.mixins import CapabilityRequiredMixin
from accounts.roles import READ_ACCESS_LOG, READ_PROJECT_REPORTS, WORK_WITH_CASES

from . import eligibility, selectors, services
from .extensions import CASE_PAGE, PROJECT_PAGE, sections
from .filters import CaseFilter
from .forms import (
    AccessLogSearchForm,
    CaseForm,
    EnrollmentForm,
    ImportForm,
    MappingInterviewForm,
    NoteForm,
    OverrideForm,
    ScreeningForm,
    StatusChangeForm,
)
from .importers import CellError, decode, import_csv
from .models import AccessLogEntry, Enrollment, PendingImport, Project, Screening

SEARCH_SESSION_KEY = "case_search"
PAGE_SIZES = (10, 25, 50, 100)


class CaseWorkerMixin(CapabilityRequiredMixin):
    permission_required = WORK_WITH_CASES


class VisibleCaseMixin(CaseWorkerMixin):
    """Loads `self.case` through the user's access: another team's case is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.case = selectors.case_detail(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.case, **kwargs)

    def get_success_url(self):
        return self.case.get_absolute_url()


# --- Case list, search and export ------------------------------------------------------------


class CaseListView(CaseWorkerMixin, TemplateView):
    template_name = "cases/sickleavecase_list.html"

    def filtered(self):
        user = self.request.user
        queryset = selectors.case_list(user)
        search = self.request.session.get(SEARCH_SESSION_KEY, "")
        queryset = selectors.case_search(queryset, search)
        case_filter = CaseFilter(self.request.GET or None, queryset=queryset, user=user)
        return case_filter, search

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case_filter, search = self.filtered()
        try:
            per_page = int(self.request.GET.get("per_page", settings.CASES_PER_PAGE))
        except ValueError:
            per_page = settings.CASES_PER_PAGE
        if per_page not in PAGE_SIZES:
            per_page = settings.CASES_PER_PAGE
        paginator = Paginator(case_filter.qs, per_page)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=case_filter,
            page_obj=page,
            cases=page.object_list,
            search=search,
            today=timezone.localdate(),
            page_sizes=PAGE_SIZES,
            per_page=per_page,
            query_without_page=query.urlencode(),
        )
        return context

    def post(self, request, *args, **kwargs):
        """Search arrives by POST so that a personnummer never appears in a URL or log."""
        term = "" if "clear" in request.POST else request.POST.get("q", "").strip()[:100]
        request.session[SEARCH_SESSION_KEY] = term
        query = request.GET.copy()
        query.pop("page", None)
        url = reverse("cases:case_list")
        return HttpResponseRedirect(f"{url}?{query.urlencode()}" if query else url)


def excel_text(value: str) -> str:
    """Text that Excel must not run as a formula (=, +, -, @ first): quoted with '."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class CaseExportView(CaseListView):
    """The filtered case list as CSV for Swedish Excel; each person exported is logged."""

    def get(self, request, *args, **kwargs):
        case_filter, _search = self.filtered()
        today = timezone.localdate()
        cases = list(case_filter.qs)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="sjukfall-{today:%Y-%m-%d}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                "personnummer",
                "first_name",
                "last_name",
                "case_start",
                "case_end",
                "sick_day",
                "diagnoses",
                "team",
                "case_worker",
            ]
        )
        hidden = _("Protected identity")
        for case in cases:
            person = case.person
            visible = case.identity_visible
            writer.writerow(
                [
                    person.formatted_personnummer if visible else "",
                    excel_text(person.first_name) if visible else hidden,
                    excel_text(person.last_name) if visible else "",
                    case.case_start.isoformat(),
                    case.case_end.isoformat() if case.case_end else "",
                    case.sick_day_on(today) if case.is_open_on(today) else "",
                    excel_text(case.diagnoses),
                    excel_text(case.team.name) if case.team else "",
                    excel_text(str(case.case_worker)) if case.case_worker else "",
                ]
            )
        services.access_log_record_many(
            user=request.user,
            action=AccessLogEntry.Action.EXPORT,
            what=_("Case list exported (CSV)"),
            person_ids=[case.person_id for case in cases],
            ip_address=services.client_address(request),
        )
        return response


# --- One case ----------------------------------------------------------------------------------


class CaseDetailView(VisibleCaseMixin, TemplateView):
    template_name = "cases/sickleavecase_detail.html"

    def get(self, request, *args, **kwargs):
        services.access_log_record(
            user=request.user,
            action=AccessLogEntry.Action.VIEW,
            what=_("Case page"),
            case=self.case,
            ip_address=services.client_address(request),
        )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        today = timezone.localdate()
        context.update(
            today=today,
            sick_day=case.sick_day_on(today) if case.is_open_on(today) else None,
            chain=[
                (day, case.chain_date(day), case.chain_date(day) <= today) for day in (90, 180, 365)
            ],
            stage=case.chain_stage_on(today),
            events=case.events.select_related("author"),
            interviews=case.mapping_interviews.select_related("interviewer")[:1],
            screenings=case.screenings.select_related("project")[:5],
            sections=sections(CASE_PAGE, self.request, case),
            enrollments=selectors.enrollments_of_person(case.person),
            other_cases=selectors.case_list(self.request.user)
            .filter(person=case.person)
            .exclude(pk=case.pk),
        )
        return context


class CaseCreateView(CaseWorkerMixin, FormView):
    template_name = "cases/sickleavecase_form.html"
    form_class = CaseForm

    def form_valid(self, form):
        try:
            case = services.case_register(
                author=self.request.user,
                personnummer=form.cleaned_data["personnummer"],
                person_fields=form.person_fields,
                case_fields=form.case_fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The case has been registered."))
        return redirect(case)


class CaseUpdateView(VisibleCaseMixin, FormView):
    template_name = "cases/sickleavecase_form.html"
    form_class = CaseForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.case}

    def form_valid(self, form):
        try:
            changed = services.case_update(
                case=self.case,
                author=self.request.user,
                case_fields=form.case_fields,
                person_fields=form.person_fields,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if changed:
            messages.success(self.request, _("The case has been saved."))
        else:
            messages.info(self.request, _("Nothing was changed."))
        return redirect(self.case)


class NoteCreateView(VisibleCaseMixin, FormView):
    template_name = "cases/note_form.html"
    form_class = NoteForm

    def form_valid(self, form):
        services.note_add(case=self.case, author=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("The entry has been added to the timeline."))
        return redirect(self.case)


class MappingInterviewCreateView(VisibleCaseMixin, FormView):
    template_name = "cases/mappinginterview_form.html"
    form_class = MappingInterviewForm

    def form_valid(self, form):
        services.mapping_interview_record(
            case=self.case, interviewer=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("The mapping interview has been saved."))
        return redirect(self.case)


class EnrollmentCreateView(VisibleCaseMixin, FormView):
    template_name = "cases/enrollment_form.html"
    form_class = EnrollmentForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "person": self.case.person}

    def get_initial(self):
        # "Enroll" from a screening preselects its project.
        return {**super().get_initial(), "project": self.request.GET.get("project")}

    def form_valid(self, form):
        try:
            services.enrollment_create(
                case=self.case, author=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The person has been enrolled."))
        return redirect(self.case)


class StatusChangeCreateView(VisibleCaseMixin, FormView):
    template_name = "cases/statuschange_form.html"
    form_class = StatusChangeForm

    def get_enrollment(self) -> Enrollment:
        if not hasattr(self, "_enrollment"):
            self._enrollment = get_object_or_404(
                Enrollment.objects.select_related("project"),
                pk=self.kwargs["enrollment_pk"],
                person=self.case.person,
            )
        return self._enrollment

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "enrollment": self.get_enrollment()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(enrollment=self.get_enrollment(), **kwargs)

    def form_valid(self, form):
        services.status_change_record(
            enrollment=self.get_enrollment(),
            author=self.request.user,
            on=form.cleaned_data["date"],
            status=form.cleaned_data["status"],
        )
        messages.success(self.request, _("The status has been recorded."))
        return redirect(self.case)


# --- Projects ------------------------------------------------------------------------------------


class ProjectListView(CapabilityRequiredMixin, ListView):
    permission_required = READ_PROJECT_REPORTS
    template_name = "cases/project_list.html"
    context_object_name = "projects"

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user).order_by("start_date")


class ProjectDetailView(CapabilityRequiredMixin, TemplateView):
    permission_required = READ_PROJECT_REPORTS
    template_name = "cases/project_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = get_object_or_404(
            Project.objects.visible_to(self.request.user).prefetch_related("goals", "volume_plans"),
            key=kwargs["key"],
        )
        context["project"] = project
        context["sections"] = sections(PROJECT_PAGE, self.request, project)
        return context


# --- Access log ------------------------------------------------------------------------------------

LOG_SEARCH_SESSION_KEY = "access_log_search"


class AccessLogView(CapabilityRequiredMixin, TemplateView):
    """Search the log by person or by user and period.

    The criteria arrive by POST (they may hold a personnummer) and are kept in the
    session, so the result can be paged with plain links.
    """

    permission_required = READ_ACCESS_LOG
    template_name = "cases/accesslog_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        criteria = self.request.session.get(LOG_SEARCH_SESSION_KEY)
        form = kwargs.get("form") or AccessLogSearchForm(criteria)
        entries = AccessLogEntry.objects.none()
        if form.is_bound and form.is_valid():
            entries = form.search(AccessLogEntry.objects.visible_to(self.request.user))
        paginator = Paginator(entries.select_related("user"), 50)
        page = paginator.get_page(self.request.GET.get("page"))
        context.update(form=form, page_obj=page, entries=page.object_list)
        return context

    def post(self, request, *args, **kwargs):
        if "clear" in request.POST:
            request.session.pop(LOG_SEARCH_SESSION_KEY, None)
            return redirect("cases:access_log")
        form = AccessLogSearchForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, **kwargs))
        request.session[LOG_SEARCH_SESSION_KEY] = {
            key: request.POST.get(key, "") for key in form.fields
        }
        return redirect("cases:access_log")


# --- Import ---------------------------------------------------------------------------------------


class ImportView(CaseWorkerMixin, FormView):
    """Upload a CSV file; its dry run lists every bad row and column before anything is
    written. A clean file waits (PendingImport) until the user confirms."""

    template_name = "cases/import.html"
    form_class = ImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        kind = form.cleaned_data["kind"]
        user = self.request.user
        if kind == "cases" and user.team is None and not user.is_administrator:
            form.add_error(None, _("You belong to no team, so new cases would have no owner."))
            return self.form_invalid(form)
        try:
            content = decode(upload.read())
        except CellError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        result = import_csv(kind, content, user=user, team=user.team, dry_run=True)
        PendingImport.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
        pending = None
        if result.ok:
            pending = PendingImport.objects.create(
                user=user, kind=kind, filename=upload.name[:200], content=content
            )
        return self.render_to_response(
            self.get_context_data(form=form, result=result, pending=pending, filename=upload.name)
        )


class ImportConfirmView(CaseWorkerMixin, View):
    def post(self, request, pk):
        pending = get_object_or_404(PendingImport, pk=pk, user=request.user)
        user = request.user
        result = import_csv(
            pending.kind,
            pending.content,
            user=user,
            team=user.team,
            ip_address=services.client_address(request),
        )
        if result.ok:
            pending.delete()
            messages.success(
                request,
                _(
                    "Imported %(rows)s rows: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged."
                )
                % {
                    "rows": result.rows,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
        else:
            # The data changed since the preview; nothing was written.
            messages.error(
                request,
                _("The import was stopped; nothing was written: %(error)s")
                % {"error": result.errors[0]},
            )
        return redirect("cases:import")


# --- Screening ---------------------------------------------------------------------------------


class ScreeningCreateView(VisibleCaseMixin, FormView):
    template_name = "cases/screening_form.html"
    form_class = ScreeningForm

    def form_valid(self, form):
        try:
            screening = services.screening_create(
                case=self.case,
                project=form.cleaned_data["project"],
                on=form.cleaned_data["on"],
                screened_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect(screening)


class ScreeningDetailView(VisibleCaseMixin, TemplateView):
    template_name = "cases/screening_detail.html"

    def get_screening(self) -> Screening:
        return get_object_or_404(
            self.case.screenings.select_related("project", "screened_by", "overridden_by"),
            pk=self.kwargs["screening_pk"],
        )

    def get_context_data(self, **kwargs):
        screening = kwargs.pop("screening", None) or self.get_screening()
        context = super().get_context_data(**kwargs)
        # Logged wherever the page is drawn, also when re-shown after a form error.
        services.access_log_record(
            user=self.request.user,
            action=AccessLogEntry.Action.VIEW,
            what=_("Screening page"),
            case=self.case,
            ip_address=services.client_address(self.request),
        )
        context.update(
            screening=screening,
            override_form=kwargs.get("override_form") or OverrideForm(),
            enrolled=Enrollment.objects.filter(
                person=self.case.person, project=screening.project
            ).exists(),
            outcome_labels=eligibility.Outcome.LABELS,
        )
        return context

    def post(self, request, *args, **kwargs):
        screening = self.get_screening()
        form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                services.screening_override(
                    screening=screening, user=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The override and its reason have been saved."))
                return redirect(screening)
        return self.render_to_response(
            self.get_context_data(screening=screening, override_form=form, **kwargs)
        )


class CandidatesView(CaseWorkerMixin, TemplateView):
    """Open cases that meet a project's rules today, filtered in SQL as far as the rules
    allow; the criteria of one page are then evaluated in Python."""

    template_name = "cases/candidates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = get_object_or_404(Project, key=kwargs["key"], key__in=eligibility.RULE_SETS)
        today = timezone.localdate()
        queryset = eligibility.candidate_cases(
            selectors.case_list(self.request.user), project.key, today
        ).order_by("case_start", "pk")
        # Humlor refers people to coaching in groups of ten.
        per_page = 10 if project.key == "humlor" else 25
        page = Paginator(queryset, per_page).get_page(self.request.GET.get("page"))
        rows = []
        for case in page.object_list:
            _data, verdict = eligibility.screen_case(case, project.key, today)
            rows.append((case, verdict))
        context.update(
            project=project,
            projects=Project.objects.filter(key__in=eligibility.RULE_SETS).order_by("name"),
            rows=rows,
            page_obj=page,
            today=today,
            query_without_page="",
        )
        return context
