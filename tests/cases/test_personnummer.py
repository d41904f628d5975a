from datetime import date

import pytest
import time_machine

from cases.personnummer import (
    Gender,
    InvalidPersonnummer,
    check_digit,
    make_personnummer,
    parse_personnummer,
)


@pytest.fixture(autouse=True)
def _today():
    # The century of the short forms depends on today's date.
    with time_machine.travel(date(2026, 11, 23), tick=False):
        yield


@pytest.mark.parametrize(
    ("raw", "number", "birth_date", "gender", "coordination"),
    [
        # 12 digits with and without hyphen
        ("198501012382", "198501012382", date(1985, 1, 1), Gender.WOMAN, False),
        ("19850101-2382", "198501012382", date(1985, 1, 1), Gender.WOMAN, False),
        # 10 digits with and without hyphen: the century is the latest possible one
        ("850101-2382", "198501012382", date(1985, 1, 1), Gender.WOMAN, False),
        ("8501012382", "198501012382", date(1985, 1, 1), Gender.WOMAN, False),
        ("0501012389", "200501012389", date(2005, 1, 1), Gender.WOMAN, False),
        # "+" marks a person aged 100 or more
        ("121212+1212", "191212121212", date(1912, 12, 12), Gender.MAN, False),
        ("191212121212", "191212121212", date(1912, 12, 12), Gender.MAN, False),
        # samordningsnummer: day + 60
        ("198501612389", "198501612389", date(1985, 1, 1), Gender.WOMAN, True),
        ("850161-2389", "198501612389", date(1985, 1, 1), Gender.WOMAN, True),
        # surrounding spaces are forgiven
        ("  19850101-2382 ", "198501012382", date(1985, 1, 1), Gender.WOMAN, False),
        # gender: the second-to-last digit, odd for men
        ("198112189876", "198112189876", date(1981, 12, 18), Gender.MAN, False),
    ],
)
def test_valid_numbers_are_normalised_with_birth_date_and_gender(
    raw, number, birth_date, gender, coordination
):
    parsed = parse_personnummer(raw)
    assert parsed.number == number
    assert parsed.birth_date == birth_date
    assert parsed.gender == gender
    assert parsed.is_coordination_number is coordination


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("198501012383", "Kontrollsiffran är fel."),
        ("850101-2383", "Kontrollsiffran är fel."),
        ("198501612380", "Kontrollsiffran är fel."),
        ("19850230-2382", "Födelsedatumet finns inte."),
        ("198513012382", "Födelsedatumet finns inte."),
        ("19850101+2382", "Skriv personnumret"),  # "+" only in the 10-digit form
        ("1985-01-01-2382", "Skriv personnumret"),
        ("85010123", "Skriv personnumret"),
        ("abc", "Skriv personnumret"),
        ("", "Skriv personnumret"),
        ("20991231" + "0007", "Kontrollsiffran är fel."),
    ],
)
def test_invalid_numbers_are_refused_with_a_swedish_reason(raw, message):
    with pytest.raises(InvalidPersonnummer) as error:
        parse_personnummer(raw)
    assert message in str(error.value)


def test_a_birth_date_in_the_future_is_refused():
    body = "291231001"
    future = f"20{body}{check_digit(body)}"
    with pytest.raises(InvalidPersonnummer, match="framtiden"):
        parse_personnummer(future)


@pytest.mark.parametrize("woman", [True, False])
@pytest.mark.parametrize("coordination", [True, False])
def test_generated_numbers_are_valid_and_carry_the_asked_gender(woman, coordination):
    number = make_personnummer(date(1990, 2, 28), 42, woman=woman, coordination=coordination)
    parsed = parse_personnummer(number)
    assert parsed.gender == (Gender.WOMAN if woman else Gender.MAN)
    assert parsed.birth_date == date(1990, 2, 28)
    assert parsed.is_coordination_number is coordination
