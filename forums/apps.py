from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from cases.extensions import CASE_PAGE, register_section

        from .case_section import forum_section

        register_section(CASE_PAGE, forum_section)
