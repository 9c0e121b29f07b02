"""What reception reads of the waiting list."""

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from bookings.models import Channel, Treatment, WaitlistEntry, WaitlistOffer


def waitlist_waiting(*, treatment: Treatment | None = None) -> QuerySet[WaitlistEntry]:
    """The entries still waiting, in the order they joined, with their treatment and
    dermatologist (1 query); only `treatment`'s when given."""
    entries = WaitlistEntry.objects.filter(ended_at__isnull=True).select_related(
        "treatment", "dermatologist"
    )
    if treatment is not None:
        entries = entries.filter(treatment=treatment)
    return entries.order_by("created_at", "pk")


def waitlist_offers_recent(*, now: datetime | None = None, hours: int = 24) -> list[WaitlistOffer]:
    """The offers made in the last `hours`, newest first, one row per entry and time (the
    email's; a text beside it is the same offer), with what reception shows (1 query)."""
    now = now or timezone.now()
    return list(
        WaitlistOffer.objects.filter(created_at__gte=now - timedelta(hours=hours))
        .exclude(channel=Channel.TEXT)
        .select_related("entry__treatment", "dermatologist", "booking")
        .order_by("-created_at", "-pk")
    )
