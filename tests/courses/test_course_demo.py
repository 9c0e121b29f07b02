"""`make run`'s demo: reception books Nadia Haddad onto a course of peels from her record,
and every session shows in the diary and in Nadia's email."""

import io
from html import unescape

import pytest
from django.core import mail
from django.core.management import call_command

from bookings.models import Booking, OutboxEmail, OutboxStatus, Patient, Treatment
from bookings.notify.outbox import outbox_deliver

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

URL = "/admin/bookings/booking/course/"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("demo_data", stdout=io.StringIO())
    call_command("demo_data", stdout=io.StringIO())  # twice changes nothing


def test_reception_books_nadia_onto_a_course_of_peels_and_sees_it_in_the_diary_and_email(
    reception, demo
):
    nadia = Patient.objects.get(name="Nadia Haddad")
    peel = Treatment.objects.get(slug="chemical-peel")
    okafor = nadia.bookings.get().dermatologist
    page = reception.get(
        URL, {"patient": nadia.pk, "treatment": peel.pk, "dermatologist": okafor.pk}
    )
    sessions = page.context["sessions"]
    assert len(sessions) == 4 and all(s["day"] and s["time"] for s in sessions)
    data = {
        "patient": nadia.pk,
        "treatment": peel.pk,
        "dermatologist": okafor.pk,
        "first_day": page.context["form"]["first_day"].value(),
        "_book": "Book",
    }
    for s in sessions:
        data[f"session_{s['number']}_day"] = s["day"]
        data[f"session_{s['number']}_time"] = s["time"]
    mail.outbox.clear()
    OutboxEmail.objects.filter(status=OutboxStatus.PENDING).update(status=OutboxStatus.SKIPPED)

    assert reception.post(URL, data).status_code == 302

    booked = list(Booking.objects.filter(course__isnull=False).order_by("starts_at"))
    assert len(booked) == 4
    for booking in booked:
        diary = reception.get(
            "/admin/bookings/booking/diary/", {"day": booking.local_start.date().isoformat()}
        )
        assert f"session {booking.course_session} of 4" in unescape(diary.content.decode())
    for pk in OutboxEmail.objects.filter(status=OutboxStatus.PENDING).values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)
    to_nadia = [m for m in mail.outbox if m.to == ["nadia.haddad@example.com"]]
    assert len(to_nadia) == 5  # the course, and an invite for each session
    (summary,) = [m for m in to_nadia if not m.attachments]
    assert all(b.reference in summary.body for b in booked)
