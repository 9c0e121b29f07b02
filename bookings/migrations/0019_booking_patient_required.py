"""Every booking belongs to a patient from now on; reception reads and corrects the records."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CODENAMES = ["view_patient", "change_patient"]


def grant(apps, schema_editor):
    bookings = apps.get_app_config("bookings")
    bookings.models_module = True
    create_permissions(bookings, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name="Reception")
    reception.permissions.add(
        *Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
    )


# The booking columns free times depend on, as migration 0013 narrowed its update trigger to.
FREE_TIME_COLUMNS = [
    "status",
    "starts_at",
    "ends_at",
    "blocked_until",
    "dermatologist_id",
    "treatment_id",
]


def sqlite_triggers_restore(apps, schema_editor):
    """SQLite makes a new bookings table to change a column, and its triggers go with the old
    one: put back the diary's (migrations 0011 and 0013), or the slot page would serve stale
    times."""
    if schema_editor.connection.vendor != "sqlite":
        return
    new_token = "UPDATE bookings_diaryversion SET token = lower(hex(randomblob(16)));"
    for event in ("INSERT", "DELETE"):
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS bookings_booking_diary_changed_{event.lower()} "
            f"AFTER {event} ON bookings_booking BEGIN {new_token} END"
        )
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in FREE_TIME_COLUMNS)
    schema_editor.execute(
        "CREATE TRIGGER IF NOT EXISTS bookings_booking_diary_changed_update "
        f"AFTER UPDATE ON bookings_booking WHEN {changed} BEGIN {new_token} END"
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Reception"):
        group.permissions.remove(*Permission.objects.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("bookings", "0018_bookings_to_patients")]

    operations = [
        migrations.AlterField(
            model_name="booking",
            name="patient",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bookings",
                to="bookings.patient",
            ),
        ),
        migrations.RunPython(sqlite_triggers_restore, sqlite_triggers_restore),
        migrations.RunPython(grant, revoke),
    ]
