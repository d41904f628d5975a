"""Celery application.

With REDIS_URL set, tasks go through Redis to a worker (`celery -A config worker`) and
scheduled ones come from beat (`celery -A config beat`). Without it, tasks run in-process.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="config.ping")
def ping() -> str:
    """Round trip through broker and worker, for /health/ and the services test."""
    return "pong"
