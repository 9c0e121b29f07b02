"""On the booking page of their schedule, a dermatologist sees the patient's previous visits."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from bookings.models import AuditEntry, BookingStatus
from tests.conftest import login_with_second_factor
from tests.factories import booking_row_make, dermatologist_make, london, patient_record_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def okafor(peel):
    dermatologist = dermatologist_make(treatments=[peel], name="Dr Amara Okafor")
    dermatologist.user.groups.add(Group.objects.get(name="Dermatologists"))
    return dermatologist


@pytest.fixture
def signed_in(client, okafor):
    return login_with_second_factor(client, okafor.user)


@pytest.fixture
def sarah():
    return patient_record_make(name="Sarah Thompson", email="sarah@example.com")


def visit(peel, dermatologist, start, patient, **fields):
    return booking_row_make(
        treatment=peel,
        dermatologist=dermatologist,
        start=start,
        patient=patient,
        patient_name=patient.name,
        email=patient.email,
        date_of_birth=patient.date_of_birth,
        **fields,
    )


def booking_page(client, booking) -> str:
    response = client.get(reverse("staff:booking", args=[booking.reference]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_booking_page_lists_the_patients_earlier_visits_with_any_dermatologist(
    signed_in, peel, okafor, whitfield, sarah
):
    visit(peel, whitfield, london(2026, 3, 2, 10), sarah, status=BookingStatus.COMPLETED)
    visit(peel, okafor, london(2026, 6, 1, 9), sarah, status=BookingStatus.NO_SHOW)
    today = visit(peel, okafor, london(2026, 12, 7, 9), sarah)
    visit(peel, okafor, london(2027, 1, 4, 9), sarah)  # later: not a previous visit

    html = booking_page(signed_in, today)

    section = html[html.index('id="previous-visits"') :]
    assert section.count("<tr>") == 3  # the header and two visits
    assert section.index("1 June 2026") < section.index("2 March 2026")  # latest first
    assert "Dr James Whitfield" in section and "Completed" in section and "No-show" in section
    assert "4 January 2027" not in section


def test_a_twin_booked_under_the_same_email_is_not_among_the_previous_visits(
    signed_in, peel, okafor, whitfield
):
    twins = {"email": "parent@example.com", "date_of_birth": date(2018, 5, 1)}
    amy = patient_record_make(name="Amy Shah", **twins)
    ben = patient_record_make(name="Ben Shah", **twins)
    visit(peel, whitfield, london(2026, 3, 2, 10), ben, status=BookingStatus.COMPLETED)
    today = visit(peel, okafor, london(2026, 12, 7, 9), amy)

    html = booking_page(signed_in, today)

    assert "2 March 2026" not in html
    assert "first booking with the clinic" in html


def test_the_visits_of_a_patient_without_a_booking_with_them_are_never_reachable(
    signed_in, peel, okafor, whitfield, sarah
):
    earlier = visit(peel, whitfield, london(2026, 3, 2, 10), sarah, status="completed")
    theirs = visit(peel, whitfield, london(2026, 12, 7, 9), sarah, staff_notes="Patch test")

    for booking in (earlier, theirs):
        response = signed_in.get(reverse("staff:booking", args=[booking.reference]))
        assert response.status_code == 404
        assert "Sarah Thompson" not in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.VIEWED_HISTORY).exists()


def test_each_look_at_the_previous_visits_is_in_the_audit_trail(signed_in, peel, okafor, sarah):
    visit(peel, okafor, london(2026, 6, 1, 9), sarah, status=BookingStatus.COMPLETED)
    today = visit(peel, okafor, london(2026, 12, 7, 9), sarah)

    booking_page(signed_in, today)
    booking_page(signed_in, today)

    entries = AuditEntry.objects.filter(action=AuditEntry.Action.VIEWED_HISTORY)
    assert entries.count() == 2
    entry = entries.first()
    assert entry.user == okafor.user
    assert entry.target == f"patient {sarah.pk}"
    assert today.reference in entry.detail and "1 previous visit" in entry.detail


def test_the_booking_page_runs_the_same_queries_for_1_or_20_previous_visits(
    signed_in, peel, okafor, whitfield, sarah, django_assert_num_queries
):
    today = visit(peel, okafor, london(2026, 12, 7, 9), sarah)

    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 their dermatologist
        # profile, 1 the booking with its treatment, 1 the previous visits with
        # treatment and dermatologist, 1 the audit entry for the answers,
        # 1 the audit entry for the previous visits
        with django_assert_num_queries(8):
            booking_page(signed_in, today)

    visit(peel, whitfield, london(2026, 1, 5, 9), sarah, status=BookingStatus.COMPLETED)
    count_queries()
    for month in range(2, 11):
        for day in (2, 16):
            start = london(2026, month, day, 9)
            visit(peel, whitfield, start, sarah, status=BookingStatus.COMPLETED)
    count_queries()
