"""A patient on a phone asks for texts while booking, gets the confirmation by text, follows
its link and turns texts off on their booking's page."""

import pytest
from playwright.sync_api import expect

from bookings.models import Channel, OutboxEmail, Patient
from bookings.notify.outbox import outbox_deliver
from tests.browser.a11y import axe_violations
from tests.browser.conftest import ARTIFACTS, PHONE
from tests.browser.helpers import fill_details, follow, show_a_week_with_free_times

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_patient_asks_for_texts_when_booking_and_can_stop_them_on_the_manage_page(
    new_context, extraction, emails_by_hand, sms_outbox
):
    extraction.confirms_automatically = True
    extraction.save()
    page = new_context(bypass_csp=True, **PHONE).new_page()  # axe is injected as a script

    page.goto(f"/book/{extraction.slug}/")
    show_a_week_with_free_times(page)
    follow(page.locator("a.time").first, tap=True)
    fill_details(page)
    page.get_by_label("Text me reminders and changes").check()
    ARTIFACTS.mkdir(exist_ok=True)
    page.get_by_label("Text me reminders and changes").scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "texts-details-form.png")
    assert axe_violations(page) == []
    follow(page.get_by_role("button", name="Book this appointment"), tap=True)

    assert Patient.objects.get().contact_by_text
    text = OutboxEmail.objects.get(channel=Channel.TEXT)
    assert outbox_deliver(outbox_id=text.pk).status == "sent"
    (sent,) = sms_outbox
    assert sent["to"] == "+447700900123"
    assert "Sarah" not in sent["body"] and "Okafor" not in sent["body"]

    link = next(word for word in sent["body"].split() if "/manage/" in word)
    page.goto(link)
    section = page.get_by_role("region", name="Text messages")
    expect(section).to_contain_text("07700 900123")
    section.scroll_into_view_if_needed()
    page.screenshot(path=ARTIFACTS / "texts-manage-page.png")
    assert axe_violations(page) == []
    follow(section.get_by_role("button", name="Stop texting me"), tap=True)

    expect(page.locator(".messages")).to_contain_text("We will not text you")
    expect(page.get_by_role("button", name="Text me reminders and changes")).to_be_visible()
    assert not Patient.objects.get().contact_by_text
