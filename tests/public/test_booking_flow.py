"""The public booking pages, through the test client."""

import re
from datetime import time, timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from bookings.models import Booking, BookingStatus, ClinicClosure
from bookings.suitability import QUESTIONS
from tests.factories import NOW, booking_row_make, dermatologist_make, london, treatment_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

MONDAY_9 = london(2026, 12, 7, 9, 0)


@pytest.fixture
def extraction():
    return treatment_make(
        name="Milia extraction", slug="milia-extraction", duration_minutes=30, price="180"
    )


@pytest.fixture
def okafor(extraction):
    return dermatologist_make(treatments=[extraction], name="Dr Amara Okafor")


def details_url(treatment, start, dermatologist="any"):
    query = urlencode({"start": start.isoformat(), "dermatologist": dermatologist})
    return reverse("bookings:details", kwargs={"treatment_slug": treatment.slug}) + "?" + query


def valid_answers(**overrides):
    answers = {
        "patient_name": "Sarah Thompson",
        "date_of_birth": "12/04/1988",
        "email": "sarah.thompson@example.com",
        "phone": "07700 900123",
        "areas": ["eyes", "cheeks"],
        "how_long": "1_to_6_months",
        "how_many": "6_to_20",
        "tried_home_removal": "no",
        "pregnancy": "no",
        # No to every suitability question (bookings/suitability.py): the form reads
        # only those its treatment asks.
        **{f"suitability_{question.code}": "no" for question in QUESTIONS},
        "skin_type": "not_sure",
        "privacy_consent": "on",
        "note": "They are mostly under my left eye.",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def post_details(client, treatment, start, dermatologist="any", submission_key=None, **answers):
    data = {"start": start.isoformat(), "dermatologist": dermatologist, **valid_answers(**answers)}
    if submission_key:
        data["submission_key"] = submission_key
    return client.post(reverse("bookings:details", kwargs={"treatment_slug": treatment.slug}), data)


def test_the_start_page_lists_treatments_with_duration_price_and_guide_link(client, extraction):
    extraction.guide_url = "/milia/treatments/extraction/"
    extraction.save()
    treatment_make(name="Laser treatment", is_active=False)

    html = client.get(reverse("bookings:start")).content.decode()

    assert "Milia extraction" in html and "30 minutes" in html and "£180" in html
    assert 'href="/milia/treatments/extraction/"' in html
    assert "Laser treatment" not in html
    assert "14 Kingsway" in html  # where to come, before anyone books
    assert "up to 24 hours before" in html  # the cancellation policy


def test_the_slot_page_offers_free_times_of_the_week_in_uk_time(client, extraction, okafor):
    booking_row_make(treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 9, 30))

    response = client.get(reverse("bookings:slots", args=[extraction.slug]), {"week": "2026-12-07"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Monday 7 December 2026" in html
    assert 'aria-label="9:00am Dr Okafor on Monday 7 December 2026"' in html
    assert 'aria-label="9:30am Dr Okafor on Monday 7 December 2026"' not in html  # taken
    assert 'aria-label="10:00am Dr Okafor on Monday 7 December 2026"' in html
    link = details_url(extraction, MONDAY_9) + f"&with={okafor.pk}"
    assert link.replace("&", "&amp;") in html


def test_a_full_week_says_when_the_next_free_day_is(client, extraction):
    dermatologist_make(treatments=[extraction], hours={2: [(time(9), time(10))]})  # Wednesdays only
    ClinicClosure.objects.create(
        first_day=london(2026, 12, 9).date(), last_day=london(2026, 12, 9).date(), reason="Shut"
    )

    html = client.get(
        reverse("bookings:slots", args=[extraction.slug]), {"week": "2026-12-07"}
    ).content.decode()

    assert "No free times on this day" in html
    assert "Next free day: Wednesday 16 December 2026" in html


def test_the_dermatologist_filter_shows_only_their_times(client, extraction, okafor):
    other = dermatologist_make(
        treatments=[extraction], name="Dr Other", hours={0: [(time(14), time(15))]}
    )

    html = client.get(
        reverse("bookings:slots", args=[extraction.slug]),
        {"week": "2026-12-07", "dermatologist": other.pk},
    ).content.decode()

    assert 'aria-label="2:00pm on Monday 7 December 2026 with Dr Other"' in html
    assert "9:00am on Monday" not in html


@pytest.mark.parametrize(
    "query",
    [
        {"week": "not-a-date"},
        {"week": "1999-01-01"},
        {"week": "2999-01-01"},
        {"dermatologist": "nobody"},
        {"dermatologist": "99999"},
        {"week": "2026-12-07\x00"},
    ],
)
def test_nonsense_in_the_slot_page_query_still_shows_a_calm_page(client, extraction, okafor, query):
    response = client.get(reverse("bookings:slots", args=[extraction.slug]), query)

    assert response.status_code == 200
    assert "Choose a time" in response.content.decode()


def test_an_unknown_treatment_is_a_plain_404(client):
    assert client.get(reverse("bookings:slots", args=["no-such-thing"])).status_code == 404


def test_the_slot_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, extraction
):
    dermatologists = [dermatologist_make(treatments=[extraction]) for _ in range(3)]
    url = reverse("bookings:slots", args=[extraction.slug])

    # 1 diary version, 1 treatment, 1 dermatologists offering it, 1 their
    # working hours, 1 time off, 1 active bookings, 1 closures
    with django_assert_num_queries(7):
        client.get(url, {"week": "2026-12-07"})
    for day in range(7, 12):
        for hour in range(9, 17):
            for dermatologist in dermatologists:
                booking_row_make(
                    treatment=extraction,
                    dermatologist=dermatologist,
                    start=london(2026, 12, day, hour),
                )
    with django_assert_num_queries(7):
        client.get(url, {"week": "2026-12-07"})
    # Seen before, with nothing changed since: the diary version only.
    with django_assert_num_queries(1):
        client.get(url, {"week": "2026-12-07"})


def test_booking_a_time_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, extraction, okafor
):
    # 1 treatment, 1 dermatologists offering it (passed on to the service, not asked
    # again), 1 submission key or same patient, 4 diary, 1 patient record looked up
    # and 3 to make it, 3 booking in its savepoint, 2 history, 1 waiting list,
    # 1 outbox, 2 transaction (a savepoint here, as the test runs in a transaction)
    with django_assert_num_queries(20):
        response = post_details(client, extraction, MONDAY_9)

    assert response.status_code == 302


def test_the_details_page_shows_the_chosen_time_and_the_questions(client, extraction, okafor):
    response = client.get(details_url(extraction, MONDAY_9))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Monday 7 December 2026 at 9:00am (GMT, UK time)" in html
    assert "Where are the bumps?" in html
    assert "under 16" in html
    assert reverse("privacy") in html
    assert re.search(r'name="submission_key" value="[0-9a-f-]{36}"', html)


@pytest.mark.parametrize(
    ("start", "dermatologist"),
    [
        ("nonsense", "any"),
        ("2026-12-07T09:00:00", "any"),
        ("", "any"),
        (MONDAY_9.isoformat(), "999"),
    ],
)
def test_a_garbled_time_link_sends_the_patient_back_to_choose_with_a_message(
    client, extraction, okafor, start, dermatologist
):
    url = (
        reverse("bookings:details", args=[extraction.slug])
        + "?"
        + urlencode({"start": start, "dermatologist": dermatologist})
    )

    response = client.get(url, follow=True)

    assert response.redirect_chain[0][0].startswith(
        reverse("bookings:slots", args=[extraction.slug])
    )
    assert "we could not tell which time you chose" in response.content.decode()


def test_a_time_taken_since_the_slot_page_sends_the_patient_back_with_a_message(
    client, extraction, okafor
):
    booking_row_make(treatment=extraction, dermatologist=okafor, start=MONDAY_9)

    response = client.get(details_url(extraction, MONDAY_9), follow=True)

    assert "Sorry, that time is no longer free" in response.content.decode()
    assert "Monday 7 December 2026" in response.content.decode()  # back on that week


def test_the_whole_flow_books_and_confirms_with_the_reference_and_a_masked_email(
    client, extraction, okafor
):
    response = post_details(client, extraction, MONDAY_9)

    assert response.status_code == 302
    assert response.url == reverse("bookings:confirmation")
    booking = Booking.objects.get()
    assert booking.dermatologist == okafor
    assert booking.status == BookingStatus.REQUESTED
    assert booking.areas == ["eyes", "cheeks"]
    assert booking.patient_note == "They are mostly under my left eye."

    html = client.get(response.url).content.decode()
    assert booking.reference in html
    assert "Monday 7 December 2026 at 9:00am (GMT, UK time)" in html
    assert "s…@example.com" in html
    assert "sarah.thompson@example.com" not in html
    assert "14 Kingsway" in html
    assert "confirm your appointment by email" in html  # what happens next


def test_a_summer_appointment_says_bst(client, extraction):
    dermatologist_make(treatments=[extraction], hours={0: [(time(9), time(17))]})
    with time_machine.travel(london(2027, 6, 1, 8), tick=False):
        post_details(client, extraction, london(2027, 6, 7, 9))
        html = client.get(reverse("bookings:confirmation")).content.decode()

    assert "Monday 7 June 2027 at 9:00am (BST, UK time)" in html


def test_booking_leaves_the_patient_no_session_on_the_server(client, extraction, okafor):
    post_details(client, extraction, MONDAY_9)
    assert client.get(reverse("bookings:confirmation")).status_code == 200

    assert Session.objects.count() == 0
    assert settings.SESSION_COOKIE_NAME not in client.cookies


def test_a_confirmation_cookie_that_was_tampered_with_shows_nothing(client, extraction, okafor):
    post_details(client, extraction, MONDAY_9)
    other = booking_row_make(
        treatment=extraction, dermatologist=okafor, start=london(2026, 12, 7, 11, 0)
    )
    value = client.cookies["confirmed_booking"].value
    client.cookies["confirmed_booking"] = value.replace(
        str(Booking.objects.exclude(pk=other.pk).get().pk), str(other.pk), 1
    )

    response = client.get(reverse("bookings:confirmation"))

    assert response.status_code == 302
    assert response.url == reverse("bookings:start")


def test_the_confirmation_page_without_a_booking_goes_back_to_the_start(client):
    response = client.get(reverse("bookings:confirmation"))

    assert response.status_code == 302
    assert response.url == reverse("bookings:start")


def test_nothing_is_booked_by_a_get(client, extraction, okafor):
    client.get(details_url(extraction, MONDAY_9))

    assert Booking.objects.count() == 0


def test_the_privacy_notice_says_what_why_how_long_and_who_to_ask(client):
    html = client.get(reverse("privacy")).content.decode()

    for words in ["What we collect", "Why we need it", "How long we keep it", "Who to ask"]:
        assert words in html
    assert "one patient record" in html and "Your patient record" in html


def test_days_already_gone_are_not_listed(client, extraction, okafor):
    # Tuesday 8am: nothing can be booked today (24 hours' notice), so the row starts tomorrow.
    html = client.get(reverse("bookings:slots", args=[extraction.slug])).content.decode()

    assert "Monday 30 November 2026" not in html
    assert "Tuesday 1 December 2026:" not in html
    assert 'class="h4">Wednesday 2 December 2026 ' in html


@pytest.mark.parametrize("start", ["0001-01-01T00:30:00+01:00", "9999-12-31T12:00:00+00:00"])
def test_a_time_at_the_edge_of_the_calendar_is_refused_calmly(client, extraction, okafor, start):
    url = reverse("bookings:details", args=[extraction.slug])
    response = client.get(url, {"start": start, "dermatologist": "any"})

    assert response.status_code == 302


def test_the_confirmation_page_shows_for_half_an_hour_only(client, extraction, okafor):
    post_details(client, extraction, MONDAY_9)
    assert client.get(reverse("bookings:confirmation")).status_code == 200

    with time_machine.travel(NOW + timedelta(minutes=31), tick=False):
        response = client.get(reverse("bookings:confirmation"))

    assert response.status_code == 302


@pytest.mark.parametrize("typed", ["+44 (0)7700 900-123", "07700900123", "0044 7700 900 123"])
def test_a_number_typed_any_usual_way_is_booked_as_one_number(client, extraction, okafor, typed):
    response = post_details(client, extraction, MONDAY_9, phone=typed)

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.phone == booking.patient.phone == "+447700900123"


def test_a_returning_patient_booking_online_is_linked_to_their_record(client, extraction, okafor):
    post_details(client, extraction, MONDAY_9)
    client.cookies.clear()
    post_details(
        client, extraction, MONDAY_9 + timedelta(hours=2), email="Sarah.Thompson@Example.com"
    )

    first, second = Booking.objects.order_by("starts_at")
    assert first.patient_id == second.patient_id
