"""Reception also edits the guide's content and takes bookings by phone.

The email outbox's permissions come with the outbox's own migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GUIDE_MODELS = ["page", "section", "faq", "source", "reviewer"]
GUIDE_ACTIONS = ["view", "add", "change"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations have run; make them now.
    for label in ["education", "bookings"]:
        app = apps.get_app_config(label)
        app.models_module = True
        create_permissions(app, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name="Reception")
    reception.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="education",
            codename__in=[
                f"{action}_{model}" for model in GUIDE_MODELS for action in GUIDE_ACTIONS
            ],
        ),
        # A phone booking goes through the booking service, never a raw form.
        Permission.objects.get(content_type__app_label="bookings", codename="add_booking"),
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception = Group.objects.filter(name="Reception").first()
    if reception is None:
        return
    reception.permissions.remove(
        *Permission.objects.filter(content_type__app_label="education"),
        *Permission.objects.filter(content_type__app_label="bookings", codename="add_booking"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0005_booking_staff_notes"),
        ("education", "0002_load_guide"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
