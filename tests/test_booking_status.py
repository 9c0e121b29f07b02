"""Which status allows which action: one table on the booking, kept by services and shown by the desk."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User

from bookings.change_services import booking_cancel, booking_move
from bookings.day_services import (
    booking_confirm,
    booking_mark_arrived,
    booking_mark_completed,
    booking_mark_no_show,
)
from bookings.models import Booking, BookingAction, BookingStatus
from bookings.services import BookingError
from tests.desk.helpers import change_url
from tests.factories import NOW, booking_row_make, london

pytestmark = pytest.mark.django_db

START = london(2026, 12, 7, 9, 0)  # a Monday: Dr Okafor works 9 to 5

# Each action at a moment its time rules accept, so only the status can refuse it.
SERVICES = {
    BookingAction.CONFIRM: lambda b, user: booking_confirm(booking=b, by_user=user, now=NOW),
    BookingAction.ARRIVED: lambda b, user: booking_mark_arrived(
        booking=b, by_user=user, now=START - timedelta(minutes=15)
    ),
    BookingAction.COMPLETED: lambda b, user: booking_mark_completed(
        booking=b, by_user=user, now=START + timedelta(hours=1)
    ),
    BookingAction.NO_SHOW: lambda b, user: booking_mark_no_show(
        booking=b, by_user=user, now=START + timedelta(hours=1)
    ),
    BookingAction.MOVE: lambda b, user: booking_move(
        booking=b, start=START + timedelta(hours=2), by_user=user, now=NOW
    ),
    BookingAction.CANCEL: lambda b, user: booking_cancel(booking=b, by_user=user, now=NOW),
}


def test_the_table_reads_as_the_desk_works():
    allowed = {status: set(Booking(status=status).allowed_actions) for status in BookingStatus}

    assert allowed == {
        BookingStatus.REQUESTED: {"confirm", "arrived", "no_show", "move", "cancel"},
        BookingStatus.CONFIRMED: {"arrived", "completed", "no_show", "move", "cancel"},
        BookingStatus.ARRIVED: {"completed", "cancel"},
        BookingStatus.COMPLETED: set(),
        BookingStatus.CANCELLED: set(),
        BookingStatus.NO_SHOW: set(),
    }


@pytest.mark.parametrize("action", SERVICES, ids=str)
@pytest.mark.parametrize("status", BookingStatus.values)
def test_the_services_do_exactly_what_the_table_allows(peel, okafor, status, action):
    user = User.objects.create_user("desk")
    booking = booking_row_make(treatment=peel, dermatologist=okafor, start=START, status=status)
    allowed = action in booking.allowed_actions

    try:
        SERVICES[action](booking, user)
    except BookingError:
        refused = True
    else:
        refused = False

    # Cancelling a cancelled booking is the one refusal that is not an error: it changes nothing.
    if status == BookingStatus.CANCELLED and action == BookingAction.CANCEL:
        refused = Booking.objects.get(pk=booking.pk).events.exists() is False
    assert refused != allowed


@pytest.mark.parametrize("status", BookingStatus.values)
def test_the_change_page_offers_the_actions_the_table_allows_and_no_others(
    reception, peel, okafor, status
):
    booking = booking_row_make(treatment=peel, dermatologist=okafor, start=START, status=status)

    html = reception.get(change_url(booking)).content.decode()

    offered = {
        action
        for action in BookingAction
        if f'value="{action}"' in html or f"/{booking.pk}/{action}/" in html
    }
    assert offered == set(booking.allowed_actions)
