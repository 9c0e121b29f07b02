"""The bench database's patients: names, dates of birth and the phone numbers typed for them.

Used by bench/make_data.py, after Django is set up.
"""

import itertools
import random
from datetime import date

from bookings.models import Booking, Patient

FIRST_NAMES = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Aisha", "Fatima", "Zara", "Priya", "Chloe", "Emily", "Sophie", "Hannah", "Ella", "Noah", "Oliver", "George", "Arthur", "Leo", "Harry", "Muhammad", "Jack", "Oscar", "Charlie", "Jacob", "Thomas", "Adam", "Kofi", "Ravi", "Luca", "Mateo", "Daniel", "Samuel"]  # fmt: skip
LAST_NAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Khan", "Singh", "Ahmed", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke", "Okoro", "Mensah", "Nowak", "Kowalski", "Silva"]  # fmt: skip


DRAMA_NUMBERS = ["+447700900", "+442079460", "+441614960", "+441134960", "+441174960", "+441214960", "+441314960", "+441414960", "+441514960"]  # fmt: skip


def patients_assign(bookings: list[Booking], *, wanted: int) -> list[Patient]:
    """Gives each booking, in the order of its date, a patient: about `wanted` of them.

    A booking is a new patient's with the chance that makes `wanted` in all,
    otherwise a returning one's, the recently seen more likely (follow-ups
    come within months): most come once or twice, a few many times. Some
    children come as twins, booked by one parent under one email; some
    patients give a new number on a later booking; a few numbers from the
    old paper forms cannot be read.
    """
    new_chance = min(1.0, wanted / max(len(bookings), 1))
    patients: list[Patient] = []
    for booking in sorted(bookings, key=lambda b: b.starts_at):
        if not patients or random.random() < new_chance:
            patients += patient_new(booking)
            patient = patients[-1]
        else:
            # Recently seen patients come back more: a triangular pick towards the newest.
            pick = int(len(patients) * random.triangular(0, 1, 1))
            patient = patients[min(pick, len(patients) - 1)]
        booking.patient = patient
        booking.patient_name = patient.name
        booking.email = patient.email
        booking.date_of_birth = patient.date_of_birth
        booking.guardian_name = patient.guardian_name
        booking.guardian_relationship = patient.guardian_relationship
        booking.phone = patient.phone
        if random.random() < 0.05 and not patient.phone_unreadable:
            booking.phone = drama_number()  # a new number on this booking; the record keeps its
        patient.created_at = min(patient.created_at, booking.created_at)
    booked = {id(booking.patient) for booking in bookings}
    return [patient for patient in patients if id(patient) in booked]  # a twin may never book


def patient_new(booking: Booking) -> list[Patient]:
    """One new patient (two, for twins) as of their first booking."""
    first, last = random.choice(FIRST_NAMES), random.choice(LAST_NAMES)
    child = random.random() < 0.04
    start = booking.starts_at
    if child:
        born = date(
            start.year - random.randint(6, 15), random.randint(1, 12), random.randint(1, 28)
        )
    else:
        born = date(random.randint(1945, 2008), random.randint(1, 12), random.randint(1, 28))
    unreadable = random.random() < 0.002
    patient = Patient(
        name=f"{first} {last}",
        date_of_birth=born,
        email=f"{first}.{last}.{next(_patient_numbers)}@example.com".lower(),
        phone="ring the school office" if unreadable else drama_number(),
        phone_unreadable=unreadable,
        guardian_name=f"{random.choice(FIRST_NAMES)} {last}" if child else "",
        guardian_relationship=random.choice(("mother", "father")) if child else "",
        created_at=booking.created_at,
    )
    if not child or random.random() > 0.2:
        return [patient]
    twin_name = random.choice([n for n in FIRST_NAMES if n != first])
    twin = Patient(
        name=f"{twin_name} {last}",
        date_of_birth=born,
        email=patient.email,
        phone=patient.phone,
        phone_unreadable=unreadable,
        guardian_name=patient.guardian_name,
        guardian_relationship=patient.guardian_relationship,
        created_at=booking.created_at,
    )
    return [twin, patient]  # the twin books later, from the pool


_patient_numbers = itertools.count(1)


def drama_number() -> str:
    return f"{random.choice(DRAMA_NUMBERS)}{random.randint(0, 999):03d}"
