from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from bookings.availability import LONDON
from bookings.demo.clinic_day import clinic_day_load
from bookings.demo.courses import courses_load
from bookings.demo.data import (
    BANK_HOLIDAYS,
    DEMO_OTP_CODES,
    DEMO_PATIENTS,
    DERMATOLOGISTS,
    OKAFOR_PATIENTS,
    PREPARATION,
    STAFF_LOGINS,
    TODAY_PATIENTS,
    TREATMENTS,
)
from bookings.demo.patients import patients_load
from bookings.demo.picker import picker_load
from bookings.demo.suitability import suitability_demo_load
from bookings.demo.texts import texts_load
from bookings.demo.waitlist import waitlist_demo_booking, waitlist_load
from bookings.models import Booking, ClinicClosure, Dermatologist, TimeOff, Treatment, WorkingHours
from bookings.selectors import dermatologists_for, slots_available
from bookings.services import Intake, PatientDetails, SlotUnavailable, booking_create


class Command(BaseCommand):
    help = "Loads the demo data that `make run` shows. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="Load the demo data although DEBUG is off (a staging copy, say).",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        # The reception login it makes can use the admin, and its password and
        # codes are printed here and in the README: never on real patients' data.
        if not settings.DEBUG and not options["not_production"]:
            raise CommandError(
                "DEBUG is off, so this may be the production database: the demo data "
                "adds staff logins whose passwords and codes are published. Run it "
                "with --i-know-this-is-not-production if this database is not production."
            )
        treatments = self.treatments()
        self.dermatologists(treatments)
        for first, last, reason in BANK_HOLIDAYS:
            ClinicClosure.objects.get_or_create(
                first_day=first, last_day=last, defaults={"reason": reason}
            )
        self.staff_logins()
        made = self.bookings(treatments)
        made += clinic_day_load(treatments)
        made += patients_load(treatments)
        picker_load()
        made += texts_load(treatments)
        made += suitability_demo_load(treatments)
        made += courses_load(treatments)
        waitlist_load(treatments)
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready ({made} new demo bookings)."))
        if freeable := waitlist_demo_booking():
            self.stdout.write(
                f"Waiting list: cancel {freeable.reference} ({freeable.patient_name}) as "
                "reception, and Hannah Lewis is emailed an offer of its time."
            )
        self.stdout.write("Demo staff logins:")
        for username, password, group, _, url in STAFF_LOGINS:
            self.stdout.write(
                f"  {group:<15} username {username:<10} password {password:<24} "
                f"at {settings.SITE_URL}{url}"
            )
        self.stdout.write(
            f"  Two-factor code: any of {DEMO_OTP_CODES[0]} to {DEMO_OTP_CODES[-1]} "
            "(each works once; make run puts them back)."
        )

    def treatments(self) -> dict[str, Treatment]:
        found = {}
        for order, (slug, name, summary, minutes, buffer, price, auto, guide) in enumerate(
            TREATMENTS
        ):
            found[slug], _ = Treatment.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "summary": summary,
                    "duration_minutes": minutes,
                    "buffer_minutes": buffer,
                    "price": Decimal(price),
                    "confirms_automatically": auto,
                    "preparation": PREPARATION[slug],
                    "guide_url": guide,
                    "display_order": order,
                },
            )
        return found

    def dermatologists(self, treatments: dict[str, Treatment]) -> None:
        for spec in DERMATOLOGISTS:
            user, _ = User.objects.get_or_create(
                username=spec["username"],
                defaults={"first_name": spec["first_name"], "last_name": spec["last_name"]},
            )
            dermatologist, created = Dermatologist.objects.update_or_create(
                gmc_number=spec["gmc_number"],
                defaults={
                    "user": user,
                    "name": spec["name"],
                    "post_nominals": spec["post_nominals"],
                    "bio": spec["bio"],
                },
            )
            dermatologist.treatments.set([treatments[slug] for slug in spec["treatments"]])
            if created:
                WorkingHours.objects.bulk_create(
                    WorkingHours(dermatologist=dermatologist, weekday=day, starts=starts, ends=ends)
                    for day, spans in spec["hours"].items()
                    for starts, ends in spans
                )
                if spec["username"] == "dr.whitfield":
                    # A week's holiday three weeks from when the demo was loaded.
                    monday = timezone.localdate() + timedelta(
                        days=21 - timezone.localdate().weekday()
                    )
                    TimeOff.objects.create(
                        dermatologist=dermatologist,
                        starts_at=datetime.combine(monday, time.min, tzinfo=LONDON),
                        ends_at=datetime.combine(
                            monday + timedelta(days=7), time.min, tzinfo=LONDON
                        ),
                        reason="Annual leave",
                    )

    def staff_logins(self) -> None:
        for username, password, group_name, is_staff, _ in STAFF_LOGINS:
            user, _ = User.objects.get_or_create(username=username)
            if not user.password or not user.has_usable_password():
                user.set_password(password)
            user.is_staff = is_staff
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            device, _ = StaticDevice.objects.get_or_create(user=user, name="Demo codes")
            have = set(device.token_set.values_list("token", flat=True))
            StaticToken.objects.bulk_create(
                StaticToken(device=device, token=code)
                for code in DEMO_OTP_CODES
                if code not in have
            )

    def bookings(self, treatments: dict[str, Treatment]) -> int:
        if Booking.objects.exists():
            return 0
        made = 0
        today = timezone.localdate()
        for index, (name, email, phone, born) in enumerate(DEMO_PATIENTS):
            treatment = list(treatments.values())[index % len(treatments)]
            free = slots_available(
                treatment=treatment,
                first_day=today + timedelta(days=2 + index),
                last_day=today + timedelta(days=12 + index),
                dermatologists=dermatologists_for(treatment),
            )
            if not free:
                continue
            slot = free[len(free) // 3]
            try:
                booking_create(
                    treatment=treatment,
                    start=slot.start,
                    dermatologist=None,
                    patient=PatientDetails(name=name, email=email, phone=phone, date_of_birth=born),
                    intake=Intake(
                        areas=["eyes", "cheeks"] if index % 2 else ["nose"],
                        how_long="1_to_6_months",
                        how_many="6_to_20",
                        tried_home_removal=index == 1,
                        pregnancy="no",
                        warning_signs=["infection"] if index == 1 else [],
                    ),
                )
                made += 1
            except SlotUnavailable:
                continue
        return made + self.okafor_day(treatments) + self.today(treatments)

    def today(self, treatments: dict[str, Treatment]) -> int:
        """Phone bookings later today with each other dermatologist working today, two each."""
        desk = User.objects.get(username="reception")
        extraction = treatments["milia-extraction"]
        today = timezone.localdate()
        patients = iter(TODAY_PATIENTS)
        made = 0
        for dermatologist in dermatologists_for(extraction):
            if dermatologist.user.username == "dr.okafor":
                continue  # okafor_day gives her a day of her own
            free = slots_available(
                treatment=extraction,
                first_day=today,
                last_day=today,
                dermatologists=[dermatologist],
                enforce_notice=False,
            )
            # A quarter of the way into what is left of the day, and its last free time.
            picks = sorted({free[len(free) // 4], free[-1]}, key=lambda s: s.start) if free else []
            for slot in picks:
                patient = next(patients, None)
                if patient is None:
                    return made
                try:
                    booking_create(
                        treatment=extraction,
                        start=slot.start,
                        dermatologist=dermatologist,
                        patient=patient,
                        intake=Intake(
                            areas=["eyes"],
                            how_long="1_to_6_months",
                            how_many="1_to_5",
                            tried_home_removal=False,
                            pregnancy="no",
                        ),
                        created_by=desk,
                        enforce_notice=False,
                        note="Privacy consent given by phone.",
                    )
                except SlotUnavailable:
                    continue
                made += 1
        return made

    def okafor_day(self, treatments: dict[str, Treatment]) -> int:
        """A few phone bookings on Dr Okafor's next working day, so her schedule has a day to show."""
        okafor = Dermatologist.objects.get(user__username="dr.okafor")
        desk = User.objects.get(username="reception")
        made = 0
        for patient, slug, intake in OKAFOR_PATIENTS:
            today = timezone.localdate()
            free = slots_available(
                treatment=treatments[slug],
                first_day=today,
                last_day=today + timedelta(days=7),
                dermatologists=[okafor],
                enforce_notice=False,
            )
            if not free:
                continue
            booking = booking_create(
                treatment=treatments[slug],
                start=free[0].start,
                dermatologist=okafor,
                patient=patient,
                intake=intake,
                created_by=desk,
                enforce_notice=False,
                note="Privacy consent given by phone.",
            )
            if slug == "chemical-peel":
                Booking.objects.filter(pk=booking.pk).update(
                    staff_notes="Asked for a female chaperone. Prefers text messages to calls."
                )
            made += 1
        return made
