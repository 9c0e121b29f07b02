"""Each booking stores its calendar UID.

Bookings made before this keep the UID their invites were sent with,
booking-REF@<host of SITE_URL>, so that later invites still update the event
already in the patient's calendar. New bookings get a UUID (bookings.models).
"""

from urllib.parse import urlparse

from django.conf import settings
from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Concat

import bookings.models


def uids_fill(apps, schema_editor):
    # The rule as it stood when those invites went out, frozen here.
    host = urlparse(settings.SITE_URL).hostname or "localhost"
    Booking = apps.get_model("bookings", "Booking")
    Booking.objects.update(calendar_uid=Concat(Value("booking-"), "reference", Value(f"@{host}")))


def sqlite_triggers_restore(apps, schema_editor):
    # SQLite alters a column by copying the table, which drops its triggers:
    # put back the diary's (as migration 0011 made them).
    if schema_editor.connection.vendor != "sqlite":
        return
    for event in ("INSERT", "UPDATE", "DELETE"):
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS bookings_booking_diary_changed_{event.lower()} "
            f"AFTER {event} ON bookings_booking BEGIN "
            "UPDATE bookings_diaryversion SET token = lower(hex(randomblob(16))); END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0011_diary_version"),
    ]

    operations = [
        # Undoing this migration copies the table too.
        migrations.RunPython(migrations.RunPython.noop, sqlite_triggers_restore),
        migrations.AddField(
            model_name="booking",
            name="calendar_uid",
            field=models.CharField(max_length=255, null=True, editable=False),
        ),
        migrations.RunPython(uids_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="booking",
            name="calendar_uid",
            field=models.CharField(
                "calendar UID",
                default=bookings.models.new_calendar_uid,
                editable=False,
                help_text="Names the appointment in calendars: every invite and the feed use it.",
                max_length=255,
                unique=True,
            ),
        ),
        migrations.RunPython(sqlite_triggers_restore, migrations.RunPython.noop),
    ]
