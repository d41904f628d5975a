import io
import json
import time
from datetime import date, timedelta

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from cases.models import Project
from reporting import exports, services, tasks
from reporting.indicators import compute_report
from reporting.models import ReportFile, ReportRun, ReportSchedule
from reporting.periods import parse_period
from tests.celery_worker import running_worker
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


def people(count, start=date(2008, 6, 1)):
    for index in range(count):
        person = PersonFactory(woman=index % 3 != 0)
        SickLeaveCaseFactory(
            person=person,
            case_start=date(2009, 2, 1),
            first_payment_date=date(2009, 2, 10 + index % 15),
        )
        enrollment = EnrollmentFactory(person=person, start=start)
        StatusChangeFactory(
            enrollment=enrollment,
            date=start + timedelta(days=200),
            status="work" if index % 2 else "rehab",
        )


# --- the contract -----------------------------------------------------------------------------------


def test_build_report_json_matches_the_contract_key_by_key(coachning, capsys):
    people(3)
    call_command("build_report", "--project", "coachning", "--period", "2009Q2", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["project", "period", "indicators"]
    assert data["project"] == "coachning"
    assert data["period"] == {"start": "2009-04-01", "end": "2009-06-30"}
    keys = [indicator["key"] for indicator in data["indicators"]]
    assert keys == [
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
    wedu = data["indicators"][1]
    assert list(wedu) == ["key", "target", "target_comparison", "goal_met", "women", "men", "total"]
    assert wedu["target"] == 0.4
    assert wedu["women"] == {"numerator": 1, "denominator": 2, "value": 0.5}
    assert wedu["men"] == {"numerator": 0, "denominator": 1, "value": 0.0}
    assert wedu["total"] == {"numerator": 1, "denominator": 3, "value": 1 / 3}
    assert wedu["goal_met"] is False
    assert {
        list(i["total"]) == ["numerator", "denominator", "value"] for i in data["indicators"]
    } == {True}


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        ("2009", "2009-01-01", "2009-12-31"),
        ("2009Q1", "2009-01-01", "2009-03-31"),
        ("2008-02", "2008-02-01", "2008-02-29"),
        ("all", "2008-05-01", "2010-04-30"),
    ],
)
def test_the_period_forms(coachning, capsys, period, start, end):
    call_command("build_report", "--project", "coachning", "--period", period, "--format", "json")
    assert json.loads(capsys.readouterr().out)["period"] == {"start": start, "end": end}


def test_a_bad_period_is_a_clear_error(coachning):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="är ingen period"):
        call_command("build_report", "--project", "coachning", "--period", "2009Q5")


def test_building_a_report_runs_the_same_queries_for_3_or_30_people(
    coachning, django_assert_num_queries
):
    period = parse_period("2009", coachning)
    people(3)
    # goals (1), participants (1), work or education (1), comparison (1), surveys (1),
    # days to payment: the counts (1) and the middle values of women, men and total (3).
    with django_assert_num_queries(9):
        compute_report(coachning, period)
    people(27, start=date(2008, 7, 1))
    with django_assert_num_queries(9):
        data = compute_report(coachning, period)
    assert data["indicators"][1]["total"]["denominator"] == 30


# --- files ------------------------------------------------------------------------------------------


def test_the_xlsx_opens_with_a_sheet_per_group_and_a_chart(coachning):
    people(6)
    data = compute_report(coachning, parse_period("2009", coachning))
    book = load_workbook(io.BytesIO(exports.to_xlsx(data, coachning.name)))
    assert book.sheetnames == ["Deltagare", "Arbete och studier", "Enkäter", "Tid och frånvaro"]
    sheet = book["Arbete och studier"]
    assert sheet._charts, "the women/men chart is in the sheet"
    assert sheet["A4"].value == "I arbete eller studier efter 12 månader"
    assert sheet["B4"].value == 0.4


def test_the_pdf_opens_and_holds_the_figures(coachning):
    people(6)
    data = compute_report(coachning, parse_period("2009", coachning))
    text = " ".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(exports.to_pdf(data, coachning.name, False))).pages
    )
    assert "Coachningsgrupper i Rehabiliteringssamverkan" in text
    assert "I arbete eller studier efter 12 månader" in text


def test_the_csv_is_for_swedish_excel(coachning):
    content = exports.to_csv(compute_report(coachning, parse_period("2009", coachning)))
    assert content.startswith("\ufeff".encode())
    assert b";work_or_education_12m;" in content


def test_no_personnummer_or_name_appears_in_any_report_file(coachning):
    person = PersonFactory(first_name="Unikanamnet", last_name="Efternamnsson")
    EnrollmentFactory(person=person, start=date(2008, 6, 1))
    run = services.report_build(project=coachning, period_key="2009")
    for file in run.files.all():
        content = bytes(file.content)
        if file.format == "pdf":
            content = " ".join(
                p.extract_text() for p in PdfReader(io.BytesIO(content)).pages
            ).encode()
        elif file.format == "xlsx":
            book = load_workbook(io.BytesIO(content))
            content = " ".join(
                str(c.value) for s in book for row in s.iter_rows() for c in row
            ).encode()
        for secret in (
            person.personnummer,
            person.personnummer[2:8],
            "Unikanamnet",
            "Efternamnsson",
        ):
            assert secret.encode() not in content, (file.format, secret)


def test_the_publication_variant_masks_counts_of_one_to_four():
    data = {
        "project": "x",
        "period": {},
        "indicators": [
            {
                "key": "work_or_education_12m",
                "target": None,
                "women": {"numerator": 3, "denominator": 12, "value": 0.25},
                "men": {"numerator": 0, "denominator": 4, "value": 0.0},
                "total": {"numerator": 5, "denominator": 16, "value": 0.3125},
            }
        ],
    }
    masked = exports.publication(data)["indicators"][0]
    assert masked["women"] == {"numerator": "<5", "denominator": "<5", "value": "<5"}
    assert masked["men"] == {"numerator": "<5", "denominator": "<5", "value": "<5"}
    # Both genders hidden: the total alone gives neither away.
    assert masked["total"] == {"numerator": 5, "denominator": 16, "value": 0.3125}
    assert data["indicators"][0]["women"]["numerator"] == 3  # the original is untouched


# --- runs -------------------------------------------------------------------------------------------


def test_building_again_replaces_the_content_of_the_one_run(coachning, project_lead):
    first = services.report_build(project=coachning, period_key="2009", user=project_lead)
    assert first.state == ReportRun.State.FINISHED
    assert first.files.count() == 6  # csv, xlsx, pdf; full and publication
    people(2)
    second = services.report_build(project=coachning, period_key="2009")
    assert second.pk == first.pk
    assert ReportRun.objects.count() == 1
    assert second.data["indicators"][1]["total"]["denominator"] == 2
    assert ReportFile.objects.count() == 6


def test_a_failed_rebuild_keeps_the_old_content_and_shows_the_error(coachning, monkeypatch):
    good = services.report_build(project=coachning, period_key="2009")

    def broken(*args, **kwargs):
        raise RuntimeError("databasen svarar inte")

    monkeypatch.setattr(services, "compute_report", broken)
    with pytest.raises(RuntimeError):
        services.report_build(project=coachning, period_key="2009")
    run = ReportRun.objects.get()
    assert run.state == ReportRun.State.FAILED
    assert "databasen svarar inte" in run.error
    assert run.data == good.data
    assert run.files.count() == 6


def test_the_first_build_that_fails_leaves_a_visible_failed_run(
    coachning, monkeypatch, client_for, project_lead
):
    coachning.leads.add(project_lead)
    monkeypatch.setattr(
        services, "compute_report", lambda *a: (_ for _ in ()).throw(ValueError("trasig"))
    )
    with pytest.raises(ValueError):
        services.report_build(project=coachning, period_key="2009Q1")
    page = client_for(project_lead).get(reverse("reporting:report_list")).content.decode()
    assert "Misslyckades" in page
    assert "ValueError: trasig" in page


# --- schedules --------------------------------------------------------------------------------------


def test_the_monthly_task_builds_last_month_for_projects_running_then(coachning):
    with time_machine.travel("2009-06-01 02:00 +0200", tick=False):
        assert tasks.build_monthly_statistics() == 1
    run = ReportRun.objects.get()
    assert (run.project, run.period_key, run.trigger) == (coachning, "2009-05", "schedule")


def test_the_quarterly_task_builds_the_quarter_before():
    with time_machine.travel("2012-01-01 02:30 +0100", tick=False):
        tasks.build_quarterly_reports()
    assert list(ReportRun.objects.values_list("project__key", "period_key")) == [
        ("kundlinjen", "2011Q4")
    ]


def test_a_due_reporting_date_is_built_once(coachning):
    schedule = ReportSchedule.objects.create(
        project=coachning, run_on=date(2009, 6, 15), period_key="2009Q1"
    )
    ReportSchedule.objects.create(project=coachning, run_on=date(2009, 7, 1), period_key="2009Q2")
    with time_machine.travel("2009-06-15 03:00 +0200", tick=False):
        assert tasks.build_due_reporting_dates() == 1
        assert tasks.build_due_reporting_dates() == 0  # done: not built again
    schedule.refresh_from_db()
    assert schedule.done_at is not None
    assert ReportRun.objects.get().period_key == "2009Q1"


def test_a_reporting_date_without_period_reports_the_project_so_far():
    vagval = Project.objects.get(key="vagval")
    ReportSchedule.objects.create(project=vagval, run_on=date(2017, 1, 16))
    with time_machine.travel("2017-01-16 03:00 +0100", tick=False):
        tasks.build_due_reporting_dates()
    run = ReportRun.objects.get()
    assert (run.period_start, run.period_end) == (date(2016, 9, 1), date(2017, 1, 16))


def test_the_beat_schedule_names_real_tasks():
    from config.celery import app

    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (CI starts Redis)")
def test_a_scheduled_task_runs_through_redis_and_a_real_worker_and_leaves_a_finished_run(
    reference_data,
):
    coachning = Project.objects.get(key="coachning")
    today = date.today()  # noqa: DTZ011 - the worker's own clock decides what is due
    ReportSchedule.objects.create(project=coachning, run_on=today, period_key="2009")
    with running_worker():
        assert tasks.build_due_reporting_dates.delay().get(timeout=60) == 1
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            run = ReportRun.objects.filter(project=coachning, period_key="2009").first()
            if run and run.state == ReportRun.State.FINISHED:
                break
            time.sleep(0.5)
    assert run is not None and run.state == ReportRun.State.FINISHED
    assert run.trigger == ReportRun.Trigger.SCHEDULE
    assert run.files.count() == 6


def test_when_one_gender_is_masked_the_total_is_masked_too():
    data = {
        "project": "x",
        "period": {},
        "indicators": [
            {
                "key": "work_or_education_12m",
                "target": None,
                "women": {"numerator": 3, "denominator": 8, "value": 0.375},
                "men": {"numerator": 10, "denominator": 20, "value": 0.5},
                "total": {"numerator": 13, "denominator": 28, "value": 13 / 28},
            }
        ],
    }
    masked = exports.publication(data)["indicators"][0]
    assert masked["women"] == {"numerator": "<5", "denominator": "<5", "value": "<5"}
    assert masked["men"] == {"numerator": 10, "denominator": 20, "value": 0.5}
    assert masked["total"] == {"numerator": "<5", "denominator": "<5", "value": "<5"}
