"""Who the patient will see (qualifications, special interests) and what the price covers."""

from django.db import migrations, models

PRICE_COVERS = (
    "covers your consultation with a dermatologist. If treatment is right for you, "
    "they tell you its price first, and you choose whether to have it the same day."
)


def deferred_checks_now(apps, schema_editor):
    """PostgreSQL refuses to change a table with foreign-key checks still waiting on it, as
    the data migrations before this one can leave them when they run in one transaction."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def sqlite_triggers_restore(apps, schema_editor):
    """SQLite makes a new table to add a column with a default, and the diary's triggers
    (migration 0011) go with the old one: put them back, or the slot page would serve
    stale times after a treatment or dermatologist changes."""
    if schema_editor.connection.vendor != "sqlite":
        return
    new_token = "UPDATE bookings_diaryversion SET token = lower(hex(randomblob(16)));"
    for table in ("bookings_treatment", "bookings_dermatologist"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_diary_changed_{event.lower()} "
                f"AFTER {event} ON {table} BEGIN {new_token} END"
            )


class Migration(migrations.Migration):
    dependencies = [("bookings", "0022_patient_notes_and_merges")]

    operations = [
        migrations.RunPython(deferred_checks_now, deferred_checks_now),
        migrations.AddField(
            model_name="dermatologist",
            name="special_interests",
            field=models.CharField(
                blank=True,
                help_text='Shown to patients choosing a time, e.g. "Eyelid milia, skin of colour".',
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="treatment",
            name="price_covers",
            field=models.CharField(
                default=PRICE_COVERS,
                help_text="One sentence, shown after the price everywhere the price is shown: "
                "what it pays for, and whether treatment can happen on the day and at what price.",
                max_length=250,
                verbose_name="what the price covers",
            ),
        ),
        migrations.AlterField(
            model_name="dermatologist",
            name="post_nominals",
            field=models.CharField(
                blank=True,
                help_text='As patients see it after the name, e.g. "MBBS, MRCP (Dermatology)".',
                max_length=100,
                verbose_name="qualifications",
            ),
        ),
        migrations.RunPython(sqlite_triggers_restore, sqlite_triggers_restore),
        # Last too: undoing this migration runs its steps backwards.
        migrations.RunPython(deferred_checks_now, deferred_checks_now),
    ]
