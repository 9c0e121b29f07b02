"""Reception on the phone to a returning patient: finds her by her number as she says it,
opens her page, sees her history, and books her by phone with her details filled in."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Booking, Patient
from tests.browser.a11y import axe_violations
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import follow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def a_tuesday_next_week() -> date:
    day = timezone.localdate() + timedelta(days=7)
    return day + timedelta(days=(1 - day.weekday()) % 7)


@pytest.fixture
def demo(emails_by_hand):
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())


def test_reception_finds_sarah_by_phone_sees_her_history_and_books_her(new_context, demo):
    sarah = Patient.objects.get(name="Sarah Thompson")
    page = new_context(bypass_csp=True, **DESKTOP).new_page()  # bypass_csp: for axe
    found = []
    page.goto("/admin/")
    page.get_by_label("Username").fill("reception")
    page.get_by_label("Password").fill("kingsway-reception-demo")
    page.get_by_label("Code from your authenticator app or a recovery code").fill("100001")
    follow(page.get_by_role("button", name="Log in"))

    follow(page.get_by_role("rowheader", name="Patients").get_by_role("link"))
    page.locator("#searchbar").fill("+44 7700 900123")
    follow(page.get_by_role("button", name="Search"))
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("Sarah Thompson")
    found += axe_violations(page)

    follow(page.get_by_role("link", name="Sarah Thompson"))
    expect(page.locator(".patient-no-shows")).to_have_text("1")
    expect(page.locator("#notes")).to_contain_text("Prefers afternoon appointments.")
    expect(page.get_by_role("cell", name="No-show")).to_have_count(1)
    expect(page.get_by_role("cell", name="Completed")).to_have_count(1)
    found += axe_violations(page)

    follow(page.get_by_role("link", name="Book by phone"))
    expect(page.locator(".desk-chosen")).to_contain_text("Booking for Sarah Thompson")
    expect(page.get_by_label("Full name of the patient")).to_have_value("Sarah Thompson")
    expect(page.get_by_label("Patient's date of birth")).to_have_value("12/04/1988")
    expect(page.get_by_label(re.compile("Email"))).to_have_value("sarah.thompson@example.com")
    expect(page.get_by_label(re.compile("phone", re.I)).first).to_have_value("07700 900123")
    found += axe_violations(page)

    page.locator("#id_treatment").select_option(label="Milia extraction")
    page.locator("#id_day").fill(a_tuesday_next_week().isoformat())
    follow(page.get_by_role("button", name="Show free times"))
    page.locator("input[name=slot]").first.check()
    page.get_by_label("Around the eyes or on the eyelids").check()
    page.get_by_label("1 to 6 months").check()
    page.get_by_label("1 to 5").check()
    page.locator("input[name=tried_home_removal][value=no]").check()
    page.locator("input[name=pregnancy][value=no]").check()
    page.locator("input[name=consent_by_phone]").check()
    follow(page.get_by_role("button", name="Book this appointment"))

    expect(page.locator(".messagelist")).to_contain_text("Booked")
    assert Booking.objects.filter(patient=sarah).count() == 4
    assert not found, "\n".join(found)


def test_reception_merges_tom_walshs_two_records_from_the_duplicates_list(new_context, demo):
    page = new_context(bypass_csp=True, **DESKTOP).new_page()
    found = []
    page.goto("/admin/")
    page.get_by_label("Username").fill("reception")
    page.get_by_label("Password").fill("kingsway-reception-demo")
    page.get_by_label("Code from your authenticator app or a recovery code").fill("100001")
    follow(page.get_by_role("button", name="Log in"))

    page.goto("/admin/bookings/patient/")
    follow(page.get_by_role("link", name="Likely duplicates"))
    expect(page.get_by_role("row").filter(has_text="Tom Walsh")).to_have_count(1)
    found += axe_violations(page)
    follow(page.get_by_role("link", name="Merge Tom Walsh and Tom Walsh"))
    found += axe_violations(page)
    follow(page.get_by_role("button", name="Merge the two records"))

    expect(page.locator(".messagelist")).to_contain_text("Merged into Tom Walsh")
    assert Patient.objects.filter(name="Tom Walsh").count() == 1
    assert not found, "\n".join(found)
