"""What reception reads about patients: finding one, one patient's history, likely duplicates."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from bookings.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    OutboxEmail,
    Patient,
    PatientNote,
)
from bookings.phones import phone_search_digits

BIRTH_DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


def birth_date_from(term: str) -> date | None:
    """A date of birth typed as 12/03/1985 or 1985-03-12 (or with - or . between), else None."""
    term = term.strip()
    for pattern in BIRTH_DATE_FORMATS:
        try:
            return datetime.strptime(term, pattern).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


def patients_matching(queryset: QuerySet[Patient], term: str) -> QuerySet[Patient] | None:
    """The patients a date of birth or a phone number (written any usual way) finds.

    None when the term is neither: it is a name or an email, which the admin's
    own search looks for. A phone number is compared as E.164, so 07700 900123,
    +44 7700 900123 and 0044 7700900123 find the same patient; 6 or more digits
    find numbers that contain them.
    """
    born = birth_date_from(term)
    if born is not None:
        return queryset.filter(date_of_birth=born)
    phone = phone_search_digits(term)
    if phone is None:
        return None
    whole, fragment = phone
    matches = Q(phone__contains=fragment)
    if whole:
        matches |= Q(phone=whole)
    return queryset.filter(matches)


def patients_find(term: str, *, limit: int = 20) -> list[Patient]:
    """Reception's "find the patient": by name, email, date of birth or phone. 1 query."""
    term = " ".join(term.split())
    if not term:
        return []
    patients = Patient.objects.filter(anonymised_at__isnull=True)
    found = patients_matching(patients, term)
    if found is None:
        words = Q()
        for word in term.split():
            words &= Q(name__icontains=word) | Q(email__icontains=word)
        found = patients.filter(words)
    return list(found.order_by("name", "date_of_birth", "pk")[:limit])


def patients_with_summary(queryset: QuerySet[Patient], *, now: datetime) -> QuerySet[Patient]:
    """Each patient with their next appointment (`next_start`) and no-shows (`no_shows`),
    worked out in the same query as the patients themselves."""
    upcoming = Booking.objects.filter(
        patient=OuterRef("pk"), status__in=ACTIVE_STATUSES, starts_at__gte=now
    )
    missed = Booking.objects.filter(patient=OuterRef("pk"), status=BookingStatus.NO_SHOW)
    return queryset.annotate(
        next_start=upcoming.order_by()
        .values("patient")
        .annotate(first=Min("starts_at"))
        # A subquery of one value per patient: the earliest upcoming start.
        .values("first")[:1],
        no_shows=missed.order_by().values("patient").annotate(n=Count("pk")).values("n")[:1],
    )


def patients_with_upcoming(queryset: QuerySet[Patient], *, now: datetime) -> QuerySet[Patient]:
    return queryset.filter(
        Exists(
            Booking.objects.filter(
                patient=OuterRef("pk"), status__in=ACTIVE_STATUSES, starts_at__gte=now
            )
        )
    )


def patients_with_no_shows(queryset: QuerySet[Patient]) -> QuerySet[Patient]:
    return queryset.filter(
        Exists(Booking.objects.filter(patient=OuterRef("pk"), status=BookingStatus.NO_SHOW))
    )


@dataclass
class PatientHistory:
    bookings: list[Booking]
    upcoming: list[Booking]
    past: list[Booking]
    no_shows: int
    notes: list[PatientNote]
    emails: list[OutboxEmail]


def patient_history(*, patient: Patient, now: datetime | None = None) -> PatientHistory:
    """Every booking of the patient (soonest upcoming first, then the past, latest first),
    their no-shows, the staff's notes and the emails sent about their bookings. 3 queries."""
    now = now or timezone.now()
    bookings = list(
        patient.bookings.select_related("treatment", "dermatologist").order_by("-starts_at")
    )
    upcoming = [b for b in bookings if b.starts_at >= now and b.status in ACTIVE_STATUSES]
    upcoming.reverse()
    past = [b for b in bookings if b not in upcoming]
    notes = list(patient.notes.select_related("author"))
    emails = list(
        OutboxEmail.objects.filter(booking__patient=patient)
        .select_related("booking")
        .order_by("-created_at", "-pk")
    )
    return PatientHistory(
        bookings=bookings,
        upcoming=upcoming,
        past=past,
        no_shows=sum(b.status == BookingStatus.NO_SHOW for b in bookings),
        notes=notes,
        emails=emails,
    )


@dataclass
class LikelyDuplicate:
    first: Patient
    second: Patient
    shared: str  # "name, date of birth and phone": what reception reads as the reason


def _facts(patient: Patient) -> dict[str, object]:
    facts: dict[str, object] = {
        "name": " ".join(patient.name.split()).casefold(),
        "date of birth": patient.date_of_birth,
        "email": patient.email.strip().casefold(),
    }
    if patient.phone and not patient.phone_unreadable:
        facts["phone"] = patient.phone
    return facts


# What two records of one person share: any of these is enough.
DUPLICATE_KEYS = [
    ("phone", "name"),
    ("phone", "date of birth"),
    ("name", "date of birth"),
    ("email", "name"),
]


def patients_likely_duplicates() -> list[LikelyDuplicate]:
    """Pairs of records that are probably one person, with what they share. 1 query.

    The same phone and the same name or date of birth; or the same name and
    date of birth; or the same email and name. A family sharing a parent's
    mobile (different names and dates of birth) is several people, not a
    duplicate. The database finds the records that have a twin; the pairs
    are made here, from those few.
    """
    others = Patient.objects.filter(anonymised_at__isnull=True).exclude(pk=OuterRef("pk"))
    name_l = Lower(OuterRef("name"))
    same_phone = Q(phone=OuterRef("phone"), phone_unreadable=False) & ~Q(phone="")
    twin = others.alias(name_l=Lower("name"), email_l=Lower("email")).filter(
        (same_phone & (Q(name_l=name_l) | Q(date_of_birth=OuterRef("date_of_birth"))))
        | Q(name_l=name_l, date_of_birth=OuterRef("date_of_birth"))
        | Q(email_l=Lower(OuterRef("email")), name_l=name_l)
    )
    candidates = list(
        Patient.objects.filter(Exists(twin), anonymised_at__isnull=True).order_by("name", "pk")
    )
    facts = {patient.pk: _facts(patient) for patient in candidates}
    buckets: dict[tuple, list[Patient]] = defaultdict(list)
    for patient in candidates:
        mine = facts[patient.pk]
        for key in DUPLICATE_KEYS:
            if all(name in mine for name in key):
                buckets[(key, *(mine[name] for name in key))].append(patient)
    pairs: dict[tuple[int, int], tuple[Patient, Patient]] = {}
    for members in buckets.values():
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pairs[(first.pk, second.pk)] = (first, second)
    found = []
    for first, second in pairs.values():
        a, b = facts[first.pk], facts[second.pk]
        shared = [
            name
            for name in ("name", "date of birth", "email", "phone")
            if name in a and a[name] == b.get(name)
        ]
        found.append(
            LikelyDuplicate(
                first=first,
                second=second,
                shared=", ".join(shared[:-1]) + " and " + shared[-1],
            )
        )
    return sorted(found, key=lambda d: (d.first.name.casefold(), d.first.pk, d.second.pk))
