"""A review asked for in the treatment record: the patient is emailed a link to book it once
its date is within the booking horizon, and reception sees it until it is booked."""

import html as htmllib
import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.core import mail

from bookings.care_services import follow_ups_make_due, follow_ups_waiting, treatment_record_save
from bookings.models import Booking, BookingStatus, EmailKind, FollowUp, OutboxEmail, OutboxStatus
from bookings.notify.outbox import outbox_deliver
from bookings.services import SlotUnavailable, booking_create
from tests.factories import booking_row_make, dermatologist_make, intake_make, london, patient_make
from tests.public.test_booking_flow import valid_answers

pytestmark = pytest.mark.django_db

NOW = london(2026, 12, 1, 8, 0)


@pytest.fixture(autouse=True)
def clock(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def okafor(peel, extraction):
    return dermatologist_make(treatments=[peel, extraction], name="Dr Amara Okafor")


@pytest.fixture
def raman_too(peel, extraction):
    return dermatologist_make(treatments=[peel, extraction], name="Dr Priya Raman")


def reviewed_visit(okafor, peel, given, weeks):
    visit = booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2026, 11, 27, 9),
        status=BookingStatus.COMPLETED,
        patient_name="Sarah Thompson",
        email="sarah.thompson@example.com",
        date_of_birth=date(1988, 4, 12),
    )
    treatment_record_save(
        booking=visit,
        by_user=okafor.user,
        fields={"treatment_given": given, "follow_up": FollowUp.REVIEW, "follow_up_weeks": weeks},
    )
    return visit


def follow_up_emails():
    return OutboxEmail.objects.filter(kind=EmailKind.FOLLOW_UP)


def send_all() -> list:
    mail.outbox.clear()
    for pk in OutboxEmail.objects.filter(
        status=OutboxStatus.PENDING, kind=EmailKind.FOLLOW_UP
    ).values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)
    return list(mail.outbox)


def test_a_review_within_the_horizon_is_emailed_once(okafor, peel, extraction):
    visit = reviewed_visit(okafor, peel, extraction, weeks=4)

    assert follow_ups_make_due() == 1
    assert follow_ups_make_due() == 0

    [message] = send_all()
    assert message.to == ["sarah.thompson@example.com"]
    assert message.subject == "Time to book your review: milia extraction"
    assert "Dr Amara Okafor asked to see you again around Friday 25 December 2026" in message.body
    assert follow_up_emails().get().booking == visit


def test_a_review_beyond_the_horizon_waits_until_it_comes_within(okafor, peel, clock):
    reviewed_visit(okafor, peel, peel, weeks=12)  # 19 February, the horizon is 26 January

    assert follow_ups_make_due() == 0
    assert follow_ups_waiting() == []

    clock.move_to(london(2026, 12, 26, 8))
    assert follow_ups_make_due() == 1


def test_the_emails_link_books_the_treatment_given_with_the_same_dermatologist(
    client, okafor, raman_too, peel, extraction
):
    reviewed_visit(okafor, peel, extraction, weeks=4)
    follow_ups_make_due()
    [message] = send_all()
    link = re.search(r"http://\S+/book/\S+", message.body).group(0)
    query = parse_qs(urlsplit(link).query)
    assert urlsplit(link).path == f"/book/{extraction.slug}/"
    assert query["dermatologist"] == [str(okafor.pk)]

    slot_page = client.get(link.split("testserver")[-1].replace("http://127.0.0.1:8000", ""))
    html = slot_page.content.decode()
    times = [
        htmllib.unescape(u)
        for u in re.findall(r'class="btn btn-outline-primary time" href="([^"]+)"', html)
    ]
    assert times, "the week of the review offers times"
    details = client.get(times[0])
    assert details.status_code == 200
    start = parse_qs(urlsplit(times[0]).query)["start"][0]
    response = client.post(
        urlsplit(times[0]).path,
        {"start": start, "dermatologist": str(okafor.pk), **valid_answers()},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    review = Booking.objects.exclude(status=BookingStatus.COMPLETED).get()
    assert (review.treatment, review.dermatologist) == (extraction, okafor)
    assert follow_ups_waiting() == []


def test_reception_sees_the_review_on_todays_page_until_it_is_booked(
    reception, okafor, peel, extraction
):
    visit = reviewed_visit(okafor, peel, extraction, weeks=4)

    page = reception.get("/admin/").content.decode()
    assert "Reviews to book" in page
    assert (
        "Sarah Thompson</a>: Milia extraction with Dr Amara Okafor, around Fri 25 Dec 2026" in page
    )

    booking_row_make(
        treatment=extraction,
        dermatologist=okafor,
        start=london(2026, 12, 28, 10),
        patient=visit.patient,
    )
    page = reception.get("/admin/").content.decode()
    assert "No reviews are waiting to be booked." in page


def test_a_follow_up_booked_before_its_email_went_is_not_sent(okafor, peel, extraction):
    visit = reviewed_visit(okafor, peel, extraction, weeks=4)
    follow_ups_make_due()
    booking_row_make(
        treatment=extraction,
        dermatologist=okafor,
        start=london(2026, 12, 28, 10),
        patient=visit.patient,
    )

    assert send_all() == []
    assert follow_up_emails().get().status == OutboxStatus.SKIPPED


def test_a_course_is_one_of_the_follow_ups_and_sends_no_review_email(okafor, peel):
    visit = booking_row_make(
        treatment=peel, dermatologist=okafor, start=london(2026, 11, 27, 9), status="completed"
    )
    record = treatment_record_save(
        booking=visit,
        by_user=okafor.user,
        fields={"treatment_given": peel, "follow_up": FollowUp.COURSE, "follow_up_weeks": 3},
    )

    assert record.follow_up == "course" and record.follow_up_weeks is None
    assert follow_ups_make_due() == 0


def test_reception_sees_a_review_beyond_the_patients_horizon_and_may_book_it_at_once(
    reception, okafor, peel, extraction
):
    visit = reviewed_visit(okafor, peel, extraction, weeks=16)  # 19 March, beyond 26 January
    assert follow_ups_make_due() == 0  # the patient could not book it yet

    page = reception.get("/admin/").content.decode()
    assert (
        "Sarah Thompson</a>: Milia extraction with Dr Amara Okafor, around Fri 19 Mar 2027" in page
    )

    review = booking_create(
        treatment=extraction,
        start=london(2027, 3, 19, 10),
        dermatologist=okafor,
        patient=patient_make(
            name=visit.patient_name, email=visit.email, date_of_birth=visit.date_of_birth
        ),
        intake=intake_make(),
        enforce_notice=False,
    )
    assert review.patient_id == visit.patient_id
    assert follow_ups_waiting(patients_can_book=False) == []


def test_patients_still_cannot_book_beyond_their_horizon(okafor, extraction):
    with pytest.raises(SlotUnavailable):
        booking_create(
            treatment=extraction,
            start=london(2027, 3, 19, 10),
            dermatologist=okafor,
            patient=patient_make(),
            intake=intake_make(),
        )
