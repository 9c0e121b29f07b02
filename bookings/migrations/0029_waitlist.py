"""The waiting list: entries, the freed times offered to them, and their emails in the outbox."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import bookings.manage_links

# Reception sees the list, offers times by hand and ends entries (a patient phones to leave).
CODENAMES = [
    "view_waitlistentry",
    "change_waitlistentry",
    "view_waitlistoffer",
    "add_waitlistoffer",
]


def grant(apps, schema_editor):
    bookings = apps.get_app_config("bookings")
    bookings.models_module = True
    create_permissions(bookings, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reception, _ = Group.objects.get_or_create(name="Reception")
    reception.permissions.add(
        *Permission.objects.filter(content_type__app_label="bookings", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Reception"):
        group.permissions.remove(*Permission.objects.filter(codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0028_booking_lasts_under_a_day"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WaitlistEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("first_day", models.DateField()),
                ("last_day", models.DateField()),
                (
                    "parts_of_day",
                    models.JSONField(
                        default=list,
                        help_text="PartOfDay values, by the start time offered: morning, afternoon, evening.",
                    ),
                ),
                ("name", models.CharField(max_length=150)),
                ("email", models.EmailField(max_length=254)),
                (
                    "phone",
                    models.CharField(
                        help_text="As +447700900123 (E.164), or as typed when it could not be read.",
                        max_length=30,
                    ),
                ),
                (
                    "nonce",
                    models.CharField(
                        default=bookings.manage_links.new_manage_nonce,
                        editable=False,
                        help_text="Makes the entry's leave link, with a key kept outside the database.",
                        max_length=32,
                        unique=True,
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("ended_at", models.DateTimeField(blank=True, null=True)),
                (
                    "end_reason",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("booked", "Booked a time"),
                            ("left", "Left the list"),
                            ("expired", "Dates passed"),
                            ("booking_closed", "The booking it was for was cancelled"),
                            ("anonymised", "Anonymised"),
                        ],
                        max_length=20,
                    ),
                ),
                ("anonymised_at", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "booked",
                    models.ForeignKey(
                        blank=True,
                        help_text="The booking that ended the entry (made, or moved earlier).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="bookings.booking",
                    ),
                ),
                (
                    "booking",
                    models.ForeignKey(
                        blank=True,
                        help_text="The booking this entry wants an earlier time for (joined from its page).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="waitlist_entries",
                        to="bookings.booking",
                    ),
                ),
                (
                    "dermatologist",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: any dermatologist who offers the treatment.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="waitlist_entries",
                        to="bookings.dermatologist",
                    ),
                ),
                (
                    "patient",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="waitlist_entries",
                        to="bookings.patient",
                    ),
                ),
                (
                    "treatment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="waitlist_entries",
                        to="bookings.treatment",
                    ),
                ),
            ],
            options={
                "verbose_name": "waiting list entry",
                "verbose_name_plural": "waiting list",
                "ordering": ["created_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="WaitlistOffer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("gap_starts_at", models.DateTimeField()),
                ("gap_ends_at", models.DateTimeField()),
                ("starts_at", models.DateTimeField(help_text="The start time offered.")),
                (
                    "channel",
                    models.CharField(
                        choices=[("email", "Email"), ("text", "Text message")],
                        default="email",
                        max_length=5,
                    ),
                ),
                (
                    "day",
                    models.DateField(
                        help_text="The UK day it was made: one automatic offer a day."
                    ),
                ),
                ("wave", models.PositiveSmallIntegerField(default=1)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "next_wave_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When the next patients are offered the gap if nobody has booked it; emptied once looked at.",
                        null=True,
                    ),
                ),
                ("staff_made", models.BooleanField(default=False)),
                (
                    "nonce",
                    models.CharField(
                        default=bookings.manage_links.new_manage_nonce,
                        editable=False,
                        help_text="Makes the offer's link, with a key kept outside the database.",
                        max_length=32,
                        unique=True,
                    ),
                ),
                (
                    "booking",
                    models.ForeignKey(
                        blank=True,
                        help_text="The booking made (or moved) from this offer.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="bookings.booking",
                    ),
                ),
                (
                    "by_staff",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "dermatologist",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="bookings.dermatologist",
                    ),
                ),
                (
                    "entry",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="offers",
                        to="bookings.waitlistentry",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="outboxemail",
            name="outbox_one_per_booking_kind_version_channel",
        ),
        migrations.AlterField(
            model_name="outboxemail",
            name="kind",
            field=models.CharField(
                choices=[
                    ("requested", "Request received"),
                    ("confirmed", "Appointment confirmed"),
                    ("moved", "Appointment moved"),
                    ("cancelled", "Appointment cancelled"),
                    ("reminder", "Reminder"),
                    ("manage_links", "Links to manage bookings"),
                    ("reception_new_request", "New request (to reception)"),
                    ("aftercare", "Aftercare"),
                    ("follow_up", "Time to book a review"),
                    ("course", "Course booked"),
                    ("waitlist_joined", "On the waiting list"),
                    ("waitlist_offer", "A time is free (waiting list)"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddField(
            model_name="outboxemail",
            name="waitlist_entry",
            field=models.ForeignKey(
                blank=True,
                help_text="The waiting list entry an email about joining the list is for.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="emails",
                to="bookings.waitlistentry",
            ),
        ),
        migrations.AddField(
            model_name="outboxemail",
            name="offer",
            field=models.ForeignKey(
                blank=True,
                help_text="The waiting list offer this email or text carries.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="emails",
                to="bookings.waitlistoffer",
            ),
        ),
        migrations.AddConstraint(
            model_name="outboxemail",
            constraint=models.UniqueConstraint(
                condition=models.Q(("booking__isnull", False)),
                fields=("booking", "kind", "version", "channel"),
                name="outbox_one_per_booking_kind_version_channel",
            ),
        ),
        migrations.AddConstraint(
            model_name="outboxemail",
            constraint=models.UniqueConstraint(
                condition=models.Q(("offer__isnull", False)),
                fields=("offer", "channel"),
                name="outbox_one_per_offer_channel",
            ),
        ),
        migrations.AddConstraint(
            model_name="outboxemail",
            constraint=models.UniqueConstraint(
                condition=models.Q(("waitlist_entry__isnull", False)),
                fields=("waitlist_entry", "kind", "channel"),
                name="outbox_one_per_waitlist_entry_kind_channel",
            ),
        ),
        migrations.AddIndex(
            model_name="waitlistentry",
            index=models.Index(
                condition=models.Q(("ended_at__isnull", True)),
                fields=["treatment", "created_at"],
                name="waitlist_waiting",
            ),
        ),
        migrations.AddConstraint(
            model_name="waitlistentry",
            constraint=models.CheckConstraint(
                condition=models.Q(("last_day__gte", models.F("first_day"))),
                name="waitlist_days_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="waitlistentry",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("end_reason", ""), ("ended_at__isnull", True)),
                    models.Q(
                        ("ended_at__isnull", False), models.Q(("end_reason", ""), _negated=True)
                    ),
                    _connector="OR",
                ),
                name="waitlist_ended_with_reason",
            ),
        ),
        migrations.AddIndex(
            model_name="waitlistoffer",
            index=models.Index(
                condition=models.Q(("next_wave_at__isnull", False)),
                fields=["next_wave_at"],
                name="waitlist_offer_next_wave",
            ),
        ),
        migrations.AddConstraint(
            model_name="waitlistoffer",
            constraint=models.UniqueConstraint(
                fields=("entry", "dermatologist", "gap_starts_at", "gap_ends_at", "channel"),
                name="waitlist_offer_one_per_gap",
            ),
        ),
        migrations.AddConstraint(
            model_name="waitlistoffer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("staff_made", False)),
                fields=("entry", "day", "channel"),
                name="waitlist_offer_one_automatic_a_day",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
