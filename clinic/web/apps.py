from django.apps import AppConfig


class WebConfig(AppConfig):
    """Site-wide pieces that are not settings: caches, limits, logins, middleware."""

    name = "clinic.web"
    label = "web"
    verbose_name = "Site"
