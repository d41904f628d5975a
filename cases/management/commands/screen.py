"""python manage.py screen --project KEY [--on DATE] [--format json|table]

Screens every sick-leave case open on DATE (default today) against the project's rules
(CONTRACTS.md). Prints; saves nothing.
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.eligibility import RULE_SETS, screen_case
from cases.models import SickLeaveCase


class Command(BaseCommand):
    help = "Screen every case open on a date against a project's eligibility rules."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True, choices=sorted(RULE_SETS))
        parser.add_argument("--on", help="screening date YYYY-MM-DD (default today)")
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args, project, on, format, **options):
        try:
            day = date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(f"--on must be a date YYYY-MM-DD, not {on!r}") from None
        cases = (
            SickLeaveCase.objects.open_on(day)
            .select_related("person")
            .order_by("person__personnummer", "case_start")
        )
        rows = []
        for case in cases.iterator(chunk_size=2000):
            _data, verdict = screen_case(case, project, day)
            rows.append(
                {
                    "personnummer": case.person.personnummer,
                    "case_start": case.case_start.isoformat(),
                    "eligible": verdict.eligible,
                    "criteria": [
                        {"key": r.key, "outcome": r.outcome, "reason": r.reason}
                        for r in verdict.results
                    ],
                }
            )
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        keys = [criterion.key for criterion in RULE_SETS[project].criteria]
        header = ["personnummer", "case_start", "eligible", *keys]
        table = [header] + [
            [row["personnummer"], row["case_start"], "yes" if row["eligible"] else "no"]
            + [c["outcome"] for c in row["criteria"]]
            for row in rows
        ]
        widths = [max(len(str(line[i])) for line in table) for i in range(len(header))]
        for line in table:
            self.stdout.write(
                "  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True))
            )
        self.stdout.write(f"{sum(r['eligible'] for r in rows)} of {len(rows)} eligible on {day}")
