"""CSV import of cases, enrollments, statuses, surveys and absence (CONTRACTS.md).

All or nothing: every row is validated first, and any error means nothing is written.
Errors read `row N, column C: message`, N as a spreadsheet shows it (header = row 1).
Rows are matched on their key and updated, so importing a file twice changes nothing.
Writes are bulk operations so that 10 000 rows take seconds, not minutes.

The same importer serves `manage.py import_csv` and the upload page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User

from .models import (
    ICD10_CODE,
    MUNICIPALITY_CODE,
    AccessLogEntry,
    Benefit,
    CaseEvent,
    Enrollment,
    EnrollmentStatus,
    EntryRoute,
    GenderChoices,
    MunicipalAbsence,
    Person,
    Project,
    SickLeaveCase,
    StatusChange,
    SurveyAnswer,
    SurveyQuestion,
)
from .personnummer import InvalidPersonnummer, parse_personnummer

CHUNK = 900  # below SQLite's limit of variables in one statement


def chunked(values: list) -> Iterator[list]:
    """`values` in slices small enough for one `__in` query on every database."""
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


@dataclass(frozen=True)
class RowError:
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.column:
            return f"row {self.row}, column {self.column}: {self.message}"
        return f"row {self.row}: {self.message}"


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    person_ids: set[int] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.errors


class CellError(ValueError):
    """A bad value in one cell; the message is shown to the user."""


# --- Reading the file ----------------------------------------------------------------------------


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CellError(_("The file is not UTF-8. In Excel, save it as “CSV UTF-8”.")) from error


def read_rows(text: str) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (lower case) and the data rows numbered as a spreadsheet numbers them."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return [], iter(())
    return header, ((number, row) for number, row in enumerate(reader, start=2))


# --- Cell parsers (each raises CellError with a message for the user) ----------------------------

TRUE = {"ja", "yes", "true", "1"}
FALSE = {"nej", "no", "false", "0"}


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CellError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}) from None


def parse_bool(value: str) -> bool | None:
    lowered = value.lower()
    if not lowered:
        return None
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise CellError(_("Write ja or nej (or leave empty for unknown)."))


def parse_int(value: str, low: int, high: int, allowed: Iterable[int] | None = None) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
    if allowed is not None and number not in allowed:
        raise CellError(_("Allowed values: %(values)s.") % {"values": ", ".join(map(str, allowed))})
    if not low <= number <= high:
        raise CellError(_("Must be between %(low)s and %(high)s.") % {"low": low, "high": high})
    return number


def parse_choice(value: str, choices: Iterable[str]) -> str:
    options = list(choices)
    if value.lower() not in options:
        raise CellError(_("Allowed values: %(values)s.") % {"values": ", ".join(options)})
    return value.lower()


def parse_personnummer_cell(value: str) -> str:
    try:
        return parse_personnummer(value).number
    except InvalidPersonnummer as error:
        raise CellError(str(error)) from None


def parse_municipality(value: str) -> str:
    if not MUNICIPALITY_CODE.match(value):
        raise CellError(_("A municipality code has four digits, e.g. 0380."))
    return value


def parse_diagnoses(value: str) -> str:
    codes = value.replace(",", " ").upper().split()
    for code in codes:
        if not ICD10_CODE.match(code):
            raise CellError(_("%(code)s is not an ICD-10 code (e.g. F32.1).") % {"code": code})
    return " ".join(codes)


def text(max_length: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError(_("At most %(n)s characters.") % {"n": max_length})
        return value

    return parse


# --- Importers -----------------------------------------------------------------------------------


@dataclass
class Column:
    name: str
    parse: Callable[[str], Any]
    required: bool = False
    empty: Any = None  # the value of an empty cell


class Importer:
    kind: str = ""
    columns: list[Column] = []

    def __init__(
        self, *, user: User | None = None, team: Team | None = None, ip_address: str | None = None
    ) -> None:
        self.user = user
        self.team = team
        self.ip_address = ip_address

    # Subclasses implement these three.
    def key(self, row: dict[str, Any]) -> tuple:
        raise NotImplementedError

    def check(self, rows: list[tuple[int, dict[str, Any]]], errors: list[RowError]) -> None:
        """Checks that need the database, in bulk, before anything is written."""

    def write(self, rows: list[tuple[int, dict[str, Any]]], result: ImportResult) -> None:
        raise NotImplementedError

    # The shared run: parse, validate, then write everything in one transaction.
    def run(self, data: bytes | str, *, dry_run: bool = False) -> ImportResult:
        result = ImportResult(kind=self.kind, dry_run=dry_run)
        try:
            header, numbered_rows = read_rows(decode(data))
        except CellError as error:
            result.errors.append(RowError(1, None, str(error)))
            return result
        by_name = {column.name: column for column in self.columns}
        result.ignored_columns = [name for name in header if name and name not in by_name]
        for column in self.columns:
            if column.required and column.name not in header:
                result.errors.append(RowError(1, column.name, _("The column is missing.")))
        if result.errors:
            return result

        parsed: list[tuple[int, dict[str, Any]]] = []
        seen: dict[tuple, int] = {}
        for number, cells in numbered_rows:
            if not any(cell.strip() for cell in cells):
                continue
            row, row_errors = self.parse_row(number, header, cells, by_name)
            result.errors.extend(row_errors)
            result.rows += 1
            if row_errors:
                continue
            key = self.key(row)
            if key in seen:
                result.errors.append(RowError(number, None, f"same key as row {seen[key]}"))
                continue
            seen[key] = number
            parsed.append((number, row))
        if not result.rows and not result.errors:
            result.errors.append(RowError(2, None, _("The file has no rows.")))
        if result.errors:
            return result

        self.check(parsed, result.errors)
        if result.errors:
            return result

        with transaction.atomic():
            self.write(parsed, result)
            if not dry_run:
                self.log(result)
            else:
                transaction.set_rollback(True)
        return result

    def parse_row(self, number, header, cells, by_name):
        row: dict[str, Any] = {}
        errors: list[RowError] = []
        if len(cells) > len(header):
            errors.append(RowError(number, None, _("More cells than columns in the header.")))
            return row, errors
        values = {
            name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)
        }
        for column in self.columns:
            value = values.get(column.name, "")
            if column.name not in values:
                continue
            if not value:
                if column.required:
                    errors.append(RowError(number, column.name, _("A value is required.")))
                else:
                    row[column.name] = column.empty
                continue
            try:
                row[column.name] = column.parse(value)
            except CellError as error:
                errors.append(RowError(number, column.name, str(error)))
        if not errors:
            errors.extend(self.check_row(number, row))
        return row, errors

    def check_row(self, number: int, row: dict[str, Any]) -> list[RowError]:
        return []

    def log(self, result: ImportResult) -> None:
        AccessLogEntry.objects.bulk_create(
            [
                AccessLogEntry(
                    user=self.user,
                    action=AccessLogEntry.Action.IMPORT,
                    what=_("Import of %(kind)s") % {"kind": self.kind},
                    person_id=pk,
                    ip_address=self.ip_address,
                )
                for pk in sorted(result.person_ids)
            ],
            batch_size=1000,
        )

    # Helpers for subclasses.
    def persons_by_number(self, numbers: Iterable[str]) -> dict[str, Person]:
        found: dict[str, Person] = {}
        numbers = sorted(set(numbers))
        for chunk in chunked(numbers):
            for person in Person.objects.filter(personnummer__in=chunk):
                found[person.personnummer] = person
        return found

    def visible_person_ids(self, person_ids: Iterable[int]) -> set[int]:
        """The people the importing user may touch (all of them for a command-line run)."""
        ids = sorted(set(person_ids))
        if self.user is None or self.user.is_administrator:
            return set(ids)
        visible: set[int] = set()
        for chunk in chunked(ids):
            visible.update(
                Person.objects.visible_to(self.user)
                .filter(pk__in=chunk)
                .values_list("pk", flat=True)
            )
        return visible

    def require_people(self, rows, errors, *, optional: bool = False) -> dict[str, Person]:
        """Every row's personnummer must name a person the user may touch."""
        people = self.persons_by_number(
            row["personnummer"] for _n, row in rows if row.get("personnummer")
        )
        visible = self.visible_person_ids(person.pk for person in people.values())
        for number, row in rows:
            pnr = row.get("personnummer")
            if not pnr and optional:
                continue
            person = people.get(pnr)
            if person is None or person.pk not in visible:
                errors.append(
                    RowError(
                        number,
                        "personnummer",
                        _("No case of this person is registered (import the case first)."),
                    )
                )
        return people


def _changed(instance, values: dict[str, Any]) -> list[str]:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed


class CaseImporter(Importer):
    kind = "cases"
    PERSON_TEXT = ("first_name", "last_name", "municipality_code")
    CASE_COLUMNS = (
        "case_end",
        "extent",
        "benefit",
        "diagnoses",
        "employment_rate",
        "employer",
        "employer_municipality_code",
        "substance_abuse",
        "suicide_risk",
        "cognitive_impairment",
        "first_payment_date",
    )
    columns = [
        Column("personnummer", parse_personnummer_cell, required=True),
        Column("first_name", text(100), empty=""),
        Column("last_name", text(100), empty=""),
        Column("municipality_code", parse_municipality, empty=""),
        Column("understands_swedish", parse_bool),
        Column("case_start", parse_date, required=True),
        Column("case_end", parse_date),
        Column("extent", lambda v: parse_int(v, 25, 100, allowed=(25, 50, 75, 100))),
        Column("benefit", lambda v: parse_choice(v, Benefit.values), empty=""),
        Column("diagnoses", parse_diagnoses, empty=""),
        Column("employment_rate", lambda v: parse_int(v, 0, 100)),
        Column("employer", text(200), empty=""),
        Column("employer_municipality_code", parse_municipality, empty=""),
        Column("substance_abuse", parse_bool),
        Column("suicide_risk", parse_bool),
        Column("cognitive_impairment", parse_bool),
        Column("first_payment_date", parse_date),
    ]

    def key(self, row):
        return (row["personnummer"], row["case_start"])

    def check_row(self, number, row):
        end = row.get("case_end")
        if end and end < row["case_start"]:
            return [RowError(number, "case_end", _("The end cannot be before the start."))]
        return []

    def check(self, rows, errors):
        self._people = self.persons_by_number(row["personnummer"] for _n, row in rows)
        self._existing = self.existing_cases(self._people)
        if self.team is None:
            # A new case needs an owning team; existing ones keep theirs.
            for number, row in rows:
                if self.key(row) not in self._existing:
                    errors.append(
                        RowError(
                            number,
                            None,
                            _(
                                "A new case needs a team: import from the upload page or give --team."
                            ),
                        )
                    )
        if self.user is not None and not self.user.is_administrator and self._existing:
            visible = self.visible_case_ids(case.pk for case in self._existing.values())
            for number, row in rows:
                case = self._existing.get(self.key(row))
                if case is not None and case.pk not in visible:
                    errors.append(
                        RowError(number, "personnummer", _("The case belongs to another team."))
                    )

    def existing_cases(self, people: dict[str, Person]) -> dict[tuple, SickLeaveCase]:
        number_of = {person.pk: number for number, person in people.items()}
        ids = sorted(number_of)
        found: dict[tuple, SickLeaveCase] = {}
        for chunk in chunked(ids):
            for case in SickLeaveCase.objects.filter(person_id__in=chunk):
                found[(number_of[case.person_id], case.case_start)] = case
        return found

    def visible_case_ids(self, case_ids: Iterable[int]) -> set[int]:
        ids = sorted(set(case_ids))
        visible: set[int] = set()
        for chunk in chunked(ids):
            visible.update(
                SickLeaveCase.objects.visible_to(self.user)
                .filter(pk__in=chunk)
                .values_list("pk", flat=True)
            )
        return visible

    def write(self, rows, result):
        people = self._people
        new_people: list[Person] = []
        changed_people: dict[str, Person] = {}
        for _number, row in rows:
            pnr = row["personnummer"]
            values = {name: row[name] for name in self.PERSON_TEXT if row.get(name)}
            if "understands_swedish" in row:
                values["understands_swedish"] = row["understands_swedish"]
            person = people.get(pnr)
            if person is None:
                parsed = parse_personnummer(pnr)
                person = Person(
                    personnummer=pnr,
                    birth_date=parsed.birth_date,
                    gender=parsed.gender,
                    **values,
                )
                people[pnr] = person
                new_people.append(person)
            elif person.pk and _changed(person, values):
                changed_people[pnr] = person
        # PostgreSQL and SQLite (3.35+) return the new ids from a bulk insert.
        Person.objects.bulk_create(new_people, batch_size=1000)
        if changed_people:
            Person.objects.bulk_update(
                list(changed_people.values()),
                [*self.PERSON_TEXT, "understands_swedish"],
                batch_size=1000,
            )

        new_cases: list[SickLeaveCase] = []
        changed_cases: list[tuple[SickLeaveCase, list[str]]] = []
        for _number, row in rows:
            values = {name: row[name] for name in self.CASE_COLUMNS if name in row}
            case = self._existing.get(self.key(row))
            person = people[row["personnummer"]]
            result.person_ids.add(person.pk)
            if case is None:
                new_cases.append(
                    SickLeaveCase(
                        person=person, case_start=row["case_start"], team=self.team, **values
                    )
                )
            else:
                changed = _changed(case, values)
                if changed:
                    changed_cases.append((case, changed))
                elif row["personnummer"] not in changed_people:
                    result.unchanged += 1
                    continue
                result.updated += 1
        SickLeaveCase.objects.bulk_create(new_cases, batch_size=1000)
        result.created = len(new_cases)
        if changed_cases:
            SickLeaveCase.objects.bulk_update(
                [case for case, _changed_fields in changed_cases],
                list(self.CASE_COLUMNS),
                batch_size=1000,
            )

        today = timezone.localdate()
        labels = {
            f.name: str(f.verbose_name)
            for f in SickLeaveCase._meta.get_fields()
            if hasattr(f, "verbose_name")
        }
        events = [
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.IMPORT,
                title=_("Registered by import"),
                author=self.user,
                occurred_on=today,
            )
            for case in new_cases
        ] + [
            CaseEvent(
                case=case,
                kind=CaseEvent.Kind.IMPORT,
                title=_("Updated by import"),
                body=_("Changed: %(fields)s")
                % {"fields": ", ".join(labels.get(name, name) for name in changed)},
                author=self.user,
                occurred_on=today,
            )
            for case, changed in changed_cases
        ]
        CaseEvent.objects.bulk_create(events, batch_size=1000)


class EnrollmentImporter(Importer):
    kind = "enrollments"
    columns = [
        Column("personnummer", parse_personnummer_cell, required=True),
        Column("project", lambda v: v.lower(), required=True),
        Column("start", parse_date, required=True),
        Column("end", parse_date),
        Column("entry_route", lambda v: parse_choice(v, EntryRoute.values), empty=""),
        Column("comparison_group", parse_bool, empty=False),
        Column("decided_on", parse_date),
    ]
    FIELDS = ("start", "end", "entry_route", "comparison_group", "decided_on")

    def key(self, row):
        return (row["personnummer"], row["project"])

    def check_row(self, number, row):
        errors = []
        if row.get("end") and row["end"] < row["start"]:
            errors.append(RowError(number, "end", _("The end cannot be before the start.")))
        if "comparison_group" in row and row["comparison_group"] is None:
            row["comparison_group"] = False  # an empty cell; a missing column leaves it as it is
        if row.get("entry_route") and row["project"] != "kundlinjen":
            errors.append(RowError(number, "entry_route", _("Only Kundlinjen has entry routes.")))
        return errors

    def check(self, rows, errors):
        self._projects = {project.key: project for project in Project.objects.all()}
        for number, row in rows:
            if row["project"] not in self._projects:
                errors.append(
                    RowError(
                        number,
                        "project",
                        _("Unknown project. Use one of: %(keys)s.")
                        % {"keys": ", ".join(sorted(self._projects))},
                    )
                )
        self._people = self.require_people(rows, errors)

    def write(self, rows, result):
        people = self._people
        person_ids = sorted({person.pk for person in people.values()})
        existing: dict[tuple[int, int], Enrollment] = {}
        cases_by_person: dict[int, list[SickLeaveCase]] = {}
        for chunk in chunked(person_ids):
            for enrollment in Enrollment.objects.filter(person_id__in=chunk):
                existing[(enrollment.person_id, enrollment.project_id)] = enrollment
            for case in SickLeaveCase.objects.filter(person_id__in=chunk).order_by("case_start"):
                cases_by_person.setdefault(case.person_id, []).append(case)
        new: list[Enrollment] = []
        changed: list[Enrollment] = []
        for _number, row in rows:
            person = people[row["personnummer"]]
            project = self._projects[row["project"]]
            result.person_ids.add(person.pk)
            values = {name: row[name] for name in self.FIELDS if name in row}
            enrollment = existing.get((person.pk, project.pk))
            if enrollment is None:
                # Link the case the person was on sick leave in when the enrollment began.
                cases = [
                    c for c in cases_by_person.get(person.pk, []) if c.case_start <= row["start"]
                ]
                new.append(
                    Enrollment(
                        person=person, project=project, case=cases[-1] if cases else None, **values
                    )
                )
            elif _changed(enrollment, values):
                changed.append(enrollment)
            else:
                result.unchanged += 1
        Enrollment.objects.bulk_create(new, batch_size=1000)
        if changed:
            Enrollment.objects.bulk_update(changed, list(self.FIELDS), batch_size=1000)
        result.created, result.updated = len(new), len(changed)
        CaseEvent.objects.bulk_create(
            [
                CaseEvent(
                    case=e.case,
                    kind=CaseEvent.Kind.ENROLLMENT,
                    title=_("Enrolled in %(project)s (import)") % {"project": e.project.name},
                    author=self.user,
                    occurred_on=e.start,
                )
                for e in new
                if e.case is not None
            ],
            batch_size=1000,
        )


class StatusImporter(Importer):
    kind = "statuses"
    columns = [
        Column("personnummer", parse_personnummer_cell, required=True),
        Column("project", lambda v: v.lower(), required=True),
        Column("date", parse_date, required=True),
        Column("status", lambda v: parse_choice(v, EnrollmentStatus.values), required=True),
    ]

    def key(self, row):
        return (row["personnummer"], row["project"], row["date"])

    def check(self, rows, errors):
        people = self.require_people(rows, errors)
        if errors:
            return
        ids = sorted({person.pk for person in people.values()})
        enrollments: dict[tuple[int, str], Enrollment] = {}
        for chunk in chunked(ids):
            for enrollment in Enrollment.objects.filter(person_id__in=chunk).select_related(
                "project"
            ):
                enrollments[(enrollment.person_id, enrollment.project.key)] = enrollment
        self._enrollments = {}
        for number, row in rows:
            person = people[row["personnummer"]]
            enrollment = enrollments.get((person.pk, row["project"]))
            if enrollment is None:
                errors.append(
                    RowError(
                        number,
                        "project",
                        _(
                            "The person is not enrolled in this project (import the enrollment first)."
                        ),
                    )
                )
                continue
            self._enrollments[self.key(row)] = enrollment

    def write(self, rows, result):
        enrollment_ids = sorted({e.pk for e in self._enrollments.values()})
        existing: dict[tuple[int, date], StatusChange] = {}
        for chunk in chunked(enrollment_ids):
            for change in StatusChange.objects.filter(enrollment_id__in=chunk).select_related(
                "enrollment__project"
            ):
                existing[(change.enrollment_id, change.date)] = change
        new, changed = [], []
        for _number, row in rows:
            enrollment = self._enrollments[self.key(row)]
            result.person_ids.add(enrollment.person_id)
            change = existing.get((enrollment.pk, row["date"]))
            if change is None:
                new.append(
                    StatusChange(
                        enrollment=enrollment,
                        date=row["date"],
                        status=row["status"],
                        recorded_by=self.user,
                    )
                )
            elif change.status != row["status"]:
                change.status = row["status"]
                changed.append(change)
            else:
                result.unchanged += 1
        StatusChange.objects.bulk_create(new, batch_size=1000)
        if changed:
            StatusChange.objects.bulk_update(changed, ["status"], batch_size=1000)
        result.created, result.updated = len(new), len(changed)
        labels = dict(EnrollmentStatus.choices)
        CaseEvent.objects.bulk_create(
            [
                CaseEvent(
                    case_id=change.enrollment.case_id,
                    kind=CaseEvent.Kind.STATUS_CHANGE,
                    title=_("%(project)s: %(status)s (import)")
                    % {"project": change.enrollment.project.name, "status": labels[change.status]},
                    author=self.user,
                    occurred_on=change.date,
                )
                for change in [*new, *changed]
                if change.enrollment.case_id
            ],
            batch_size=1000,
        )


class SurveyImporter(Importer):
    kind = "surveys"
    columns = [
        Column("personnummer", parse_personnummer_cell, empty=""),
        Column("project", lambda v: v.lower(), required=True),
        Column("date", parse_date, required=True),
        Column("question", lambda v: parse_choice(v, SurveyQuestion.values), required=True),
        Column("answer", lambda v: parse_int(v, 1, 5), required=True),
        Column("response_id", text(100), empty=""),
    ]

    def key(self, row):
        if row.get("response_id"):
            return ("response", row["project"], row["response_id"], row["question"])
        return ("person", row.get("personnummer"), row["project"], row["date"], row["question"])

    def check_row(self, number, row):
        if not row.get("personnummer") and not row.get("response_id"):
            return [
                RowError(
                    number, "response_id", _("Give a response_id when the personnummer is empty.")
                )
            ]
        return []

    def check(self, rows, errors):
        self._projects = {project.key: project for project in Project.objects.all()}
        for number, row in rows:
            if row["project"] not in self._projects:
                errors.append(
                    RowError(
                        number,
                        "project",
                        _("Unknown project. Use one of: %(keys)s.")
                        % {"keys": ", ".join(sorted(self._projects))},
                    )
                )
        self._people = self.require_people(rows, errors, optional=True)

    def write(self, rows, result):
        project_ids = {self._projects[row["project"]].pk for _n, row in rows}
        existing_by_response: dict[tuple, SurveyAnswer] = {}
        existing_by_person: dict[tuple, SurveyAnswer] = {}
        response_ids = sorted({row["response_id"] for _n, row in rows if row.get("response_id")})
        person_ids = sorted({p.pk for p in self._people.values()})
        for chunk in chunked(response_ids):
            for answer in SurveyAnswer.objects.filter(
                project_id__in=project_ids, response_id__in=chunk
            ):
                existing_by_response[(answer.project_id, answer.response_id, answer.question)] = (
                    answer
                )
        for chunk in chunked(person_ids):
            for answer in SurveyAnswer.objects.filter(
                project_id__in=project_ids,
                person_id__in=chunk,
                response_id="",
            ):
                existing_by_person[
                    (answer.person_id, answer.project_id, answer.date, answer.question)
                ] = answer
        new, changed = [], []
        for _number, row in rows:
            project = self._projects[row["project"]]
            person = self._people.get(row.get("personnummer") or "")
            if person is not None:
                result.person_ids.add(person.pk)
            if row.get("response_id"):
                answer = existing_by_response.get((project.pk, row["response_id"], row["question"]))
            else:
                answer = existing_by_person.get(
                    (person.pk, project.pk, row["date"], row["question"])
                )
            values = {"answer": row["answer"], "date": row["date"], "person": person}
            if answer is None:
                new.append(
                    SurveyAnswer(
                        project=project,
                        question=row["question"],
                        response_id=row.get("response_id", ""),
                        **values,
                    )
                )
            elif _changed(answer, values):
                changed.append(answer)
            else:
                result.unchanged += 1
        SurveyAnswer.objects.bulk_create(new, batch_size=1000)
        if changed:
            SurveyAnswer.objects.bulk_update(changed, ["answer", "date", "person"], batch_size=1000)
        result.created, result.updated = len(new), len(changed)


def parse_month(value: str) -> date:
    try:
        return date.fromisoformat(f"{value}-01")
    except ValueError:
        raise CellError(_("“%(value)s” is not a month (YYYY-MM).") % {"value": value}) from None


def parse_hours(value: str) -> Decimal:
    try:
        hours = Decimal(value.replace(" ", "").replace("\xa0", "").replace(",", "."))
    except InvalidOperation:
        raise CellError(_("“%(value)s” is not a number of hours.") % {"value": value}) from None
    if hours < 0 or hours != hours.quantize(Decimal("0.01")) or hours >= Decimal("1e10"):
        raise CellError(_("Hours are zero or more, with at most two decimals."))
    return hours


GENDER_WORDS = {"kvinna": GenderChoices.WOMAN, "man": GenderChoices.MAN}


class AbsenceImporter(Importer):
    """Municipalities' monthly working and sick hours (4-Ess); no person is involved."""

    kind = "absence"
    columns = [
        Column("municipality_code", parse_municipality, required=True),
        Column("month", parse_month, required=True),
        Column("gender", lambda v: GENDER_WORDS[parse_choice(v, GENDER_WORDS)], required=True),
        Column("scheduled_hours", parse_hours, required=True),
        Column("sick_hours", parse_hours, required=True),
    ]

    def key(self, row):
        return (row["municipality_code"], row["month"], row["gender"])

    def check_row(self, number, row):
        if row["sick_hours"] > row["scheduled_hours"]:
            return [RowError(number, "sick_hours", _("More sick hours than scheduled hours."))]
        return []

    def write(self, rows, result):
        codes = sorted({row["municipality_code"] for _n, row in rows})
        existing = {
            (a.municipality_code, a.month, a.gender): a
            for a in MunicipalAbsence.objects.filter(municipality_code__in=codes)
        }
        new, changed = [], []
        for _number, row in rows:
            values = {"scheduled_hours": row["scheduled_hours"], "sick_hours": row["sick_hours"]}
            record = existing.get(self.key(row))
            if record is None:
                new.append(
                    MunicipalAbsence(
                        municipality_code=row["municipality_code"],
                        month=row["month"],
                        gender=row["gender"],
                        **values,
                    )
                )
            elif _changed(record, values):
                changed.append(record)
            else:
                result.unchanged += 1
        MunicipalAbsence.objects.bulk_create(new, batch_size=1000)
        if changed:
            MunicipalAbsence.objects.bulk_update(
                changed, ["scheduled_hours", "sick_hours"], batch_size=1000
            )
        result.created, result.updated = len(new), len(changed)


IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer
    for importer in (
        CaseImporter,
        EnrollmentImporter,
        StatusImporter,
        SurveyImporter,
        AbsenceImporter,
    )
}


def import_csv(
    kind: str,
    data: bytes | str,
    *,
    user: User | None = None,
    team: Team | None = None,
    dry_run: bool = False,
    ip_address: str | None = None,
) -> ImportResult:
    importer = IMPORTERS[kind](user=user, team=team, ip_address=ip_address)
    return importer.run(data, dry_run=dry_run)
