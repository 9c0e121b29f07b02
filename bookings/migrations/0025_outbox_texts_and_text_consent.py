"""Texts go through the outbox beside emails, to patients who chose them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0024_suitability_questions"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="outboxemail",
            name="outbox_one_email_per_booking_kind_version",
        ),
        migrations.AddField(
            model_name="outboxemail",
            name="channel",
            field=models.CharField(
                choices=[("email", "Email"), ("text", "Text message")],
                default="email",
                max_length=5,
            ),
        ),
        migrations.AddField(
            model_name="patient",
            name="contact_by_text",
            field=models.BooleanField(
                default=False,
                help_text="Reminders and the clinic's changes by text, to a UK mobile. Set by the patient when booking or on their booking's page; a reply of STOP turns it off.",
                verbose_name="text messages about appointments",
            ),
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="recipient",
            field=models.CharField(
                help_text="An email address, or a mobile number (E.164) for a text.", max_length=254
            ),
        ),
        migrations.AddConstraint(
            model_name="outboxemail",
            constraint=models.UniqueConstraint(
                fields=("booking", "kind", "version", "channel"),
                name="outbox_one_per_booking_kind_version_channel",
            ),
        ),
    ]
