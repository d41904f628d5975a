from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.CaseListView.as_view(), name="case_list"),
    path("cases/export.csv", views.CaseExportView.as_view(), name="case_export"),
    path("cases/new/", views.CaseCreateView.as_view(), name="case_create"),
    path("cases/<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("cases/<int:pk>/edit/", views.CaseUpdateView.as_view(), name="case_update"),
    path("cases/<int:pk>/note/", views.NoteCreateView.as_view(), name="note_create"),
    path(
        "cases/<int:pk>/mapping-interview/",
        views.MappingInterviewCreateView.as_view(),
        name="mapping_interview_create",
    ),
    path("cases/<int:pk>/enroll/", views.EnrollmentCreateView.as_view(), name="enrollment_create"),
    path(
        "cases/<int:pk>/enrollments/<int:enrollment_pk>/status/",
        views.StatusChangeCreateView.as_view(),
        name="status_change_create",
    ),
    path("cases/<int:pk>/screen/", views.ScreeningCreateView.as_view(), name="screening_create"),
    path(
        "cases/<int:pk>/screenings/<int:screening_pk>/",
        views.ScreeningDetailView.as_view(),
        name="screening_detail",
    ),
    path(
        "candidates/",
        RedirectView.as_view(pattern_name="cases:candidates", permanent=False),
        {"key": "humlor"},
        name="candidates_start",
    ),
    path("candidates/<slug:key>/", views.CandidatesView.as_view(), name="candidates"),
    path("import/", views.ImportView.as_view(), name="import"),
    path("import/<uuid:pk>/confirm/", views.ImportConfirmView.as_view(), name="import_confirm"),
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path("projects/<slug:key>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("access-log/", views.AccessLogView.as_view(), name="access_log"),
]
