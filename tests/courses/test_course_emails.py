"""The patient hears of a course once, with every session, and gets one invite per session."""

import pytest
from django.core import mail
from icalendar import Calendar

from bookings.course_services import course_book, course_sessions
from bookings.models import EmailKind, OutboxEmail, OutboxStatus
from bookings.notify.outbox import outbox_deliver
from tests.courses.helpers import consulted_patient, peel_plan
from tests.factories import london

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

STARTS = [
    london(2027, 3, 1, 9),
    london(2027, 3, 29, 9),
    london(2027, 4, 26, 9),
    london(2027, 5, 24, 9),
]


@pytest.fixture(autouse=True)
def locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def course(peel, okafor, receptionist):
    nadia = consulted_patient(peel, okafor)
    return course_book(
        plan=peel_plan(peel),
        patient=nadia,
        dermatologist=okafor,
        starts=STARTS,
        created_by=receptionist,
    )


def send_all() -> list:
    mail.outbox.clear()
    for pk in (
        OutboxEmail.objects.filter(status=OutboxStatus.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    ):
        outbox_deliver(outbox_id=pk)
    return list(mail.outbox)


def test_one_summary_email_lists_every_session_in_uk_time(course):
    sent = send_all()

    summaries = [m for m in sent if m.extra_headers["X-Clinic-Email"].startswith("course-")]
    assert len(summaries) == 1
    summary = summaries[0]
    assert summary.to == ["nadia@example.com"]
    assert summary.subject == "Your course of chemical peel: 4 sessions booked"
    assert "Session 1 of 4: Monday 1 March 2027 at 9:00am (GMT, UK time)" in summary.body
    assert "Session 2 of 4: Monday 29 March 2027 at 9:00am (BST, UK time)" in summary.body
    assert "Session 4 of 4: Monday 24 May 2027" in summary.body
    html = summary.alternatives[0].content
    for session in course_sessions(course):
        assert session.reference in summary.body
        assert session.reference in html
    assert not summary.attachments  # the invites come one per session


def test_each_session_gets_its_own_invite_with_its_own_uid(course):
    sent = send_all()

    invites = [m for m in sent if m.attachments]
    assert len(invites) == 4
    calendars = [Calendar.from_ical(m.attachments[0][1]) for m in invites]
    events = [next(iter(c.walk("VEVENT"))) for c in calendars]
    assert [str(e["uid"]) for e in events] == [s.calendar_uid for s in course_sessions(course)]
    assert len({str(e["uid"]) for e in events}) == 4
    assert [e.decoded("dtstart") for e in events] == STARTS
    assert {str(c["method"]) for c in calendars} == {"REQUEST"}
    assert OutboxEmail.objects.filter(kind=EmailKind.CONFIRMED).count() == 4


def test_the_manage_page_shows_the_whole_course(client, course):
    second = course_sessions(course)[1]

    html = client.get(second.get_absolute_url()).content.decode()

    assert "Your course: session 2 of 4" in html
    assert "<strong>Monday 29 March 2027 at 9:00am (this appointment)</strong>" in html
    assert "Monday 24 May 2027 at 9:00am" in html


def test_each_sessions_own_email_says_which_session_of_the_course_it_is(course):
    sent = send_all()

    invites = [m for m in sent if m.attachments]
    for number, invite in enumerate(invites, start=1):
        assert f"Chemical peel, session {number} of 4 of your course" in invite.body
        assert f"session {number} of 4 of your course" in invite.alternatives[0].content
