"""Staff at work: reception confirms a request in the admin; a dermatologist reads her day.

Both sign in as the demo logins do, with a password and a single-use code.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Booking, BookingStatus, Dermatologist, EmailKind, OutboxEmail, Treatment
from bookings.selectors import slots_available
from bookings.services import booking_create
from tests.browser.a11y import axe_violations
from tests.browser.conftest import PHONE
from tests.browser.helpers import follow
from tests.factories import intake_make, patient_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def request_for_okafor(emails_by_hand) -> Booking:
    """The demo clinic, and a patient's new request with Dr Okafor in a few days' time."""
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())
    extraction = Treatment.objects.get(slug="milia-extraction")
    okafor = Dermatologist.objects.get(user__username="dr.okafor")
    first_day = timezone.localdate() + timedelta(days=2)
    (slot, *_) = slots_available(
        treatment=extraction,
        first_day=first_day,
        last_day=first_day + timedelta(days=14),
        dermatologists=[okafor],
    )
    booking = booking_create(
        treatment=extraction,
        start=slot.start,
        dermatologist=okafor,
        patient=patient_make(name="Harriet Osei", email="harriet@example.com"),
        intake=intake_make(note="One under my right eye."),
    )
    assert booking.status == BookingStatus.REQUESTED
    return booking


def test_reception_finds_a_request_and_confirms_it(page, request_for_okafor):
    booking = request_for_okafor

    page.goto("/admin/")
    page.get_by_label("Username").fill("reception")
    page.get_by_label("Password").fill("kingsway-reception-demo")
    page.get_by_label("Code from your authenticator app or a recovery code").fill("100001")
    follow(page.get_by_role("button", name="Log in"))

    follow(page.get_by_role("rowheader", name="Bookings").get_by_role("link"))
    page.locator("#searchbar").fill(booking.reference)
    follow(page.get_by_role("button", name="Search"))
    row = page.get_by_role("row").filter(has_text=booking.reference)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Harriet Osei")
    row.get_by_role("checkbox").check()
    page.get_by_role("combobox", name="Action").select_option(
        label="Confirm selected bookings (emails the patient)"
    )
    follow(page.get_by_role("button", name="Go"))

    expect(page.locator(".messagelist")).to_contain_text(booking.reference)
    expect(page.get_by_role("row").filter(has_text=booking.reference)).to_contain_text("Confirmed")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert OutboxEmail.objects.filter(booking=booking, kind=EmailKind.CONFIRMED).exists()


def test_a_dermatologist_signs_in_on_her_phone_and_finds_the_appointment(
    new_context, request_for_okafor
):
    booking = request_for_okafor
    page = new_context(bypass_csp=True, **PHONE).new_page()  # bypass_csp: for axe
    found = []

    page.goto("/staff/schedule/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff sign-in")
    found += axe_violations(page)
    page.get_by_label("Username").fill("dr.okafor")
    page.get_by_label("Password").fill("kingsway-okafor-demo")
    page.get_by_label("Code from your authenticator app, or a recovery code").fill("100002")
    follow(page.get_by_role("button", name="Sign in"), tap=True)

    expect(page.locator(".staff-who")).to_have_text("Dr Amara Okafor · day view")
    found += axe_violations(page)
    follow(page.get_by_role("link", name="This week"), tap=True)
    patient = page.get_by_role("link", name="Harriet Osei")
    if not patient.count():  # the appointment is early next week
        follow(page.get_by_role("link", name="Next week"), tap=True)
    found += axe_violations(page)
    follow(patient, tap=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("Harriet Osei")
    expect(page.locator(".appointment")).to_contain_text(booking.reference)
    expect(page.locator(".appointment")).to_contain_text("Requested")
    expect(page.locator(".intake")).to_contain_text("One under my right eye.")
    found += axe_violations(page)
    assert not found, "\n".join(found)  # she may have poor sight too
