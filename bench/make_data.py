"""A clinic at scale: ten dermatologists and a year of appointments, for the benchmarks.

Run by hand against a throwaway database (it empties it first):

    . bench/env.sh && .venv/bin/python bench/make_data.py

It migrates, flushes, puts back what the data migrations load (the guide, the
staff groups), then loads the demo treatments, staff logins and bank holidays
(from `manage.py demo_data`), ten dermatologists with realistic weekly hours
and leave, and about 30,000 bookings from a year ago to three months ahead.
Bookings are written with bulk_create, not through the service, but no two
bookings that hold a slot overlap, buffer included, so the exclusion
constraint accepts them. The same seed gives the same diary.
"""

import argparse
import os
import random
import secrets
import sys
import time as clock
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_otp.plugins.otp_static.models import StaticDevice  # noqa: E402

from bench.make_patients import patients_assign  # noqa: E402
from bookings.availability import LONDON  # noqa: E402
from bookings.manage_links import new_manage_nonce  # noqa: E402
from bookings.management.commands import demo_data  # noqa: E402
from bookings.models import (  # noqa: E402
    REFERENCE_ALPHABET,
    REFERENCE_LENGTH,
    Area,
    Booking,
    BookingStatus,
    CancelledBy,
    ClinicClosure,
    Dermatologist,
    HowLong,
    HowMany,
    Patient,
    Pregnancy,
    TimeOff,
    Treatment,
    WarningSign,
    WorkingHours,
)
from education.loader import guide_load  # noqa: E402
from education.models import Page  # noqa: E402

MON, TUE, WED, THU, FRI, SAT = range(6)
ADMIN_USERNAME = "bench-admin"

# Seven more dermatologists, on top of the demo's three. Full-time and
# part-time, lunch breaks, an evening clinic, Saturday mornings.
MORE_DERMATOLOGISTS = [
    ("Dr Hannah Clarke", {d: [(time(8, 30), time(12, 30)), (time(13, 30), time(18, 30))] for d in (MON, TUE, WED, THU, FRI)}),
    ("Dr Kwame Mensah", {**{d: [(time(9), time(13)), (time(14), time(18))] for d in (MON, TUE, WED, THU, FRI)}, SAT: [(time(9), time(13))]}),
    ("Dr Sofia Rossi", {d: [(time(12), time(16)), (time(16, 30), time(20))] for d in (MON, TUE, WED, THU, FRI)}),
    ("Dr Oliver Bennett", {d: [(time(8), time(12)), (time(13), time(17))] for d in (MON, TUE, WED, THU, FRI)}),
    ("Dr Mei Lin Tan", {d: [(time(8, 30), time(13)), (time(13, 30), time(17))] for d in (MON, TUE, WED, THU, FRI)}),
    ("Dr Rahul Mehta", {d: [(time(10), time(14)), (time(15), time(18, 30))] for d in (TUE, WED, THU, FRI, SAT)}),
    ("Dr Eleanor Hughes", {**{d: [(time(9), time(12, 30)), (time(13, 30), time(17, 30))] for d in (MON, TUE, WED, FRI)}, THU: [(time(12), time(19))]}),
]  # fmt: skip

# How often patients choose each treatment.
TREATMENT_WEIGHTS = {
    "general-consultation": 35,
    "milia-extraction": 30,
    "cryotherapy": 15,
    "chemical-peel": 10,
    "laser-treatment": 10,
}

# England's bank holidays in the past year; the demo data has the ones ahead.
PAST_BANK_HOLIDAYS = [
    (date(2025, 8, 25), "Summer bank holiday"),
    (date(2025, 12, 25), "Christmas Day"),
    (date(2025, 12, 26), "Boxing Day"),
    (date(2026, 1, 1), "New Year's Day"),
    (date(2026, 4, 3), "Good Friday"),
    (date(2026, 4, 6), "Easter Monday"),
    (date(2026, 5, 4), "Early May bank holiday"),
    (date(2026, 5, 25), "Spring bank holiday"),
    (date(2026, 8, 31), "Summer bank holiday"),
]


@dataclass
class Diary:
    dermatologist: Dermatologist
    hours: dict[int, list[tuple[time, time]]]
    treatments: list[Treatment]
    weights: list[int]
    leave: list[tuple[date, date]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--past-weeks", type=int, default=52)
    parser.add_argument("--future-weeks", type=int, default=13)
    parser.add_argument("--patients", type=int, default=8000, help="about how many patients")
    parser.add_argument("--yes", action="store_true", help="empty a database not named *bench*")
    args = parser.parse_args()

    name = settings.DATABASES["default"]["NAME"]
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("make_data needs PostgreSQL (its exclusion constraint is what it respects).")
    if "bench" not in str(name) and not args.yes:
        sys.exit(f"Refusing to empty database {name!r}: its name has no 'bench' (or pass --yes).")

    began = clock.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    restore_migration_data()
    random.seed(args.seed)
    now = timezone.now()

    with transaction.atomic():
        loader = demo_data.Command()
        treatments = loader.treatments()
        loader.dermatologists(treatments)
        loader.staff_logins()
        for first, last, reason in demo_data.BANK_HOLIDAYS:
            ClinicClosure.objects.create(first_day=first, last_day=last, reason=reason)
        for day, reason in PAST_BANK_HOLIDAYS:
            ClinicClosure.objects.create(first_day=day, last_day=day, reason=reason)
        diaries = dermatologists_make(treatments, now=now)
        admin_make()

    closed = set()
    for first, last in ClinicClosure.objects.values_list("first_day", "last_day"):
        day = first
        while day <= last:
            closed.add(day)
            day += timedelta(days=1)
    today = timezone.localdate(now)
    bookings = diary_fill(
        diaries,
        first_day=today - timedelta(weeks=args.past_weeks),
        last_day=today + timedelta(weeks=args.future_weeks),
        closed=closed,
        now=now,
    )
    with transaction.atomic():
        patients = patients_assign(bookings, wanted=args.patients)
        Patient.objects.bulk_create(patients, batch_size=2000)
        Booking.objects.bulk_create(bookings, batch_size=2000)
    with connection.cursor() as cursor:
        # VACUUM as well: a live database is vacuumed by autovacuum, and without
        # its visibility map a COUNT reads every row (6 ms instead of 2 here).
        cursor.execute("VACUUM ANALYZE")

    counts_print(now, began)


def restore_migration_data() -> None:
    """flush empties the rows the data migrations loaded; put them back the same way."""
    state_apps = MigrationLoader(connection).project_state().apps
    groups = import_module("bookings.migrations.0003_staff_groups")
    groups.create_groups(state_apps, None)
    for name in (
        "0006_reception_guide_and_phone_bookings",
        "0009_reception_sees_the_outbox",
        "0019_booking_patient_required",
        "0029_waitlist",
    ):
        import_module(f"bookings.migrations.{name}").grant(state_apps, None)
    guide_load(state_apps)


def dermatologists_make(treatments: dict[str, Treatment], *, now: datetime) -> list[Diary]:
    """The demo's three plus seven more, each with hours, treatments and some leave."""
    slugs = list(treatments)
    for n, (name, hours) in enumerate(MORE_DERMATOLOGISTS):
        first, last = name.removeprefix("Dr ").split(" ", 1)
        user = User.objects.create_user(
            username=f"dr.{last.lower().replace(' ', '')}", first_name=first, last_name=last
        )
        dermatologist = Dermatologist.objects.create(
            user=user,
            name=name,
            post_nominals="MBBS, MRCP (Dermatology)",
            gmc_number=f"{7200000 + n}",
            bio="Dermatologist at the clinic.",
        )
        # Everyone sees general consultations; each offers three or four treatments in all.
        offered = ["general-consultation", *random.sample(slugs[1:], k=random.choice((2, 3)))]
        dermatologist.treatments.set([treatments[slug] for slug in offered])
        WorkingHours.objects.bulk_create(
            WorkingHours(dermatologist=dermatologist, weekday=day, starts=starts, ends=ends)
            for day, spans in hours.items()
            for starts, ends in spans
        )

    today = timezone.localdate(now)
    diaries = []
    for dermatologist in Dermatologist.objects.prefetch_related("working_hours", "treatments"):
        hours: dict[int, list[tuple[time, time]]] = {}
        for span in dermatologist.working_hours.all():
            hours.setdefault(span.weekday, []).append((span.starts, span.ends))
        # Three weeks' leave in the past year, one week in the months ahead
        # (Dr Whitfield already has his, from the demo data).
        leave = []
        for weeks_ago in random.sample(range(4, 50), k=3):
            monday = today - timedelta(weeks=weeks_ago, days=today.weekday())
            leave.append((monday, monday + timedelta(days=6)))
        if not dermatologist.time_off.exists():
            monday = today + timedelta(weeks=random.randint(4, 12), days=-today.weekday())
            leave.append((monday, monday + timedelta(days=6)))
        TimeOff.objects.bulk_create(
            TimeOff(
                dermatologist=dermatologist,
                starts_at=datetime.combine(first, time.min, tzinfo=LONDON),
                ends_at=datetime.combine(last + timedelta(days=1), time.min, tzinfo=LONDON),
                reason="Annual leave",
            )
            for first, last in leave
        )
        for starts_at, ends_at in dermatologist.time_off.values_list("starts_at", "ends_at"):
            last_moment = ends_at - timedelta(microseconds=1)
            leave.append(
                (starts_at.astimezone(LONDON).date(), last_moment.astimezone(LONDON).date())
            )
        offered = list(dermatologist.treatments.all())
        diaries.append(
            Diary(
                dermatologist=dermatologist,
                hours=hours,
                treatments=offered,
                weights=[TREATMENT_WEIGHTS[t.slug] for t in offered],
                leave=leave,
            )
        )
    return diaries


def admin_make() -> None:
    """A superuser with a second-factor device; bench/prepare.py gives it a verified session."""
    user = User.objects.create_superuser(
        ADMIN_USERNAME, "bench-admin@example.com", secrets.token_urlsafe(24)
    )
    StaticDevice.objects.create(user=user, name="Bench")


def fill_chance(days_ahead: int) -> float:
    """How likely a free quarter-hour on the grid holds the start of a booking.

    Chosen for the share of working time booked: the past was nearly full,
    the next week is busy, two weeks ahead is half full, and the diary thins
    out towards the booking horizon (eight weeks) and beyond it, where only
    staff book follow-ups.
    """
    if days_ahead < 0:
        booked = 0.97
    elif days_ahead <= 7:
        booked = 0.8
    elif days_ahead <= 21:
        booked = 0.55
    elif days_ahead <= 56:
        booked = 0.55 - 0.4 * (days_ahead - 21) / 35
    else:
        booked = 0.05
    # With appointments three quarter-hours long on average, starting with
    # chance p in each free quarter-hour books 3p / (1 + 2p) of the time.
    return booked / (3 - 2 * booked)


def diary_fill(
    diaries: list[Diary], *, first_day: date, last_day: date, closed: set[date], now: datetime
) -> list[Booking]:
    """Walks each dermatologist's working time on the booking grid, placing bookings.

    Bookings that hold a slot never overlap (buffer included). A cancelled
    booking frees its time, which a later booking may then take, as in life.
    """
    grid = timedelta(minutes=settings.BOOKING_GRID_MINUTES)
    references: set[str] = set()
    bookings = []
    day = first_day
    while day <= last_day:
        days_ahead = (day - now.astimezone(LONDON).date()).days
        chance = fill_chance(days_ahead)
        for diary in diaries if day not in closed else ():
            if any(first <= day <= last for first, last in diary.leave):
                continue
            for starts, ends in diary.hours.get(day.weekday(), ()):
                cursor = datetime.combine(day, starts, tzinfo=LONDON)
                span_end = datetime.combine(day, ends, tzinfo=LONDON)
                while cursor < span_end:
                    treatment = random.choices(diary.treatments, diary.weights)[0]
                    if cursor + treatment.duration > span_end or random.random() > chance:
                        cursor += grid
                        continue
                    booking = booking_make(diary, treatment, cursor.astimezone(UTC), now)
                    booking.reference = reference_new(references)
                    bookings.append(booking)
                    if booking.status != BookingStatus.CANCELLED:
                        # The next start on the grid after the appointment and its buffer.
                        held = treatment.duration + treatment.buffer
                        cursor += grid * -(-held // grid)
        day += timedelta(days=1)
    return bookings


def booking_make(diary: Diary, treatment: Treatment, start: datetime, now: datetime) -> Booking:
    past = start < now
    created = min(now, start - timedelta(days=1)) - timedelta(
        days=random.randint(0, 40), minutes=random.randint(0, 1440)
    )
    if past:
        roll = random.random()
        status = (
            BookingStatus.CANCELLED
            if roll < 0.18
            else BookingStatus.NO_SHOW
            if roll < 0.23
            else BookingStatus.COMPLETED
        )
    elif treatment.confirms_automatically or random.random() < 0.8:
        status = BookingStatus.CONFIRMED
    else:
        status = BookingStatus.REQUESTED
    confirmed = (
        created + timedelta(hours=random.randint(0, 20))
        if status != BookingStatus.REQUESTED and random.random() < 0.9
        else None
    )
    if treatment.confirms_automatically and confirmed:
        confirmed = created
    warning = random.sample(list(WarningSign.values), k=1) if random.random() < 0.03 else []
    booking = Booking(
        manage_nonce=new_manage_nonce(),
        treatment=treatment,
        dermatologist=diary.dermatologist,
        starts_at=start,
        ends_at=start + treatment.duration,
        blocked_until=start + treatment.duration + treatment.buffer,
        status=status,
        areas=random.sample(list(Area.values), k=random.randint(1, 3)),
        how_long=random.choice(HowLong.values),
        how_many=random.choice(HowMany.values),
        tried_home_removal=random.random() < 0.3,
        warning_signs=warning,
        pregnancy=random.choice(Pregnancy.values) if random.random() < 0.1 else Pregnancy.NO,
        privacy_consent_at=created,
        needs_attention=bool(warning),
        created_at=created,
        confirmed_at=confirmed,
    )
    if status == BookingStatus.CANCELLED:
        booking.cancelled_at = created + (start - created) * random.random()
        booking.cancelled_by = CancelledBy.PATIENT if random.random() < 0.8 else CancelledBy.CLINIC
        booking.sequence = 1 if confirmed is None else 2
    elif confirmed is not None:
        booking.sequence = 0 if treatment.confirms_automatically else 1
    return booking


# Ofcom's ranges for drama: numbers shaped like real ones that reach nobody.
def reference_new(taken: set[str]) -> str:
    """A reference no other booking here has (random ones would collide at 30,000)."""
    while True:
        reference = "".join(random.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        if reference not in taken:
            taken.add(reference)
            return reference


def counts_print(now: datetime, began: float) -> None:
    print(
        f"database {settings.DATABASES['default']['NAME']}, loaded in {clock.perf_counter() - began:.0f} s"
    )
    print(f"  treatments        {Treatment.objects.count()}")
    print(f"  dermatologists    {Dermatologist.objects.count()}")
    print(f"  working hours     {WorkingHours.objects.count()} spans")
    print(f"  time off          {TimeOff.objects.count()}")
    print(f"  closures          {ClinicClosure.objects.count()}")
    print(f"  guide pages       {Page.objects.count()}")
    print(f"  bookings          {Booking.objects.count()}")
    print(f"  patients          {Patient.objects.count()}")
    visits = Counter(Booking.objects.values_list("patient_id", flat=True))
    spread = Counter(min(n, 10) for n in visits.values())
    print(
        "    bookings each    "
        + ", ".join(f"{n}{'+' if n == 10 else ''}: {spread[n]}" for n in sorted(spread))
    )
    first = Booking.objects.order_by("starts_at").first()
    last = Booking.objects.order_by("starts_at").last()
    print(f"    from {first.local_start:%Y-%m-%d} to {last.local_start:%Y-%m-%d}")
    for when, rows in (
        ("past", Booking.objects.filter(starts_at__lt=now)),
        ("future", Booking.objects.filter(starts_at__gte=now)),
    ):
        for status in BookingStatus:
            if count := rows.filter(status=status).count():
                print(f"    {when:<7} {status.label:<10} {count:>6}")
    print(f"  users             {User.objects.count()} (superuser {ADMIN_USERNAME!r})")


if __name__ == "__main__":
    main()
