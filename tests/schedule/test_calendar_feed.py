"""A dermatologist's private calendar feed: their appointments, no patient details, a secret address."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from bookings.models import Dermatologist
from bookings.notify.emails import booking_calendar
from tests.conftest import login_with_second_factor
from tests.factories import NOW, booking_row_make, london

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def feed_url(dermatologist) -> str:
    return reverse("staff:calendar_feed", kwargs={"token": dermatologist.calendar_token})


def events_of(response) -> dict[str, dict]:
    """The feed's events by UID, as the icalendar package reads them."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_each_appointment_is_an_event_with_times_treatment_and_reference(client, peel, okafor):
    booking = booking_row_make(
        treatment=peel, dermatologist=okafor, start=london(2026, 12, 7, 9, 0), sequence=3
    )

    events = events_of(client.get(feed_url(okafor)))

    event = events[booking.calendar_uid]
    assert event.decoded("DTSTART") == datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 12, 7, 9, 45, tzinfo=UTC)
    assert str(event["SUMMARY"]) == f"Chemical peel · {booking.reference}"
    assert event["SEQUENCE"] == 3
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in event


def test_times_are_utc_so_the_week_the_clocks_change_is_an_hour_apart(
    client, peel, okafor, frozen_clock
):
    frozen_clock.move_to(london(2027, 3, 22, 8, 0))
    # 9am UK time both days: GMT on Friday 26 March, BST from Sunday 28 March.
    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2027, 3, 26, 9, 0))
    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2027, 3, 29, 9, 0))

    ical = client.get(feed_url(okafor)).content.decode()

    assert "DTSTART:20270326T090000Z" in ical
    assert "DTSTART:20270329T080000Z" in ical
    assert "DTEND:20270329T084500Z" in ical


@pytest.mark.parametrize(
    ("status", "shown_as"),
    [
        ("requested", "TENTATIVE"),
        ("confirmed", "CONFIRMED"),
        ("arrived", "CONFIRMED"),
        ("completed", "CONFIRMED"),
        ("no_show", "CONFIRMED"),
        ("cancelled", None),
    ],
)
def test_requests_are_tentative_and_cancelled_bookings_drop_out(
    client, peel, okafor, status, shown_as
):
    booking = booking_row_make(
        treatment=peel, dermatologist=okafor, start=london(2026, 12, 7, 9, 0), status=status
    )

    events = events_of(client.get(feed_url(okafor)))

    uid = booking.calendar_uid
    if shown_as is None:
        assert uid not in events
    else:
        assert str(events[uid]["STATUS"]) == shown_as


def test_the_feed_carries_no_patient_details(client, peel, okafor):
    booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2026, 12, 7, 9, 0),
        patient_name="Sarah Thompson",
        email="sarah.thompson@example.com",
        phone="07700 900123",
        date_of_birth=date(1988, 4, 12),
        patient_note="Under my left eye",
        tried_already="Retinol",
        staff_notes="Needs a chaperone",
        warning_signs=["infection"],
        needs_attention=True,
        pregnancy="pregnant",
    )

    ical = client.get(feed_url(okafor)).content.decode().lower()

    for private in [
        "sarah",
        "thompson",
        "example.com",
        "07700",
        "1988",
        "left eye",
        "retinol",
        "chaperone",
        "infection",
        "redness",
        "pregnant",
    ]:
        assert private not in ical, private
    assert "description" not in ical


def test_the_feed_has_only_the_dermatologists_own_bookings_in_its_window(
    client, peel, okafor, whitfield
):
    def at(days):
        start = NOW + timedelta(days=days)
        return booking_row_make(treatment=peel, dermatologist=okafor, start=start)

    inside = [at(-29), at(0), at(89)]
    outside = [at(-31), at(91)]
    theirs = booking_row_make(treatment=peel, dermatologist=whitfield, start=london(2026, 12, 7, 9))

    uids = set(events_of(client.get(feed_url(okafor))))

    assert uids == {booking.calendar_uid for booking in inside}
    assert not uids & {booking.calendar_uid for booking in [*outside, theirs]}


def test_an_unknown_or_tampered_token_is_a_404(client, okafor):
    token = okafor.calendar_token

    assert client.get(f"/staff/calendar/{token[:-1]}x.ics").status_code == 404
    assert client.get("/staff/calendar/.ics").status_code == 404
    assert client.get(f"/staff/calendar/{token}.ics").status_code == 200


@pytest.mark.parametrize(
    "path", ["a%00b.ics", "%00.ics", "x" * 300 + ".ics", "caf%C3%A9" + "x" * 40 + ".ics"]
)
def test_a_calendar_address_no_token_could_have_is_a_404(client, okafor, path):
    assert client.get(f"/staff/calendar/{path}").status_code == 404


def test_each_dermatologist_has_a_long_random_token_of_their_own(okafor, whitfield):
    assert len(okafor.calendar_token) >= 40
    assert okafor.calendar_token != whitfield.calendar_token
    assert str(okafor.pk) not in okafor.calendar_token


def test_the_schedule_shows_the_feed_address_and_resetting_it_kills_the_old_one(client, okafor):
    login_with_second_factor(client, okafor.user)
    old_url = feed_url(okafor)

    page = client.get(reverse("staff:schedule")).content.decode()
    assert f"http://testserver{old_url}" in page

    assert client.get(reverse("staff:calendar_reset")).status_code == 405
    response = client.post(reverse("staff:calendar_reset"), follow=True)

    okafor.refresh_from_db()
    new_url = feed_url(okafor)
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200
    html = response.content.decode()
    assert "The old one has stopped working" in html
    assert f"http://testserver{new_url}" in html


def test_only_the_signed_in_dermatologist_resets_their_own_feed(client, okafor, whitfield):
    before = {d.pk: d.calendar_token for d in Dermatologist.objects.all()}

    assert client.post(reverse("staff:calendar_reset")).status_code == 302  # to sign in
    login_with_second_factor(client, okafor.user)
    client.post(reverse("staff:calendar_reset"))

    after = {d.pk: d.calendar_token for d in Dermatologist.objects.all()}
    assert after[whitfield.pk] == before[whitfield.pk]
    assert after[okafor.pk] != before[okafor.pk]


def test_the_feed_runs_two_queries_however_many_bookings(
    client, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 the dermatologist by token, 1 their bookings in the window with each treatment
        with django_assert_num_queries(2):
            assert client.get(feed_url(okafor)).status_code == 200

    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2026, 12, 7, 9))
    count_queries()
    for day in range(8, 38):
        booking_row_make(treatment=peel, dermatologist=okafor, start=NOW + timedelta(days=day))
    count_queries()


def test_the_feed_and_the_patients_invite_give_an_appointment_the_same_uid(
    client, settings, peel, okafor
):
    settings.SITE_URL = "https://www.kingsway-skin.example"
    booking = booking_row_make(
        treatment=peel, dermatologist=okafor, start=london(2026, 12, 7, 9, 0), confirmed_at=NOW
    )
    invite = Calendar.from_ical(booking_calendar(booking, method="REQUEST", now=NOW))

    (invited,) = invite.walk("VEVENT")
    assert set(events_of(client.get(feed_url(okafor)))) == {str(invited["UID"])}
