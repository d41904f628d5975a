"""python manage.py build_report --project KEY --period P --format json|csv|xlsx|pdf [--output FILE]

Computes the report of CONTRACTS.md and prints it (JSON, CSV) or writes it to FILE.
With --save the run is also stored, as the reports page and the schedule store it.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cases.models import Project
from reporting import exports
from reporting.indicators import compute_report
from reporting.periods import InvalidPeriod, parse_period
from reporting.services import report_build


class Command(BaseCommand):
    help = "Build a project's report for a period (JSON, CSV, XLSX or PDF)."

    def add_arguments(self, parser):
        parser.add_argument("--project", required=True)
        parser.add_argument("--period", required=True, help="2017, 2017Q1, 2017-03 or all")
        parser.add_argument("--format", choices=["json", "csv", "xlsx", "pdf"], default="json")
        parser.add_argument("--output", type=Path, help="file to write (required for xlsx and pdf)")
        parser.add_argument("--publication", action="store_true", help="mask counts of 1–4 as <5")
        parser.add_argument("--save", action="store_true", help="also store the run")

    def handle(self, *args, project, period, format, output, publication, save, **options):
        try:
            project_obj = Project.objects.get(key=project)
        except Project.DoesNotExist:
            keys = ", ".join(Project.objects.values_list("key", flat=True))
            raise CommandError(f"Unknown project {project!r}; use one of: {keys}") from None
        try:
            period_obj = parse_period(period, project_obj)
        except InvalidPeriod as error:
            raise CommandError(str(error)) from None
        if save:
            data = report_build(project=project_obj, period_key=period).data
        else:
            data = compute_report(project_obj, period_obj)
        if publication:
            data = exports.publication(data)
        if format == "json":
            content = json.dumps(data, ensure_ascii=False, indent=2).encode() + b"\n"
        elif format == "csv":
            content = exports.to_csv(data)
        elif format == "xlsx":
            content = exports.to_xlsx(data, project_obj.name)
        else:
            content = exports.to_pdf(data, project_obj.name, publication)
        if output:
            output.write_bytes(content)
            self.stderr.write(f"Wrote {output} ({len(content)} bytes)")
        elif format in ("xlsx", "pdf"):
            raise CommandError(f"--output FILE is needed for {format}")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")
