from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from accounts.views import HomeView

from . import views

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("health/", views.health, name="health"),
    path("", include("cases.urls")),
    path("", include("forums.urls")),
    path("", include("coaching.urls")),
    path("", include("reporting.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    # The language can be chosen on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
