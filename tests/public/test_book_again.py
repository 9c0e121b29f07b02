"""Back, then Book again: the patient's own booking is recognised, never made twice."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from bookings.models import Booking
from bookings.services import AlreadyBooked, booking_create
from tests.factories import dermatologist_make, intake_make, london, patient_make
from tests.public.test_booking_flow import details_url, post_details

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

MONDAY_9 = london(2026, 12, 7, 9, 0)


@pytest.fixture
def two_free(peel, okafor, whitfield):
    """Two dermatologists free at the same time: "first available" could pick either."""
    return [okafor, whitfield]


def book_again(client, treatment, dermatologist="any", **answers):
    """The form as Back brings it again: filled in, with a new submission key."""
    return post_details(
        client, treatment, MONDAY_9, dermatologist, submission_key=str(uuid.uuid4()), **answers
    )


def test_back_then_book_again_makes_no_second_booking_and_shows_the_first(client, peel, two_free):
    first = book_again(client, peel)
    again = book_again(client, peel)

    booking = Booking.objects.get()
    assert first.status_code == again.status_code == 302
    assert again.url == reverse("bookings:confirmation")
    html = client.get(again.url).content.decode()
    assert booking.reference in html and booking.get_absolute_url() in html


def test_back_then_book_again_with_the_only_free_dermatologist_shows_the_own_booking(
    client, peel, okafor
):
    book_again(client, peel, dermatologist=okafor.pk)
    again = book_again(client, peel, dermatologist=okafor.pk)

    assert Booking.objects.count() == 1
    assert again.status_code == 302
    assert again.url == reverse("bookings:confirmation")


def test_the_email_is_compared_as_the_lost_link_page_compares_it(client, peel, two_free):
    book_again(client, peel)
    book_again(client, peel, email="  Sarah.Thompson@EXAMPLE.com ", patient_name="sarah  thompson")

    assert Booking.objects.count() == 1


def test_anyone_else_with_the_same_details_learns_only_that_a_booking_exists(
    client, peel, two_free
):
    book_again(client, peel)
    booking = Booking.objects.get()

    response = book_again(Client(), peel)

    html = response.content.decode()
    assert Booking.objects.count() == 1
    assert response.status_code == 200
    assert "A booking already exists at that time" in html
    assert "its details have been emailed to the address given" in html.replace("I", "i")
    assert booking.reference not in html
    assert booking.manage_token not in html
    assert "Dr Amara Okafor" not in html


def test_a_parent_books_two_children_at_the_same_time_with_one_email(client, peel, two_free):
    parent = {"guardian_name": "Sarah Thompson", "guardian_relationship": "Mother"}
    book_again(client, peel, patient_name="Amy Thompson", date_of_birth="01/02/2015", **parent)
    book_again(client, peel, patient_name="Ben Thompson", date_of_birth="03/04/2017", **parent)

    assert Booking.objects.count() == 2


def test_the_service_refuses_a_second_booking_for_the_same_patient_at_the_same_time(peel, okafor):
    whitfield = dermatologist_make(treatments=[peel], name="Dr James Whitfield")
    booking = booking_create(
        treatment=peel,
        start=MONDAY_9,
        dermatologist=None,
        patient=patient_make(),
        intake=intake_make(),
    )

    with pytest.raises(AlreadyBooked) as refused:
        booking_create(
            treatment=peel,
            start=MONDAY_9,
            dermatologist=whitfield,
            patient=patient_make(),
            intake=intake_make(),
        )

    assert refused.value.booking == booking
    assert Booking.objects.count() == 1


def test_back_to_the_form_of_a_time_just_booked_shows_the_booking_not_no_longer_free(
    client, peel, okafor
):
    book_again(client, peel, dermatologist=okafor.pk)

    mine = client.get(details_url(peel, MONDAY_9, okafor.pk))
    someone_else = Client().get(details_url(peel, MONDAY_9, okafor.pk))

    assert mine.status_code == 302
    assert mine.url == reverse("bookings:confirmation")
    assert someone_else.status_code == 302
    assert someone_else.url.startswith(reverse("bookings:slots", args=[peel.slug]))
