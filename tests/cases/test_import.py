from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.importers import import_csv
from cases.models import (
    AccessLogEntry,
    CaseEvent,
    Enrollment,
    Person,
    SickLeaveCase,
    StatusChange,
    SurveyAnswer,
)
from tests.factories import EnrollmentFactory, PersonFactory, SickLeaveCaseFactory

pytestmark = pytest.mark.django_db

CASES = """personnummer,first_name,last_name,municipality_code,understands_swedish,case_start,case_end,extent,benefit,diagnoses,employment_rate,employer,employer_municipality_code,substance_abuse,suicide_risk,cognitive_impairment,first_payment_date
19850101-2382,Eva,Lund,0380,ja,2026-03-02,,100,sjukpenning,F43.8A F41.1,100,Uppsala kommun,0380,nej,nej,nej,2026-03-20
198112189876,Per,Ek,0380,,2026-01-10,2026-05-31,50,sjukpenning,M54.5,75,ICA,,,,,
"""


def test_a_valid_cases_file_creates_people_cases_and_timeline_entries(team_a, caseworker):
    result = import_csv("cases", CASES, user=caseworker, team=team_a)

    assert result.ok, result.errors
    assert (result.rows, result.created, result.updated, result.unchanged) == (2, 2, 0, 0)
    eva = Person.objects.get(personnummer="198501012382")
    assert (eva.first_name, eva.gender, eva.birth_date) == ("Eva", "woman", date(1985, 1, 1))
    case = eva.cases.get()
    assert case.diagnoses == "F43.8A F41.1"
    assert case.team == team_a
    assert eva.understands_swedish is True
    assert case.substance_abuse is False
    per_case = SickLeaveCase.objects.get(person__personnummer="198112189876")
    assert per_case.case_end == date(2026, 5, 31)
    assert per_case.substance_abuse is None  # empty means unknown
    assert CaseEvent.objects.filter(kind=CaseEvent.Kind.IMPORT).count() == 2
    # Each person touched is in the access log, under the importing user.
    assert AccessLogEntry.objects.filter(action="import", user=caseworker).count() == 2


def test_the_same_file_imported_twice_gives_the_same_rows(team_a, caseworker):
    import_csv("cases", CASES, user=caseworker, team=team_a)
    snapshot = list(SickLeaveCase.objects.order_by("pk").values())

    again = import_csv("cases", CASES, user=caseworker, team=team_a)

    assert again.ok
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert list(SickLeaveCase.objects.order_by("pk").values()) == snapshot
    assert Person.objects.count() == 2


def test_a_changed_row_updates_the_case_and_says_what_changed(team_a, caseworker):
    import_csv("cases", CASES, user=caseworker, team=team_a)
    changed = CASES.replace("2026-03-02,,100,", "2026-03-02,2026-06-30,100,")

    result = import_csv("cases", changed, user=caseworker, team=team_a)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    case = SickLeaveCase.objects.get(person__personnummer="198501012382")
    assert case.case_end == date(2026, 6, 30)
    event = case.events.filter(title="Ändrat via import").get()
    assert "sjukskrivningens slut" in event.body


def test_one_bad_row_writes_nothing_and_every_error_names_row_and_column(team_a, caseworker):
    bad = CASES + (
        "198501012383,Fel,Siffra,0380,ja,2026-13-01,,33,sjukpension,X,120,,03,kanske,,,\n"
    )

    result = import_csv("cases", bad, user=caseworker, team=team_a)

    assert not result.ok
    assert Person.objects.count() == 0
    assert SickLeaveCase.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0
    messages = [str(error) for error in result.errors]
    assert messages == [
        "row 4, column personnummer: Kontrollsiffran är fel.",
        "row 4, column case_start: ”2026-13-01” är inget datum (ÅÅÅÅ-MM-DD).",
        "row 4, column extent: Tillåtna värden: 25, 50, 75, 100.",
        "row 4, column benefit: Tillåtna värden: sjukpenning, sjukersattning, "
        "aktivitetsersattning, ingen.",
        "row 4, column diagnoses: X är ingen ICD-10-kod (t.ex. F32.1).",
        "row 4, column employment_rate: Måste vara mellan 0 och 100.",
        "row 4, column employer_municipality_code: En kommunkod har fyra siffror, t.ex. 0380.",
        "row 4, column substance_abuse: Skriv ja eller nej (eller lämna tomt för okänt).",
    ]


def test_two_rows_with_the_same_key_are_an_error(team_a, caseworker):
    lines = CASES.strip().split("\n")
    duplicate = "\n".join([*lines, lines[1].replace("Eva", "Eva-Lena")]) + "\n"

    result = import_csv("cases", duplicate, user=caseworker, team=team_a)

    assert [str(e) for e in result.errors] == ["row 4: same key as row 2"]
    assert SickLeaveCase.objects.count() == 0


def test_semicolons_and_a_utf8_bom_are_accepted(team_a, caseworker):
    swedish_excel = ("\ufeff" + CASES.replace(",", ";").replace("Lund", "Åström")).encode()

    result = import_csv("cases", swedish_excel, user=caseworker, team=team_a)

    assert result.ok, result.errors
    assert Person.objects.get(personnummer="198501012382").last_name == "Åström"


def test_short_forms_of_the_personnummer_are_stored_with_twelve_digits(team_a):
    data = "personnummer,case_start\n850101-2382,2026-03-02\n121212+1212,2026-02-01\n"
    assert import_csv("cases", data, team=team_a).ok
    assert set(Person.objects.values_list("personnummer", flat=True)) == {
        "198501012382",
        "191212121212",
    }


def test_a_missing_required_column_is_reported_on_row_1(team_a):
    result = import_csv("cases", "personnummer,first_name\n198501012382,Eva\n", team=team_a)
    assert [str(e) for e in result.errors] == ["row 1, column case_start: Kolumnen saknas."]


def test_a_file_that_is_not_utf8_is_refused_with_advice(team_a):
    latin1 = "personnummer,first_name,case_start\n198501012382,Åsa,2026-01-01\n".encode("latin-1")
    result = import_csv("cases", latin1, team=team_a)
    assert "CSV UTF-8" in str(result.errors[0])


def test_dry_run_validates_and_counts_but_writes_nothing(team_a, caseworker):
    result = import_csv("cases", CASES, user=caseworker, team=team_a, dry_run=True)
    assert result.ok
    assert result.created == 2
    assert SickLeaveCase.objects.count() == 0
    assert CaseEvent.objects.count() == 0
    assert AccessLogEntry.objects.count() == 0


def test_a_case_worker_cannot_import_over_another_teams_case(team_a, caseworker, outsider):
    import_csv("cases", CASES, team=team_a)
    result = import_csv("cases", CASES, user=outsider, team=outsider.team)
    assert not result.ok
    assert str(result.errors[0]) == "row 2, column personnummer: Sjukfallet tillhör ett annat team."


# --- enrollments, statuses, surveys ------------------------------------------------------------


@pytest.fixture
def imported_people(team_a):
    assert import_csv("cases", CASES, team=team_a).ok


def test_enrollments_link_the_person_and_the_case_of_that_time(imported_people):
    data = (
        "personnummer;project;start;end;entry_route;comparison_group;decided_on\n"
        "198501012382;kundlinjen;2026-04-01;;b;nej;2026-04-03\n"
        "198112189876;coachning;2026-02-01;2026-05-01;;ja;\n"
    )
    result = import_csv("enrollments", data)
    assert result.ok, result.errors
    enrollment = Enrollment.objects.get(project__key="kundlinjen")
    assert (enrollment.entry_route, enrollment.decided_on) == ("b", date(2026, 4, 3))
    assert enrollment.case == SickLeaveCase.objects.get(person__personnummer="198501012382")
    assert Enrollment.objects.get(project__key="coachning").comparison_group is True
    assert import_csv("enrollments", data).unchanged == 2


def test_enrollment_errors_unknown_project_person_and_route(imported_people):
    data = (
        "personnummer,project,start,entry_route\n"
        "198501012382,nosuch,2026-04-01,\n"
        "199001011239,coachning,2026-04-01,\n"
        "198112189876,coachning,2026-04-01,b\n"
    )
    result = import_csv("enrollments", data)
    assert [str(e) for e in result.errors] == [
        "row 4, column entry_route: Bara Kundlinjen har ingångar.",
    ]
    data = data.replace(",b\n", ",\n")
    messages = [str(e) for e in import_csv("enrollments", data).errors]
    assert messages[0].startswith("row 2, column project: Okänt projekt.")
    assert messages[1] == (
        "row 3, column personnummer: Inget sjukfall för personen är registrerat "
        "(importera sjukfallet först)."
    )
    assert Enrollment.objects.count() == 0


def test_statuses_are_upserted_per_date(imported_people):
    import_csv("enrollments", "personnummer,project,start\n198501012382,coachning,2026-04-01\n")
    data = (
        "personnummer,project,date,status\n"
        "198501012382,coachning,2026-05-01,rehab\n"
        "198501012382,coachning,2026-09-01,work\n"
    )
    assert import_csv("statuses", data).created == 2
    corrected = data.replace("2026-09-01,work", "2026-09-01,education")
    result = import_csv("statuses", corrected)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert list(StatusChange.objects.order_by("date").values_list("status", flat=True)) == [
        "rehab",
        "education",
    ]
    case = SickLeaveCase.objects.get(person__personnummer="198501012382")
    assert case.events.filter(kind="status_change").count() == 3


def test_a_status_for_a_project_the_person_is_not_in_is_an_error(imported_people):
    result = import_csv(
        "statuses", "personnummer,project,date,status\n198501012382,vagval,2026-05-01,work\n"
    )
    assert str(result.errors[0]).startswith("row 2, column project: Personen deltar inte")


def test_surveys_with_and_without_person(imported_people):
    data = (
        "personnummer,project,date,question,answer,response_id\n"
        "198501012382,kundlinjen,2026-05-01,support,5,\n"
        ",kundlinjen,2026-05-02,collaboration,4,hl-17\n"
        ",kundlinjen,2026-05-02,support,3,\n"
        "198501012382,kundlinjen,2026-05-01,health,6,\n"
    )
    result = import_csv("surveys", data)
    assert [str(e) for e in result.errors] == [
        "row 4, column response_id: Ange ett response_id när personnumret är tomt.",
        "row 5, column answer: Måste vara mellan 1 och 5.",
    ]
    good = "\n".join(data.split("\n")[:3]) + "\n"
    assert import_csv("surveys", good).created == 2
    assert import_csv("surveys", good).unchanged == 2
    assert SurveyAnswer.objects.filter(person__isnull=True).get().response_id == "hl-17"


# --- the command ----------------------------------------------------------------------------------


def test_the_command_imports_and_reports_counts(tmp_path, team_a, capsys):
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    call_command("import_csv", "cases", str(path), "--team", str(team_a.pk))
    assert "2 row(s) of cases: 2 were created, 0 were updated, 0 unchanged." in (
        capsys.readouterr().out
    )


def test_the_command_lists_errors_and_exits_non_zero(tmp_path, team_a, capsys):
    path = tmp_path / "cases.csv"
    path.write_text(CASES.replace("2026-03-02", "2026-02-30"), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_csv", "cases", str(path), "--team", str(team_a.pk))
    assert error.value.returncode == 1
    assert "row 2, column case_start:" in capsys.readouterr().err
    assert SickLeaveCase.objects.count() == 0


def test_the_command_dry_run_writes_nothing(tmp_path, team_a, capsys):
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    call_command("import_csv", "cases", str(path), "--dry-run", "--team", str(team_a.pk))
    assert "2 would be created" in capsys.readouterr().out
    assert SickLeaveCase.objects.count() == 0


def test_the_command_without_a_team_updates_existing_cases_but_refuses_new_ones(
    tmp_path, team_a, capsys
):
    existing = SickLeaveCaseFactory(
        person=PersonFactory(personnummer="198501012382"),
        case_start=date(2026, 3, 2),
        team=team_a,
    )
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_csv", "cases", str(path))
    assert "row 3: Ett nytt sjukfall behöver ett team" in capsys.readouterr().err
    path.write_text("\n".join(CASES.split("\n")[:2]) + "\n", encoding="utf-8")
    call_command("import_csv", "cases", str(path))
    existing.refresh_from_db()
    assert existing.team == team_a
    assert existing.diagnoses == "F43.8A F41.1"


def test_enrollment_factory_is_importable_for_status_rows(db):
    # Enrollments made outside the import (e.g. by the UI) are found by the status import.
    enrollment = EnrollmentFactory(person=SickLeaveCaseFactory().person)
    row = f"personnummer,project,date,status\n{enrollment.person.personnummer},coachning,2009-05-01,work\n"
    assert import_csv("statuses", row).created == 1


def test_reimporting_enrollments_without_the_comparison_column_keeps_the_comparison_group(
    imported_people,
):
    with_column = (
        "personnummer,project,start,comparison_group\n198501012382,coachning,2026-04-01,ja\n"
    )
    assert import_csv("enrollments", with_column).created == 1
    without = "personnummer,project,start,end\n198501012382,coachning,2026-04-01,2026-09-01\n"
    assert import_csv("enrollments", without).updated == 1
    enrollment = Enrollment.objects.get()
    assert enrollment.comparison_group is True
    assert enrollment.end == date(2026, 9, 1)


def test_reimporting_changed_statuses_costs_the_same_queries_for_2_or_20(
    imported_people, django_assert_num_queries
):
    import_csv("enrollments", "personnummer,project,start\n198501012382,coachning,2026-01-01\n")

    def rows(count, status):
        lines = [
            f"198501012382,coachning,2026-{1 + i // 28:02d}-{1 + i % 28:02d},{status}"
            for i in range(count)
        ]
        return "personnummer,project,date,status\n" + "\n".join(lines) + "\n"

    import_csv("statuses", rows(20, "rehab"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        import_csv("statuses", rows(2, "work"))
    with CaptureQueriesContext(connection) as many:
        import_csv("statuses", rows(20, "education"))
    assert len(many.captured_queries) == len(few.captured_queries)
