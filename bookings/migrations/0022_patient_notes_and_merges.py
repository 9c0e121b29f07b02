"""Staff notes about a patient, and merging two records of one person (in the audit trail).

Reception reads and writes the notes; merging needs "change patient", which it has.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CODENAMES = ["view_patientnote", "add_patientnote"]


def grant(apps, schema_editor):
    app = apps.get_app_config("bookings")
    app.models_module = True
    create_permissions(app, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name="Reception")
    reception.permissions.add(
        *Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception = Group.objects.filter(name="Reception").first()
    if reception is not None:
        reception.permissions.remove(
            *Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0021_reception_writes_aftercare"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(
                choices=[
                    ("viewed_intake", "Viewed intake answers"),
                    ("viewed_history", "Viewed previous visits"),
                    ("viewed_record", "Viewed a treatment record"),
                    ("changed", "Changed a booking"),
                    ("exported", "Exported"),
                    ("privacy", "Privacy request"),
                    ("merged", "Merged patient records"),
                ],
                max_length=20,
            ),
        ),
        migrations.CreateModel(
            name="PatientNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField()),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "author",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "patient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to="bookings.patient",
                    ),
                ),
            ],
            options={"ordering": ["-created_at", "-pk"]},
        ),
        migrations.RunPython(grant, revoke),
    ]
