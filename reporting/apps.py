from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        from cases.extensions import PROJECT_PAGE, register_section

        from .sections import project_section

        register_section(PROJECT_PAGE, project_section)
