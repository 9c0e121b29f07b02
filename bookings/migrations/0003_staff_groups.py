"""The two staff roles, so every database has them without a manual step."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECEPTION = {
    "booking": ["view", "change"],
    "treatment": ["view", "add", "change"],
    "dermatologist": ["view", "change"],
    "workinghours": ["view", "add", "change", "delete"],
    "timeoff": ["view", "add", "change", "delete"],
    "clinicclosure": ["view", "add", "change", "delete"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations have run; make them now.
    bookings = apps.get_app_config("bookings")
    bookings.models_module = True
    create_permissions(bookings, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name="Reception")
    for model, actions in RECEPTION.items():
        codenames = [f"{action}_{model}" for action in actions]
        reception.permissions.add(
            *Permission.objects.filter(content_type__app_label="bookings", codename__in=codenames)
        )
    Group.objects.get_or_create(name="Dermatologists")


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Reception", "Dermatologists"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0002_no_overlapping_bookings"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
