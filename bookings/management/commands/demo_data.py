from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from bookings.availability import LONDON
from bookings.models import Booking, ClinicClosure, Dermatologist, TimeOff, Treatment, WorkingHours
from bookings.selectors import dermatologists_for, slots_available
from bookings.services import Intake, PatientDetails, SlotUnavailable, booking_create

TREATMENTS = [
    # slug, name, summary, minutes, buffer, price, confirms automatically, guide page
    (
        "general-consultation",
        "General milia consultation",
        "Not sure what you need? A dermatologist checks your skin and explains your options.",
        30,
        5,
        "120",
        True,
        "/milia/treatments/",
    ),
    (
        "milia-extraction",
        "Milia extraction",
        "Each milium is gently opened and emptied with sterile tools.",
        30,
        10,
        "180",
        False,
        "/milia/treatments/extraction/",
    ),
    (
        "chemical-peel",
        "Chemical peel",
        "A mild acid peel for many small milia, away from the eyes.",
        45,
        15,
        "150",
        False,
        "/milia/treatments/chemical-peels/",
    ),
    (
        "laser-treatment",
        "Laser treatment",
        "A fine laser opens stubborn or many milia.",
        45,
        15,
        "250",
        False,
        "/milia/treatments/laser/",
    ),
    (
        "cryotherapy",
        "Cryotherapy",
        "Freezing with liquid nitrogen, for milia away from the eyes.",
        20,
        10,
        "140",
        False,
        "/milia/treatments/cryotherapy/",
    ),
]

PREPARATION = {
    "general-consultation": "Bring a list of any creams or medicines you use. Come without make-up on the areas you want us to look at.",
    "milia-extraction": "Come without make-up on the area. Bring a list of any medicines you take, especially blood thinners.",
    "chemical-peel": "Stop retinoid creams and exfoliating acids 5 to 7 days before, as your dermatologist advised. Avoid waxing the area for a week.",
    "laser-treatment": "Do not tan, use sunbeds or fake tan for 4 weeks before. Stop retinoid creams 5 to 7 days before, as your dermatologist advised.",
    "cryotherapy": "Come without make-up on the area. Tell us if you have ever had a bad reaction to cold.",
}

MON, TUE, WED, THU, FRI, SAT = range(6)
DERMATOLOGISTS = [
    {
        "username": "dr.okafor",
        "first_name": "Amara",
        "last_name": "Okafor",
        "name": "Dr Amara Okafor",
        "post_nominals": "MBBS, MRCP (Dermatology)",
        "gmc_number": "7012345",
        "bio": "Consultant dermatologist with a special interest in skin of colour and eyelid milia.",
        "treatments": [
            "general-consultation",
            "milia-extraction",
            "chemical-peel",
            "laser-treatment",
            "cryotherapy",
        ],
        "hours": {
            day: [(time(9), time(13)), (time(14), time(17, 30))] for day in (MON, TUE, WED, THU)
        },
    },
    {
        "username": "dr.whitfield",
        "first_name": "James",
        "last_name": "Whitfield",
        "name": "Dr James Whitfield",
        "post_nominals": "MB ChB, FRCP",
        "gmc_number": "6023456",
        "bio": "Consultant dermatologist who leads the clinic's laser and peel service.",
        "treatments": [
            "general-consultation",
            "milia-extraction",
            "chemical-peel",
            "laser-treatment",
        ],
        "hours": {
            day: [(time(10), time(13)), (time(14), time(18))] for day in (TUE, WED, THU, FRI)
        },
    },
    {
        "username": "dr.raman",
        "first_name": "Priya",
        "last_name": "Raman",
        "name": "Dr Priya Raman",
        "post_nominals": "MBBS, MRCP (UK), MSc",
        "gmc_number": "7134567",
        "bio": "Dermatologist with a background in paediatric skin conditions.",
        "treatments": ["general-consultation", "milia-extraction", "cryotherapy"],
        "hours": {
            MON: [(time(9), time(12, 30)), (time(13, 30), time(16))],
            WED: [(time(9), time(12, 30)), (time(13, 30), time(16))],
            FRI: [(time(9), time(12, 30)), (time(13, 30), time(16))],
            SAT: [(time(9), time(13))],
        },
    },
]

BANK_HOLIDAYS = [
    (date(2026, 12, 25), date(2026, 12, 25), "Christmas Day"),
    (date(2026, 12, 28), date(2026, 12, 28), "Boxing Day (substitute day)"),
    (date(2027, 1, 1), date(2027, 1, 1), "New Year's Day"),
    (date(2027, 3, 26), date(2027, 3, 26), "Good Friday"),
    (date(2027, 3, 29), date(2027, 3, 29), "Easter Monday"),
    (date(2027, 5, 3), date(2027, 5, 3), "Early May bank holiday"),
]

# Demo staff have single-use two-factor codes instead of an authenticator app;
# every run of this command puts back any that were used.
DEMO_OTP_CODES = [str(100001 + n) for n in range(10)]

STAFF_LOGINS = [
    # username, password, group, may open the admin, where they sign in
    ("reception", "kingsway-reception-demo", "Reception", True, "/admin/"),
    # Dermatologists use their schedule pages, never the admin.
    ("dr.okafor", "kingsway-okafor-demo", "Dermatologists", False, "/staff/login/"),
]

DEMO_PATIENTS = [
    ("Sarah Thompson", "sarah.thompson@example.com", "07700 900123", date(1988, 4, 12)),
    ("Mohammed Khan", "m.khan@example.com", "07700 900456", date(1975, 9, 30)),
    ("Grace Adeyemi", "grace.adeyemi@example.com", "07700 900789", date(1996, 1, 5)),
    ("Tom Walsh", "tom.walsh@example.com", "07700 900321", date(1969, 11, 22)),
]

# Callers booked in for later today with whoever else works today, so that
# reception's first page, today's diary, has a day to show whatever the weekday.
TODAY_PATIENTS = [
    PatientDetails(
        name="Daniel Okoro",
        email="daniel.okoro@example.com",
        phone="07700 900246",
        date_of_birth=date(1979, 3, 14),
    ),
    PatientDetails(
        name="Lucy Harper",
        email="lucy.harper@example.com",
        phone="07700 900468",
        date_of_birth=date(2001, 8, 27),
    ),
    PatientDetails(
        name="Ravi Mehta",
        email="ravi.mehta@example.com",
        phone="07700 900680",
        date_of_birth=date(1964, 12, 2),
    ),
    PatientDetails(
        name="Chloe Evans",
        email="chloe.evans@example.com",
        phone="07700 900802",
        date_of_birth=date(1993, 5, 30),
    ),
]

OKAFOR_PATIENTS = [
    (
        PatientDetails(
            name="Aisha Rahman",
            email="aisha.rahman@example.com",
            phone="07700 900654",
            date_of_birth=date(1991, 6, 18),
        ),
        "milia-extraction",
        Intake(
            areas=["eyes"],
            how_long="over_1_year",
            how_many="1_to_5",
            tried_home_removal=False,
            pregnancy="no",
            tried_already="Retinol cream for three months.",
        ),
    ),
    (
        PatientDetails(
            name="Oliver Bennett",
            email="helen.bennett@example.com",
            phone="07700 900987",
            date_of_birth=date(2012, 2, 3),
            guardian_name="Helen Bennett",
            guardian_relationship="mother",
        ),
        "general-consultation",
        Intake(
            areas=["cheeks", "nose"],
            how_long="1_to_6_months",
            how_many="6_to_20",
            tried_home_removal=True,
            pregnancy="not_say",
            warning_signs=["infection"],
            note="One on his cheek went red after he squeezed it.",
        ),
    ),
    (
        PatientDetails(
            name="Emma Clarke",
            email="emma.clarke@example.com",
            phone="07700 900555",
            date_of_birth=date(1983, 10, 9),
        ),
        "chemical-peel",
        Intake(
            areas=["forehead"],
            how_long="6_to_12_months",
            how_many="over_20",
            tried_home_removal=False,
            pregnancy="trying",
        ),
    ),
]


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
        self.stdout.write(self.style.SUCCESS(f"Demo data is ready ({made} new demo bookings)."))
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
