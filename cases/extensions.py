"""Sections other apps add to pages of `cases` (the case page, the project page), without
`cases` importing them.

An app registers a provider in its AppConfig.ready(); the page calls each provider with
the request and its object and includes the template the returned section names. Each
provider must run a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

CASE_PAGE = "case"
PROJECT_PAGE = "project"


@dataclass(frozen=True)
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


SectionProvider = Callable[[Any, Any], Section | None]

_providers: dict[str, list[SectionProvider]] = defaultdict(list)


def register_section(page: str, provider: SectionProvider) -> SectionProvider:
    if provider not in _providers[page]:
        _providers[page].append(provider)
    return provider


def sections(page: str, request, obj) -> list[Section]:
    found = [section for provider in _providers[page] if (section := provider(request, obj))]
    return sorted(found, key=lambda section: section.order)
