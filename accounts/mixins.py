from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin


class CapabilityRequiredMixin(PermissionRequiredMixin):
    """A role's page: a logged-in user without the capability gets 403, not a login loop."""

    raise_exception = True
