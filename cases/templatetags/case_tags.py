"""Showing people: a protected identity is never rendered to someone who may not see it."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _identity_visible(obj) -> bool:
    # Querysets annotate `identity_visible` (see cases.models.identity_visible_expression);
    # without the annotation nothing identifying is shown.
    return bool(getattr(obj, "identity_visible", False))


@register.filter
def person_name(obj) -> str:
    """The person's name for a case (or annotated person), or "Skyddad identitet"."""
    person = getattr(obj, "person", obj)
    if not _identity_visible(obj):
        return _("Protected identity") if person.protected_identity else _("Hidden")
    return person.full_name or _("(no name)")


@register.filter
def person_number(obj) -> str:
    person = getattr(obj, "person", obj)
    if not _identity_visible(obj):
        return "—"
    return person.formatted_personnummer


@register.filter
def yes_no_unknown(value) -> str:
    if value is None:
        return _("Unknown")
    return _("Yes") if value else _("No")


@register.simple_tag(takes_context=True)
def page_url(context, page_number) -> str:
    """The current list's query string with another page number."""
    query = context.get("query_without_page", "")
    return f"?{query}&page={page_number}" if query else f"?page={page_number}"


@register.filter
def sick_day(case, day) -> int | str:
    """The sick day number on `day` (start = day 1), or "" for a case not open then."""
    return case.sick_day_on(day) if case.is_open_on(day) else ""


@register.filter
def age_today(person, today) -> int:
    return person.age_on(today)


@register.simple_tag
def outcome_label(outcome: str) -> str:
    from cases.eligibility import Outcome

    return str(Outcome.LABELS.get(outcome, outcome))
