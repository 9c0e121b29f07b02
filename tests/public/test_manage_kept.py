"""The patient's page is kept until anything it shows changes (clinic/web/readcache.py)."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from bookings.change_services import booking_cancel
from bookings.manage_links import legacy_token_hash, manage_page_name
from bookings.models import Booking, CancelledBy, Dermatologist, Patient, Treatment
from bookings.privacy import patient_anonymise
from bookings.waitlist_services import waitlist_join_for_booking
from clinic.web import readcache
from tests.factories import NOW, booking_booked, london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

MONDAY_9 = london(2026, 12, 7, 9, 0)
TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def booking(peel, okafor) -> Booking:
    return booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)


def url(booking: Booking) -> str:
    return reverse("bookings:manage", kwargs={"token": booking.manage_token})


def visit(booking: Booking, client: Client | None = None):
    """A visit as a new browser makes it, and whether the page was built for it."""
    response = (client or Client()).get(url(booking))
    assert response.status_code == 200
    return response.content.decode(), bool(response.templates)


def kept_entry(booking: Booking):
    return cache.get(readcache._key(manage_page_name(booking.manage_token)))


def test_the_next_visit_gets_the_kept_page_without_building_it(booking):
    first, built = visit(booking)
    second, built_again = visit(booking)

    assert built and not built_again
    assert TOKEN_INPUT.sub("", second) == TOKEN_INPUT.sub("", first)
    assert "Move to another time" in second
    # What is kept: the page's own statements, and no secret of the link.
    entry = kept_entry(booking)
    assert entry is not None and len(entry["reads"]) == 2
    # The link's secret is nowhere in Redis, though every link of the page carries it.
    assert booking.manage_token not in repr(entry)
    assert booking.manage_token in second


def test_the_kept_page_is_asked_again_with_the_statements_that_built_it(booking):
    visit(booking)
    entry = kept_entry(booking)
    with pytest.MonkeyPatch.context() as patch:
        asked = []
        patch.setattr(readcache, "_answers_digest", lambda reads: asked.append(reads) or "x")
        _, built = visit(booking)

    assert asked[0] == entry["reads"]  # then the new page's own, as it is kept again
    assert built  # the answers differed: built again


@pytest.mark.parametrize(
    "change, shown",
    [
        (lambda b: booking_cancel(booking=b), "is cancelled"),
        (lambda b: Treatment.objects.filter(pk=b.treatment_id).update(name="Glycolic peel"), "Glycolic peel"),
        (lambda b: Dermatologist.objects.filter(pk=b.dermatologist_id).update(post_nominals="FRCP"), "FRCP"),
        (lambda b: Patient.objects.filter(pk=b.patient_id).update(contact_by_text=True), "Stop texting me"),
        (
            lambda b: waitlist_join_for_booking(
                booking=b,
                dermatologist=None,
                first_day=NOW.date() + timedelta(days=1),
                last_day=NOW.date() + timedelta(days=3),
                parts_of_day=["morning"],
            ),
            "You are on the waiting list",
        ),
    ],
    ids=["cancelled", "treatment", "dermatologist", "patient's texts", "waiting list"],
)  # fmt: skip
def test_any_change_to_what_the_page_shows_is_shown_at_the_next_visit(booking, change, shown):
    visit(booking)
    before, _ = visit(booking)
    assert shown not in before

    change(Booking.objects.get(pk=booking.pk))
    after, built = visit(booking)

    assert built and shown in after


def test_a_page_showing_a_waiting_list_entry_is_never_kept(booking):
    waitlist_join_for_booking(
        booking=booking,
        dermatologist=None,
        first_day=NOW.date() + timedelta(days=1),
        last_day=NOW.date() + timedelta(days=3),
        parts_of_day=["morning"],
    )

    html, _ = visit(booking)

    assert "Leave the waiting list" in html  # its own secret link
    assert kept_entry(booking) is None


def test_a_page_made_under_other_code_or_settings_is_not_served(booking, monkeypatch):
    visit(booking)
    monkeypatch.setattr(readcache, "_made_under", lambda: "another release|other settings")

    _, built = visit(booking)

    assert built


def test_at_the_cut_off_the_kept_page_gives_way(booking, frozen_clock):
    before, _ = visit(booking)
    assert "Cancel this appointment" in before

    frozen_clock.move_to(booking.changeable_until + timedelta(seconds=1))
    after, built = visit(booking)

    assert built
    assert "It is too late to change this online" in after


def test_every_visitor_gets_a_form_token_of_their_own_that_works(booking):
    visit(booking)
    browser = Client(enforce_csrf_checks=True)
    html, built = visit(booking, browser)
    token = TOKEN_INPUT.search(html).group(1)

    assert not built
    assert readcache.CSRF_PLACEHOLDER not in html
    assert "csrftoken" in browser.cookies
    response = browser.post(
        reverse("bookings:texts_choose", kwargs={"token": booking.manage_token}),
        {"texts": "on", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Patient.objects.get(pk=booking.patient_id).contact_by_text


def test_a_message_for_the_patient_is_shown_once_and_never_kept(booking):
    visit(booking)
    browser = Client()
    response = browser.post(
        reverse("bookings:cancel", kwargs={"token": booking.manage_token}), follow=True
    )
    assert "Your appointment has been cancelled" in response.content.decode()

    again, _ = visit(booking, browser)
    stranger, _ = visit(booking)

    assert "Your appointment has been cancelled" not in again
    assert "Your appointment has been cancelled" not in stranger
    assert "This appointment is cancelled" in stranger


def test_anonymising_the_patient_removes_their_kept_page(
    booking, django_capture_on_commit_callbacks
):
    booking_cancel(booking=booking, cancelled_by=CancelledBy.PATIENT)
    visit(booking)
    assert kept_entry(booking) is not None

    with django_capture_on_commit_callbacks(execute=True):
        patient_anonymise(patient=booking.patient, requested_by="the patient, by email")

    assert kept_entry(booking) is None


def test_a_link_from_before_keyed_links_is_shown_but_never_kept(booking):
    old_token = "o" * 43
    Booking.objects.filter(pk=booking.pk).update(legacy_token_hash=legacy_token_hash(old_token))

    response = Client().get(reverse("bookings:manage", kwargs={"token": old_token}))

    assert response.status_code == 200 and booking.reference in response.content.decode()
    assert cache.get(readcache._key(manage_page_name(old_token))) is None


def test_a_page_whose_build_writes_is_not_kept(booking):
    request = RequestFactory().get("/somewhere/")

    def build():
        Booking.objects.filter(pk=booking.pk).update(staff_notes="seen")
        return readcache.HttpResponse("page"), NOW + timedelta(hours=1)

    readcache.kept_while_reads_unchanged(request, "writes:s3cret", build, secret="s3cret")

    assert cache.get(readcache._key("writes:s3cret")) is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_outside_a_transaction_the_statements_are_prepared_once_a_connection(peel, okafor):
    booking = booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)
    visit(booking)
    _, built = visit(booking)
    assert not built
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'kept_%%'")
        assert cursor.fetchone()[0] == 2

    connection.close()  # a new connection has none prepared: they are made again
    _, built = visit(booking)
    assert not built

    Treatment.objects.filter(pk=peel.pk).update(name="Glycolic peel")
    html, built = visit(booking)
    assert built and "Glycolic peel" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_behind_a_pooler_the_reads_are_asked_plainly(peel, okafor, settings):
    settings.KEPT_PAGES_PREPARED = False
    booking = booking_booked(treatment=peel, start=MONDAY_9, dermatologist=okafor)
    visit(booking)
    _, built = visit(booking)

    assert not built
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'kept_%%'")
        assert cursor.fetchone()[0] == 0
