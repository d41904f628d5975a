"""The rule sets, criterion by criterion and boundary by boundary, without HTTP."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from cases import eligibility
from cases.eligibility import HUMLOR, KUNDLINJEN, VAGVAL, Outcome, ScreeningInput

D = date(2016, 3, 15)  # the screening date


def humlor_input(**changes) -> ScreeningInput:
    """A case that meets every Humlor criterion; each test changes one thing."""
    base = ScreeningInput(
        screening_date=D,
        case_start=D - timedelta(days=100),
        case_end=None,
        benefit="sjukpenning",
        diagnoses=("F43.8A",),
        substance_abuse=False,
        suicide_risk=False,
        cognitive_impairment=False,
        birth_date=date(1990, 6, 1),
        employment_rate=100,
        understands_swedish=True,
        municipality_code="1980",
        employer_municipality_code="1980",
    )
    return replace(base, **changes)


def outcome(rule_set, key, data):
    verdict = rule_set.evaluate(data)
    result = next(r for r in verdict.results if r.key == key)
    return result.outcome, result.reason


def test_the_humlor_criteria_are_the_contracts_keys_in_order():
    assert [c.key for c in HUMLOR.criteria] == [
        "registered",
        "diagnosis",
        "exclusions",
        "age",
        "sick_leave_length",
        "employment",
        "swedish",
    ]


def test_a_case_meeting_every_rule_is_eligible():
    verdict = HUMLOR.evaluate(humlor_input())
    assert verdict.eligible
    assert {r.outcome for r in verdict.results} == {Outcome.MET}


@pytest.mark.parametrize(
    ("benefit", "expected"),
    [
        ("sjukpenning", Outcome.MET),
        ("sjukersattning", Outcome.NOT_MET),
        ("aktivitetsersattning", Outcome.NOT_MET),
        ("ingen", Outcome.NOT_MET),
        ("", Outcome.MISSING),
    ],
)
def test_registered_with_fk(benefit, expected):
    assert outcome(HUMLOR, "registered", humlor_input(benefit=benefit))[0] == expected


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("F32",), Outcome.MET),
        (("F32.1",), Outcome.MET),
        (("F41.1",), Outcome.MET),
        (("F43.8A",), Outcome.MET),
        (("F431",), Outcome.MET),  # subcode without the dot
        (("M54.5", "F41.9"), Outcome.MET),  # any code, not only the primary
        (("F33.1",), Outcome.NOT_MET),
        (("F3",), Outcome.NOT_MET),
        (("F40.1",), Outcome.NOT_MET),
        (("M79.7",), Outcome.NOT_MET),
        ((), Outcome.MISSING),
    ],
)
def test_diagnosis_f32_f41_f43_with_any_subcode(codes, expected):
    assert outcome(HUMLOR, "diagnosis", humlor_input(diagnoses=codes))[0] == expected


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("F43.8A", "F09"), Outcome.MET),
        (("F43.8A", "F10"), Outcome.NOT_MET),
        (("F43.8A", "F10.2"), Outcome.NOT_MET),
        (("F43.8A", "F19.9"), Outcome.NOT_MET),
        (("F43.8A", "F20"), Outcome.NOT_MET),
        (("F43.8A", "F29"), Outcome.NOT_MET),
        (("F43.8A", "F30.1"), Outcome.MET),
        (("F43.8A", "F31.0"), Outcome.NOT_MET),
        (("F43.8A", "F32.1"), Outcome.MET),
        (("F43.8A", "F69"), Outcome.MET),
        (("F43.8A", "F70"), Outcome.NOT_MET),
        (("F43.8A", "F79.9"), Outcome.NOT_MET),
        (("F43.8A", "F80"), Outcome.MET),
    ],
)
def test_exclusion_ranges(codes, expected):
    assert outcome(HUMLOR, "exclusions", humlor_input(diagnoses=codes))[0] == expected


@pytest.mark.parametrize("flag", ["substance_abuse", "suicide_risk", "cognitive_impairment"])
def test_a_flag_set_to_yes_excludes(flag):
    result, reason = outcome(HUMLOR, "exclusions", humlor_input(**{flag: True}))
    assert result == Outcome.NOT_MET
    assert "Undantagen på grund av" in reason


@pytest.mark.parametrize("flag", ["substance_abuse", "suicide_risk", "cognitive_impairment"])
def test_an_unknown_flag_is_missing_data(flag):
    assert outcome(HUMLOR, "exclusions", humlor_input(**{flag: None}))[0] == Outcome.MISSING


def test_an_excluding_code_wins_over_an_unknown_flag():
    data = humlor_input(diagnoses=("F31.0",), suicide_risk=None)
    assert outcome(HUMLOR, "exclusions", data)[0] == Outcome.NOT_MET


def test_a_yes_flag_wins_over_an_unknown_one():
    data = humlor_input(substance_abuse=True, suicide_risk=None)
    assert outcome(HUMLOR, "exclusions", data)[0] == Outcome.NOT_MET


def born_years_before(years: int, days: int = 0) -> date:
    return date(D.year - years, D.month, D.day) + timedelta(days=days)


@pytest.mark.parametrize(
    ("birth_date", "expected", "age"),
    [
        (born_years_before(18, days=1), Outcome.NOT_MET, 17),  # 18 tomorrow
        (born_years_before(18), Outcome.MET, 18),  # 18 today
        (born_years_before(35, days=1), Outcome.MET, 34),  # 35 tomorrow
        (born_years_before(35), Outcome.NOTE, 35),  # 35 today
        (born_years_before(64), Outcome.NOTE, 64),
    ],
)
def test_age_boundaries(birth_date, expected, age):
    result, reason = outcome(HUMLOR, "age", humlor_input(birth_date=birth_date))
    assert result == expected
    assert reason.startswith(f"{age} år")


def test_age_35_is_allowed_but_noted():
    data = humlor_input(birth_date=born_years_before(40))
    assert HUMLOR.evaluate(data).eligible
    assert "utanför den föredragna åldern 18–34" in outcome(HUMLOR, "age", data)[1]


@pytest.mark.parametrize(
    ("start", "expected", "day"),
    [
        (D, Outcome.MET, 1),  # the start date is day 1
        (D - timedelta(days=364), Outcome.MET, 365),
        (D - timedelta(days=365), Outcome.NOT_MET, 366),
    ],
)
def test_sick_leave_length_365_366(start, expected, day):
    result, reason = outcome(HUMLOR, "sick_leave_length", humlor_input(case_start=start))
    assert result == expected
    assert f"Sjukdag {day}" in reason
    if expected == Outcome.NOT_MET:
        assert "Vägvalsforum" in reason


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (100, Outcome.MET),
        (50, Outcome.MET),
        (49, Outcome.NOT_MET),
        (0, Outcome.NOT_MET),
        (None, Outcome.MISSING),
    ],
)
def test_employment_49_50(rate, expected):
    assert outcome(HUMLOR, "employment", humlor_input(employment_rate=rate))[0] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, Outcome.MET), (False, Outcome.NOT_MET), (None, Outcome.MISSING)],
)
def test_understands_swedish(value, expected):
    assert outcome(HUMLOR, "swedish", humlor_input(understands_swedish=value))[0] == expected


@pytest.mark.parametrize(
    ("changes", "eligible"),
    [
        ({}, True),
        ({"birth_date": born_years_before(50)}, True),  # a note does not stop it
        ({"employment_rate": None}, False),  # missing data stops it
        ({"benefit": "ingen"}, False),  # not met stops it
        ({"understands_swedish": None, "birth_date": born_years_before(50)}, False),
    ],
)
def test_combined_verdict(changes, eligible):
    assert HUMLOR.evaluate(humlor_input(**changes)).eligible is eligible


# --- the other projects ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [(D - timedelta(days=364), Outcome.NOT_MET), (D - timedelta(days=365), Outcome.MET)],
)
def test_vagval_target_group_is_day_366_or_later(start, expected):
    assert outcome(VAGVAL, "sick_leave_length", humlor_input(case_start=start))[0] == expected


def test_vagval_outside_uppsala_county_is_a_note():
    data = humlor_input(case_start=D - timedelta(days=400), municipality_code="1980")
    assert outcome(VAGVAL, "area", data)[0] == Outcome.NOTE
    assert VAGVAL.evaluate(data).eligible


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("0781", Outcome.MET),
        ("0834", Outcome.MET),
        ("0884", Outcome.MET),
        ("0780", Outcome.NOT_MET),
        ("", Outcome.MISSING),
    ],
)
def test_four_ess_employer_municipalities(code, expected):
    rule_set = eligibility.rule_set_for("4ess")
    assert (
        outcome(rule_set, "employer", humlor_input(employer_municipality_code=code))[0] == expected
    )


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (("F32.1",), Outcome.MET),
        (("M79.7",), Outcome.MET),
        (("R52.9",), Outcome.MET),
        (("S83.2",), Outcome.NOTE),
        ((), Outcome.NOTE),
    ],
)
def test_four_ess_priority_diagnoses_are_preferred_not_required(codes, expected):
    rule_set = eligibility.rule_set_for("4ess")
    assert outcome(rule_set, "priority_diagnosis", humlor_input(diagnoses=codes))[0] == expected


@pytest.mark.parametrize(
    ("changes", "expected", "route"),
    [
        (
            {"benefit": "aktivitetsersattning", "birth_date": born_years_before(29)},
            Outcome.MET,
            "Ingång d",
        ),
        (
            {"benefit": "aktivitetsersattning", "birth_date": born_years_before(30)},
            Outcome.MISSING,
            "Ingång b",
        ),
        ({"benefit": "ingen"}, Outcome.MET, "Ingång a"),
        ({"case_start": D - timedelta(days=180)}, Outcome.MET, "Ingång c"),  # day 181
        ({"case_start": D - timedelta(days=179)}, Outcome.MISSING, "Ingång b"),  # day 180
        ({"benefit": ""}, Outcome.MISSING, "Ersättningen"),
    ],
)
def test_kundlinjen_entry_routes(changes, expected, route):
    result, reason = outcome(KUNDLINJEN, "entry_route", humlor_input(**changes))
    assert result == expected
    assert route in reason


def test_every_project_has_a_rule_set():
    assert set(eligibility.RULE_SETS) == {"humlor", "4ess", "coachning", "vagval", "kundlinjen"}
