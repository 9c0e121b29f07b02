"""Booking from the guide's treatment pages, and the queries each guide page costs."""

import pytest
from django.urls import reverse

from education.models import FAQ, Page, Section
from tests.education.test_guide import (
    booking_link_of,
    guide_html,
)

pytestmark = pytest.mark.django_db


# Booking from a treatment page


@pytest.mark.parametrize(
    ("url", "booking_url", "name", "duration", "price"),
    [
        (
            "/milia/treatments/extraction/",
            "/book/milia-extraction/",
            "Milia extraction",
            "30 minutes",
            "£180",
        ),
        (
            "/milia/treatments/chemical-peels/",
            "/book/chemical-peel/",
            "Chemical peel",
            "45 minutes",
            "£150.50",
        ),
        (
            "/milia/treatments/laser/",
            "/book/laser-treatment/",
            "Laser treatment",
            "1 hour 30 minutes",
            "£350",
        ),
        ("/milia/treatments/cryotherapy/", "/book/cryotherapy/", "Cryotherapy", "1 hour", "£160"),
    ],
)
def test_each_treatment_page_books_its_own_treatment(
    client, appointment_types, url, booking_url, name, duration, price
):
    html = guide_html(client, url)

    assert booking_url == reverse(
        "bookings:slots", kwargs={"treatment_slug": booking_url.split("/")[2]}
    )
    assert booking_link_of(html) == booking_url
    assert '<h2 id="clinic-service-heading">At Kingsway Skin Clinic</h2>' in html
    assert f"<dt>Appointment</dt> <dd>{name}</dd>" in html
    assert f"<dt>How long it takes</dt> <dd>{duration}</dd>" in html
    assert f"<dt>Price</dt> <dd>{price} covers your consultation" in html  # the one statement
    assert "You cannot book this treatment online" not in html


def test_retinoids_are_booked_as_a_general_consultation(client, appointment_types):
    html = guide_html(client, "/milia/treatments/topical-retinoids/")

    assert booking_link_of(html) == "/book/general-consultation/"
    assert "<dt>Appointment</dt> <dd>General milia consultation</dd>" in html
    assert "You cannot book this treatment online" not in html


def test_an_inactive_treatment_falls_back_to_a_general_consultation(client, appointment_types):
    appointment_types["laser-treatment"].is_active = False
    appointment_types["laser-treatment"].save()

    html = guide_html(client, "/milia/treatments/laser/")

    assert booking_link_of(html) == "/book/general-consultation/"
    assert "You cannot book this treatment online at the moment." in html
    assert "<dt>Appointment</dt> <dd>General milia consultation</dd>" in html


def test_a_missing_treatment_falls_back_to_a_general_consultation(client, appointment_types):
    appointment_types["cryotherapy"].delete()

    html = guide_html(client, "/milia/treatments/cryotherapy/")

    assert booking_link_of(html) == "/book/general-consultation/"


def test_without_a_general_consultation_the_link_goes_to_the_start_of_booking(
    client, appointment_types
):
    appointment_types["laser-treatment"].delete()
    appointment_types["general-consultation"].is_active = False
    appointment_types["general-consultation"].save()

    html = guide_html(client, "/milia/treatments/laser/")

    assert booking_link_of(html) == reverse("bookings:start") == "/book/"
    assert "<dt>Price</dt>" not in html


# Speed

# Query 1: every guide page with its reviewer (reading order, contents, links).
# Query 2: the sections of the page shown.
# Query 3: the sources, to number the ones the page cites (and list them all on its page).
PAGE_QUERIES = 3
# Query 4: the active appointment types the booking box may offer.
TREATMENT_PAGE_QUERIES = PAGE_QUERIES + 1
# Query 4: the prices of the treatments side by side.
OVERVIEW_QUERIES = PAGE_QUERIES + 1
# Query 0 (first): the questions.
LIST_PAGE_QUERIES = PAGE_QUERIES + 1


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/milia/", PAGE_QUERIES),
        ("/milia/what-are-milia/", PAGE_QUERIES),
        ("/milia/treatments/", OVERVIEW_QUERIES),
        ("/milia/treatments/extraction/", TREATMENT_PAGE_QUERIES),
        ("/milia/treatments/topical-retinoids/", TREATMENT_PAGE_QUERIES),
        ("/milia/faqs/", LIST_PAGE_QUERIES),
        ("/milia/sources/", PAGE_QUERIES),
    ],
)
def test_each_guide_page_renders_in_a_few_queries(
    client, appointment_types, django_assert_num_queries, url, queries
):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize(
    ("slug", "url", "queries"),
    [
        ("myths", "/milia/myths/", PAGE_QUERIES),
        ("laser", "/milia/treatments/laser/", TREATMENT_PAGE_QUERIES),
    ],
)
def test_a_page_takes_the_same_queries_with_3_or_30_sections(
    client, appointment_types, django_assert_num_queries, slug, url, queries, count
):
    page = Page.objects.get(slug=slug)
    page.sections.all().delete()
    kinds = ["text", "callout", "do_dont", "see_someone"]
    Section.objects.bulk_create(
        Section(
            page=page,
            order=n,
            kind=kinds[n % 4],
            heading=f"Part {n}",
            body="Words.",
            do_items="a",
            dont_items="b",
        )
        for n in range(count)
    )

    with django_assert_num_queries(queries):
        html = client.get(url).content.decode()

    assert html.count('<h2 id="section-') == count


@pytest.mark.parametrize("count", [3, 30])
def test_the_faq_page_takes_the_same_queries_with_3_or_30_questions(
    client, django_assert_num_queries, count
):
    FAQ.objects.all().delete()
    FAQ.objects.bulk_create(
        FAQ(question=f"Question {n}?", answer="An answer.", order=n) for n in range(count)
    )

    with django_assert_num_queries(LIST_PAGE_QUERIES):
        html = client.get("/milia/faqs/").content.decode()

    assert html.count('<h2 id="question-') == count
