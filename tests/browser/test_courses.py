"""`make run`'s demo: reception books Nadia Haddad onto a course of peels from her record, and
sees every session in the diary; the pages pass axe."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from bookings.models import Booking, Patient
from tests.browser.a11y import axe_violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import follow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo(emails_by_hand):
    call_command("demo_data", "--i-know-this-is-not-production", stdout=io.StringIO())


def test_reception_books_nadia_onto_a_course_of_peels_and_sees_it_in_the_diary(new_context, demo):
    nadia = Patient.objects.get(name="Nadia Haddad")
    page = new_context(bypass_csp=True, **DESKTOP).new_page()  # bypass_csp: for axe
    found = []
    page.goto("/admin/")
    page.get_by_label("Username").fill("reception")
    page.get_by_label("Password").fill("kingsway-reception-demo")
    page.get_by_label("Code from your authenticator app or a recovery code").fill("100002")
    follow(page.get_by_role("button", name="Log in"))

    page.goto(f"/admin/bookings/patient/{nadia.pk}/change/")
    follow(page.get_by_role("link", name="Book a course"))
    page.locator("#id_treatment").select_option(label="Chemical peel")
    page.locator("#id_dermatologist").select_option(label="Dr Amara Okafor")
    page.locator("#id_weekday").select_option(label="Tuesday")
    page.locator("#id_part_of_day").select_option(value="morning")
    follow(page.get_by_role("button", name="Propose times"))
    expect(page.locator(".desk-course-sessions tbody tr")).to_have_count(4)
    page.screenshot(path="/tmp/courses-proposal.png", full_page=True)
    found += axe_violations(page)

    follow(page.get_by_role("button", name="Book all 4 sessions"))
    expect(page.locator(".messagelist")).to_contain_text("Booked 4 sessions of Chemical peel")
    sessions = list(Booking.objects.filter(course__isnull=False).order_by("starts_at"))
    assert len(sessions) == 4

    page.goto(f"/admin/bookings/booking/diary/?day={sessions[1].local_start.date().isoformat()}")
    expect(page.locator(".diary-course")).to_have_text("session 2 of 4")
    page.screenshot(path="/tmp/courses-diary.png", full_page=True)
    found += axe_violations(page)
    assert not found, "\n".join(found)


def test_nadia_reads_her_course_and_answers_the_safety_questions_on_her_phone(new_context, demo):
    from bookings.course_services import course_book, course_propose
    from bookings.models import CoursePlan

    nadia = Patient.objects.get(name="Nadia Haddad")
    plan = CoursePlan.objects.get(treatment__slug="chemical-peel")
    okafor = nadia.bookings.get().dermatologist
    proposed = course_propose(
        plan=plan, dermatologist=okafor, first_day=timezone.localdate() + timedelta(days=2)
    )
    course = course_book(
        plan=plan,
        patient=nadia,
        dermatologist=okafor,
        starts=[s.start for s in proposed],
        created_by=None,
    )
    second = course.bookings.get(course_session=2)
    page = new_context(bypass_csp=True, **PHONE).new_page()
    found = []

    page.goto(second.get_absolute_url())
    expect(page.get_by_role("heading", name="Your course: session 2 of 4")).to_be_visible()
    page.screenshot(path="/tmp/courses-manage-phone.png", full_page=True)
    found += axe_violations(page)

    page.goto(f"{second.get_absolute_url()}safety/")
    page.get_by_label("No", exact=True).first.check()
    follow(page.get_by_role("button", name="Send my answers"))
    expect(page.locator("main")).to_contain_text("Tell us whether you take isotretinoin.")
    page.screenshot(path="/tmp/courses-safety-phone.png", full_page=True)
    found += axe_violations(page)
    page.locator("input[name=isotretinoin][value=yes]").check()
    follow(page.get_by_role("button", name="Send my answers"))
    expect(page.locator("main")).to_contain_text("your answers are with your dermatologist")
    second.refresh_from_db()
    assert second.safety_recheck.changed
    assert not found, "\n".join(found)
