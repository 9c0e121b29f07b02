"""The aftercare email: once a visit is completed and has its record, in either order, exactly
once per visit and treatment given; corrected when the treatment given is amended."""

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.urls import reverse

from bookings.care_services import aftercare_approve, treatment_record_save
from bookings.day_services import booking_mark_completed
from bookings.models import (
    AftercareSent,
    AftercareText,
    AuditEntry,
    BookingStatus,
    EmailKind,
    OutboxEmail,
    OutboxStatus,
)
from bookings.notify.outbox import outbox_deliver
from bookings.services import BookingError
from tests.conftest import login_with_second_factor
from tests.factories import booking_row_make, dermatologist_make, london

pytestmark = pytest.mark.django_db

NOW = london(2026, 12, 1, 10, 0)


@pytest.fixture(autouse=True)
def clock(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def okafor(peel, extraction):
    return dermatologist_make(treatments=[peel, extraction], name="Dr Amara Okafor")


@pytest.fixture
def approved(peel, extraction, okafor):
    texts = {}
    for treatment, expect in ((peel, "Some redness for a day."), (extraction, "Tiny scabs.")):
        texts[treatment.slug] = AftercareText.objects.create(
            treatment=treatment,
            expect=expect,
            avoid="Make-up for 24 hours.",
            call_if="Call us if it is hot, swollen or weeping.",
            approved_by=okafor.user,
            approved_at=NOW,
        )
    return texts


@pytest.fixture
def visit(peel, okafor):
    return booking_row_make(
        treatment=peel,
        dermatologist=okafor,
        start=london(2026, 12, 1, 9),
        status=BookingStatus.ARRIVED,
        patient_name="Sarah Thompson",
        email="sarah@example.com",
    )


def record(visit, okafor, treatment, **fields):
    return treatment_record_save(
        booking=visit,
        by_user=okafor.user,
        fields={
            "treatment_given": treatment,
            "complications": "Bled under the left eye",
            "advice": "Hydrocortisone twice a day",
            **fields,
        },
    )


def aftercare_emails():
    return OutboxEmail.objects.filter(kind=EmailKind.AFTERCARE).order_by("pk")


def send_all() -> list:
    mail.outbox.clear()
    for pk in OutboxEmail.objects.filter(status=OutboxStatus.PENDING).values_list("pk", flat=True):
        outbox_deliver(outbox_id=pk)
    return list(mail.outbox)


def test_completing_after_the_record_makes_the_aftercare_due_once(
    visit, okafor, extraction, approved, django_capture_on_commit_callbacks
):
    record(visit, okafor, extraction)
    assert not aftercare_emails().exists()  # not completed yet

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        booking_mark_completed(booking=visit, by_user=okafor.user)

    assert aftercare_emails().count() == 1
    assert len(callbacks) == 1  # its send task, queued after the commit


def test_writing_the_record_after_completing_makes_it_due_once(visit, okafor, peel, approved):
    booking_mark_completed(booking=visit, by_user=okafor.user)
    assert not aftercare_emails().exists()  # no record yet

    record(visit, okafor, peel)
    record(visit, okafor, peel, advice="Changed the advice only")

    sent = AftercareSent.objects.get()
    assert (sent.booking, sent.treatment, sent.corrects) == (visit, peel, False)


def test_completing_twice_sends_one_aftercare(visit, okafor, peel, approved, receptionist):
    record(visit, okafor, peel)
    booking_mark_completed(booking=visit, by_user=okafor.user)

    with pytest.raises(BookingError, match="already marked completed"):
        booking_mark_completed(booking=visit, by_user=receptionist)

    assert aftercare_emails().count() == 1


def test_the_email_carries_the_aftercare_of_the_treatment_given_and_no_clinical_details(
    visit, okafor, extraction, approved
):
    booking_mark_completed(booking=visit, by_user=okafor.user)
    record(visit, okafor, extraction)  # booked a peel, given an extraction

    [message] = send_all()

    assert message.to == ["sarah@example.com"]
    assert message.subject == "Aftercare after your milia extraction"
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert "Tiny scabs." in body
        assert "Make-up for 24 hours." in body
        assert "Call us if it is hot, swollen or weeping." in body
        assert settings.CLINIC_PHONE in body
        assert "Bled" not in body and "Hydrocortisone" not in body
        assert "Some redness" not in body  # the peel's, which was booked but not given


def test_amending_the_treatment_given_sends_the_corrected_aftercare(
    visit, okafor, peel, extraction, approved
):
    booking_mark_completed(booking=visit, by_user=okafor.user)
    record(visit, okafor, peel)
    send_all()

    record(visit, okafor, extraction)
    [message] = send_all()

    assert message.subject == "Corrected aftercare after your milia extraction"
    assert "We sent you aftercare for the wrong treatment." in message.body
    assert "Tiny scabs." in message.body
    assert aftercare_emails().count() == 2


def test_an_aftercare_amended_before_it_went_is_not_sent(visit, okafor, peel, extraction, approved):
    booking_mark_completed(booking=visit, by_user=okafor.user)
    record(visit, okafor, peel)
    record(visit, okafor, extraction)

    messages = send_all()

    assert [m.subject for m in messages] == ["Corrected aftercare after your milia extraction"]
    first = aftercare_emails().first()
    assert first.status == OutboxStatus.SKIPPED


def test_amending_back_to_a_treatment_already_covered_sends_nothing_new(
    visit, okafor, peel, extraction, approved
):
    booking_mark_completed(booking=visit, by_user=okafor.user)
    record(visit, okafor, peel)
    record(visit, okafor, extraction)
    record(visit, okafor, peel)

    assert aftercare_emails().count() == 2


def test_the_patients_manage_page_shows_the_aftercare(client, visit, okafor, extraction, approved):
    booking_mark_completed(booking=visit, by_user=okafor.user)
    before = client.get(visit.get_absolute_url()).content.decode()
    assert "Tiny scabs." not in before

    record(visit, okafor, extraction)
    html = client.get(visit.get_absolute_url()).content.decode()

    assert "Aftercare after your milia extraction" in html
    assert "Tiny scabs." in html
    assert "Bled" not in html


# Reception edits, a dermatologist approves


def test_receptions_edit_is_used_only_once_a_dermatologist_approves_it(
    client, visit, okafor, peel, approved, receptionist
):
    edit = AftercareText.objects.create(
        treatment=peel,
        expect="Redness for up to two days.",
        avoid="Make-up for 24 hours.",
        call_if="Call us if it is hot.",
        written_by=receptionist,
    )
    booking_mark_completed(booking=visit, by_user=okafor.user)
    record(visit, okafor, peel)
    [before] = send_all()
    assert "Some redness for a day." in before.body

    with pytest.raises(BookingError, match="Only a dermatologist"):
        aftercare_approve(text=edit, by_user=receptionist)
    login_with_second_factor(client, okafor.user)
    page = client.get(reverse("staff:aftercare")).content.decode()
    assert "Redness for up to two days." in page and "Some redness for a day." in page
    client.post(reverse("staff:aftercare"), {"text": edit.pk})

    edit.refresh_from_db()
    assert (edit.approved_by, edit.approved_at) == (okafor.user, NOW)
    assert AuditEntry.objects.filter(target=f"aftercare {edit.pk}").exists()
    context = client.get(visit.get_absolute_url()).content.decode()
    assert "Redness for up to two days." in context


def test_reception_cannot_change_an_approved_text_in_the_admin(reception, approved):
    text = approved["chemical-peel"]
    url = reverse("admin:bookings_aftercaretext_change", args=[text.pk])

    response = reception.post(
        url, {"treatment": text.treatment_id, "expect": "x", "avoid": "y", "call_if": "z"}
    )

    assert response.status_code == 403
    text.refresh_from_db()
    assert text.expect == "Some redness for a day."


def test_reception_writes_a_new_version_in_the_admin_which_waits(reception, receptionist, peel):
    response = reception.post(
        reverse("admin:bookings_aftercaretext_add"),
        {"treatment": peel.pk, "expect": "Redness.", "avoid": "Sun.", "call_if": "Swelling."},
    )

    assert response.status_code == 302
    text = AftercareText.objects.get()
    assert (text.written_by, text.approved_at) == (receptionist, None)


def test_a_nonsense_approval_is_a_404(client, okafor):
    login_with_second_factor(client, okafor.user)

    assert client.post(reverse("staff:aftercare"), {"text": "1; drop"}).status_code == 404
