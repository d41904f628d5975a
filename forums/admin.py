from django.contrib import admin

from .models import AgendaItem, Consent, Forum, ForumMeeting, ForumMembership, Recommendation


class ForumMembershipInline(admin.TabularInline):
    model = ForumMembership
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]
    inlines = [ForumMembershipInline]


@admin.register(ForumMeeting)
class ForumMeetingAdmin(admin.ModelAdmin):
    list_display = ["forum", "date", "start_time", "place", "state"]
    list_filter = ["forum", "state"]
    date_hierarchy = "date"
    filter_horizontal = ["attendees"]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["meeting", "order", "case", "presenter", "removed_at"]
    raw_id_fields = ["case", "presenter", "meeting"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = [
        "agenda_item",
        "way_forward",
        "responsible",
        "follow_up_on",
        "follow_up_done_at",
    ]
    list_filter = ["way_forward"]
    raw_id_fields = ["agenda_item", "responsible", "recorded_by"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["case", "given_on", "withdrawn_on"]
    raw_id_fields = ["case", "recorded_by", "withdrawn_by"]
