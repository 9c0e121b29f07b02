"""Background jobs. Each takes ids, reloads, and calls a function of bookings.notify.outbox.

Tasks keep the names they had before this module moved, so messages already
queued, and beat schedules already written, still find them after a deploy.
"""

import logging

from celery import shared_task
from django.conf import settings

from bookings.care_services import follow_ups_make_due
from bookings.notify.outbox import (
    link_requests_due_ids,
    outbox_deliver,
    outbox_due_ids,
    outbox_release_stale,
    reminders_make_due,
)
from bookings.privacy import requests_expired_anonymise

logger = logging.getLogger(__name__)


@shared_task(name="bookings.tasks.outbox_send", bind=True, ignore_result=True)
def outbox_send(self, outbox_id: int) -> str:
    """Sends one outbox email; a transient failure comes back after its backoff."""
    delivery = outbox_deliver(outbox_id=outbox_id)
    if delivery.retry_in is not None:
        # The row is pending again and due at the same moment, so whichever
        # of this retry and the periodic dispatch comes first sends it.
        raise self.retry(countdown=delivery.retry_in, max_retries=settings.EMAIL_MAX_ATTEMPTS)
    return delivery.status


@shared_task(name="bookings.tasks.outbox_send_many", ignore_result=True)
def outbox_send_many(outbox_ids: list[int]) -> list[str]:
    """Sends the outbox rows one booking made together, each as outbox_send would.

    A row that fails for now comes back alone after its backoff, as outbox_send
    retries it; the others are not sent again, since each row is claimed once.
    """
    statuses = []
    for outbox_id in outbox_ids:
        delivery = outbox_deliver(outbox_id=outbox_id)
        if delivery.retry_in is not None:
            outbox_send.apply_async((outbox_id,), countdown=delivery.retry_in)
        statuses.append(delivery.status)
    return statuses


@shared_task(name="bookings.tasks.outbox_dispatch", ignore_result=True)
def outbox_dispatch() -> int:
    """Every minute: frees stale claims, makes reminders and follow-ups due and queues whatever is due."""
    released = outbox_release_stale()
    reminders = reminders_make_due()
    reminders += follow_ups_make_due()
    due = outbox_due_ids()
    for outbox_id in due:
        outbox_send.delay(outbox_id)
    link_requests = link_requests_due_ids()
    for request_id in link_requests:
        links_request_send.delay(request_id)
    if released or reminders or due or link_requests:
        logger.info(
            "outbox: %s released, %s reminders, %s queued, %s link requests",
            released,
            reminders,
            len(due),
            len(link_requests),
        )
    return len(due)


@shared_task(name="bookings.tasks.links_request_send", ignore_result=True)
def links_request_send(request_id: int) -> int:
    """Looks up one "Lost your link?" request; a second delivery finds it gone."""
    from bookings.link_services import booking_links_send  # services import the emails module

    return booking_links_send(request_id=request_id)


@shared_task(name="bookings.tasks.retention_run", ignore_result=True)
def retention_run() -> int:
    """Anonymises booking requests that never became appointments, and waiting list entries
    that ended, once they are old enough."""
    from bookings.waitlist_privacy import waitlist_retention_anonymise

    return requests_expired_anonymise() + waitlist_retention_anonymise()


@shared_task(name="bookings.tasks.waitlist_offer_freed", ignore_result=True)
def waitlist_offer_freed_task(windows: list[list]) -> int:
    """Offers freed windows ([dermatologist id, start, end] each) to the waiting list. A
    second delivery offers nothing new: the offers' keys hold."""
    from bookings.models import Dermatologist
    from bookings.waitlist_offers import waitlist_offer_freed
    from bookings.waitlist_triggers import Freed

    made = 0
    for window in map(Freed.from_message, windows):
        dermatologist = Dermatologist.objects.filter(pk=window.dermatologist_id).first()
        if dermatologist is not None:
            made += len(
                waitlist_offer_freed(
                    dermatologist=dermatologist, start=window.start, end=window.end
                )
            )
    return made


@shared_task(name="bookings.tasks.waitlist_next_wave", ignore_result=True)
def waitlist_next_wave_task() -> int:
    """Every few minutes: freed times nobody booked go to the next patients waiting."""
    from bookings.waitlist_offers import waitlist_next_wave

    return waitlist_next_wave()


@shared_task(name="bookings.tasks.waitlist_expire", ignore_result=True)
def waitlist_expire_task() -> int:
    """Hourly: waiting list entries whose days have passed end."""
    from bookings.waitlist_ends import waitlist_expire

    return waitlist_expire()
