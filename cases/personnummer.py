"""Swedish personal identity numbers (personnummer and samordningsnummer).

Accepted forms (CONTRACTS.md): YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN and
YYMMDD+NNNN, where "+" marks a person aged 100 or more. Stored in the 12-digit form.
The check digit is verified (Luhn) and the birth date must exist; a samordningsnummer
has 60 added to the day. The second-to-last digit is even for women, odd for men.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from personnummer import personnummer as _lib

_FORMS = re.compile(
    r"^(?:(?P<century>\d{2})(?P<long>\d{6})-?|(?P<short>\d{6})(?P<sep>[-+]?))(?P<tail>\d{4})$"
)


class InvalidPersonnummer(ValueError):
    pass


class Gender:
    WOMAN = "woman"
    MAN = "man"


@dataclass(frozen=True)
class Personnummer:
    number: str  # 12 digits, no separator
    birth_date: date
    gender: str  # Gender.WOMAN or Gender.MAN
    is_coordination_number: bool

    def __str__(self) -> str:
        return f"{self.number[:8]}-{self.number[8:]}"


def parse_personnummer(raw: str) -> Personnummer:
    """Parse and validate; raise InvalidPersonnummer with a message in the user's language."""
    text = (raw or "").strip().replace(" ", "")
    match = _FORMS.match(text)
    if not match:
        raise InvalidPersonnummer(
            _("Write the personal identity number as YYYYMMDD-NNNN (or YYMMDD-NNNN).")
        )
    yymmdd = match["long"] or match["short"]
    try:
        # The library knows the century of the short forms (the "+" one included).
        parsed = _lib.Personnummer(
            f"{match['century'] or ''}{yymmdd}{match['sep'] or ''}{match['tail']}"
        )
    except _lib.PersonnummerException:
        if _date_exists(match["century"], yymmdd):
            raise InvalidPersonnummer(_("The check digit is wrong.")) from None
        raise InvalidPersonnummer(_("The date of birth does not exist.")) from None
    birth_date = parsed.get_date()
    if birth_date > date.today():  # noqa: DTZ011 - a calendar date, no time of day
        raise InvalidPersonnummer(_("The date of birth is in the future."))
    number = parsed.format(long_format=True)
    return Personnummer(
        number=number,
        birth_date=birth_date,
        gender=Gender.WOMAN if int(number[10]) % 2 == 0 else Gender.MAN,
        is_coordination_number=parsed.is_coordination_number(),
    )


def _date_exists(century: str | None, yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > 60:
        day -= 60
    # A short form's century is not known here; 29 February exists in one of them.
    for prefix in [century] if century else ["19", "20"]:
        try:
            date(int(prefix + yymmdd[:2]), month, day)
        except ValueError:
            continue
        return True
    return False


def check_digit(nine_digits: str) -> int:
    """The Luhn check digit of YYMMDDNNN."""
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 - index % 2)
        total += product - 9 if product > 9 else product
    return (10 - total % 10) % 10


def make_personnummer(
    birth_date: date, serial: int, *, woman: bool, coordination: bool = False
) -> str:
    """A valid 12-digit number for synthetic people (demo data and tests).

    `serial` (1–999) tells people born on the same day apart.
    """
    if not 1 <= serial <= 999:
        raise ValueError("serial must be 1–999")
    day = birth_date.day + (60 if coordination else 0)
    gender_digit = (serial // 100) % 5 * 2 + (0 if woman else 1)
    body = f"{birth_date:%y%m}{day:02d}{serial % 100:02d}{gender_digit}"
    return f"{birth_date.year // 100}{body}{check_digit(body)}"
