from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.ForumListView.as_view(), name="forum_list"),
    path("forums/<int:pk>/", views.ForumDetailView.as_view(), name="forum_detail"),
    path("forums/<int:pk>/meetings/new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/held/", views.MeetingHeldView.as_view(), name="meeting_held"),
    path("meetings/<int:pk>/cancel/", views.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("meetings/<int:pk>/minutes/", views.MinutesView.as_view(), name="minutes"),
    path("forum-cases/<int:pk>/", views.ForumCaseView.as_view(), name="forum_case"),
    path("cases/<int:pk>/consents/new/", views.ConsentCreateView.as_view(), name="consent_create"),
    path(
        "cases/<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
    path(
        "cases/<int:pk>/agenda/new/",
        views.AgendaItemCreateView.as_view(),
        name="agenda_item_create",
    ),
    path("follow-ups/", views.FollowUpListView.as_view(), name="followups"),
]
