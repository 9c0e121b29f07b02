"""A dermatologist's clinic day on her phone: her next patient has arrived, she completes the
visit, writes the treatment record, and the patient's aftercare email goes."""

import io

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from bookings.day_services import booking_mark_arrived
from bookings.models import (
    ACTIVE_STATUSES,
    Booking,
    BookingStatus,
    Dermatologist,
    EmailKind,
    OutboxEmail,
    Treatment,
    TreatmentRecord,
)
from bookings.notify.outbox import outbox_deliver
from tests.browser.a11y import axe_violations
from tests.browser.conftest import PHONE
from tests.browser.helpers import follow
from tests.factories import booking_row_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def arrived_now(emails_by_hand) -> Booking:
    """The demo clinic, and a patient with Dr Okafor now, whom reception has marked arrived."""
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())
    okafor = Dermatologist.objects.get(user__username="dr.okafor")
    peel = Treatment.objects.get(slug="chemical-peel")
    start = timezone.now().replace(second=0, microsecond=0)
    # The demo's own bookings of the day may hold that time, depending on the hour the test runs.
    Booking.objects.filter(
        dermatologist=okafor,
        status__in=ACTIVE_STATUSES,
        starts_at__lt=start + peel.duration + peel.buffer,
        blocked_until__gt=start,
    ).delete()
    booking = booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=start,
        patient_name="Harriet Osei",
        email="harriet@example.com",
    )
    return booking_mark_arrived(booking=booking, by_user=User.objects.get(username="reception"))


def test_she_sees_her_patient_has_arrived_completes_the_visit_and_the_aftercare_goes(
    new_context, arrived_now
):
    booking = arrived_now
    page = new_context(bypass_csp=True, **PHONE).new_page()  # bypass_csp: for axe
    found = []
    page.goto("/staff/schedule/")
    page.get_by_label("Username").fill("dr.okafor")
    page.get_by_label("Password").fill("kingsway-okafor-demo")
    page.get_by_label("Code from your authenticator app, or a recovery code").fill("100002")
    follow(page.get_by_role("button", name="Sign in"), tap=True)

    expect(page.locator(".next-patient")).to_contain_text("Harriet Osei, has arrived")
    found += axe_violations(page)
    follow(page.get_by_role("button", name="Completed: Harriet Osei"), tap=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("Treatment record")
    found += axe_violations(page)
    page.get_by_label("Treatment given").select_option(label="Milia extraction")
    page.get_by_label("Cheeks").check()
    page.get_by_label("Review in a number of weeks").check()
    follow(page.get_by_role("button", name="Save the record"), tap=True)
    expect(page.get_by_role("alert")).to_contain_text("Say in how many weeks")
    page.get_by_label("Review in how many weeks").fill("6")
    follow(page.get_by_role("button", name="Save the record"), tap=True)

    expect(page.locator(".messages")).to_contain_text("Treatment record for Harriet Osei saved.")
    follow(page.get_by_role("link", name="Treatment record of Harriet Osei"), tap=True)
    expect(page.locator(".record-facts")).to_contain_text("Milia extraction (booked for")
    found += axe_violations(page)
    follow(page.get_by_role("link", name="Aftercare waiting for approval"), tap=True)
    found += axe_violations(page)
    assert not found, "\n".join(found)

    booking.refresh_from_db()
    assert booking.status == BookingStatus.COMPLETED
    assert TreatmentRecord.objects.get(booking=booking).follow_up_weeks == 6
    [aftercare] = OutboxEmail.objects.filter(booking=booking, kind=EmailKind.AFTERCARE)
    mail.outbox.clear()
    outbox_deliver(outbox_id=aftercare.pk)
    [message] = mail.outbox
    assert message.to == ["harriet@example.com"]
    assert message.subject == "Aftercare after your milia extraction"
    assert "Small red marks where the milia were" in message.body

    patient = new_context(bypass_csp=True, **PHONE).new_page()
    patient.goto(booking.get_absolute_url())
    expect(patient.locator(".aftercare-text")).to_contain_text("Small red marks")
    assert not axe_violations(patient)
