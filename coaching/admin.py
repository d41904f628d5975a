from django.contrib import admin

from .models import (
    CoachingGroup,
    FollowUpMeeting,
    GroupMembership,
    LabourMarketArea,
    Referral,
    Session,
)


@admin.register(LabourMarketArea)
class LabourMarketAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality_codes"]
    search_fields = ["name", "municipality_codes"]


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    raw_id_fields = ["person", "case"]


@admin.register(CoachingGroup)
class CoachingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "area", "planned_start", "started_on", "state"]
    list_filter = ["project", "area", "state"]
    filter_horizontal = ["coaches"]
    inlines = [MembershipInline]


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["id", "project", "area", "referred_on", "state"]
    list_filter = ["project", "state", "area"]
    raw_id_fields = ["case", "screening", "referred_by", "membership"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["group", "date", "topic"]


@admin.register(FollowUpMeeting)
class FollowUpMeetingAdmin(admin.ModelAdmin):
    list_display = ["membership", "planned_on", "held_on", "coach"]
    raw_id_fields = ["membership", "coach"]
