"""The five projects of the seeds, their goals and volume plans: the product's reference data.

Administrators may edit them afterwards; this migration only creates what is missing.
Wording is the seed's own (Swedish), as it was promised to the funders.
"""

from datetime import date
from decimal import Decimal

from django.db import migrations

PROJECTS = [
    {
        "key": "humlor",
        "name": "Humlor i arbete",
        "owner": "Landstinget Västmanland",
        "partners": "Försäkringskassan",
        "start_date": date(2015, 1, 1),
        "end_date": date(2016, 12, 31),
        "area_codes": "19",
        "description": (
            "Coachning i Försäkringskassans ordinarie arbete: minst 100 sjukskrivna med "
            "psykisk ohälsa får ett kartläggningssamtal av FK:s handläggare och hänvisas "
            "sedan till coachning i grupper om 10."
        ),
        "goals": [],
        "volumes": [
            ("mapping_interviews", "project", 100,
             "Minst 100 sjukskrivna med psykisk ohälsa får ett kartläggningssamtal av FK:s "
             "handläggare för att sedan hänvisas till coachning."),
        ],
    },
    {
        "key": "4ess",
        "name": "4-Ess",
        "owner": "Försäkringskassan, SF Småland Sydost",
        "partners": "Arbetsmiljöverket, Region Kronoberg, Kalmar läns landsting, Ljungby, "
        "Torsås och Vimmerby kommun",
        "start_date": date(2017, 2, 1),
        "end_date": date(2020, 1, 31),
        "area_codes": "0781 0834 0884",
        "description": (
            "Minskad sjukfrånvaro hos de anställda i Ljungby, Torsås och Vimmerby kommun, "
            "från dag 1 i sjukskrivningen; prioritet för psykisk ohälsa och diffus smärta."
        ),
        "goals": [],
        "volumes": [("participants", "project", 200, "Planerat antal deltagare: 200")],
    },
    {
        "key": "coachning",
        "name": "Coachningsgrupper i Rehabiliteringssamverkan",
        "owner": "Arbetsförmedlingen Skåne/Blekinge",
        "partners": "Försäkringskassan",
        "start_date": date(2008, 5, 1),
        "end_date": date(2010, 4, 30),
        "area_codes": "12 10",
        "description": (
            "Coachningsgrupper med två coacher, högst sex gruppstarter per år och "
            "arbetsmarknadsområde, individuell coachning upp till ett år efter start."
        ),
        "goals": [
            ("work_or_education_12m", "0.4000", "at_least",
             "Fler deltagare än de som får alternativ service ska senast 12 månader efter "
             "starten vara i arbete eller utbildning (resultatmål 40 %)."),
            ("survey_job_chances", "0.7500", "at_least",
             "Andelen deltagare som upplever att deras möjligheter att få arbete har ökat "
             "ska uppgå till minst 75 %."),
        ],
        "volumes": [
            ("participants", "year", 500, "Minst 500 deltagare per år fördelade på 36 gruppstarter."),
            ("group_starts", "year", 36, "Minst 500 deltagare per år fördelade på 36 gruppstarter."),
        ],
    },
    {
        "key": "vagval",
        "name": "Kunskapsstöd vid vägval långa sjukfall",
        "owner": "Försäkringskassan Uppsala",
        "partners": "Arbetsförmedlingen",
        "start_date": date(2016, 9, 1),
        "end_date": date(2018, 5, 31),
        "area_codes": "03",
        "description": (
            "Vägvalsforum och Konsultationsforum för sjukfall längre än 365 dagar i "
            "Uppsala län (cirka 1 900 personer)."
        ),
        "goals": [
            ("long_cases_back", "0.2000", "at_least",
             "Målsättningen är att 20 % av de cirka 1 900 långtidssjukskrivna är åter i "
             "arbete eller annan insats 2018-05-31."),
        ],
        "volumes": [],
    },
    {
        "key": "kundlinjen",
        "name": "Kundlinjen",
        "owner": "Arbetsförmedlingen Motala",
        "partners": "Försäkringskassan",
        "start_date": date(2011, 8, 15),
        "end_date": date(2013, 9, 30),
        "area_codes": "0583 0580",
        "description": (
            "En gemensam ingång från FK till AF med fyra ingångar: utförsäkrade "
            "(Arbetslivsintroduktion), handlingsplansamverkan, avslag eller prövning mot "
            "hela arbetsmarknaden, och unga med aktivitetsersättning."
        ),
        "goals": [
            ("survey_support", "0.7500", "at_least",
             "Minst 75 % av deltagarna upplever att de fått ett bra stöd inför återgången "
             "till arbete."),
            ("survey_health", "0.5000", "at_least",
             "Minst 50 % av deltagarna upplever en förbättrad hälsa."),
            ("survey_involvement", "0.7500", "at_least",
             "Minst 75 % av deltagarna känner sig delaktiga i rehabiliteringsplaneringen."),
            ("survey_collaboration", "0.9000", "at_least",
             "Minst 90 % av handläggarna på AF och FK upplever att samsyn och samarbete "
             "förbättrats."),
            ("work_or_education_12m_route_b", "0.4000", "at_least",
             "Resultatet till arbete ska vara oförändrat jämfört med idag, dvs 40 % till "
             "arbete eller utbildning efter 12 mån."),
            ("work_or_education_12m_route_c", "0.4000", "at_least",
             "Minst 40 % rehabiliteras till arbete eller utbildning efter 12 mån."),
            ("work_or_education_12m_route_d", "0.2000", "at_least",
             "Minst 20 % rehabiliteras till arbete/studier."),
            ("ali_rehab_90d", "0.6667", "at_least",
             "Minst 2/3 av de utförsäkrade som skrivs in i Arbetslivsintroduktion ska delta "
             "i en arbetslivsinriktad rehabilitering 90 dagar efter avslutat program."),
            ("ali_return_to_insurance", "0.5000", "below",
             "Mindre än 50 % av deltagarna återvänder till sjukförsäkringen efter avslutad "
             "Arbetslivsintroduktion (rikssnittet 55 %)."),
            ("retroactive_registrations", "0.0500", "below",
             "Andelen retroaktiva beslut om inskrivning på AF ska vara lägre än 5 % vid "
             "årets slut."),
        ],
        "volumes": [
            ("participants_route_d", "year", 50,
             "Att 50 unga med aktivitetsersättning tas emot årligen."),
        ],
    },
]


def create_projects(apps, schema_editor):
    project_model = apps.get_model("cases", "Project")
    goal_model = apps.get_model("cases", "ProjectGoal")
    volume_model = apps.get_model("cases", "ProjectVolumePlan")
    for spec in PROJECTS:
        fields = {k: v for k, v in spec.items() if k not in ("key", "goals", "volumes")}
        project, _ = project_model.objects.get_or_create(key=spec["key"], defaults=fields)
        for indicator, target, comparison, wording in spec["goals"]:
            goal_model.objects.get_or_create(
                project=project,
                indicator=indicator,
                defaults={"target": Decimal(target), "comparison": comparison, "wording": wording},
            )
        for measure, per, quantity, wording in spec["volumes"]:
            volume_model.objects.get_or_create(
                project=project,
                measure=measure,
                per=per,
                defaults={"quantity": quantity, "wording": wording},
            )


def remove_projects(apps, schema_editor):
    apps.get_model("cases", "Project").objects.filter(
        key__in=[spec["key"] for spec in PROJECTS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_access_log_append_only")]

    operations = [migrations.RunPython(create_projects, remove_projects)]
