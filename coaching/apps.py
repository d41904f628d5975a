from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        from cases.extensions import CASE_PAGE, register_section

        from .sections import coaching_case_section

        register_section(CASE_PAGE, coaching_case_section)
