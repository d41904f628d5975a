"""Sections other apps add to the case page, without `cases` importing them.

An app registers a function in its AppConfig.ready(); the case page calls each with the
request and the case and includes the template it names. Each function must run a
fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CaseSection:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


CaseSectionProvider = Callable[[Any, Any], CaseSection | None]

_providers: list[CaseSectionProvider] = []


def register_case_section(provider: CaseSectionProvider) -> CaseSectionProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def case_sections(request, case) -> list[CaseSection]:
    sections = [section for provider in _providers if (section := provider(request, case))]
    return sorted(sections, key=lambda section: section.order)
