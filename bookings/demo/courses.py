"""Demo data for courses of treatment: a course plan for peels and for laser, and Nadia
Haddad, seen for a peel two weeks ago, ready for reception to book onto a course of peels
from her record ("Book a course")."""

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bookings.demo.patients import _past_visit
from bookings.models import CoursePlan, Dermatologist, Treatment
from bookings.patient_services import patient_find_or_create
from bookings.services import PatientDetails

# slug: (sessions, shortest, ideal and longest gap in weeks)
PLANS = {"chemical-peel": (4, 3, 4, 5), "laser-treatment": (3, 4, 6, 8)}
NADIA = PatientDetails(
    name="Nadia Haddad",
    email="nadia.haddad@example.com",
    phone="07700 900456",
    date_of_birth=date(1991, 2, 17),
)


@transaction.atomic
def courses_load(treatments: dict[str, Treatment]) -> int:
    """Adds the course plans and Nadia's first visit; nothing twice. Returns bookings made."""
    for slug, (sessions, shortest, ideal, longest) in PLANS.items():
        if slug in treatments:
            CoursePlan.objects.get_or_create(
                treatment=treatments[slug],
                defaults={
                    "sessions": sessions,
                    "interval_min_weeks": shortest,
                    "interval_ideal_weeks": ideal,
                    "interval_max_weeks": longest,
                },
            )
    nadia = patient_find_or_create(details=NADIA, now=timezone.now())
    if nadia.bookings.exists():
        return 0
    desk = User.objects.get(username="reception")
    okafor = Dermatologist.objects.get(user__username="dr.okafor")
    _past_visit(
        nadia, NADIA, treatments["chemical-peel"], okafor, desk, weeks_ago=2, status="completed"
    )
    return 1
