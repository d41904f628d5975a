import pytest
from django.conf import settings

from config.celery import ping
from tests.celery_worker import running_worker


@pytest.mark.skipif(bool(settings.REDIS_URL), reason="embedded mode only (no REDIS_URL)")
def test_without_redis_tasks_run_in_process():
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    result = ping.delay()
    assert result.successful()
    assert result.get() == "pong"


@pytest.mark.services
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI starts Redis)")
def test_with_redis_a_task_goes_through_the_broker_to_a_real_worker():
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    with running_worker():
        result = ping.delay()
        assert result.get(timeout=30) == "pong"
        # The answer came from another process, through Redis.
        assert result.backend.__class__.__name__ == "RedisBackend"
