"""Small rules written once and used by every page that needs them."""

from datetime import date
from decimal import Decimal

import pytest
from django.template import Context, Template

from bookings.models import Booking, BookingStatus
from bookings.parsing import day_or_today
from bookings.privacy import email_masked
from bookings.selectors import bookings_split_cancelled


@pytest.mark.usefixtures("frozen_clock")
@pytest.mark.parametrize("asked", [None, "", "yesterday", "2026-02-30", "1066-10-14"])
def test_a_day_that_cannot_be_read_is_today_in_the_uk(asked):
    assert day_or_today(asked) == date(2026, 12, 1)


def test_a_day_that_can_be_read_is_that_day():
    assert day_or_today(" 2026-12-07 ") == date(2026, 12, 7)


def test_the_page_and_the_audit_trail_mask_an_address_alike():
    shown = Template("{% load uk_time %}{{ email|masked_email }}").render(
        Context({"email": "sarah@example.com"})
    )

    assert shown == email_masked("sarah@example.com") == "s…@example.com"


@pytest.mark.parametrize(
    ("price", "text"), [(Decimal("150.00"), "£150"), (Decimal("1250.5"), "£1,250.50")]
)
def test_a_price_reads_in_whole_pounds_when_it_can(price, text):
    assert Template("{% load uk_time %}{{ price|gbp }}").render(Context({"price": price})) == text


def test_cancelled_bookings_are_set_apart_keeping_the_order():
    bookings = [Booking(status=s) for s in ("confirmed", "cancelled", "arrived", "cancelled")]

    kept, cancelled = bookings_split_cancelled(bookings)

    assert [b.status for b in kept] == [BookingStatus.CONFIRMED, BookingStatus.ARRIVED]
    assert cancelled == [bookings[1], bookings[3]]
