from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from accounts.mixins import CapabilityRequiredMixin
from accounts.roles import READ_PROJECT_REPORTS

from . import exports
from .forms import BuildForm
from .models import ReportFile, ReportRun
from .tasks import build_report

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


class ProjectLeadMixin(CapabilityRequiredMixin):
    permission_required = READ_PROJECT_REPORTS


class ReportListView(ProjectLeadMixin, TemplateView):
    """Runs of the user's projects (never individual records), and a form to build one."""

    template_name = "reporting/report_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            runs=ReportRun.objects.visible_to(user)
            .select_related("project", "built_by")
            .defer("data"),
            form=kwargs.get("form") or BuildForm(user=user),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = BuildForm(request.POST, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        project, period = form.cleaned_data["project"], form.cleaned_data["parsed_period"]
        try:
            # Nothing is written before this, so there is no commit to wait for. With no
            # broker configured the build runs right here and may fail here.
            build_report.delay(project.pk, period.key, user_id=request.user.pk)
        except Exception:  # noqa: BLE001 - the run records the error; the user gets a message
            messages.error(
                request,
                _(
                    "The report of %(project)s for %(period)s could not be built; see its error below."
                )
                % {"project": project.name, "period": period.key},
            )
            return redirect("reporting:report_list")
        messages.success(
            request,
            _("The report of %(project)s for %(period)s is being built.")
            % {"project": project.name, "period": period.key},
        )
        return redirect("reporting:report_list")


class ReportDetailView(ProjectLeadMixin, TemplateView):
    template_name = "reporting/report_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = get_object_or_404(
            ReportRun.objects.visible_to(self.request.user).select_related("project", "built_by"),
            pk=kwargs["pk"],
        )
        context.update(run=run, groups=exports.display_groups(run.data) if run.data else [])
        return context


class ReportDownloadView(ProjectLeadMixin, View):
    def get(self, request, pk, format):
        run = get_object_or_404(
            ReportRun.objects.visible_to(request.user).select_related("project"), pk=pk
        )
        publication = request.GET.get("variant") == "publication"
        file = get_object_or_404(ReportFile, run=run, format=format, publication=publication)
        name = f"{run.project.key}-{run.period_key}{'-publicering' if publication else ''}.{format}"
        response = HttpResponse(bytes(file.content), content_type=CONTENT_TYPES[format])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
