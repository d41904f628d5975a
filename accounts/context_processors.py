"""The navigation bar: each role sees its own entries."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import roles

# (url name, label, permission), in the order the bar shows them.
NAVIGATION = [
    ("cases:case_list", _("Cases"), roles.WORK_WITH_CASES),
    ("cases:candidates_start", _("Candidates"), roles.WORK_WITH_CASES),
    ("forums:followups", _("My follow-ups"), roles.WORK_WITH_CASES),
    ("cases:import", _("Import"), roles.WORK_WITH_CASES),
    ("forums:forum_list", _("Forums"), roles.HOLD_FORUM_MEETINGS),
    ("coaching:group_list", _("Coaching groups"), roles.COACH_GROUPS),
    ("coaching:referral_queue", _("Referral queue"), roles.WORK_WITH_CASES),
    ("cases:project_list", _("Projects"), roles.READ_PROJECT_REPORTS),
    ("reporting:report_list", _("Reports"), roles.READ_PROJECT_REPORTS),
    ("cases:access_log", _("Access log"), roles.READ_ACCESS_LOG),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    entries = []
    current = request.path
    for url_name, label, permission in NAVIGATION:
        if not user.has_perm(permission):
            continue
        url = reverse(url_name)
        entries.append({"url": url, "label": label, "active": current.startswith(url)})
    return {"navigation": entries}
