from django.contrib import admin

from .models import ReportRun, ReportSchedule


@admin.register(ReportSchedule)
class ReportScheduleAdmin(admin.ModelAdmin):
    list_display = ["project", "run_on", "period_key", "description", "done_at"]
    list_filter = ["project"]


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["project", "period_key", "state", "built_at", "trigger", "attempted_at"]
    list_filter = ["project", "state", "trigger"]
    readonly_fields = [f.name for f in ReportRun._meta.fields]

    # Runs are snapshots: only a new build changes them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
