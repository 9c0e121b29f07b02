# Patient records, the link from each booking to its patient, and a new audit action.

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0016_staff_notes_in_history"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("viewed_intake", "Viewed intake answers"),
                    ("viewed_history", "Viewed previous visits"),
                    ("changed", "Changed a booking"),
                    ("exported", "Exported"),
                    ("privacy", "Privacy request"),
                ],
                max_length=20,
            ),
        ),
        migrations.CreateModel(
            name="Patient",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=150)),
                ("date_of_birth", models.DateField()),
                ("email", models.EmailField(max_length=254)),
                (
                    "phone",
                    models.CharField(
                        help_text="As +447700900123 (E.164), or as typed when it could not be read.",
                        max_length=30,
                    ),
                ),
                (
                    "phone_unreadable",
                    models.BooleanField(
                        default=False,
                        help_text="The number could not be read as a phone number and is kept as typed: check it with the patient.",
                        verbose_name="phone needs checking",
                    ),
                ),
                ("guardian_name", models.CharField(blank=True, max_length=150)),
                ("guardian_relationship", models.CharField(blank=True, max_length=60)),
                (
                    "contact_by_email",
                    models.BooleanField(
                        default=True,
                        help_text="Confirmations and reminders.",
                        verbose_name="emails about appointments",
                    ),
                ),
                (
                    "contact_by_phone",
                    models.BooleanField(
                        default=True,
                        help_text="Reception may phone, for example when a dermatologist is ill.",
                        verbose_name="phone calls about appointments",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("anonymised_at", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "possible_duplicate_of",
                    models.ForeignKey(
                        blank=True,
                        help_text="Another record with the same name and date of birth, or the same name and email: perhaps the same person. Reception checks.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="bookings.patient",
                    ),
                ),
            ],
            options={
                "ordering": ["name", "date_of_birth"],
            },
        ),
        migrations.AddField(
            model_name="booking",
            name="patient",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="bookings",
                to="bookings.patient",
            ),
        ),
        migrations.AddIndex(
            model_name="patient",
            index=models.Index(
                django.db.models.functions.text.Lower("name"),
                models.F("date_of_birth"),
                name="patient_name_birth",
            ),
        ),
        migrations.AddConstraint(
            model_name="patient",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                models.F("date_of_birth"),
                django.db.models.functions.text.Lower("name"),
                name="patient_one_record_per_person",
            ),
        ),
    ]
