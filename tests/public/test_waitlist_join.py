"""Joining the waiting list from the times page: the way in, the form, and what it refuses."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from bookings.models import EmailKind, OutboxEmail, WaitlistEntry
from clinic.web.honeypot import HONEYPOT_FIELD, HONEYPOT_MESSAGE
from tests.factories import booking_row_make, london

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def join_url(treatment):
    return reverse("bookings:waitlist-join", kwargs={"treatment_slug": treatment.slug})


def join_answers(**overrides):
    answers = {
        "dermatologist": "any",
        "first_day": "2026-12-03",
        "last_day": "2026-12-20",
        "parts_of_day": ["morning", "evening"],
        "name": "Sarah Thompson",
        "date_of_birth": "12/04/1988",
        "email": "sarah.thompson@example.com",
        "phone": "07700 900123",
        "privacy_consent": "on",
    }
    answers.update(overrides)
    return {key: value for key, value in answers.items() if value is not None}


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_day_with_no_free_times_offers_the_waiting_list(client, peel, okafor):
    # Thursday 3 December, 9 to 5, taken whole.
    booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2026, 12, 3, 9),
        ends_at=london(2026, 12, 3, 17),
        blocked_until=london(2026, 12, 3, 17),
    )

    html = client.get(
        reverse("bookings:slots", args=[peel.slug]), {"day": "2026-12-03"}
    ).content.decode()

    assert "No free times on this day." in html
    assert f'href="{join_url(peel)}"' in html
    assert "Need a time sooner?" in text_of(html)


def test_no_free_times_at_all_makes_the_waiting_list_the_way_on(client, peel):
    html = client.get(reverse("bookings:slots", args=[peel.slug])).content.decode()

    assert "There are no free times in the next few weeks" in html
    assert f'<a class="btn btn-primary" href="{join_url(peel)}">Join the waiting list</a>' in html


def test_under_the_free_times_a_quieter_link_keeps_the_dermatologist_chosen(client, peel, okafor):
    html = client.get(
        reverse("bookings:slots", args=[peel.slug]), {"dermatologist": okafor.pk}
    ).content.decode()

    assert "None of these suit?" in html
    assert f'href="{join_url(peel)}?dermatologist={okafor.pk}"' in html


def test_the_form_starts_with_any_dermatologist_from_today_to_the_horizon_at_any_time(
    client, peel, okafor
):
    response = client.get(join_url(peel), {"dermatologist": okafor.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{okafor.pk}" selected>' in html
    assert 'name="first_day" value="2026-12-01"' in html
    assert 'name="last_day" value="2027-01-26"' in html  # 8 weeks on
    assert html.count('name="parts_of_day"') == 3 and html.count("checked") == 3
    assert "privacy notice" in html and 'href="/privacy/"' in html
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_patient_joins_and_is_told_what_happens_next(
    client, peel, okafor, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(join_url(peel), join_answers(dermatologist=str(okafor.pk)))

    entry = WaitlistEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bookings:waitlist-entry", args=[entry.token])
    assert (entry.treatment, entry.dermatologist, entry.name) == (peel, okafor, "Sarah Thompson")
    assert (str(entry.first_day), str(entry.last_day)) == ("2026-12-03", "2026-12-20")
    assert entry.parts_of_day == ["morning", "evening"]
    assert entry.phone == "+447700900123"
    assert entry.patient.date_of_birth.isoformat() == "1988-04-12"
    assert OutboxEmail.objects.filter(waitlist_entry=entry, kind=EmailKind.WAITLIST_JOINED).exists()

    page = text_of(client.get(response["Location"]).content.decode())
    assert "You are on the waiting list" in page
    assert "What happens next" in page and "the first to book gets it" in page
    assert "Thursday 3 December 2026 to Sunday 20 December 2026" in page
    assert "Leave the waiting list" in page
    assert len(mail.outbox) <= 1  # the joined email, if the engine sent it already


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_day", "2026-11-30", "The first day cannot be in the past."),
        ("first_day", "31/02/2027", "Enter the first day as day, month and year"),
        ("last_day", "2027-02-01", "Choose a last day on or before Tuesday 26 January 2027."),
        ("last_day", "2026-12-02", "The last day must be on or after the first day."),
        ("last_day", "", "Enter the last day you could come."),
        ("parts_of_day", None, "Choose at least one part of the day"),
        ("parts_of_day", ["night"], "Choose morning, afternoon or evening."),
        ("dermatologist", "999999", "Choose a dermatologist from the list."),
        ("name", "  ", "Enter the patient's full name."),
        ("date_of_birth", "12/04/2030", "The date of birth must be in the past."),
        ("email", "sarah@", "Enter an email address in the right format"),
        ("phone", "call me", "Enter a phone number using only numbers"),
        ("privacy_consent", None, "Tick the box to agree to the privacy notice"),
    ],
)
def test_bad_input_says_what_is_wrong_and_keeps_everything_typed(
    client, peel, okafor, field, value, message
):
    response = client.post(join_url(peel), join_answers(**{field: value}))

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert message in text_of(html).replace("&#x27;", "'")
    for kept in ('value="Sarah Thompson"', 'value="sarah.thompson@example.com"'):
        assert kept in html or field in ("name", "email")
    assert re.search(r'value="morning"\s+id="\w+" checked', html) or field == "parts_of_day"
    assert not WaitlistEntry.objects.exists()


def test_a_text_needs_a_uk_mobile(client, peel, okafor):
    response = client.post(
        join_url(peel), join_answers(phone="020 7946 0000", contact_by_text="on")
    )

    assert response.status_code == 400
    assert "We can only text UK mobile numbers" in response.content.decode()


def test_a_filled_in_honeypot_is_refused(client, peel, okafor):
    response = client.post(join_url(peel), join_answers(**{HONEYPOT_FIELD: "0207 000 0000"}))

    assert response.status_code == 400
    assert HONEYPOT_MESSAGE in response.content.decode()
    assert not WaitlistEntry.objects.exists()


def test_too_many_tries_from_one_address_are_turned_away(client, peel, okafor, settings):
    settings.RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        client.post(join_url(peel), join_answers(email="bad"))

    response = client.post(join_url(peel), join_answers())

    assert response.status_code == 429
    assert not WaitlistEntry.objects.exists()


def test_an_unknown_or_inactive_treatment_is_a_404(client, peel):
    peel.is_active = False
    peel.save()

    assert client.get(join_url(peel)).status_code == 404
    assert client.get("/book/no-such-thing/waiting-list/").status_code == 404


def test_joining_twice_for_one_treatment_says_so_above_the_form_keeping_what_was_typed(
    client, peel, okafor
):
    assert client.post(join_url(peel), join_answers()).status_code == 302

    response = client.post(join_url(peel), join_answers(last_day="2026-12-24"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "You are already on the waiting list for" in text_of(html)
    assert 'value="2026-12-24"' in html and 'value="Sarah Thompson"' in html
    assert WaitlistEntry.objects.count() == 1


def test_the_privacy_notice_the_form_links_to_covers_the_waiting_list(client):
    page = text_of(client.get(reverse("privacy")).content.decode())

    assert "If you join our waiting list" in page  # what we collect, and why
    assert "Waiting list entries 6 months after you leave the list" in page  # how long
