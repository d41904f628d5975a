from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Synthetic demo data for `make run`. A leaf: it may import every app, none imports it."""

    name = "demo"
    verbose_name = "Demo"
