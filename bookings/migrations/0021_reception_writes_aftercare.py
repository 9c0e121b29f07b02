"""Reception writes aftercare texts and each treatment's record defaults.

Reading treatment records is not granted here: a superuser grants "Can view
treatment record" to whoever needs it.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [
    f"{action}_{model}"
    for model in ["aftercaretext", "recorddefaults"]
    for action in ["view", "add", "change"]
]


def grant(apps, schema_editor):
    app = apps.get_app_config("bookings")
    app.models_module = True
    create_permissions(app, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name="Reception")
    reception.permissions.add(
        *Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception = Group.objects.filter(name="Reception").first()
    if reception is not None:
        reception.permissions.remove(
            *Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("bookings", "0020_treatment_records_and_aftercare")]

    operations = [migrations.RunPython(grant, revoke)]
