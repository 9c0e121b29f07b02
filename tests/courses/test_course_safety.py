"""Before each later session the patient confirms the answers that may have changed; a
change is shown to the dermatologist."""

import pytest
from django.core import mail

from bookings.models import BookingEvent, EmailKind, OutboxEmail
from bookings.notify.emails import email_due
from bookings.notify.outbox import outbox_deliver
from bookings.safety_services import safety_recheck_save
from bookings.services import BookingError
from tests.conftest import login_with_second_factor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def reminder_of(booking, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    outbox_deliver(outbox_id=email_due(kind=EmailKind.REMINDER, booking=booking).pk)
    (message,) = mail.outbox
    return message


def test_the_reminder_of_a_later_session_links_to_the_safety_questions(sessions, settings):
    second = reminder_of(sessions[1], settings)
    first = reminder_of(sessions[0], settings)

    link = f"{settings.SITE_URL}{sessions[1].get_absolute_url()}safety/"
    assert link in second.body and link in second.alternatives[0].content
    assert "safety/" not in first.body


def test_answers_that_changed_are_shown_on_the_dermatologists_day(client, sessions, okafor):
    safety_recheck_save(
        booking=sessions[2], pregnancy="trying", isotretinoin=False, new_medicines="Doxycycline"
    )

    login_with_second_factor(client, okafor.user)
    html = client.get("/staff/schedule/", {"day": "2027-02-01"}).content.decode()

    assert (
        "<strong>Safety answers changed before this session:</strong> "
        "Pregnancy: I am trying for a baby; New medicines: Doxycycline." in html
    )
    event = sessions[2].events.get(kind=BookingEvent.Kind.SAFETY_RECHECKED)
    assert event.detail == "Changed: Pregnancy: I am trying for a baby; New medicines: Doxycycline"


def test_unchanged_answers_mark_nothing(sessions):
    recheck = safety_recheck_save(
        booking=sessions[1], pregnancy="no", isotretinoin=False, new_medicines=" "
    )

    assert not recheck.changed


def test_the_patient_answers_by_the_link(client, sessions):
    url = f"{sessions[1].get_absolute_url()}safety/"
    assert "Before your next session" in client.get(url).content.decode()

    response = client.post(url, {"pregnancy": "no", "isotretinoin": "yes", "new_medicines": ""})

    assert response.status_code == 302
    sessions[1].refresh_from_db()
    assert sessions[1].safety_recheck.changed
    assert sessions[1].safety_recheck.by_user is None


def test_a_missing_answer_is_asked_for_plainly(client, sessions):
    url = f"{sessions[1].get_absolute_url()}safety/"

    response = client.post(url, {"pregnancy": "no", "new_medicines": "Vitamin D"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Tell us whether you take isotretinoin." in html
    assert "Vitamin D" in html


def test_reception_records_the_answers_on_arrival(reception, receptionist, sessions):
    url = f"/admin/bookings/booking/{sessions[3].pk}/safety/"
    assert (
        url in reception.get(f"/admin/bookings/booking/{sessions[3].pk}/change/").content.decode()
    )

    response = reception.post(url, {"pregnancy": "breastfeeding", "isotretinoin": "no"})

    assert response.status_code == 302
    sessions[3].refresh_from_db()
    assert sessions[3].safety_recheck.by_user == receptionist
    assert sessions[3].safety_recheck.what_changed == ["Pregnancy: Yes, I am breastfeeding"]


def test_the_first_session_is_not_re_checked(sessions):
    with pytest.raises(BookingError):
        safety_recheck_save(
            booking=sessions[0], pregnancy="no", isotretinoin=False, new_medicines=""
        )
    assert not OutboxEmail.objects.filter(kind=EmailKind.REMINDER).exists()
