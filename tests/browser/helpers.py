"""What the browser tests do again and again: book, fill in forms, read emails."""

import re
from datetime import datetime, timedelta

from django.core import mail
from django.utils import timezone

from bookings.availability import LONDON
from bookings.models import Booking, OutboxEmail, OutboxStatus
from bookings.notify.outbox import outbox_deliver
from bookings.services import booking_create
from tests.factories import intake_make, patient_make


def free_start(days_ahead: int = 3, hour: int = 10) -> datetime:
    """A UK wall-clock time on a day far enough ahead to be bookable and changeable."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def booking_make(treatment, start: datetime | None = None, **patient) -> Booking:
    """A booking made by the booking service, as a patient's form would."""
    return booking_create(
        treatment=treatment,
        start=start or free_start(),
        dermatologist=None,
        patient=patient_make(**patient),
        intake=intake_make(),
    )


def follow(locator, *, tap: bool = False) -> None:
    """Clicks (or taps) a link or button, and returns once the page it leads to has loaded.

    Playwright's click returns without waiting for the navigation it starts, so
    a check made straight after it may run on the page being left.
    """
    with locator.page.expect_navigation():
        if tap:
            locator.tap()
        else:
            locator.click()


def show_a_week_with_free_times(page) -> None:
    """The picker opens at the first free day; a day asked for may have none: go to the next."""
    page.wait_for_load_state()
    if page.locator("a.time").count() == 0:
        follow(page.get_by_role("link", name="Next free day", exact=False))


def fill_details(page, **overrides) -> None:
    """Fills in the details form as Sarah Thompson, 38, with milia round her eyes."""
    text = {
        "Full name of the patient": "Sarah Thompson",
        "Patient's date of birth": "12/04/1988",
        "Email address": "sarah.thompson@example.com",
        "Phone number": "07700 900123",
        "Anything else you would like us to know? (optional)": "Mostly under my left eye.",
    }
    text.update(overrides)
    for label, value in text.items():
        page.get_by_label(label, exact=False).first.fill(value)
    page.get_by_label("Around the eyes or on the eyelids").check()
    page.get_by_role("group", name="How long have you had them?").get_by_label(
        "1 to 6 months"
    ).check()
    page.get_by_role("group", name="Roughly how many are there?").get_by_label("1 to 5").check()
    page.get_by_role("group", name="Have you tried to remove any of them at home?").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_role("group", name="Are you pregnant").get_by_label("No", exact=True).check()
    # The suitability questions the chosen treatment asks, if any: no to each.
    for answer in page.locator('#suitability-questions input[type="radio"][value="no"]').all():
        answer.check()
    page.get_by_label("I agree that the clinic may use these answers").check()


def outbox_deliver_all() -> list:
    """Sends every pending email now, as the Celery worker would; returns what was sent."""
    for outbox_id in OutboxEmail.objects.filter(status=OutboxStatus.PENDING).values_list(
        "pk", flat=True
    ):
        outbox_deliver(outbox_id=outbox_id)
    return mail.outbox


def manage_link_in(message) -> str:
    match = re.search(r"https?://\S+/manage/[A-Za-z0-9_-]{20,64}/", message.body)
    assert match, f"no manage link in {message.subject!r}"
    return match.group(0)


def key_pages(page):
    """Visits the pages patients use most, the whole booking flow included; yields on each."""
    for url in ["/", "/milia/", "/milia/treatments/extraction/", "/milia/faqs/", "/privacy/"]:
        page.goto(url)
        yield
    page.goto("/book/")
    yield
    page.goto("/book/milia-extraction/")
    show_a_week_with_free_times(page)
    yield
    follow(page.locator("a.time").first)
    yield  # details
    follow(page.get_by_role("button", name="Book this appointment"))
    yield  # details, with a message for each mistake
    fill_details(page)
    follow(page.get_by_role("button", name="Book this appointment"))
    yield  # confirmation
    follow(page.get_by_role("link", name="Manage your appointment"))
    yield
    follow(page.get_by_role("link", name="Move to another time"))
    yield
    follow(page.get_by_role("link", name="Later days"))
    follow(page.locator("a.time").first)
    yield  # confirm the move
    page.goto("/manage/")
    yield  # lost your link?
    page.goto("/no-such-page/")
    yield
