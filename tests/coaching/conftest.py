from datetime import date

import pytest

from accounts.roles import Role
from cases.models import Project
from coaching import services
from coaching.models import LabourMarketArea
from tests.factories import PersonFactory, SickLeaveCaseFactory, TeamFactory, UserFactory


@pytest.fixture
def second_coach(db):
    team = TeamFactory(name="Rehabilitering Skåne 2", organisation__name="Arbetsförmedlingen")
    return UserFactory(
        username="sara", first_name="Sara", last_name="Nyström", team=team, role=Role.COACH
    )


@pytest.fixture
def malmo(db):
    return LabourMarketArea.objects.get(name="Malmö")


@pytest.fixture
def coachning(db):
    return Project.objects.get(key="coachning")


@pytest.fixture
def make_group(coach, second_coach, malmo, coachning):
    def make(name="Grupp", coaches=None, area=None, planned_start=date(2009, 3, 2), project=None):
        return services.group_create(
            name=name,
            project=project or coachning,
            area=area or malmo,
            planned_start=planned_start,
            coaches=[coach, second_coach] if coaches is None else coaches,
        )

    return make


@pytest.fixture
def make_case(team_a):
    def make(name="Deltagare", municipality="1280"):
        return SickLeaveCaseFactory(
            person=PersonFactory(first_name=name, municipality_code=municipality),
            team=team_a,
            case_start=date(2008, 11, 1),
        )

    return make


@pytest.fixture
def group_of(make_group, make_case, caseworker):
    """A group with `n` participants."""

    def make(n, **kwargs):
        group = make_group(**kwargs)
        for index in range(n):
            services.membership_add(
                group=group,
                case=make_case(f"Deltagare{index}"),
                user=caseworker,
                on=date(2009, 3, 1),
            )
        return group

    return make
