"""Synthetic, realistic demo data. Deterministic, and running it again changes nothing.

Nothing here is real: the personnummer are valid but generated, the names common ones.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Team, User
from accounts.roles import Role
from cases.models import Benefit, CaseEvent, Person, Project, SickLeaveCase
from cases.personnummer import make_personnummer
from cases.services import timeline_record

DEMO_PASSWORD = "demo-losenord-2026"  # noqa: S105 - printed on purpose for the local demo


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    team: str | None


ORGANISATIONS = [
    (
        "Försäkringskassan",
        Organisation.Kind.FK,
        ["Sjukförsäkring Uppsala", "Sjukförsäkring Västerås"],
    ),
    (
        "Arbetsförmedlingen",
        Organisation.Kind.AF,
        ["Rehabilitering Skåne", "Rehabilitering Motala", "Rehabilitering Uppsala"],
    ),
    ("Region Uppsala", Organisation.Kind.REGION, ["Vårdsamverkan"]),
    ("Ljungby kommun", Organisation.Kind.MUNICIPALITY, ["HR"]),
]

USERS = [
    DemoUser("handlaggare", "Anna", "Lindqvist", Role.CASEWORKER, "Sjukförsäkring Uppsala"),
    DemoUser("kollega", "Erik", "Sandberg", Role.CASEWORKER, "Sjukförsäkring Uppsala"),
    DemoUser("handlaggare2", "Maria", "Öberg", Role.CASEWORKER, "Sjukförsäkring Västerås"),
    DemoUser("forummedlem", "Karin", "Holm", Role.FORUM_MEMBER, "Sjukförsäkring Uppsala"),
    DemoUser(
        "arbetsformedlare", "Anna-Karin", "Wetter", Role.FORUM_MEMBER, "Rehabilitering Uppsala"
    ),
    DemoUser("coach", "Johan", "Ek", Role.COACH, "Rehabilitering Skåne"),
    DemoUser("coach2", "Sara", "Nyström", Role.COACH, "Rehabilitering Skåne"),
    DemoUser("projektledare", "Kajal", "Akrawi", Role.PROJECT_LEAD, None),
    DemoUser("admin", "Ingrid", "Berg", Role.ADMINISTRATOR, None),
]

WOMEN = [
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Emma",
    "Kristina",
    "Elin",
    "Ida",
    "Johanna",
    "Linnea",
    "Malin",
    "Sofia",
    "Åsa",
    "Helena",
    "Camilla",
    "Frida",
    "Hanna",
    "Jenny",
    "Louise",
    "Matilda",
    "Ebba",
    "Ylva",
    "Märta",
]
MEN = [
    "Erik",
    "Lars",
    "Karl",
    "Anders",
    "Johan",
    "Per",
    "Mikael",
    "Fredrik",
    "Oskar",
    "Gustav",
    "Jonas",
    "Magnus",
    "Daniel",
    "Emil",
    "Ali",
    "Björn",
    "Göran",
    "Åke",
    "Mohammed",
    "Nils",
]
SURNAMES = [
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Jönsson",
    "Lindberg",
    "Jakobsson",
    "Magnusson",
    "Olofsson",
    "Lindström",
    "Lindqvist",
    "Lindgren",
    "Axelsson",
    "Berg",
    "Bergström",
    "Lundberg",
    "Åberg",
    "Öberg",
    "Ekström",
    "Hassan",
    "Ahmed",
    "Nyberg",
    "Holmberg",
    "Sundberg",
]
# Weighted towards the programmes' target diagnoses, with exclusions and other fields too.
DIAGNOSES = [
    "F43.8A",
    "F43.2",
    "F32.1",
    "F32.0",
    "F41.1",
    "F41.2",
    "F43.1 F41.1",
    "F32.1 F10.2",
    "F33.1",
    "F31.0",
    "M79.7",
    "R52.9",
    "M54.5",
    "S83.2",
    "F43.8A F32.1",
    "F41.9",
    "C50.9",
    "",
]
MUNICIPALITIES = [
    "0380",
    "0380",
    "0381",
    "0305",
    "1980",
    "0781",
    "0834",
    "0884",
    "1280",
    "1083",
    "0583",
    "0580",
]
EMPLOYERS = [
    "Uppsala kommun",
    "Region Uppsala",
    "Ljungby kommun",
    "Torsås kommun",
    "Vimmerby kommun",
    "ICA Kvantum",
    "Skanska Sverige AB",
    "Västerås stad",
    "",
]
EMPLOYER_CODES = {
    "Uppsala kommun": "0380",
    "Region Uppsala": "0380",
    "Ljungby kommun": "0781",
    "Torsås kommun": "0834",
    "Vimmerby kommun": "0884",
    "Västerås stad": "1980",
}
PEOPLE = 80


@transaction.atomic
def seed_demo() -> list[DemoUser]:
    teams = _seed_organisations()
    users = _seed_users(teams)
    _seed_people_and_cases(teams, users)
    _seed_forums(users)
    _seed_coaching(users)
    _seed_project_history(teams, users)
    return USERS


def _seed_organisations() -> dict[str, Team]:
    teams: dict[str, Team] = {}
    for name, kind, team_names in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
        for team_name in team_names:
            team, _ = Team.objects.get_or_create(organisation=organisation, name=team_name)
            teams[team_name] = team
    return teams


def _seed_users(teams: dict[str, Team]) -> dict[str, User]:
    users: dict[str, User] = {}
    for spec in USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                team=teams[spec.team] if spec.team else None,
                email=f"{spec.username}@demo.invalid",
                is_staff=spec.role == Role.ADMINISTRATOR,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=spec.role.value))
        users[spec.username] = user
    lead = users["projektledare"]
    for project in Project.objects.all():
        project.leads.add(lead)
    return users


def _seed_people_and_cases(teams: dict[str, Team], users: dict[str, User]) -> None:
    today = timezone.localdate()
    fk_teams = [teams["Sjukförsäkring Uppsala"], teams["Sjukförsäkring Västerås"]]
    workers = {
        fk_teams[0].pk: [users["handlaggare"], users["kollega"]],
        fk_teams[1].pk: [users["handlaggare2"]],
    }
    for index in range(1, PEOPLE + 1):
        # One generator per person: the same person comes out whatever was seeded before.
        rng = random.Random(f"demo-person-{index}")  # noqa: S311 - synthetic, not security
        woman = rng.random() < 0.7  # about three in four on sick leave are women
        birth = date(rng.randint(1962, 2005), rng.randint(1, 12), rng.randint(1, 28))
        number = make_personnummer(birth, index, woman=woman, coordination=index % 23 == 0)
        person = Person.objects.filter(personnummer=number).first()
        if person is not None:
            continue  # already seeded: leave it, and its cases, as they are
        person = Person(
            personnummer=number,
            first_name=rng.choice(WOMEN if woman else MEN),
            last_name=rng.choice(SURNAMES),
            municipality_code=rng.choice(MUNICIPALITIES),
            understands_swedish=rng.choices([True, False, None], weights=[85, 5, 10])[0],
            protected_identity=index % 37 == 0,
        )
        person.full_clean()
        person.save()
        team = fk_teams[0] if index % 3 else fk_teams[1]
        start = today - timedelta(
            days=rng.choice([5, 40, 85, 120, 175, 200, 300, 360, 370, 420, 700])
        )
        employer = rng.choice(EMPLOYERS)
        case = SickLeaveCase(
            person=person,
            case_start=start,
            case_end=None if rng.random() < 0.85 else start + timedelta(days=rng.randint(30, 120)),
            extent=rng.choice([25, 50, 75, 100, 100, 100]),
            benefit=rng.choices(
                [
                    Benefit.SICKNESS_BENEFIT,
                    Benefit.SICKNESS_COMPENSATION,
                    Benefit.ACTIVITY_COMPENSATION,
                    "",
                ],
                weights=[80, 8, 6, 6],
            )[0],
            diagnoses=rng.choice(DIAGNOSES),
            employment_rate=rng.choice([None, 25, 50, 75, 100, 100, 100]),
            employer=employer,
            employer_municipality_code=EMPLOYER_CODES.get(employer, ""),
            substance_abuse=rng.choices([False, True, None], weights=[80, 5, 15])[0],
            suicide_risk=rng.choices([False, True, None], weights=[85, 3, 12])[0],
            cognitive_impairment=rng.choices([False, True, None], weights=[85, 3, 12])[0],
            first_payment_date=start + timedelta(days=rng.randint(8, 40)),
            team=team,
            case_worker=rng.choice(workers[team.pk]),
        )
        if case.case_end and case.case_end > today:
            case.case_end = None
        if case.first_payment_date and case.first_payment_date > today:
            case.first_payment_date = None
        case.full_clean()
        case.save()
        timeline_record(
            case=case,
            kind=CaseEvent.Kind.CREATED,
            title=_("Case registered"),
            author=case.case_worker,
            occurred_on=start,
        )


def _seed_forums(users: dict[str, User]) -> None:
    """A Vägvalsforum with a held meeting (with follow-ups) and a coming one."""
    from forums.models import AgendaItem, Expertise, Forum, ForumMeeting, ForumMembership
    from forums.services import (
        agenda_item_add,
        attendance_record,
        consent_record,
        meeting_create,
        meeting_mark_held,
        recommendation_record,
    )

    fk = Organisation.objects.get(name="Försäkringskassan")
    af = Organisation.objects.get(name="Arbetsförmedlingen")
    if Forum.objects.filter(name="Vägvalsforum Uppsala").exists():
        return
    vagval = Forum.objects.create(
        name="Vägvalsforum Uppsala", kind=Forum.Kind.VAGVAL, organisation=fk
    )
    ForumMembership.objects.create(
        forum=vagval, user=users["forummedlem"], expertise=Expertise.DECISION_MAKER, is_chair=True
    )
    ForumMembership.objects.create(
        forum=vagval, user=users["arbetsformedlare"], expertise=Expertise.AF_LABOUR_MARKET
    )
    konsultation = Forum.objects.create(
        name="Konsultationsforum Uppsala", kind=Forum.Kind.KONSULTATION, organisation=af
    )
    ForumMembership.objects.create(
        forum=konsultation,
        user=users["arbetsformedlare"],
        expertise=Expertise.WORK_PSYCHOLOGIST,
        is_chair=True,
    )

    today = timezone.localdate()
    worker = users["handlaggare"]
    long_cases = list(
        SickLeaveCase.objects.filter(
            case_worker=worker, case_end__isnull=True, case_start__lte=today - timedelta(days=380)
        ).order_by("case_start")[:3]
    )
    for case in long_cases:
        consent_record(
            case=case,
            user=worker,
            given_on=today - timedelta(days=20),
            agencies=[fk, af],
            purpose="Gemensam bedömning i Vägvalsforum.",
        )
    held = ForumMeeting.objects.create(
        forum=vagval,
        date=today - timedelta(days=7),
        start_time=time(9, 0),
        place="Uppsala, rum Fyris",
    )
    coming = meeting_create(
        forum=vagval,
        on=today + timedelta(days=7),
        start_time=time(9, 0),
        place="Uppsala, rum Fyris",
    )
    if long_cases:
        item = AgendaItem.objects.create(
            meeting=held,
            case=long_cases[0],
            presenter=worker,
            order=1,
            question="Vilken insats kan leda tillbaka till arbete?",
        )
        attendance_record(meeting=held, attendees=[users["forummedlem"], users["arbetsformedlare"]])
        recommendation_record(
            item=item,
            user=users["forummedlem"],
            way_forward="af_collaboration",
            motivation="Arbetsförmåga mot hela arbetsmarknaden bör prövas tillsammans med AF.",
            responsible=worker,
            follow_up_on=today + timedelta(days=14),
        )
        meeting_mark_held(meeting=held, user=users["forummedlem"])
    for case in long_cases[1:]:
        agenda_item_add(
            case=case,
            meeting=coming,
            presenter=worker,
            question="Är arbetslivsinriktad rehabilitering rätt nästa steg?",
        )


def _seed_coaching(users: dict[str, User]) -> None:
    """Humlor's next candidates referred in a batch, a group filled from the queue and
    started, with a first session."""
    from cases.eligibility import candidate_cases
    from coaching import services as coaching
    from coaching.models import CoachingGroup, LabourMarketArea

    if CoachingGroup.objects.exists():
        return
    today = timezone.localdate()
    humlor = Project.objects.get(key="humlor")
    worker = users["handlaggare"]
    candidates = list(
        candidate_cases(SickLeaveCase.objects.filter(team=worker.team), "humlor", today).order_by(
            "case_start", "pk"
        )[:10]
    )
    coaching.referral_batch(
        cases=candidates, project=humlor, user=worker, on=today - timedelta(days=14)
    )
    group = coaching.group_create(
        name="Humlor Uppsala 1",
        project=humlor,
        area=LabourMarketArea.objects.get(name="Uppsala"),
        planned_start=today - timedelta(days=7),
        coaches=[users["coach"], users["coach2"]],
    )
    coaching.group_fill_from_queue(group=group, user=users["coach"], on=today - timedelta(days=8))
    if group.memberships.exists():
        coaching.group_start(group=group, on=today - timedelta(days=7))
        coaching.session_create(
            group=group, on=today - timedelta(days=7), topic="Kartläggning och mål"
        )
    coaching.group_create(
        name="Humlor Uppsala 2",
        project=humlor,
        area=LabourMarketArea.objects.get(name="Uppsala"),
        planned_start=today + timedelta(days=21),
        coaches=[users["coach"], users["coach2"]],
    )


def _seed_project_history(teams: dict[str, Team], users: dict[str, User]) -> None:
    """Participants of the historical projects, with statuses and survey answers, and a
    report of each project's whole period, so the project lead has figures to read."""
    from cases.models import Enrollment, StatusChange, SurveyAnswer
    from reporting.services import report_build

    if Enrollment.objects.filter(project__key="coachning").exists():
        return
    team = teams["Sjukförsäkring Uppsala"]
    outcomes = ["work", "work", "education", "job_seeking", "rehab", "other_benefit", "sick_again"]
    for key, count, routes in (
        ("coachning", 60, [""]),
        ("kundlinjen", 48, ["a", "b", "c", "d"]),
        ("4ess", 30, [""]),
    ):
        project = Project.objects.get(key=key)
        span = (project.end_date - project.start_date).days
        for index in range(count):
            rng = random.Random(f"demo-{key}-{index}")  # noqa: S311 - synthetic, not security
            start = project.start_date + timedelta(days=rng.randint(0, span - 30))
            woman = rng.random() < 0.72
            birth = date(rng.randint(1950, 1990), rng.randint(1, 12), rng.randint(1, 28))
            person = Person(
                personnummer=make_personnummer(birth, 200 + index % 700, woman=woman),
                first_name=rng.choice(WOMEN if woman else MEN),
                last_name=rng.choice(SURNAMES),
                municipality_code=rng.choice(["0781", "0834", "0884"]) if key == "4ess" else "0380",
                understands_swedish=True,
            )
            if Person.objects.filter(personnummer=person.personnummer).exists():
                continue
            person.full_clean()
            person.save()
            case_start = start - timedelta(days=rng.randint(30, 400))
            case = SickLeaveCase.objects.create(
                person=person,
                case_start=case_start,
                case_end=start + timedelta(days=rng.randint(100, 500)),
                extent=100,
                benefit="sjukpenning",
                diagnoses=rng.choice(DIAGNOSES) or "F43.8A",
                employment_rate=100,
                team=team,
                first_payment_date=case_start + timedelta(days=rng.randint(8, 45)),
            )
            timeline_record(
                case=case,
                kind=CaseEvent.Kind.CREATED,
                title=_("Case registered"),
                occurred_on=case_start,
            )
            route = routes[index % len(routes)]
            enrollment = Enrollment.objects.create(
                person=person,
                project=project,
                case=case,
                start=start,
                end=start + timedelta(days=90) if route == "a" else None,
                entry_route=route,
                comparison_group=key == "coachning" and index % 4 == 0,
                decided_on=start + timedelta(days=rng.choice([0, 0, 0, 0, 12])),
            )
            StatusChange.objects.create(enrollment=enrollment, date=start, status="rehab")
            StatusChange.objects.create(
                enrollment=enrollment,
                date=start + timedelta(days=rng.randint(120, 360)),
                status=rng.choice(outcomes),
            )
            for question in ("job_chances", "support", "health", "involvement"):
                SurveyAnswer.objects.create(
                    project=project,
                    person=person,
                    date=start + timedelta(days=60),
                    question=question,
                    answer=rng.choices([1, 2, 3, 4, 5], weights=[1, 1, 2, 4, 3])[0],
                )
        for index in range(12):
            SurveyAnswer.objects.create(
                project=project,
                date=project.start_date + timedelta(days=200),
                question="collaboration",
                answer=random.Random(f"cw-{key}-{index}").choice([3, 4, 5, 5]),  # noqa: S311
                response_id=f"demo-{key}-{index}",
            )
    _seed_absence()
    for project in Project.objects.all():
        report_build(project=project, period_key="all", user=users["projektledare"])


def _seed_absence() -> None:
    """The three 4-Ess municipalities' monthly hours, women's absence falling over time."""
    from cases.models import MunicipalAbsence

    month = date(2017, 2, 1)
    index = 0
    rows = []
    while month <= date(2020, 1, 1):
        for code, staff in (("0781", 2400), ("0834", 700), ("0884", 1100)):
            for gender, share, base in (("woman", 0.78, 0.085), ("man", 0.22, 0.045)):
                scheduled = Decimal(staff * share * 160).quantize(Decimal("0.01"))
                rate = base * (1 - index / 80) + (0.01 if month.month in (1, 2, 12) else 0)
                rows.append(
                    MunicipalAbsence(
                        municipality_code=code,
                        month=month,
                        gender=gender,
                        scheduled_hours=scheduled,
                        sick_hours=(scheduled * Decimal(str(round(rate, 4)))).quantize(
                            Decimal("0.01")
                        ),
                    )
                )
        index += 1
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    MunicipalAbsence.objects.bulk_create(rows, ignore_conflicts=True)
