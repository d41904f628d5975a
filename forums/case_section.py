"""The forum part of the case page: consent, agendas and recommendations of the case."""

from __future__ import annotations

from cases.extensions import Section

from .models import AgendaItem


def forum_section(request, case) -> Section:
    # Two queries: the consents with their agencies, and the agenda items with meeting,
    # forum and recommendation.
    consents = list(case.consents.prefetch_related("agencies"))
    items = list(
        AgendaItem.objects.filter(case=case)
        .select_related("meeting__forum", "recommendation__responsible")
        .order_by("-meeting__date")
    )
    return Section(
        template="forums/case_section.html",
        context={"case": case, "consents": consents, "items": items},
        order=10,
    )
