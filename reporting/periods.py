"""Report periods as CONTRACTS.md writes them: 2017, 2017Q1, 2017-03 or all."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# An addition to the contract's forms, for reports "of the project so far".
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class InvalidPeriod(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    key: str
    start: date
    end: date

    def as_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def __str__(self) -> str:
        return self.key


def parse_period(key: str, project=None) -> Period:
    """`all` needs the project: it is the project's whole period."""
    key = key.strip()
    if key == "all":
        if project is None:
            raise InvalidPeriod(_("The period “all” needs a project."))
        return Period("all", project.start_date, project.end_date)
    if match := _YEAR.match(key):
        year = int(match[1])
        return Period(key, date(year, 1, 1), date(year, 12, 31))
    if match := _QUARTER.match(key):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        return Period(
            key,
            date(year, first_month, 1),
            date(year, last_month, calendar.monthrange(year, last_month)[1]),
        )
    if match := _MONTH.match(key):
        year, month = int(match[1]), int(match[2])
        return Period(
            key, date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        )
    if match := _RANGE.match(key):
        try:
            start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
        except ValueError:
            start = end = None
        if start and end and start <= end:
            return Period(key, start, end)
    raise InvalidPeriod(
        _("“%(key)s” is not a period: write 2017, 2017Q1, 2017-03 or all.") % {"key": key}
    )


def so_far(project, day: date) -> Period:
    """The project from its first day through `day` (at most its last day)."""
    end = min(day, project.end_date)
    return parse_period(f"{project.start_date.isoformat()}..{end.isoformat()}")


def previous_month(today: date) -> str:
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year}-{month:02d}"


def previous_quarter(today: date) -> str:
    quarter = (today.month - 1) // 3  # 0 = the quarter before is the previous year's Q4
    return f"{today.year - 1}Q4" if quarter == 0 else f"{today.year}Q{quarter}"


def overlaps(project, period: Period) -> bool:
    return project.start_date <= period.end and project.end_date >= period.start
