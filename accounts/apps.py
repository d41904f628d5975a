from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and organisations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .roles import sync_administrator_permissions

        # Runs after each app's own post_migrate (which creates its permissions), so
        # models added by later migrations get their admin permissions too.
        post_migrate.connect(
            sync_administrator_permissions, dispatch_uid="accounts.sync_administrator_permissions"
        )
