from django.core.management.base import BaseCommand

from demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Add demo users (one per role) and synthetic people and cases. Safe to run again."

    def handle(self, *args, **options):
        users = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Log in at http://127.0.0.1:8000/"))
        self.stdout.write(f"Password for every demo user: {DEMO_PASSWORD}")
        for user in users:
            self.stdout.write(f"  {user.username:<14} {user.role.value}")
