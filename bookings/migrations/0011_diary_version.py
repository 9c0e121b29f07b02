"""The diary version and the triggers that replace it (see bookings.models.DiaryVersion)."""

import uuid

from django.db import migrations, models

# Everything the free times are worked out from.
DIARY_TABLES = [
    "bookings_booking",
    "bookings_timeoff",
    "bookings_workinghours",
    "bookings_clinicclosure",
    "bookings_treatment",
    "bookings_dermatologist",
    "bookings_dermatologist_treatments",
]


def _diary_token() -> str:
    # Frozen here: this migration must not change with the live models.
    return uuid.uuid4().hex


def triggers_create(apps, schema_editor):
    apps.get_model("bookings", "DiaryVersion").objects.create()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE FUNCTION bookings_diary_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE bookings_diaryversion SET token = gen_random_uuid()::text;
                RETURN NULL;
            END
            $$
            """
        )
        for table in DIARY_TABLES:
            # Once per statement, however many rows it touches.
            schema_editor.execute(
                f"CREATE TRIGGER {table}_diary_changed "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION bookings_diary_changed()"
            )
    elif schema_editor.connection.vendor == "sqlite":
        # SQLite has row triggers only.
        for table in DIARY_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_diary_changed_{event.lower()} "
                    f"AFTER {event} ON {table} BEGIN "
                    "UPDATE bookings_diaryversion SET token = lower(hex(randomblob(16))); END"
                )
    else:
        raise NotImplementedError(f"No diary triggers for {schema_editor.connection.vendor}.")


def triggers_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in DIARY_TABLES:
            schema_editor.execute(f"DROP TRIGGER {table}_diary_changed ON {table}")
        schema_editor.execute("DROP FUNCTION bookings_diary_changed()")
    else:
        for table in DIARY_TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER {table}_diary_changed_{event}")


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0010_audit_trail"),
    ]

    operations = [
        migrations.CreateModel(
            name="DiaryVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "token",
                    models.CharField(default=_diary_token, max_length=36),
                ),
            ],
            options={
                "verbose_name": "diary version",
            },
        ),
        migrations.RunPython(triggers_create, triggers_drop),
    ]
