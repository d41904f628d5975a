from django.contrib import admin
from django.urls import include, path

from accounts.views import HomeView

from . import views

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("health/", views.health, name="health"),
    path("", include("cases.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
