"""Reception's first page: today's diary, who is due next, who is here, what waits."""

from django.http import HttpRequest
from django.utils import timezone

from bookings.care_services import follow_ups_waiting
from bookings.desk.diary import diary_context
from bookings.models import Booking, BookingStatus
from bookings.waitlist_selectors import waitlist_offers_recent

DUE_NEXT = 5
WAITING_SHOWN = 5
FOLLOW_UPS_SHOWN = 10
OFFERS_SHOWN = 10


def desk_today(request: HttpRequest) -> dict:
    """What the admin's index shows reception above the list of everything else.

    The diary's five queries, one for the requests waiting for confirmation, one
    for the reviews to book and one for the waiting list's offers of the last
    day; who is due and who has arrived come from the diary's own bookings.
    """
    now = timezone.now()
    today = timezone.localdate()
    context = diary_context(request, today)
    blocks = sorted(
        (block for column in context["diary"].columns for block in column.blocks),
        key=lambda block: (block.starts, block.booking.pk),
    )
    due = [
        block.booking
        for block in blocks
        if block.booking.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)
        and block.ends > now
    ]
    waiting = list(
        Booking.objects.filter(status=BookingStatus.REQUESTED)
        .select_related("treatment", "dermatologist")
        .order_by("created_at", "pk")[: WAITING_SHOWN + 1]
    )
    return {
        **context,
        "opts": Booking._meta,
        "request": request,
        "can_book": request.user.has_perm("bookings.add_booking"),
        "due_next": due[:DUE_NEXT],
        "arrived": [b.booking for b in blocks if b.booking.status == BookingStatus.ARRIVED],
        "waiting": waiting[:WAITING_SHOWN],
        "more_waiting": len(waiting) > WAITING_SHOWN,
        "now": now,
        "follow_ups": follow_ups_waiting(now=now, patients_can_book=False)[:FOLLOW_UPS_SHOWN],
        # Out and unanswered: not booked from, and the patient still waiting.
        "offers_out": [
            offer
            for offer in waitlist_offers_recent(now=now)
            if offer.booking_id is None and offer.entry.is_waiting
        ][:OFFERS_SHOWN],
    }
