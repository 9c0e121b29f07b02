"""Manage links made with a key outside the database; the clear tokens go.

Every booking gets a nonce, from which its links are made from now on, and
keeps a SHA-256 of its old token so that links already emailed still open it.
The clear token column is then dropped: the database alone opens no booking.
"""

import hashlib
import secrets

from django.db import migrations, models

import bookings.manage_links

BATCH = 1000


def tokens_hash(apps, schema_editor):
    Booking = apps.get_model("bookings", "Booking")
    bookings = Booking.objects.only("pk", "manage_token").order_by("pk")
    batch = []
    for booking in bookings.iterator(chunk_size=BATCH):
        booking.manage_nonce = secrets.token_urlsafe(16)
        booking.legacy_token_hash = hashlib.sha256(booking.manage_token.encode()).hexdigest()
        batch.append(booking)
        if len(batch) == BATCH:
            Booking.objects.bulk_update(batch, ["manage_nonce", "legacy_token_hash"])
            batch = []
    Booking.objects.bulk_update(batch, ["manage_nonce", "legacy_token_hash"])


def tokens_new(apps, schema_editor):
    # Going back, the old links cannot come back (only their hashes were kept):
    # every booking gets a new token, which the next email carries.
    Booking = apps.get_model("bookings", "Booking")
    for booking in Booking.objects.only("pk").iterator(chunk_size=BATCH):
        Booking.objects.filter(pk=booking.pk).update(manage_token=secrets.token_urlsafe(32))


# The booking columns free times depend on, as migration 0013 narrowed its update trigger to.
FREE_TIME_COLUMNS = [
    "status",
    "starts_at",
    "ends_at",
    "blocked_until",
    "dermatologist_id",
    "treatment_id",
]


def diary_triggers_restore(apps, schema_editor):
    # SQLite rebuilds a table to change a unique column, and the rebuilt table
    # has lost its triggers: put back the diary's, as migrations 0011 and 0013 left them.
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


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0013_diary_version_ignores_notes"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="manage_nonce",
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.AddField(
            model_name="booking",
            name="legacy_token_hash",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="SHA-256 of a manage link sent before links were keyed; still accepted.",
                max_length=64,
                null=True,
                unique=True,
            ),
        ),
        migrations.RunPython(tokens_hash, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="booking",
            name="manage_nonce",
            field=models.CharField(
                default=bookings.manage_links.new_manage_nonce,
                editable=False,
                help_text="Makes the manage link, with a key kept outside the database.",
                max_length=32,
                unique=True,
            ),
        ),
        # Dropped in three steps so that going back can refill it before it is unique.
        migrations.AlterField(
            model_name="booking",
            name="manage_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(migrations.RunPython.noop, tokens_new),
        migrations.RemoveField(model_name="booking", name="manage_token"),
        migrations.RunPython(diary_triggers_restore, migrations.RunPython.noop),
    ]
