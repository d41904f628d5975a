"""The seeds' project-specific indicators, hand-made at every boundary (issue 9)."""

import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from cases.importers import import_csv
from cases.models import MunicipalAbsence, Project
from reporting.indicators import compute_report
from reporting.periods import parse_period
from tests.factories import (
    EnrollmentFactory,
    PersonFactory,
    SickLeaveCaseFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db

COMMON_KEYS = [
    "participants_started",
    "work_or_education_12m",
    "comparison_work_or_education_12m",
    "survey_job_chances",
    "survey_support",
    "survey_health",
    "survey_involvement",
    "survey_collaboration",
    "days_to_first_payment",
]


def report(key, period):
    project = Project.objects.get(key=key)
    data = compute_report(project, parse_period(period, project))
    return {indicator["key"]: indicator for indicator in data["indicators"]}


def kundlinjen_enrollment(route, start, *, end=None, woman=True, decided_on=None, statuses=()):
    enrollment = EnrollmentFactory(
        person=PersonFactory(woman=woman),
        project=Project.objects.get(key="kundlinjen"),
        start=start,
        end=end,
        entry_route=route,
        decided_on=decided_on,
    )
    for day, status in statuses:
        StatusChangeFactory(enrollment=enrollment, date=day, status=status)
    return enrollment


# --- Kundlinjen ------------------------------------------------------------------------------------


def test_each_route_is_counted_apart(db):
    kundlinjen_enrollment("a", date(2012, 2, 1))
    kundlinjen_enrollment("d", date(2012, 2, 1), woman=False)
    kundlinjen_enrollment("d", date(2012, 3, 1))
    data = report("kundlinjen", "2012Q1")
    assert data["participants_started_route_a"]["total"]["numerator"] == 1
    assert data["participants_started_route_b"]["total"]["numerator"] == 0
    assert data["participants_started_route_d"]["women"]["numerator"] == 1
    assert data["participants_started_route_d"]["men"]["numerator"] == 1


def test_work_or_education_per_route_with_the_routes_goals(db):
    start = date(2011, 9, 1)
    kundlinjen_enrollment("b", start, statuses=[(date(2012, 6, 1), "work")])
    kundlinjen_enrollment("b", start, statuses=[(date(2012, 6, 1), "rehab")])
    kundlinjen_enrollment("d", start, statuses=[(date(2012, 6, 1), "education")])
    data = report("kundlinjen", "2012Q4")
    route_b = data["work_or_education_12m_route_b"]
    assert route_b["total"] == {"numerator": 1, "denominator": 2, "value": 0.5}
    assert (route_b["target"], route_b["target_comparison"], route_b["goal_met"]) == (
        0.4,
        "at_least",
        True,
    )
    route_d = data["work_or_education_12m_route_d"]
    assert (route_d["target"], route_d["goal_met"]) == (0.2, True)
    assert data["work_or_education_12m_route_c"]["goal_met"] is None  # no one matured


def test_ali_counts_when_end_plus_90_equals_the_period_end(db):
    # 2012Q4 ends 2012-12-31; 2012-10-02 + 90 days = 2012-12-31.
    kundlinjen_enrollment(
        "a", date(2012, 7, 1), end=date(2012, 10, 2), statuses=[(date(2012, 12, 31), "rehab")]
    )
    kundlinjen_enrollment(
        "a",
        date(2012, 7, 1),
        end=date(2012, 10, 3),  # one day short
        statuses=[(date(2012, 12, 1), "work")],
    )
    indicator = report("kundlinjen", "2012Q4")["ali_rehab_90d"]
    assert indicator["total"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert (indicator["target"], indicator["target_comparison"]) == (0.6667, "at_least")


def test_ali_uses_the_latest_status_by_end_plus_90(db):
    end = date(2012, 6, 1)
    kundlinjen_enrollment(
        "a",
        date(2012, 3, 1),
        end=end,
        statuses=[(end, "rehab"), (end + timedelta(days=60), "sick_again")],
    )
    kundlinjen_enrollment(
        "a",
        date(2012, 3, 1),
        end=end,
        statuses=[(end + timedelta(days=90), "work"), (end + timedelta(days=91), "ended")],
    )
    indicator = report("kundlinjen", "2012")["ali_rehab_90d"]
    assert indicator["total"] == {"numerator": 1, "denominator": 2, "value": 0.5}


def test_return_to_insurance_counts_sick_again_after_the_end_up_to_end_plus_90(db):
    end = date(2012, 6, 1)
    kundlinjen_enrollment(
        "a", date(2012, 3, 1), end=end, statuses=[(end, "sick_again")]
    )  # on the end day
    kundlinjen_enrollment(
        "a",
        date(2012, 3, 1),
        end=end,
        statuses=[(end + timedelta(days=90), "sick_again")],
        woman=False,
    )  # day 90
    kundlinjen_enrollment(
        "a", date(2012, 3, 1), end=end, statuses=[(end + timedelta(days=91), "sick_again")]
    )  # too late
    indicator = report("kundlinjen", "2012")["ali_return_to_insurance"]
    assert indicator["total"] == {"numerator": 1, "denominator": 3, "value": 1 / 3}
    assert indicator["men"]["numerator"] == 1
    assert (indicator["target_comparison"], indicator["goal_met"]) == ("below", True)


def test_retroactive_registrations_decided_on_start_is_not_and_a_day_later_is(db):
    start = date(2012, 5, 2)
    kundlinjen_enrollment("a", start, decided_on=start)
    kundlinjen_enrollment("a", start, decided_on=start + timedelta(days=1))
    kundlinjen_enrollment("a", start, decided_on=None)  # not in the denominator
    kundlinjen_enrollment("b", start, decided_on=start + timedelta(days=5))  # another route
    indicator = report("kundlinjen", "2012Q2")["retroactive_registrations"]
    assert indicator["total"] == {"numerator": 1, "denominator": 2, "value": 0.5}
    assert (indicator["target"], indicator["target_comparison"], indicator["goal_met"]) == (
        0.05,
        "below",
        False,
    )


# --- Vägval ------------------------------------------------------------------------------------------

FIRST_DAY = date(2016, 9, 1)


def long_case(start, *, end=None, municipality="0380", status=None, status_day=date(2017, 3, 1)):
    person = PersonFactory(municipality_code=municipality)
    case = SickLeaveCaseFactory(person=person, case_start=start, case_end=end)
    if status:
        enrollment = EnrollmentFactory(
            person=person, project=Project.objects.get(key="vagval"), start=FIRST_DAY
        )
        StatusChangeFactory(enrollment=enrollment, date=status_day, status=status)
    return case


def test_a_case_at_sick_day_366_on_the_first_day_counts_and_day_365_does_not(db):
    long_case(FIRST_DAY - timedelta(days=365), status="work")  # day 366 on the first day
    long_case(FIRST_DAY - timedelta(days=364), status="work")  # day 365
    indicator = report("vagval", "all")["long_cases_back"]
    assert indicator["total"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert (indicator["target"], indicator["goal_met"]) == (0.2, True)


def test_a_case_ending_the_day_before_the_first_day_is_out_and_on_it_is_in(db):
    start = FIRST_DAY - timedelta(days=500)
    long_case(start, end=FIRST_DAY - timedelta(days=1))
    long_case(start, end=FIRST_DAY, status="rehab")
    assert report("vagval", "all")["long_cases_back"]["total"] == {
        "numerator": 1,
        "denominator": 1,
        "value": 1.0,
    }


def test_only_uppsala_county_and_the_status_by_the_period_end(db):
    start = FIRST_DAY - timedelta(days=400)
    long_case(start, municipality="1980", status="work")  # outside the county
    long_case(start, status="education", status_day=date(2017, 6, 1))  # after 2017Q1's end
    long_case(start, status="sick_again")
    indicator = report("vagval", "2017Q1")["long_cases_back"]
    assert indicator["total"] == {"numerator": 0, "denominator": 2, "value": 0.0}
    assert report("vagval", "2017")["long_cases_back"]["total"]["numerator"] == 1


# --- 4-Ess -------------------------------------------------------------------------------------------


def test_the_absence_rate_is_sick_hours_over_scheduled_hours_of_the_three_municipalities(db):
    rows = [
        ("0781", date(2017, 3, 1), "woman", "1000", "100"),
        ("0834", date(2017, 3, 1), "woman", "1000", "50"),
        ("0884", date(2017, 3, 1), "man", "500", "10"),
        ("0780", date(2017, 3, 1), "woman", "1000", "900"),  # Växjö: not in 4-Ess
        ("0781", date(2017, 4, 1), "woman", "1000", "999"),  # the next month
    ]
    for code, month, gender, scheduled, sick in rows:
        MunicipalAbsence.objects.create(
            municipality_code=code,
            month=month,
            gender=gender,
            scheduled_hours=Decimal(scheduled),
            sick_hours=Decimal(sick),
        )
    indicator = report("4ess", "2017-03")["sick_absence_rate"]
    assert indicator["women"] == {"numerator": 150.0, "denominator": 2000.0, "value": 0.075}
    assert indicator["men"] == {"numerator": 10.0, "denominator": 500.0, "value": 0.02}
    assert indicator["total"]["value"] == pytest.approx(160 / 2500)


def test_absence_is_imported_with_decimal_commas_all_or_nothing(db):
    good = (
        "municipality_code;month;gender;scheduled_hours;sick_hours\n"
        "0781;2017-03;kvinna;12 345,50;1 234,25\n0781;2017-03;man;5000;300\n"
    )
    assert import_csv("absence", good).created == 2
    assert import_csv("absence", good).unchanged == 2
    row = MunicipalAbsence.objects.get(gender="woman")
    assert (row.month, row.scheduled_hours, row.sick_hours) == (
        date(2017, 3, 1),
        Decimal("12345.50"),
        Decimal("1234.25"),
    )
    bad = good + "0834;2017-13;kvinna;10;1\n0834;2017-05;flicka;10;1\n0834;2017-05;man;10;11\n"
    assert [str(e) for e in import_csv("absence", bad).errors] == [
        "row 4, column month: ”2017-13” är ingen månad (ÅÅÅÅ-MM).",
        "row 5, column gender: Tillåtna värden: kvinna, man.",
        "row 6, column sick_hours: Fler sjuktimmar än schemalagda timmar.",
    ]
    assert MunicipalAbsence.objects.count() == 2


# --- each project's own keys --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "own"),
    [
        (
            "kundlinjen",
            [
                *(f"participants_started_route_{r}" for r in "abcd"),
                *(f"work_or_education_12m_route_{r}" for r in "abcd"),
                "ali_rehab_90d",
                "ali_return_to_insurance",
                "retroactive_registrations",
            ],
        ),
        ("vagval", ["long_cases_back"]),
        ("4ess", ["sick_absence_rate"]),
        ("coachning", []),
        ("humlor", []),
    ],
)
def test_a_report_lists_only_its_own_projects_keys(capsys, key, own):
    call_command("build_report", "--project", key, "--period", "all", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert [i["key"] for i in data["indicators"]] == COMMON_KEYS + own
    for indicator in data["indicators"]:
        assert list(indicator) == [
            "key",
            "target",
            "target_comparison",
            "goal_met",
            "women",
            "men",
            "total",
        ]
        if indicator["target"] is None:
            assert indicator["target_comparison"] is None and indicator["goal_met"] is None


def test_the_kundlinjen_report_runs_the_same_queries_for_few_or_many(db, django_assert_num_queries):
    project = Project.objects.get(key="kundlinjen")
    period = parse_period("all", project)

    def add(count):
        for index in range(count):
            kundlinjen_enrollment(
                "abcd"[index % 4],
                date(2012, 1, 1),
                end=date(2012, 4, 1),
                decided_on=date(2012, 1, 2),
                statuses=[(date(2012, 5, 1), "work")],
            )

    add(4)
    # goals, participants, work or education, comparison, surveys, days to payment (no
    # payments here, so no median rows), 4 routes x 2, ALI rehab, ALI return, retroactive.
    with django_assert_num_queries(17):
        compute_report(project, period)
    add(36)
    with django_assert_num_queries(17):
        data = compute_report(project, period)
    assert {i["key"]: i for i in data["indicators"]}["participants_started_route_a"]["total"][
        "numerator"
    ] == 10


def test_vagvals_four_reporting_dates_exist_after_migrate(db):
    from reporting.models import ReportSchedule

    dates = list(
        ReportSchedule.objects.filter(project__key="vagval").values_list("run_on", "period_key")
    )
    assert dates == [
        (date(2017, 1, 31), ""),
        (date(2017, 6, 30), ""),
        (date(2017, 12, 31), ""),
        (date(2018, 5, 31), ""),
    ]


def test_each_vagval_report_is_built_on_its_day_of_the_project_so_far(db):
    import time_machine

    from reporting import tasks
    from reporting.models import ReportRun

    with time_machine.travel("2017-06-30 03:00 +0200", tick=False):
        assert tasks.build_due_reporting_dates() == 2  # January's, late, and June's
    runs = list(ReportRun.objects.order_by("period_end").values_list("period_start", "period_end"))
    assert runs == [(date(2016, 9, 1), date(2017, 1, 31)), (date(2016, 9, 1), date(2017, 6, 30))]
