from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.views.generic import TemplateView


class HomeView(TemplateView):
    """Start page: the user's roles and the entries of the navigation."""

    template_name = "accounts/home.html"


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked login: a page in the user's language, HTTP 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/lockout.html", {"cooloff_minutes": minutes}, status=429)
