"""The five roles of the product and what each may do.

A role is a Django group; what it may do is a set of permissions. Views check the
permission (`accounts.work_with_cases`…), never the group name, so an administrator
can give a person a second role without code changes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "handläggare", _("Case worker")
    FORUM_MEMBER = "forummedlem", _("Forum member")
    COACH = "coach", _("Coach")
    PROJECT_LEAD = "projektledare", _("Project lead")
    ADMINISTRATOR = "administratör", _("Administrator")


# Capability permissions, declared on accounts.User (see its Meta).
WORK_WITH_CASES = "accounts.work_with_cases"
HOLD_FORUM_MEETINGS = "accounts.hold_forum_meetings"
COACH_GROUPS = "accounts.coach_groups"
READ_PROJECT_REPORTS = "accounts.read_project_reports"
READ_ACCESS_LOG = "accounts.read_access_log"

ROLE_CAPABILITIES: dict[str, list[str]] = {
    Role.CASEWORKER: ["work_with_cases"],
    Role.FORUM_MEMBER: ["hold_forum_meetings"],
    Role.COACH: ["coach_groups"],
    Role.PROJECT_LEAD: ["read_project_reports"],
    Role.ADMINISTRATOR: [
        "work_with_cases",
        "hold_forum_meetings",
        "coach_groups",
        "read_project_reports",
        "read_access_log",
    ],
}

# Apps whose models administrators maintain in the Django admin.
ADMINISTERED_APPS = ("accounts", "cases", "forums", "coaching", "reporting")


def sync_administrator_permissions(sender, apps=None, using="default", **kwargs) -> None:
    """Give the administrator group every model permission of our apps.

    Runs after each `migrate`, after Django has created the permissions of new
    models, so administrators can maintain every model in the admin.
    """
    if apps is None:
        return
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return
    group = group_model.objects.using(using).filter(name=Role.ADMINISTRATOR).first()
    if group is None:
        return
    permissions = permission_model.objects.using(using).filter(
        content_type__app_label__in=ADMINISTERED_APPS
    )
    # The access log is read-only for everybody, administrators included.
    permissions = permissions.exclude(
        content_type__model="accesslogentry",
        codename__regex=r"^(add|change|delete)_",
    )
    group.permissions.add(*permissions)
