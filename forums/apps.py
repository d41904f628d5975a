from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from cases.extensions import register_case_section

        from .case_section import forum_section

        register_case_section(forum_section)
