"""The five roles as groups, each with the capability permissions it needs.

Permissions are normally created after `migrate` finishes; this migration creates the
ones it grants itself, so the groups are complete as soon as it has run.
"""

from django.db import migrations

CAPABILITIES = {
    "work_with_cases": "Can register, screen and follow sick-leave cases",
    "hold_forum_meetings": "Can prepare and hold forum meetings",
    "coach_groups": "Can run coaching groups",
    "read_project_reports": "Can read and download project reports",
    "read_access_log": "Can search the access log",
}

ROLES = {
    "handläggare": ["work_with_cases"],
    "forummedlem": ["hold_forum_meetings"],
    "coach": ["coach_groups"],
    "projektledare": ["read_project_reports"],
    "administratör": list(CAPABILITIES),
}


def create_roles(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    group_model = apps.get_model("auth", "Group")
    user_type, _ = content_type_model.objects.get_or_create(app_label="accounts", model="user")
    permissions = {
        codename: permission_model.objects.get_or_create(
            content_type=user_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in CAPABILITIES.items()
    }
    for role, codenames in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=role)
        group.permissions.add(*(permissions[codename] for codename in codenames))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
