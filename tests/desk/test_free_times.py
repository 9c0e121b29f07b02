"""Find the next free times: five times to offer a patient on the phone, each a link to book it."""

import re
from datetime import date, time
from html import unescape

import pytest
from django.db import transaction

from bookings.services import booking_create
from tests.desk.helpers import row
from tests.factories import dermatologist_make, intake_make, london, patient_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

URL = "/admin/bookings/booking/free-times/"


def found(response) -> list[dict]:
    """Each time offered, read back from its link to the phone form."""
    html = unescape(response.content.decode())
    section = html.split('id="free-times-found"')[1]
    return [
        dict(re.findall(r"(\w+)=([^&]+)", link))
        for link in re.findall(r'<li><a href="/admin/bookings/booking/add/\?([^"]+)"', section)
    ]


def test_the_five_times_found_can_all_be_booked(reception, peel, okafor, raman):
    row(peel, okafor, london(2026, 12, 1, 9))
    row(peel, raman, london(2026, 12, 1, 9))

    response = reception.get(URL, {"treatment": peel.pk, "day": "2026-12-01"})

    times = found(response)
    assert [(t["typed_time"], t["day"]) for t in times] == [
        ("09:45", "2026-12-01"),
        ("09:45", "2026-12-01"),
        ("10:00", "2026-12-01"),
        ("10:00", "2026-12-01"),
        ("10:15", "2026-12-01"),
    ]
    assert {int(t["dermatologist"]) for t in times} == {okafor.pk, raman.pk}
    assert all(int(t["treatment"]) == peel.pk for t in times)
    for number, t in enumerate(times):  # each on its own: some overlap one another
        hour, minute = map(int, t["typed_time"].split(":"))
        with transaction.atomic():
            booking_create(
                treatment=peel,
                start=london(2026, 12, 1, hour, minute),
                dermatologist=okafor if int(t["dermatologist"]) == okafor.pk else raman,
                patient=patient_make(email=f"p{number}@example.com"),
                intake=intake_make(),
                enforce_notice=False,
            )
            transaction.set_rollback(True)


def test_it_can_keep_to_one_dermatologist_and_to_afternoons(reception, peel, okafor, raman):
    response = reception.get(
        URL,
        {
            "treatment": peel.pk,
            "dermatologist": raman.pk,
            "part_of_day": "afternoon",
            "day": "2026-12-07",
        },
    )

    times = found(response)
    assert len(times) == 5
    assert {int(t["dermatologist"]) for t in times} == {raman.pk}
    assert [t["typed_time"] for t in times] == ["12:00", "12:15", "12:30", "12:45", "13:00"]
    assert {t["day"] for t in times} == {"2026-12-07"}


def test_mornings_run_on_to_the_next_working_day(reception, peel):
    early = dermatologist_make(
        treatments=[peel], name="Dr Early", hours={0: [(time(9), time(10, 30))]}
    )

    times = found(
        reception.get(URL, {"treatment": peel.pk, "part_of_day": "morning", "day": "2026-12-07"})
    )

    assert [(t["day"], t["typed_time"]) for t in times] == [
        ("2026-12-07", "09:00"),
        ("2026-12-07", "09:15"),
        ("2026-12-07", "09:30"),
        ("2026-12-07", "09:45"),
        ("2026-12-14", "09:00"),
    ]
    assert {int(t["dermatologist"]) for t in times} == {early.pk}


def test_a_link_opens_the_phone_form_with_the_time_filled_in(reception, peel, okafor):
    times = found(reception.get(URL, {"treatment": peel.pk, "day": "2026-12-07"}))
    t = times[0]

    form = unescape(
        reception.get(
            "/admin/bookings/booking/add/",
            {k: t[k] for k in ("treatment", "dermatologist", "day", "typed_time")},
        ).content.decode()
    )

    assert f'<option value="{peel.pk}" selected>' in form
    assert 'name="typed_time" value="09:00"' in form
    assert "Free times on Monday 7 December 2026" in form


@pytest.mark.parametrize(
    "query, message",
    [
        ({"treatment": ""}, "Choose a treatment."),
        ({"treatment": "999999"}, "Select a valid choice."),
        ({"day": "31/02/2026"}, "Enter the day as dd/mm/yyyy."),
    ],
)
def test_a_search_that_cannot_be_read_says_why_and_keeps_what_was_typed(
    reception, peel, okafor, query, message
):
    response = reception.get(URL, {"treatment": peel.pk, "part_of_day": "morning", **query})

    html = unescape(response.content.decode())
    assert response.status_code == 400
    assert message in html
    assert '<option value="morning" selected>' in html


def test_a_dermatologist_who_does_not_offer_it_is_refused(reception, peel, okafor):
    other = dermatologist_make(treatments=[], name="Dr Other")

    response = reception.get(URL, {"treatment": peel.pk, "dermatologist": other.pk})

    assert response.status_code == 400
    assert "Dr Other does not offer Chemical peel." in unescape(response.content.decode())


def test_the_search_runs_the_same_queries_however_full_the_diary(
    reception, peel, okafor, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions, 1 the treatment chosen, 1 who offers it,
        # 4 the first week's working hours, time off, bookings and closures,
        # 2 the form's two lists
        with django_assert_num_queries(13):
            response = reception.get(URL, {"treatment": peel.pk, "day": "2026-12-07"})
        assert len(found(response)) == 5

    count_queries()
    for day in (7, 8, 9):
        for hour in (9, 10, 11, 14):
            row(peel, okafor, london(2026, 12, day, hour))
    count_queries()


def test_the_search_page_opens_empty_first(reception, peel):
    response = reception.get(URL)

    assert response.status_code == 200
    assert "Next free times" not in response.content.decode()
    assert date(2026, 12, 1)  # the clock is stopped on Tuesday 1 December
