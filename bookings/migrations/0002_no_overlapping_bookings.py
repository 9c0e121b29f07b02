"""Two active bookings of one dermatologist can never overlap, buffer included.

PostgreSQL enforces it with an exclusion constraint. SQLite has none: there the
booking service checks for overlaps inside a transaction that takes SQLite's
single write lock when it begins (transaction_mode IMMEDIATE in settings), so
no two bookings can be checked and written at the same time.
"""

from django.db import migrations

CONSTRAINT = "booking_no_overlap"

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE bookings_booking ADD CONSTRAINT {CONSTRAINT}
    EXCLUDE USING gist (
        dermatologist_id WITH =,
        tstzrange(starts_at, blocked_until, '[)') WITH &&
    )
    WHERE (status IN ('requested', 'confirmed', 'arrived'));
"""

DROP = f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT};"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("bookings", "0001_initial")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
