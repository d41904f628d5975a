from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path(
        "reports/<int:pk>/download.<str:format>",
        views.ReportDownloadView.as_view(),
        name="report_download",
    ),
]
