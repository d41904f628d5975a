"""Shared fixtures: the named personas every access test uses.

- caseworker: a handläggare in team A ("Sjukförsäkring Uppsala")
- colleague:  another handläggare in team A
- outsider:   a handläggare in team B, another office
- forum_member, coach, project_lead, administrator
"""

from __future__ import annotations

import importlib

import pytest
from django.core.cache import cache

from accounts.roles import Role
from tests.factories import TeamFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def _celery_in_process(request):
    """Tasks run in-process in tests, also when REDIS_URL is set (CI); only tests marked
    `services` send them through the real broker to a real worker."""
    from config.celery import app

    if request.node.get_closest_marker("services"):
        yield
        return
    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def team_a(db):
    return TeamFactory(name="Sjukförsäkring Uppsala")


@pytest.fixture
def team_b(db):
    return TeamFactory(name="Sjukförsäkring Västerås")


@pytest.fixture
def caseworker(team_a):
    return UserFactory(
        username="anna", first_name="Anna", last_name="Lindqvist", team=team_a, role=Role.CASEWORKER
    )


@pytest.fixture
def colleague(team_a):
    return UserFactory(
        username="erik", first_name="Erik", last_name="Sandberg", team=team_a, role=Role.CASEWORKER
    )


@pytest.fixture
def outsider(team_b):
    return UserFactory(
        username="maria", first_name="Maria", last_name="Öberg", team=team_b, role=Role.CASEWORKER
    )


@pytest.fixture
def forum_member(team_a):
    return UserFactory(
        username="karin", first_name="Karin", last_name="Holm", team=team_a, role=Role.FORUM_MEMBER
    )


@pytest.fixture
def coach(db):
    af_team = TeamFactory(
        name="Rehabilitering Skåne",
        organisation__name="Arbetsförmedlingen",
        organisation__kind="af",
    )
    return UserFactory(
        username="johan", first_name="Johan", last_name="Ek", team=af_team, role=Role.COACH
    )


@pytest.fixture
def project_lead(db):
    return UserFactory(
        username="kajal", first_name="Kajal", last_name="Akrawi", role=Role.PROJECT_LEAD
    )


@pytest.fixture
def administrator(db):
    return UserFactory(
        username="ingrid",
        first_name="Ingrid",
        last_name="Berg",
        is_staff=True,
        role=Role.ADMINISTRATOR,
    )


@pytest.fixture
def client_for(client):
    """Log a persona in (force_login: django-axes needs a request for a real login)."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture
def reference_data(transactional_db):
    """Roles, projects and labour-market areas, as the migrations create them.

    Transactional tests (browser journeys, the real Celery worker) empty the database
    afterwards; this puts the reference data back at their start. (serialized_rollback proved
    unreliable here: after one journey the next found no serialized data on its
    connection when other tests had run first; restoring explicitly is simpler.)
    """
    from django.apps import apps

    from accounts.roles import sync_administrator_permissions

    importlib.import_module("accounts.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module("cases.migrations.0003_seed_projects").create_projects(apps, None)
    importlib.import_module("coaching.migrations.0002_labour_market_areas").create_areas(apps, None)
    sync_administrator_permissions(sender=None, apps=apps)
