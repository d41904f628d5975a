"""Labour-market areas of the seed projects (AF's units), editable by administrators."""

from django.db import migrations

AREAS = [
    ("Malmö", "1280 1230 1233 1261 1263"),
    ("Lund", "1281 1262 1264 1265 1267"),
    ("Helsingborg", "1283 1282 1284 1214 1277"),
    ("Kristianstad", "1290 1291 1292 1293 1256 1257"),
    ("Karlskrona", "1080 1081 1082 1083 1060"),
    ("Västerås", "1980 1981 1982 1983 1984 1904 1907 1960 1961 1962"),
    ("Uppsala", "0380 0381 0382 0305 0319 0330 0331 0360"),
]


def create_areas(apps, schema_editor):
    area_model = apps.get_model("coaching", "LabourMarketArea")
    for name, codes in AREAS:
        area_model.objects.get_or_create(name=name, defaults={"municipality_codes": codes})


def remove_areas(apps, schema_editor):
    apps.get_model("coaching", "LabourMarketArea").objects.filter(
        name__in=[name for name, _codes in AREAS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("coaching", "0001_initial")]

    operations = [migrations.RunPython(create_areas, remove_areas)]
