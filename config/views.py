"""Monitoring endpoint: the state of the database and, when configured, the broker."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return "error"
    return "ok"


def broker_state() -> str:
    if not settings.REDIS_URL:
        return "not_configured"
    from config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001 - any failure to reach the broker is "error"
        logger.exception("Health check: the broker does not answer")
        return "error"
    return "ok"


@login_not_required
@never_cache
@require_GET
def health(request):
    checks = {"database": database_state(), "broker": broker_state()}
    healthy = all(state in ("ok", "not_configured") for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
