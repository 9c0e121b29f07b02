"""Reception's waiting list: the list by treatment, offers made by hand, the first page and
the patient's page."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from bookings.models import WaitlistOffer
from tests.conftest import login_with_second_factor
from tests.desk.helpers import messages_of
from tests.desk.patients_helpers import page_url
from tests.factories import NOW, booking_row_make, london
from tests.waitlist_rows import entry_row_make, offer_row_make

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

LIST = "/admin/bookings/waitlistentry/"


def text_of(html) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def offer_url(entry) -> str:
    return reverse("admin:bookings_waitlistentry_offer", args=[entry.pk])


def test_the_list_shows_who_waits_for_what_since_when_and_what_they_were_offered(
    reception, peel, extraction, okafor
):
    entry_row_make(treatment=peel, name="Later Joiner", email="later@example.com", created_at=NOW)
    first = entry_row_make(
        treatment=peel,
        name="First Joiner",
        email="first@example.com",
        dermatologist=okafor,
        parts_of_day=["morning", "evening"],
        created_at=NOW - timedelta(days=3, hours=2),
    )
    entry_row_make(
        treatment=extraction, name="Other Treatment", email="x@example.com", created_at=NOW
    )
    offer_row_make(entry=first, dermatologist=okafor, start=london(2026, 12, 3, 10))
    offer_row_make(entry=first, dermatologist=okafor, start=london(2026, 12, 3, 10), channel="text")
    entry_row_make(
        treatment=peel,
        name="Already Left",
        email="left@example.com",
        ended_at=NOW,
        end_reason="left",
    )

    page = text_of(reception.get(LIST).content.decode())

    assert page.index("First Joiner") < page.index("Later Joiner")  # first come, first served
    assert "Already Left" not in page
    assert "3 days" in page
    assert "Dr Amara Okafor" in page and "mornings, evenings" in page
    assert "Wed 2 Dec to Tue 22 Dec" in page
    assert "1, last Tue 1 Dec 8:00am" in page  # the text beside the email is the same offer
    assert "None yet" in page
    assert "Offer a time" in page
    assert "Already Left" in text_of(reception.get(LIST, {"on_list": "ended"}).content.decode())


def test_the_list_is_grouped_by_treatment(reception, peel, extraction, okafor):
    entry_row_make(treatment=extraction, name="Extraction Patient", email="e@example.com")
    entry_row_make(treatment=peel, name="Peel Patient", email="p@example.com")
    peel.display_order, extraction.display_order = 1, 2
    peel.save(), extraction.save()

    page = text_of(reception.get(LIST).content.decode())
    assert page.index("Peel Patient") < page.index("Extraction Patient")
    filtered = text_of(reception.get(LIST, {"treatment__id__exact": peel.pk}).content.decode())
    assert "Extraction Patient" not in filtered


def test_the_list_runs_the_same_queries_however_long_it_is(
    reception, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 two-factor device, 1 user's permissions, 1 groups'
        # permissions, 1 the count of entries, 1 the entries with treatment, dermatologist,
        # booking and their offers counted, 1 the treatments for the filter
        with django_assert_num_queries(8):
            assert reception.get(LIST).status_code == 200

    entry = entry_row_make(treatment=peel)
    count_queries()
    for n in range(6):
        more = entry_row_make(treatment=peel, name=f"Patient {n}", email=f"p{n}@example.com")
        offer_row_make(entry=more, dermatologist=okafor, start=london(2026, 12, 3, 9 + n))
    offer_row_make(entry=entry, dermatologist=okafor, start=london(2026, 12, 4, 9))
    count_queries()


def test_the_offer_page_shows_the_entry_and_the_days_free_times(reception, peel, okafor):
    entry = entry_row_make(treatment=peel, dermatologist=okafor)

    response = reception.get(offer_url(entry))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Offer a time to Sarah Thompson" in html
    assert "Wednesday 2 December 2026 to Tuesday 22 December 2026" in text_of(html)
    assert f'<option value="{okafor.pk}" selected>' in html
    assert 'name="slot"' in html and "9:00am" in html  # the first day's free times
    assert "inside the notice period" in html


def test_reception_offers_a_late_freed_time_inside_the_notice_period(
    reception, receptionist, peel, okafor, settings
):
    entry = entry_row_make(treatment=peel)
    today_3pm = london(2026, 12, 1, 15)

    response = reception.post(
        offer_url(entry),
        {"day": "2026-12-01", "dermatologist": okafor.pk, "slot": today_3pm.isoformat()},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    (offer,) = WaitlistOffer.objects.filter(entry=entry)
    assert (offer.starts_at, offer.dermatologist, offer.staff_made) == (today_3pm, okafor, True)
    assert offer.by_staff == receptionist
    assert any(
        "Offered Tuesday 1 December 2026 at 3:00pm with Dr Amara Okafor" in m
        for m in messages_of(response)
    )


def test_a_time_that_is_not_free_is_refused_saying_why_and_keeping_the_choices(
    reception, peel, okafor
):
    entry = entry_row_make(treatment=peel)

    response = reception.post(
        offer_url(entry), {"day": "2026-12-05", "dermatologist": okafor.pk, "typed_time": "10:00"}
    )  # a Saturday: Dr Okafor does not work

    html = response.content.decode()
    assert response.status_code == 409
    assert "Saturday 5 December 2026, 10:00am:" in text_of(html)
    assert "Nothing was offered." in html
    assert f'<option value="{okafor.pk}" selected>' in html
    assert not WaitlistOffer.objects.exists()


def test_an_offer_needs_a_time(reception, peel, okafor):
    entry = entry_row_make(treatment=peel)

    response = reception.post(offer_url(entry), {"day": "2026-12-03", "dermatologist": okafor.pk})

    assert "Choose one of the free times, or type a time." in response.content.decode()
    assert not WaitlistOffer.objects.exists()


def test_whoever_is_free_offers_the_time_with_the_first_dermatologist_free_then(
    reception, peel, okafor, whitfield
):
    entry = entry_row_make(treatment=peel)
    booking_row_make(treatment=peel, dermatologist=okafor, start=london(2026, 12, 3, 11))

    reception.post(
        offer_url(entry), {"day": "2026-12-03", "dermatologist": "", "typed_time": "11:00"}
    )
    nobody = reception.post(
        offer_url(entry), {"day": "2026-12-05", "dermatologist": "", "typed_time": "11:00"}
    )

    (offer,) = WaitlistOffer.objects.all()
    assert offer.dermatologist == whitfield  # Dr Okafor, first by name, is booked then
    assert nobody.status_code == 409
    assert "Nobody who offers the treatment is free then." in nobody.content.decode()


def test_no_time_can_be_offered_to_someone_no_longer_waiting(reception, peel, okafor):
    entry = entry_row_make(treatment=peel, ended_at=NOW, end_reason="left")

    html = reception.get(offer_url(entry)).content.decode()

    assert "no longer waiting (left the list)" in html
    assert "Offer this time" not in html


def test_the_entrys_page_lists_its_offers(reception, peel, okafor, receptionist):
    entry = entry_row_make(treatment=peel)
    offer_row_make(entry=entry, dermatologist=okafor, start=london(2026, 12, 3, 10))
    offer_row_make(
        entry=entry,
        dermatologist=okafor,
        start=london(2026, 12, 1, 15),
        staff_made=True,
        by_staff=receptionist,
    )

    html = text_of(reception.get(f"{LIST}{entry.pk}/change/").content.decode())

    assert "Offers made (2)" in html
    assert "Thu 3 Dec 10:00am Dr Amara Okafor Email, automatically" in html
    assert f"by {receptionist.username}" in html
    assert "Offer a time" in html


def test_the_first_page_shows_offers_out_and_links_to_the_list(reception, peel, okafor):
    waiting = entry_row_make(treatment=peel)
    offer_row_make(
        entry=waiting,
        dermatologist=okafor,
        start=london(2026, 12, 3, 10),
        created_at=NOW - timedelta(hours=2),
    )
    left = entry_row_make(
        treatment=peel, name="Gone Away", email="g@example.com", ended_at=NOW, end_reason="left"
    )
    offer_row_make(entry=left, dermatologist=okafor, start=london(2026, 12, 3, 11))
    old = entry_row_make(treatment=peel, name="Days Ago", email="d@example.com")
    offer_row_make(
        entry=old,
        dermatologist=okafor,
        start=london(2026, 12, 3, 12),
        created_at=NOW - timedelta(days=2),
        day=date(2026, 11, 29),
    )

    html = reception.get("/admin/").content.decode()

    start = html.index('aria-labelledby="offers-out"')
    box = text_of(html[start : html.index("</section>", start)])
    assert "Sarah Thompson : Chemical peel, Thu 3 Dec 10:00am with Dr Amara Okafor" in box
    assert "offered 2 hours ago" in box
    assert "Gone Away" not in box and "Days Ago" not in box
    assert f'href="{LIST}"' in html


def test_the_patients_page_lists_their_waiting_list_entries(reception, peel, okafor):
    entry = entry_row_make(treatment=peel, dermatologist=okafor)
    entry_row_make(treatment=peel, patient=entry.patient, ended_at=NOW, end_reason="booked")

    html = reception.get(page_url(entry.patient)).content.decode()

    start = html.index('aria-labelledby="patient-waitlist"')
    box = text_of(html[start : html.index("</section>", start)])
    assert "Waiting list (2)" in box
    assert "Chemical peel Dr Amara Okafor Wed 2 Dec to Tue 22 Dec" in box
    assert "Waiting" in box and "Booked a time" in box


def test_reception_takes_someone_off_the_list_with_a_post(reception, peel):
    entry = entry_row_make(treatment=peel)
    url = reverse("admin:bookings_waitlistentry_leave", args=[entry.pk])

    assert reception.get(url).status_code == 405
    response = reception.post(url)

    entry.refresh_from_db()
    assert response.status_code == 302 and entry.end_reason == "left"
    assert "Sarah Thompson is off the waiting list" in " ".join(messages_of(response))
    page = reception.get(f"{LIST}{entry.pk}/change/").content.decode()
    assert "Take off the list" not in page and "Offer a time" not in page
    assert 'name="_save"' not in page


def test_staff_who_may_only_look_at_the_list_cannot_offer_or_take_off(client, peel, okafor):
    viewer = User.objects.create_user("viewer", password="a-long-test-password", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_waitlistentry"))
    login_with_second_factor(client, viewer)
    entry = entry_row_make(treatment=peel)

    assert client.get(LIST).status_code == 200
    assert client.get(offer_url(entry)).status_code == 403
    leave = reverse("admin:bookings_waitlistentry_leave", args=[entry.pk])
    assert client.post(leave).status_code == 403
    entry.refresh_from_db()
    assert entry.is_waiting and not WaitlistOffer.objects.exists()
