"""Each dermatologist's secret calendar feed address.

A unique token cannot be added in one step to a table that has rows (every row
would get the same default), so: add it empty, give each row its own, then
make it unique.
"""

import secrets

from django.db import migrations, models

import bookings.models


def give_each_a_token(apps, schema_editor):
    Dermatologist = apps.get_model("bookings", "Dermatologist")
    for dermatologist in Dermatologist.objects.filter(calendar_token__isnull=True):
        dermatologist.calendar_token = secrets.token_urlsafe(32)
        dermatologist.save(update_fields=["calendar_token"])


class Migration(migrations.Migration):
    dependencies = [("bookings", "0006_reception_guide_and_phone_bookings")]

    operations = [
        migrations.AddField(
            model_name="dermatologist",
            name="calendar_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(give_each_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="dermatologist",
            name="calendar_token",
            field=models.CharField(
                default=bookings.models.new_calendar_token,
                editable=False,
                help_text="The secret part of their calendar feed's address.",
                max_length=64,
                unique=True,
            ),
        ),
    ]
