from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("bookings", "0004_booking_history")]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="staff_notes",
            field=models.TextField(
                blank=True,
                help_text="Seen by staff only: never shown to the patient or put in an email.",
            ),
        ),
    ]
