"""Eligibility rules: one rule set per project, each a list of small named criteria.

Every criterion returns an outcome (met, not_met, note, missing) with a reason in plain
Swedish, so a screening explains itself criterion by criterion. A case is eligible when no
criterion is not_met or missing. The rules follow DOMAIN.md ("Eligibility") exactly; a
change to a rule set gets a new version, and saved screenings keep the version they used.

Each rule set can also narrow a queryset in the database (`candidates`) as far as its
rules allow, so the candidates page evaluates only one page of cases in Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Benefit, SickLeaveCase


class Outcome:
    MET = "met"
    NOT_MET = "not_met"
    NOTE = "note"
    MISSING = "missing"

    LABELS = {
        MET: gettext_lazy("Met"),
        NOT_MET: gettext_lazy("Not met"),
        NOTE: gettext_lazy("Note"),
        MISSING: gettext_lazy("Missing data"),
    }


# --- What a screening looks at ---------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningInput:
    """The values of a case used by a screening, as they were on the screening date."""

    screening_date: date
    case_start: date
    case_end: date | None
    benefit: str  # "" = unknown
    diagnoses: tuple[str, ...]
    substance_abuse: bool | None
    suicide_risk: bool | None
    cognitive_impairment: bool | None
    birth_date: date
    employment_rate: int | None
    understands_swedish: bool | None
    municipality_code: str
    employer_municipality_code: str

    @classmethod
    def from_case(cls, case: SickLeaveCase, on: date) -> ScreeningInput:
        person = case.person
        return cls(
            screening_date=on,
            case_start=case.case_start,
            case_end=case.case_end,
            benefit=case.benefit,
            diagnoses=tuple(case.diagnosis_codes),
            substance_abuse=case.substance_abuse,
            suicide_risk=case.suicide_risk,
            cognitive_impairment=case.cognitive_impairment,
            birth_date=person.birth_date,
            employment_rate=case.employment_rate,
            understands_swedish=person.understands_swedish,
            municipality_code=person.municipality_code,
            employer_municipality_code=case.employer_municipality_code,
        )

    @property
    def sick_day(self) -> int:
        return (self.screening_date - self.case_start).days + 1

    @property
    def age(self) -> int:
        born, on = self.birth_date, self.screening_date
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, date):
                data[key] = value.isoformat()
            elif isinstance(value, tuple):
                data[key] = list(value)
        return data


@dataclass(frozen=True)
class CriterionResult:
    key: str
    label: str
    outcome: str
    reason: str

    @property
    def outcome_label(self) -> str:
        return str(Outcome.LABELS[self.outcome])


@dataclass(frozen=True)
class Criterion:
    key: str
    label: Any  # lazy translation
    check: Callable[[ScreeningInput], tuple[str, str]]

    def evaluate(self, data: ScreeningInput) -> CriterionResult:
        outcome, reason = self.check(data)
        return CriterionResult(self.key, str(self.label), outcome, reason)


@dataclass(frozen=True)
class Verdict:
    results: list[CriterionResult]

    @property
    def eligible(self) -> bool:
        return not any(r.outcome in (Outcome.NOT_MET, Outcome.MISSING) for r in self.results)


@dataclass(frozen=True)
class RuleSet:
    project_key: str
    version: str
    criteria: list[Criterion]
    # Narrows a queryset of cases to those that can be eligible on a date, in SQL.
    candidates: Callable[[QuerySet, date], QuerySet] = field(repr=False)

    def evaluate(self, data: ScreeningInput) -> Verdict:
        return Verdict([criterion.evaluate(data) for criterion in self.criteria])


# --- Code matching -------------------------------------------------------------------------------


def _code_in(code: str, prefixes: tuple[str, ...]) -> bool:
    """F32 matches F32, F32.1, F321 and F43.8A; F3 does not match F31 unless asked."""
    return code.upper().replace(".", "").startswith(prefixes)


def _in_ranges(code: str, ranges: tuple[tuple[str, int, int], ...]) -> bool:
    match = re.match(r"^([A-Z])(\d{2})", code.upper())
    if not match:
        return False
    letter, number = match[1], int(match[2])
    return any(letter == first and low <= number <= high for first, low, high in ranges)


def _codes(data: ScreeningInput) -> str:
    return ", ".join(data.diagnoses)


# --- Humlor i arbete (seed 000) -----------------------------------------------------------------

HUMLOR_DIAGNOSES = ("F32", "F41", "F43")
HUMLOR_EXCLUDED = (("F", 10, 19), ("F", 20, 29), ("F", 31, 31), ("F", 70, 79))
EXCLUDED_LABELS = gettext_lazy(
    "substance abuse (F10–F19), schizophrenia spectrum (F20–F29), bipolar disorder (F31) "
    "or cognitive impairment (F70–F79)"
)
FLAGS = (
    ("substance_abuse", gettext_lazy("ongoing substance abuse")),
    ("suicide_risk", gettext_lazy("serious suicide risk")),
    ("cognitive_impairment", gettext_lazy("cognitive impairment")),
)


def registered_with_fk(data: ScreeningInput) -> tuple[str, str]:
    if not data.benefit:
        return Outcome.MISSING, _("The benefit of the case is not recorded.")
    if data.benefit == Benefit.SICKNESS_BENEFIT:
        return Outcome.MET, _("The case has sickness benefit (sjukpenning).")
    return Outcome.NOT_MET, _("The case has %(benefit)s, not sickness benefit (sjukpenning).") % {
        "benefit": Benefit(data.benefit).label
    }


def humlor_diagnosis(data: ScreeningInput) -> tuple[str, str]:
    if not data.diagnoses:
        return Outcome.MISSING, _("No diagnosis is recorded.")
    found = [code for code in data.diagnoses if _code_in(code, HUMLOR_DIAGNOSES)]
    if found:
        return Outcome.MET, _("%(codes)s is within F32, F41 or F43.") % {"codes": ", ".join(found)}
    return Outcome.NOT_MET, _("None of %(codes)s is within F32, F41 or F43.") % {
        "codes": _codes(data)
    }


def humlor_exclusions(data: ScreeningInput) -> tuple[str, str]:
    excluded = [code for code in data.diagnoses if _in_ranges(code, HUMLOR_EXCLUDED)]
    if excluded:
        return Outcome.NOT_MET, _("%(codes)s is an exclusion: %(what)s.") % {
            "codes": ", ".join(excluded),
            "what": EXCLUDED_LABELS,
        }
    flagged = [str(label) for name, label in FLAGS if getattr(data, name) is True]
    if flagged:
        return Outcome.NOT_MET, _("Excluded because of %(flags)s.") % {"flags": ", ".join(flagged)}
    unknown = [str(label) for name, label in FLAGS if getattr(data, name) is None]
    if unknown:
        return Outcome.MISSING, _("Not known whether there is %(flags)s.") % {
            "flags": ", ".join(unknown)
        }
    return Outcome.MET, _("No excluding diagnosis, abuse, suicide risk or cognitive impairment.")


def humlor_age(data: ScreeningInput) -> tuple[str, str]:
    age = data.age
    if age < 18:
        return Outcome.NOT_MET, _("%(age)s years old: under 18.") % {"age": age}
    if age <= 34:
        return Outcome.MET, _("%(age)s years old: within the preferred age 18–34.") % {"age": age}
    return Outcome.NOTE, _("%(age)s years old: outside the preferred age 18–34.") % {"age": age}


def humlor_sick_leave_length(data: ScreeningInput) -> tuple[str, str]:
    day = data.sick_day
    if day <= 365:
        return Outcome.MET, _("Sick day %(day)s: at most 12 months.") % {"day": day}
    return Outcome.NOT_MET, _(
        "Sick day %(day)s: longer than 12 months. The case belongs to the target group of "
        "Vägvalsforum."
    ) % {"day": day}


def employment_at_least_half(data: ScreeningInput) -> tuple[str, str]:
    rate = data.employment_rate
    if rate is None:
        return Outcome.MISSING, _("The employment rate is not recorded.")
    if rate >= 50:
        return Outcome.MET, _("Employed %(rate)s %%: at least 50 %%.") % {"rate": rate}
    return Outcome.NOT_MET, _("Employed %(rate)s %%: less than 50 %%.") % {"rate": rate}


def understands_swedish(data: ScreeningInput) -> tuple[str, str]:
    if data.understands_swedish is None:
        return Outcome.MISSING, _("Not known whether the person understands Swedish.")
    if data.understands_swedish:
        return Outcome.MET, _("Understands Swedish.")
    return Outcome.NOT_MET, _("Does not understand Swedish well enough for the coaching.")


def humlor_candidates(queryset: QuerySet, on: date) -> QuerySet:
    """Every Humlor rule that SQL can express; the rest (age note) is computed per page."""
    adult = date(on.year - 18, on.month, on.day if (on.month, on.day) != (2, 29) else 28)
    return (
        queryset.open_on(on)
        .filter(
            benefit=Benefit.SICKNESS_BENEFIT,
            diagnoses__regex=r"(^| )F(32|41|43)",
            substance_abuse=False,
            suicide_risk=False,
            cognitive_impairment=False,
            employment_rate__gte=50,
            person__understands_swedish=True,
            person__birth_date__lte=adult,
            case_start__gt=on - timedelta(days=365),
        )
        .exclude(diagnoses__regex=r"(^| )F(1[0-9]|2[0-9]|31|7[0-9])")
    )


HUMLOR = RuleSet(
    project_key="humlor",
    version="2015.1",
    criteria=[
        Criterion(
            "registered", gettext_lazy("Registered with FK (sickness benefit)"), registered_with_fk
        ),
        Criterion("diagnosis", gettext_lazy("Diagnosis F32, F41 or F43"), humlor_diagnosis),
        Criterion("exclusions", gettext_lazy("No exclusion"), humlor_exclusions),
        Criterion("age", gettext_lazy("Age"), humlor_age),
        Criterion(
            "sick_leave_length",
            gettext_lazy("Sick leave at most 12 months"),
            humlor_sick_leave_length,
        ),
        Criterion("employment", gettext_lazy("Employed at least 50 %"), employment_at_least_half),
        Criterion("swedish", gettext_lazy("Understands Swedish"), understands_swedish),
    ],
    candidates=humlor_candidates,
)


# --- Vägval (seed 003): long sick leave --------------------------------------------------------


def vagval_length(data: ScreeningInput) -> tuple[str, str]:
    day = data.sick_day
    if day >= 366:
        return Outcome.MET, _("Sick day %(day)s: longer than 365 days.") % {"day": day}
    return Outcome.NOT_MET, _(
        "Sick day %(day)s: the target group is sick leave longer than 365 days (from %(date)s)."
    ) % {"day": day, "date": (data.case_start + timedelta(days=365)).isoformat()}


def vagval_area(data: ScreeningInput) -> tuple[str, str]:
    if data.municipality_code.startswith("03"):
        return Outcome.MET, _("Lives in Uppsala county (%(code)s).") % {
            "code": data.municipality_code
        }
    if not data.municipality_code:
        return Outcome.NOTE, _(
            "The home municipality is not recorded; the project is in Uppsala county."
        )
    return Outcome.NOTE, _("Lives outside Uppsala county (%(code)s), where the project works.") % {
        "code": data.municipality_code
    }


VAGVAL = RuleSet(
    project_key="vagval",
    version="2016.1",
    criteria=[
        Criterion(
            "sick_leave_length", gettext_lazy("Sick leave longer than 365 days"), vagval_length
        ),
        Criterion("area", gettext_lazy("Uppsala county"), vagval_area),
    ],
    candidates=lambda qs, on: qs.open_on(on).filter(case_start__lte=on - timedelta(days=365)),
)


# --- 4-Ess (seed 001): employees of three municipalities -----------------------------------

FOUR_ESS_EMPLOYERS = {"0781": "Ljungby", "0834": "Torsås", "0884": "Vimmerby"}


def four_ess_employer(data: ScreeningInput) -> tuple[str, str]:
    code = data.employer_municipality_code
    if not code:
        return Outcome.MISSING, _("The employer's municipality is not recorded.")
    if code in FOUR_ESS_EMPLOYERS:
        return Outcome.MET, _("Employed by %(name)s municipality (%(code)s).") % {
            "name": FOUR_ESS_EMPLOYERS[code],
            "code": code,
        }
    return Outcome.NOT_MET, _(
        "The employer (%(code)s) is not Ljungby, Torsås or Vimmerby municipality."
    ) % {"code": code}


def four_ess_priority(data: ScreeningInput) -> tuple[str, str]:
    priority = [
        c for c in data.diagnoses if c.upper().startswith("F") or _code_in(c, ("M79", "R52"))
    ]
    if priority:
        return Outcome.MET, _("%(codes)s: psychiatric or diffuse pain, a priority.") % {
            "codes": ", ".join(priority)
        }
    if not data.diagnoses:
        return Outcome.NOTE, _("No diagnosis yet; every diagnosis is welcome from day 1.")
    return Outcome.NOTE, _(
        "%(codes)s: not a priority diagnosis, but every diagnosis is welcome."
    ) % {"codes": _codes(data)}


FOUR_ESS = RuleSet(
    project_key="4ess",
    version="2017.1",
    criteria=[
        Criterion(
            "employer", gettext_lazy("Employed by Ljungby, Torsås or Vimmerby"), four_ess_employer
        ),
        Criterion(
            "priority_diagnosis",
            gettext_lazy("Priority diagnosis (F00–F99, M79, R52)"),
            four_ess_priority,
        ),
    ],
    candidates=lambda qs, on: qs.open_on(on).filter(
        employer_municipality_code__in=FOUR_ESS_EMPLOYERS
    ),
)


# --- Kundlinjen (seed 004): four entry routes -------------------------------------------------


def kundlinjen_route(data: ScreeningInput) -> tuple[str, str]:
    """Which of the four routes the recorded data point to; b needs the case worker's call."""
    if data.benefit == Benefit.ACTIVITY_COMPENSATION and data.age < 30:
        return Outcome.MET, _("Route d: %(age)s years old with activity compensation.") % {
            "age": data.age
        }
    if data.benefit == Benefit.NONE:
        return Outcome.MET, _(
            "Route a: no benefit (benefit days exhausted) – Arbetslivsintroduktion. Check "
            "whether it is rather a refused or withdrawn sickness benefit (route c)."
        )
    if data.sick_day > 180 and (data.employment_rate or 0) > 0:
        return Outcome.MET, _(
            "Route c: employed and past day 180, to be tried against the whole labour market."
        )
    if not data.benefit:
        return Outcome.MISSING, _("The benefit is not recorded, so no route can be told.")
    return Outcome.MISSING, _(
        "No route follows from the data. Route b (action-plan collaboration) needs the case "
        "worker's assessment of a rehabilitation need (FAROS): override with a reason."
    )


KUNDLINJEN = RuleSet(
    project_key="kundlinjen",
    version="2011.1",
    criteria=[Criterion("entry_route", gettext_lazy("Entry route a–d"), kundlinjen_route)],
    candidates=lambda qs, on: qs.open_on(on),
)


# --- Coachningsprojektet (seed 002): participants of Rehabiliteringssamverkan ---------------


def coachning_benefit(data: ScreeningInput) -> tuple[str, str]:
    if not data.benefit:
        return Outcome.MISSING, _("The benefit of the case is not recorded.")
    if data.benefit == Benefit.NONE:
        return Outcome.NOT_MET, _(
            "No benefit: the group is people on sick leave or with sickness or activity "
            "compensation."
        )
    return Outcome.MET, _("%(benefit)s: within Rehabiliteringssamverkan.") % {
        "benefit": Benefit(data.benefit).label
    }


COACHNING = RuleSet(
    project_key="coachning",
    version="2008.1",
    criteria=[
        Criterion(
            "benefit",
            gettext_lazy("Sick leave or sickness/activity compensation"),
            coachning_benefit,
        ),
    ],
    candidates=lambda qs, on: qs.open_on(on).exclude(benefit__in=["", Benefit.NONE]),
)


RULE_SETS: dict[str, RuleSet] = {
    rule_set.project_key: rule_set for rule_set in (HUMLOR, VAGVAL, FOUR_ESS, KUNDLINJEN, COACHNING)
}


def rule_set_for(project_key: str) -> RuleSet:
    return RULE_SETS[project_key]


def screen_case(case: SickLeaveCase, project_key: str, on: date) -> tuple[ScreeningInput, Verdict]:
    data = ScreeningInput.from_case(case, on)
    return data, rule_set_for(project_key).evaluate(data)


def candidate_cases(queryset: QuerySet, project_key: str, on: date) -> QuerySet:
    """Open cases that can meet the project's rules on `on`, of people not yet enrolled."""
    return (
        rule_set_for(project_key)
        .candidates(queryset, on)
        .exclude(person__enrollments__project__key=project_key)
    )
