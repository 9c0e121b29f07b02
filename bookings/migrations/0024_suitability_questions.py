"""The suitability questions asked per treatment, and the mark an answer may set."""

from django.db import migrations, models

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
    """SQLite makes a new bookings table to add these columns, and its triggers go with the
    old one: put back the diary's (migrations 0011, 0013 and 0019), or the slot page would
    serve stale times."""
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
        ("bookings", "0023_dermatologist_profiles"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="discuss_suitability",
            field=models.BooleanField(
                default=False,
                help_text="An answer may make the treatment unsuitable: talk it through at the consultation.",
                verbose_name="discuss suitability",
            ),
        ),
        migrations.AddField(
            model_name="booking",
            name="skin_type",
            field=models.CharField(
                blank=True,
                choices=[
                    ("always_burns", "Very fair: always burns, never tans"),
                    ("usually_burns", "Fair: usually burns, tans a little"),
                    ("sometimes_burns", "Light brown: sometimes burns, tans slowly"),
                    ("rarely_burns", "Brown: rarely burns, tans easily"),
                    ("very_rarely_burns", "Dark brown: very rarely burns"),
                    ("never_burns", "Black: never burns"),
                    ("not_sure", "I am not sure"),
                ],
                help_text="Information for the dermatologist, never a mark against the patient.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="booking",
            name="suitability_answers",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="Answers to the questions asked for this treatment (bookings/suitability.py).",
            ),
        ),
        migrations.RunPython(sqlite_triggers_restore, sqlite_triggers_restore),
    ]
