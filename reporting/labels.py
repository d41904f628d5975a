"""What each indicator is called in Swedish, and the groups reports are laid out in."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "participants_started": _("Participants who started"),
    "work_or_education_12m": _("In work or education after 12 months"),
    "comparison_work_or_education_12m": _("Comparison group: in work or education after 12 months"),
    "survey_job_chances": _("Survey: job chances increased"),
    "survey_support": _("Survey: good support"),
    "survey_health": _("Survey: improved health"),
    "survey_involvement": _("Survey: felt involved"),
    "survey_collaboration": _("Survey of case workers: collaboration improved"),
    "days_to_first_payment": _("Days from case start to first payment (median)"),
    "participants_started_route_a": _("Participants who started, route a"),
    "participants_started_route_b": _("Participants who started, route b"),
    "participants_started_route_c": _("Participants who started, route c"),
    "participants_started_route_d": _("Participants who started, route d"),
    "work_or_education_12m_route_a": _("Work or education after 12 months, route a"),
    "work_or_education_12m_route_b": _("Work or education after 12 months, route b"),
    "work_or_education_12m_route_c": _("Work or education after 12 months, route c"),
    "work_or_education_12m_route_d": _("Work or education after 12 months, route d"),
    "ali_rehab_90d": _("Arbetslivsintroduktion: in work-oriented rehabilitation 90 days after"),
    "ali_return_to_insurance": _("Arbetslivsintroduktion: back in the sickness insurance"),
    "retroactive_registrations": _("Retroactive registrations"),
    "long_cases_back": _("Long cases back in work or another intervention"),
    "sick_absence_rate": _("Sick absence rate"),
}

GROUPS = [
    (_("Participants"), lambda key: key.startswith("participants_started")),
    (_("Work and education"), lambda key: "work_or_education" in key or key == "long_cases_back"),
    (_("Surveys"), lambda key: key.startswith("survey_")),
    (
        _("Arbetslivsintroduktion"),
        lambda key: key.startswith("ali_") or key == "retroactive_registrations",
    ),
    (_("Time and absence"), lambda key: key in ("days_to_first_payment", "sick_absence_rate")),
]

# Indicators whose value is a count or a number of days, not a share.
NOT_SHARES = {"days_to_first_payment"} | {k for k in LABELS if k.startswith("participants_started")}


def label(key: str) -> str:
    return str(LABELS.get(key, key))


def grouped(indicators: list[dict]) -> list[tuple[str, list[dict]]]:
    groups = []
    for name, belongs in GROUPS:
        members = [indicator for indicator in indicators if belongs(indicator["key"])]
        if members:
            groups.append((str(name), members))
    return groups


def display_value(key: str, value) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):  # masked in a publication
        return value
    if key in NOT_SHARES:
        return f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return f"{value * 100:.1f}\u00a0%".replace(".", ",")
