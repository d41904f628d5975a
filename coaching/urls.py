from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("coaching/groups/", views.GroupListView.as_view(), name="group_list"),
    path("coaching/groups/new/", views.GroupCreateView.as_view(), name="group_create"),
    path("coaching/groups/<int:pk>/", views.GroupDetailView.as_view(), name="group_detail"),
    path(
        "coaching/groups/<int:pk>/<str:action>/",
        views.GroupActionView.as_view(),
        name="group_action",
    ),
    path(
        "coaching/groups/<int:pk>/sessions/new/",
        views.SessionCreateView.as_view(),
        name="session_create",
    ),
    path(
        "coaching/groups/<int:pk>/sessions/<int:session_pk>/",
        views.SessionAttendanceView.as_view(),
        name="session_attendance",
    ),
    path(
        "coaching/groups/<int:pk>/members/<int:membership_pk>/leave/",
        views.MembershipLeaveView.as_view(),
        name="membership_leave",
    ),
    path("coaching/people/<int:pk>/", views.ParticipantView.as_view(), name="participant"),
    path("coaching/queue/", views.ReferralQueueView.as_view(), name="referral_queue"),
    path("cases/<int:pk>/refer/", views.ReferralCreateView.as_view(), name="referral_create"),
]
