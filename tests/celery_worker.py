"""A real Celery worker in a separate process, for tests that need broker and worker.

Only used when REDIS_URL is set (CI). The worker gets the test database's name so the
tasks it runs read and write what the test sees (tests using it must be transactional).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import connection


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.postgresql":
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        return (
            f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/"
            f"{connection.settings_dict['NAME']}"
        )
    return f"sqlite:///{connection.settings_dict['NAME']}"


@contextmanager
def running_worker(timeout: float = 30.0):
    from config.celery import app

    env = {**os.environ, "DATABASE_URL": _database_url(), "REDIS_URL": settings.REDIS_URL}
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=test-{os.getpid()}@%h",
        ],
        env=env,
    )
    try:
        deadline = time.monotonic() + timeout
        while not app.control.ping(timeout=0.5):
            if process.poll() is not None:
                raise RuntimeError("The Celery worker exited before it was ready")
            if time.monotonic() > deadline:
                raise TimeoutError("The Celery worker did not answer within the timeout")
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
