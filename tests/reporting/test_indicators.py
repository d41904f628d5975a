"""Hand-made cases for each rule at its boundary (CONTRACTS.md, DOMAIN.md)."""

from datetime import date, timedelta

import pytest

from cases.models import Project, SurveyAnswer
from reporting.indicators import compute_report
from reporting.periods import parse_period
from tests.factories import (
    EnrollmentFactory,
    PersonFactory,
    SickLeaveCaseFactory,
    StatusChangeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coachning():
    return Project.objects.get(key="coachning")


def report(project, period_key):
    data = compute_report(project, parse_period(period_key, project))
    return {indicator["key"]: indicator for indicator in data["indicators"]}


def woman():
    return PersonFactory(woman=True)


def man():
    return PersonFactory(woman=False)


def enroll(person, start, *, comparison=False, statuses=()):
    enrollment = EnrollmentFactory(person=person, start=start, comparison_group=comparison)
    for day, status in statuses:
        StatusChangeFactory(enrollment=enrollment, date=day, status=status)
    return enrollment


# --- work or education at 12 months ----------------------------------------------------------


def test_an_enrollment_matures_when_start_plus_365_equals_the_period_end(coachning):
    # 2009: the period ends 2009-12-31; 2008-12-31 + 365 days = 2009-12-31.
    enroll(woman(), date(2008, 12, 31), statuses=[(date(2009, 6, 1), "work")])
    enroll(woman(), date(2009, 1, 1), statuses=[(date(2009, 6, 1), "work")])  # one day short
    indicator = report(coachning, "2009")["work_or_education_12m"]
    assert indicator["women"] == {"numerator": 1, "denominator": 1, "value": 1.0}


def test_maturity_is_cumulative_whatever_the_start(coachning):
    enroll(man(), date(2008, 5, 1), statuses=[(date(2008, 12, 1), "education")])
    assert report(coachning, "2009Q4")["work_or_education_12m"]["men"]["denominator"] == 1


def test_a_status_on_exactly_day_365_counts_and_one_on_day_366_does_not(coachning):
    start = date(2008, 6, 1)
    enroll(woman(), start, statuses=[(start, "rehab"), (start + timedelta(days=365), "work")])
    enroll(woman(), start, statuses=[(start, "rehab"), (start + timedelta(days=366), "work")])
    indicator = report(coachning, "2009")["work_or_education_12m"]
    assert indicator["women"] == {"numerator": 1, "denominator": 2, "value": 0.5}


def test_the_latest_status_by_then_decides(coachning):
    start = date(2008, 6, 1)
    enroll(man(), start, statuses=[(date(2008, 9, 1), "work"), (date(2009, 2, 1), "sick_again")])
    assert report(coachning, "2009")["work_or_education_12m"]["men"]["numerator"] == 0


def test_an_enrollment_without_status_counts_in_the_denominator_only(coachning):
    enroll(man(), date(2008, 6, 1))
    assert report(coachning, "2009")["work_or_education_12m"]["men"] == {
        "numerator": 0,
        "denominator": 1,
        "value": 0.0,
    }


def test_the_comparison_group_is_kept_apart(coachning):
    enroll(woman(), date(2008, 6, 1), statuses=[(date(2009, 1, 1), "work")])
    enroll(woman(), date(2008, 6, 1), comparison=True, statuses=[(date(2009, 1, 1), "job_seeking")])
    enroll(man(), date(2008, 6, 1), comparison=True, statuses=[(date(2009, 1, 1), "education")])
    data = report(coachning, "2009")
    assert data["work_or_education_12m"]["total"] == {
        "numerator": 1,
        "denominator": 1,
        "value": 1.0,
    }
    assert data["comparison_work_or_education_12m"]["total"] == {
        "numerator": 1,
        "denominator": 2,
        "value": 0.5,
    }
    assert data["comparison_work_or_education_12m"]["men"]["value"] == 1.0
    assert data["participants_started"]["total"]["numerator"] == 0  # 2008 starts, 2009 report


def test_participants_started_counts_intervention_starts_in_the_period_by_gender(coachning):
    enroll(woman(), date(2009, 1, 1))
    enroll(woman(), date(2009, 12, 31))
    enroll(man(), date(2009, 6, 1))
    enroll(man(), date(2009, 6, 1), comparison=True)
    enroll(man(), date(2010, 1, 1))
    indicator = report(coachning, "2009")["participants_started"]
    assert indicator["women"] == {"numerator": 2, "denominator": 2, "value": 1.0}
    assert indicator["men"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert indicator["total"]["numerator"] == 3


# --- surveys -----------------------------------------------------------------------------------


def answer(project, day, value, person=None, question="job_chances", response_id=""):
    return SurveyAnswer.objects.create(
        project=project,
        date=day,
        answer=value,
        person=person,
        question=question,
        response_id=response_id,
    )


def test_survey_dates_on_the_period_edges_count_and_just_outside_do_not(coachning):
    answer(coachning, date(2009, 3, 31), 5, woman())  # the day before Q2
    answer(coachning, date(2009, 4, 1), 4, woman())  # first day
    answer(coachning, date(2009, 6, 30), 3, woman())  # last day
    answer(coachning, date(2009, 7, 1), 5, woman())  # the day after
    indicator = report(coachning, "2009Q2")["survey_job_chances"]
    assert indicator["women"] == {"numerator": 1, "denominator": 2, "value": 0.5}


def test_case_worker_answers_count_only_in_the_total(coachning):
    answer(coachning, date(2009, 5, 1), 5, man(), question="collaboration")
    answer(coachning, date(2009, 5, 1), 2, None, question="collaboration", response_id="r1")
    answer(coachning, date(2009, 5, 1), 4, None, question="collaboration", response_id="r2")
    indicator = report(coachning, "2009")["survey_collaboration"]
    assert indicator["men"] == {"numerator": 1, "denominator": 1, "value": 1.0}
    assert indicator["women"] == {"numerator": 0, "denominator": 0, "value": None}
    assert indicator["total"] == {"numerator": 2, "denominator": 3, "value": 2 / 3}


def test_the_goal_is_beside_the_figure(coachning):
    for value in (5, 4, 4, 2):
        answer(coachning, date(2009, 5, 1), value, woman())
    indicator = report(coachning, "2009")["survey_job_chances"]
    assert indicator["target"] == 0.75
    assert indicator["target_comparison"] == "at_least"
    assert indicator["goal_met"] is True  # exactly 0.75
    assert report(coachning, "2009")["survey_support"]["target"] is None


# --- days to first payment ----------------------------------------------------------------------


def case_with_payment(person, start, days, project_key="4ess", comparison=False):
    project = Project.objects.get(key=project_key)
    EnrollmentFactory(person=person, project=project, start=start, comparison_group=comparison)
    return SickLeaveCaseFactory(
        person=person, case_start=start, first_payment_date=start + timedelta(days=days)
    )


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_values():
    four_ess = Project.objects.get(key="4ess")
    for days in (10, 20, 30, 100):
        case_with_payment(woman(), date(2017, 3, 1), days)
    for days in (5, 7, 9):
        case_with_payment(man(), date(2017, 3, 1), days)
    indicator = report(four_ess, "2017Q1")["days_to_first_payment"]
    assert indicator["women"] == {"numerator": 4, "denominator": 4, "value": 25.0}
    assert indicator["men"] == {"numerator": 3, "denominator": 3, "value": 7.0}
    assert indicator["total"] == {"numerator": 7, "denominator": 7, "value": 10.0}


def test_days_to_first_payment_counts_only_enrolled_intervention_cases_started_in_the_period():
    four_ess = Project.objects.get(key="4ess")
    case_with_payment(woman(), date(2017, 3, 31), 10)
    case_with_payment(woman(), date(2017, 4, 1), 50)  # next quarter
    case_with_payment(woman(), date(2017, 3, 1), 90, comparison=True)
    SickLeaveCaseFactory(
        person=woman(), case_start=date(2017, 3, 1), first_payment_date=date(2017, 6, 1)
    )  # not in the project
    SickLeaveCaseFactory(person=woman(), case_start=date(2017, 3, 1))  # no payment yet
    indicator = report(four_ess, "2017Q1")["days_to_first_payment"]
    assert indicator["total"] == {"numerator": 1, "denominator": 1, "value": 10.0}


def test_no_data_gives_null_values_not_zero(coachning):
    data = report(coachning, "2009")
    assert data["work_or_education_12m"]["total"] == {
        "numerator": 0,
        "denominator": 0,
        "value": None,
    }
    assert data["days_to_first_payment"]["total"]["value"] is None
    assert data["work_or_education_12m"]["goal_met"] is None
