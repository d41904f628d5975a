"""factory-boy factories. People get valid, unique, synthetic personnummer."""

from __future__ import annotations

from datetime import date, time, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Organisation, Team, User
from accounts.roles import Role
from cases.models import Benefit, Enrollment, Person, Project, SickLeaveCase, StatusChange
from cases.personnummer import make_personnummer, parse_personnummer

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.FK


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory, name="Försäkringskassan")
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).value))
        if create:
            self.save()


def _personnummer(n: int, woman: bool) -> str:
    # Spread birth dates and serials so numbers never collide within a test run.
    birth = date(1960 + n % 45, 1 + n % 12, 1 + n % 28)
    return make_personnummer(birth, 1 + n % 999, woman=woman)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    class Params:
        woman = True
        born = None  # a birth date: the number is made for it

    personnummer = factory.LazyAttributeSequence(
        lambda p, n: (
            make_personnummer(p.born, 1 + n % 999, woman=p.woman)
            if p.born
            else _personnummer(n, p.woman)
        )
    )
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    municipality_code = "0380"
    understands_swedish = True
    birth_date = factory.LazyAttribute(lambda p: parse_personnummer(p.personnummer).birth_date)
    gender = factory.LazyAttribute(lambda p: parse_personnummer(p.personnummer).gender)


class SickLeaveCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SickLeaveCase

    person = factory.SubFactory(PersonFactory)
    case_start = date(2026, 6, 1)
    extent = 100
    benefit = Benefit.SICKNESS_BENEFIT
    diagnoses = "F43.8A"
    employment_rate = 100
    employer = "Uppsala kommun"
    employer_municipality_code = "0380"
    substance_abuse = False
    suicide_risk = False
    cognitive_impairment = False
    team = factory.SubFactory(TeamFactory)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    person = factory.SubFactory(PersonFactory)
    project = factory.LazyFunction(lambda: Project.objects.get(key="coachning"))
    start = date(2009, 1, 15)


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    enrollment = factory.SubFactory(EnrollmentFactory)
    date = date(2009, 6, 1)
    status = "work"


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.Forum"

    name = factory.Sequence(lambda n: f"Vägvalsforum {n}")
    kind = "vagval"
    organisation = factory.SubFactory(OrganisationFactory, name="Försäkringskassan")


class ForumMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "forums.ForumMeeting"

    forum = factory.SubFactory(ForumFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    start_time = time(9, 0)
    place = "Rum Fyris"
