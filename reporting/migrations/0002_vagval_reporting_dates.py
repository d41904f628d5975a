"""Vägval's four reports (seed 003): January 2017 (year), June 2017 (interim), December
2017 (year) and May 2018 (final), each of the whole project so far. Editable by
administrators as reporting dates; built by the schedule on their day."""

from datetime import date

from django.db import migrations

DATES = [
    (date(2017, 1, 31), "Årsrapport januari 2017"),
    (date(2017, 6, 30), "Delrapport juni 2017"),
    (date(2017, 12, 31), "Årsrapport december 2017"),
    (date(2018, 5, 31), "Slutrapport maj 2018"),
]


def create_dates(apps, schema_editor):
    project_model = apps.get_model("cases", "Project")
    schedule_model = apps.get_model("reporting", "ReportSchedule")
    vagval = project_model.objects.filter(key="vagval").first()
    if vagval is None:
        return
    for run_on, description in DATES:
        schedule_model.objects.get_or_create(
            project=vagval, run_on=run_on, defaults={"period_key": "", "description": description}
        )


def remove_dates(apps, schema_editor):
    apps.get_model("reporting", "ReportSchedule").objects.filter(
        project__key="vagval", run_on__in=[run_on for run_on, _text in DATES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("cases", "0003_seed_projects"),
    ]

    operations = [migrations.RunPython(create_dates, remove_dates)]
