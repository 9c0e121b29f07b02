"""A booking's notes, contact details and email state no longer replace the diary version.

Migration 0011 replaced it on any write to bookings_booking, so a receptionist
saving staff notes made every slot page be worked out again and queued behind
the one version row. Now an update replaces it only when it changes a column
free times are worked out from. Inserts, deletes and the other tables are as
0011 made them. The SQL is frozen here, not read from live code.
"""

from django.db import migrations, models

import bookings.models

# The booking columns free times (and the slot page) depend on.
FREE_TIME_COLUMNS = [
    "status",
    "starts_at",
    "ends_at",
    "blocked_until",
    "dermatologist_id",
    "treatment_id",
]
NEW_TOKEN = {
    "postgresql": "gen_random_uuid()::text",
    "sqlite": "lower(hex(randomblob(16)))",
}


def _changed(old: str, new: str, differs: str) -> str:
    return " OR ".join(f"{old}.{c} {differs} {new}.{c}" for c in FREE_TIME_COLUMNS)


def trigger_narrow(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER bookings_booking_diary_changed ON bookings_booking")
        schema_editor.execute(
            "CREATE TRIGGER bookings_booking_diary_changed "
            "AFTER INSERT OR DELETE OR TRUNCATE ON bookings_booking "
            "FOR EACH STATEMENT EXECUTE FUNCTION bookings_diary_changed()"
        )
        # Once per statement, looking at the rows it changed (transition tables).
        schema_editor.execute(
            f"""
            CREATE FUNCTION bookings_booking_diary_updated() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF EXISTS (
                    SELECT 1 FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
                    WHERE {_changed("o", "n", "IS DISTINCT FROM")}
                ) THEN
                    UPDATE bookings_diaryversion SET token = {NEW_TOKEN[vendor]};
                END IF;
                RETURN NULL;
            END
            $$
            """
        )
        schema_editor.execute(
            "CREATE TRIGGER bookings_booking_diary_updated AFTER UPDATE ON bookings_booking "
            "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION bookings_booking_diary_updated()"
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS bookings_booking_diary_changed_update")
        schema_editor.execute(
            "CREATE TRIGGER bookings_booking_diary_changed_update "
            f"AFTER UPDATE ON bookings_booking WHEN {_changed('OLD', 'NEW', 'IS NOT')} BEGIN "
            f"UPDATE bookings_diaryversion SET token = {NEW_TOKEN[vendor]}; END"
        )
    else:
        raise NotImplementedError(f"No diary triggers for {vendor}.")


def trigger_widen(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER bookings_booking_diary_updated ON bookings_booking")
        schema_editor.execute("DROP FUNCTION bookings_booking_diary_updated()")
        schema_editor.execute("DROP TRIGGER bookings_booking_diary_changed ON bookings_booking")
        schema_editor.execute(
            "CREATE TRIGGER bookings_booking_diary_changed "
            "AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bookings_booking "
            "FOR EACH STATEMENT EXECUTE FUNCTION bookings_diary_changed()"
        )
    else:
        schema_editor.execute("DROP TRIGGER bookings_booking_diary_changed_update")
        schema_editor.execute(
            "CREATE TRIGGER bookings_booking_diary_changed_update "
            "AFTER UPDATE ON bookings_booking BEGIN "
            f"UPDATE bookings_diaryversion SET token = {NEW_TOKEN[vendor]}; END"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0012_booking_calendar_uid"),
    ]

    operations = [
        migrations.RunPython(trigger_narrow, trigger_widen),
        # 0011 now keeps its own copy of the token's default; the model names its own.
        # A Python default is not in the schema, and SQLite would copy the table
        # (which the other tables' triggers name) to alter it: state only.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="diaryversion",
                    name="token",
                    field=models.CharField(default=bookings.models.new_diary_token, max_length=36),
                ),
            ]
        ),
    ]
