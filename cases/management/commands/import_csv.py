"""python manage.py import_csv KIND FILE [--dry-run] [--team TEAM] [--user USERNAME]

All or nothing (CONTRACTS.md): on any error nothing is written, every error is printed as
`row N, column C: message`, and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Team, User
from cases.importers import IMPORTERS, import_csv


class Command(BaseCommand):
    help = "Import a CSV file of cases, enrollments, statuses or surveys (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate, write nothing")
        parser.add_argument("--team", help="owning team of new cases: its id or name (kind cases)")
        parser.add_argument("--user", help="user name recorded in the timeline and access log")

    def handle(self, *args, kind, file, dry_run, team, user, **options):
        if not file.exists():
            raise CommandError(f"No such file: {file}")
        owner = self.find_team(team) if team else None
        importer_user = self.find_user(user) if user else None
        result = import_csv(
            kind, file.read_bytes(), user=importer_user, team=owner, dry_run=dry_run
        )
        for name in result.ignored_columns:
            self.stderr.write(f"row 1, column {name}: unknown column, ignored")
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} error(s) in {result.rows} row(s); nothing was written.",
                returncode=1,
            )
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{result.rows} row(s) of {kind}: {result.created} {verb} created, "
            f"{result.updated} {verb} updated, {result.unchanged} unchanged."
        )

    def find_team(self, value: str) -> Team:
        teams = (
            Team.objects.filter(pk=int(value))
            if value.isdigit()
            else Team.objects.filter(name=value)
        )
        found = list(teams[:2])
        if len(found) != 1:
            raise CommandError(f"No single team named {value!r}; give its id.")
        return found[0]

    def find_user(self, username: str) -> User:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"No user {username!r}.") from None
