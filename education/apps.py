from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class EducationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "education"
    verbose_name = "Milia guide"

    def ready(self):
        from bookings.models import Treatment
        from education.models import FAQ, Page, Reviewer, Section, Source
        from education.pagecache import guide_changed

        # Everything a guide page shows: an edit to any of it is seen at once.
        for model in (Page, Section, FAQ, Source, Reviewer, Treatment):
            post_save.connect(guide_changed, sender=model, dispatch_uid=f"guide-{model.__name__}")
            post_delete.connect(
                guide_changed, sender=model, dispatch_uid=f"guide-{model.__name__}-gone"
            )
        # The guide's content arrives by data migration, around the signals.
        post_migrate.connect(guide_changed, sender=self, dispatch_uid="guide-migrated")
