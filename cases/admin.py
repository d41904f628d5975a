from django.contrib import admin

from .models import (
    AccessLogEntry,
    CaseEvent,
    Enrollment,
    MappingInterview,
    Person,
    Project,
    ProjectGoal,
    ProjectVolumePlan,
    SickLeaveCase,
    StatusChange,
    SurveyAnswer,
)


class ProjectGoalInline(admin.TabularInline):
    model = ProjectGoal
    extra = 0


class ProjectVolumePlanInline(admin.TabularInline):
    model = ProjectVolumePlan
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "owner", "start_date", "end_date"]
    search_fields = ["name", "key"]
    filter_horizontal = ["leads"]
    inlines = [ProjectGoalInline, ProjectVolumePlanInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    # No names in the list: the admin list is not access-logged person by person.
    list_display = ["id", "gender", "birth_date", "municipality_code", "protected_identity"]
    list_filter = ["gender", "protected_identity"]
    search_fields = ["=personnummer"]
    readonly_fields = ["birth_date", "gender"]


@admin.register(SickLeaveCase)
class SickLeaveCaseAdmin(admin.ModelAdmin):
    list_display = ["id", "case_start", "case_end", "team", "case_worker"]
    list_filter = ["team", "benefit"]
    list_select_related = ["team__organisation", "case_worker"]
    raw_id_fields = ["person"]
    search_fields = ["=person__personnummer"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["id", "project", "start", "end", "entry_route", "comparison_group"]
    list_filter = ["project", "entry_route", "comparison_group"]
    raw_id_fields = ["person", "case"]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ["id", "enrollment", "date", "status"]
    list_filter = ["status"]
    raw_id_fields = ["enrollment"]


@admin.register(SurveyAnswer)
class SurveyAnswerAdmin(admin.ModelAdmin):
    list_display = ["id", "project", "date", "question", "answer"]
    list_filter = ["project", "question"]
    raw_id_fields = ["person"]


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    list_display = ["id", "case", "occurred_on", "kind", "title"]
    list_filter = ["kind"]
    raw_id_fields = ["case", "author"]

    # The timeline is the case's history: it is only ever added to, by the services.
    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(MappingInterview)
class MappingInterviewAdmin(admin.ModelAdmin):
    list_display = ["id", "case", "held_on"]
    raw_id_fields = ["case", "interviewer"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "what", "person_id", "case_id", "ip_address"]
    list_filter = ["action"]
    search_fields = ["user__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
