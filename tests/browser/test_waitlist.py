"""A patient on a phone joins the waiting list, a time frees, the offer's link books it."""

import re
from datetime import timedelta
from email import policy
from email.parser import BytesParser
from unittest import mock

import pytest
from playwright.sync_api import expect

from bookings.change_services import booking_cancel
from bookings.models import Booking, BookingStatus, WaitlistEnd, WaitlistEntry, WaitlistOffer
from bookings.notify.tasks import waitlist_offer_freed_task
from bookings.templatetags.uk_time import uktime
from tests.browser.a11y import axe_violations, sideways_scroll, small_targets
from tests.browser.conftest import PHONE
from tests.browser.helpers import booking_make, fill_details, follow, free_start, outbox_deliver_all
from tests.waitlist_rows import entry_row_make, offer_row_make

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def eml_read(path):
    return BytesParser(policy=policy.default).parsebytes(path.read_bytes())


OFFER_LINK = re.compile(r"https?://\S+/waiting-list/offer/[A-Za-z0-9_-]{20,64}/")


def test_a_patient_joins_the_list_on_a_phone_and_books_the_time_that_frees(
    new_context, extraction, emails_by_hand, settings, tmp_path
):
    # The offer arrives as the embedded default delivers it: a file in the emails folder.
    settings.EMAIL_BACKEND = "clinic.web.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    page = new_context(bypass_csp=True, **PHONE).new_page()  # axe is injected as a script
    found: list[str] = []
    taken = booking_make(extraction, start=free_start(days_ahead=3, hour=10))

    page.goto("/book/milia-extraction/")
    follow(page.get_by_role("link", name="Join the waiting list"), tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the waiting list")
    found += axe_violations(page)

    follow(page.get_by_role("button", name="Join the waiting list"), tap=True)
    expect(page.get_by_text("There is a problem")).to_be_visible()
    found += axe_violations(page)  # a message for each mistake

    page.get_by_label("Evening (from 5pm)").uncheck()
    page.get_by_label("Full name of the patient").fill("Priya Shah")
    page.get_by_label("Patient's date of birth").fill("03/09/1992")
    page.get_by_label("Email address").fill("priya.shah@example.com")
    page.get_by_label("Phone number").fill("07700 900246")
    page.get_by_label("I agree that the clinic may keep these details").check()
    follow(page.get_by_role("button", name="Join the waiting list"), tap=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("You are on the waiting list")
    found += axe_violations(page)
    entry = WaitlistEntry.objects.get()
    assert entry.parts_of_day == ["morning", "afternoon"]
    follow(page.get_by_role("link", name="Leave the waiting list"), tap=True)
    expect(page.get_by_role("button", name="Yes, leave the waiting list")).to_be_visible()
    found += axe_violations(page)  # leaving asks first; nothing changes yet

    # The 10am booking is cancelled; after the commit the worker's task offers its time.
    published = []
    with mock.patch(
        "bookings.notify.emails.publish_task",
        lambda task, arg, what: published.append((task, arg)),  # no broker: run it here
    ):
        booking_cancel(booking=taken, reason="Feeling better")
    ((task, windows),) = [(t, a) for t, a in published if t is waitlist_offer_freed_task]
    assert task.apply(args=[windows]).get() == 1
    (offer,) = WaitlistOffer.objects.filter(entry=entry)
    outbox_deliver_all()
    (offer_email,) = [
        body
        for message in map(eml_read, tmp_path.glob("*-priya.shah-*.eml"))
        if (body := message.get_body(("plain",)).get_content()) and OFFER_LINK.search(body)
    ]
    link = OFFER_LINK.search(offer_email).group(0)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")
    # The earliest start that the freed time makes possible: perhaps before 10am.
    offered = offer.starts_at
    expect(page.locator(".appointment-summary")).to_contain_text(uktime(offered))
    found += axe_violations(page)
    fill_details(page, **{"Full name of the patient": "Priya Shah"})
    follow(page.get_by_role("button", name="Book this appointment"), tap=True)

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    page.go_back()  # to the offer's link: this browser booked it, so the booking again
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your booking request")
    booking = Booking.objects.exclude(pk=taken.pk).get()
    assert (booking.starts_at, booking.status) == (offered, BookingStatus.REQUESTED)
    entry.refresh_from_db()
    assert entry.end_reason == WaitlistEnd.BOOKED

    # Someone else offered the same time finds it gone, kindly, with other times to book.
    other = entry_row_make(treatment=extraction, name="Late Reader", email="late@example.com")
    late = offer_row_make(entry=other, dermatologist=taken.dermatologist, start=taken.starts_at)
    page.goto(late.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sorry, someone booked that time first"
    )
    expect(page.get_by_text("You're still on the waiting list")).to_be_visible()
    found += axe_violations(page)
    follow(page.locator(".someone-else a").first, tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your details")

    assert not found, "\n".join(found)


NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


def test_the_earlier_time_pages_pass_axe_and_fit_a_narrow_phone(
    new_context, extraction, emails_by_hand
):
    page = new_context(bypass_csp=True, **NARROW).new_page()
    found: list[str] = []

    def checked():
        found.extend(axe_violations(page))
        found.extend(small_targets(page))
        if problem := sideways_scroll(page):
            found.append(problem)

    booking = booking_make(extraction, start=free_start(days_ahead=6, hour=11))
    page.goto(booking.get_absolute_url())
    follow(page.get_by_role("link", name="Join the waiting list"), tap=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the waiting list")
    checked()
    page.get_by_label("Last day you could come").fill("2030-01-01")
    page.get_by_label("I agree that the clinic may keep these details").check()
    follow(page.get_by_role("button", name="Join the waiting list"), tap=True)
    expect(page.get_by_text("Choose a last day on or before")).to_have_count(2)
    checked()  # the form again, with the refusal
    page.get_by_label("Last day you could come").fill(
        (booking.local_start.date() - timedelta(days=1)).isoformat()
    )
    follow(page.get_by_role("button", name="Join the waiting list"), tap=True)
    expect(page.get_by_role("status")).to_contain_text("You are on the waiting list")
    checked()  # the manage page, which now says so
    entry = WaitlistEntry.objects.get()

    offer = offer_row_make(
        entry=entry, dermatologist=booking.dermatologist, start=free_start(days_ahead=2, hour=9)
    )
    page.goto(offer.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("An earlier time is free")
    checked()
    follow(page.get_by_role("button", name="Yes, move my appointment to this time"), tap=True)
    expect(page.get_by_role("status")).to_contain_text("Your appointment has moved to")
    checked()
    page.goto(offer.get_absolute_url())  # the link again: the booking's page says where it is
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appointment")

    page.goto(entry.leave_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You are no longer on the waiting list"
    )
    checked()

    assert not found, "\n".join(found)
