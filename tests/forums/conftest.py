from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Organisation
from forums.models import Expertise, ForumMembership
from tests.factories import (
    ForumFactory,
    ForumMeetingFactory,
    PersonFactory,
    SickLeaveCaseFactory,
    TeamFactory,
    UserFactory,
)


@pytest.fixture
def fk(db):
    return Organisation.objects.get_or_create(name="Försäkringskassan", defaults={"kind": "fk"})[0]


@pytest.fixture
def af(db):
    return Organisation.objects.get_or_create(name="Arbetsförmedlingen", defaults={"kind": "af"})[0]


@pytest.fixture
def forum_x(fk, af, forum_member):
    """Vägvalsforum X: the forum member (FK) chairs it, with an AF member."""
    forum = ForumFactory(name="Vägvalsforum X", organisation=fk)
    ForumMembership.objects.create(
        forum=forum, user=forum_member, expertise=Expertise.DECISION_MAKER, is_chair=True
    )
    af_member = UserFactory(
        username="afmember", team=TeamFactory(organisation=af), role="forummedlem"
    )
    ForumMembership.objects.create(
        forum=forum, user=af_member, expertise=Expertise.AF_LABOUR_MARKET
    )
    return forum


@pytest.fixture
def forum_y(fk):
    other = UserFactory(username="ymember", role="forummedlem")
    forum = ForumFactory(name="Vägvalsforum Y", organisation=fk)
    ForumMembership.objects.create(forum=forum, user=other, expertise=Expertise.SPECIALIST)
    return forum


@pytest.fixture
def meeting_x(forum_x):
    return ForumMeetingFactory(forum=forum_x)


@pytest.fixture
def long_case(team_a, caseworker):
    """Sick for 400 days, in team A (FK)."""
    return SickLeaveCaseFactory(
        person=PersonFactory(first_name="Lång", last_name="Sjukskriven"),
        team=team_a,
        case_worker=caseworker,
        case_start=timezone.localdate() - timedelta(days=400),
    )
