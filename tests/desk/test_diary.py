"""Reception's day diary: the clinic's day at a glance, and booking into its gaps."""

import re
from datetime import time, timedelta
from html import unescape

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from bookings.models import Booking, ClinicClosure, OutboxEmail, OutboxStatus, TimeOff
from tests.conftest import login_with_second_factor
from tests.desk.helpers import messages_of, row
from tests.factories import dermatologist_make, london, treatment_make

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]

DIARY = "/admin/bookings/booking/diary/"
MONDAY = "2026-12-07"


def diary(client, day=MONDAY):
    response = client.get(DIARY, {"day": day})
    assert response.status_code == 200
    return response, unescape(response.content.decode())


def placed(html, element_id) -> tuple[int, int]:
    """The grid lines (first minute + 1, last minute + 1) the page's CSS gives an element."""
    found = re.search(rf"#{element_id}{{grid-row:(\d+)/(\d+)}}", html)
    assert found, f"no position for #{element_id}"
    return int(found[1]), int(found[2])


def column_of(html, dermatologist) -> str:
    """The HTML of one dermatologist's column."""
    start = html.index(f'aria-labelledby="dh-{dermatologist.pk}"')
    end = html.find("</section>", start)
    return html[start:end]


def text_of(html) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def gap_links(column_html) -> list[str]:
    return re.findall(r'class="diary-gap"[^>]*href="([^"]+)"', column_html)


def test_an_ordinary_day_shows_each_dermatologist_with_blocks_and_gaps(
    reception, peel, okafor, raman
):
    peel.buffer_minutes = 15
    peel.save()
    morning = row(
        peel,
        okafor,
        london(2026, 12, 7, 10),
        patient_name="Grace Adeyemi",
        status="requested",
        needs_attention=True,
    )
    morning.blocked_until = morning.ends_at + peel.buffer
    morning.save()
    afternoon = row(peel, okafor, london(2026, 12, 7, 14, 5), patient_name="Tom Price")
    OutboxEmail.objects.create(
        kind="confirmed", booking=afternoon, recipient="t@example.com", status=OutboxStatus.FAILED
    )
    row(peel, raman, london(2026, 12, 7, 9), patient_name="Ada Raman Patient", status="arrived")
    row(peel, okafor, london(2026, 12, 7, 11), patient_name="Gone Away", status="cancelled")
    row(peel, okafor, london(2026, 12, 8, 9), patient_name="Another Day")

    _response, html = diary(reception)

    assert "Diary: Monday 7 December 2026" in html
    assert html.index("Dr Amara Okafor") < html.index("Dr Priya Raman")
    okafor_html = column_of(html, okafor)
    # Each block: time, patient, treatment, status in words, the flags.
    assert "10:00am–10:45am" in okafor_html and "Grace Adeyemi" in okafor_html
    assert "Chemical peel" in okafor_html and ">Requested<" in okafor_html
    assert "diary-status-requested" in okafor_html
    assert "Safety flag: check answers" in okafor_html
    assert "2:05pm–2:50pm" in okafor_html and "Last email failed" in okafor_html
    assert "Another Day" not in html
    assert "Gone Away" in html.split('id="diary-cancelled"')[1]
    assert "Gone Away" not in okafor_html
    # Placed by the minute from the top of the grid at 9am; the buffer below, lighter.
    assert placed(html, f"booking-{morning.pk}") == (61, 106)
    assert placed(html, f"buffer-{morning.pk}") == (106, 121)
    assert placed(html, f"booking-{afternoon.pk}") == (306, 351)
    assert f'href="/admin/bookings/booking/{morning.pk}/change/?diary=2026-12-07"' in okafor_html
    # Free gaps, each a link to book with the time filled in.
    links = gap_links(okafor_html)
    assert links[0] == (
        f"/admin/bookings/booking/add/?dermatologist={okafor.pk}&day=2026-12-07"
        "&typed_time=09:00&from=diary"
    )
    assert [re.search(r"typed_time=([\d:]+)", link)[1] for link in links] == [
        "09:00",
        "11:00",
        "15:15",  # the first quarter after 2:50pm and its 15 minutes' buffer
    ]
    assert "Book here 9:00am–10:00am with Dr Amara Okafor" in text_of(okafor_html)
    assert f'id="dg-{okafor.pk}-0"' in okafor_html
    assert placed(html, f"dg-{okafor.pk}-0") == (1, 61)
    assert f'id="dg-{okafor.pk}-120"' in okafor_html
    assert placed(html, f"dg-{okafor.pk}-120") == (121, 306)  # 11:00am to 2:05pm
    assert "Book here 11:00am–2:05pm" in text_of(okafor_html)


def test_the_gaps_fit_the_shortest_treatment_each_dermatologist_offers(reception, peel, okafor):
    quick = treatment_make(name="Quick look", slug="quick-look", duration_minutes=15)
    okafor.treatments.add(quick)
    row(peel, okafor, london(2026, 12, 7, 9, 15))  # 9:15-10:00 leaves 9:00-9:15

    _, html = diary(reception)

    assert "Book here 9:00am–9:15am" in text_of(column_of(html, okafor))


def test_a_day_with_leave_greys_the_column_and_flags_bookings_inside_time_off(
    reception, peel, okafor, raman, whitfield
):
    TimeOff.objects.create(
        dermatologist=whitfield,
        starts_at=london(2026, 12, 7, 0),
        ends_at=london(2026, 12, 8, 0),
        reason="Holiday",
    )
    TimeOff.objects.create(
        dermatologist=okafor,
        starts_at=london(2026, 12, 7, 12),
        ends_at=london(2026, 12, 7, 14),
        reason="Training",
    )
    inside = row(peel, okafor, london(2026, 12, 7, 12, 30), patient_name="Left Inside")
    late = row(peel, raman, london(2026, 12, 7, 17, 15), patient_name="After Hours")

    _, html = diary(reception)

    whitfield_html = column_of(html, whitfield)
    assert "diary-on-leave" in html and "On leave: Holiday" in whitfield_html
    assert gap_links(whitfield_html) == []
    okafor_html = column_of(html, okafor)
    assert "Time off: Training" in okafor_html
    assert placed(html, f"ds-{okafor.pk}-1") == (181, 301)  # noon to 2pm
    block = okafor_html[okafor_html.index(f'id="booking-{inside.pk}"') :]
    assert "Inside time off" in block.split("</a>")[0]
    assert "diary-problem" in okafor_html
    # The grid reaches down to the booking after hours, which is flagged too.
    assert "Outside working hours" in column_of(html, raman)
    assert placed(html, f"booking-{late.pk}") == (496, 541)
    assert not any("typed_time=12:" in link for link in gap_links(okafor_html))


def test_a_closure_day_shades_everyone_and_offers_no_gaps(reception, peel, okafor, raman):
    ClinicClosure.objects.create(
        first_day=london(2026, 12, 7).date(), last_day=london(2026, 12, 7).date(), reason="Floods"
    )
    row(peel, okafor, london(2026, 12, 7, 10), patient_name="Still Booked")

    _, html = diary(reception)

    assert "The clinic is closed: Floods" in html.replace("</strong> ", " ")
    assert "Clinic closed: Floods" in column_of(html, raman)
    assert "On a day the clinic is closed" in column_of(html, okafor)
    assert "Book here" not in html


def sunday_worker(peel):
    """Works through the night the clocks change, and on Sunday morning."""
    return dermatologist_make(
        treatments=[peel],
        name="Dr Night Shift",
        hours={6: [(time(0, 0), time(3, 0)), (time(9), time(12))]},
    )


def quarter_labels(html) -> list[str]:
    return re.findall(r'<div class="diary-time[^"]*">([^<]+)</div>', html)


def test_the_spring_sunday_has_no_hour_from_1am(reception, receptionist, peel, frozen_clock):
    frozen_clock.move_to(london(2027, 3, 27, 8))
    login_with_second_factor(reception, receptionist)
    night = sunday_worker(peel)
    booking = row(peel, night, london(2027, 3, 28, 10), patient_name="Spring Patient")

    _, html = diary(reception, "2027-03-28")

    labels = quarter_labels(html)
    assert labels[:5] == ["12:00am", "12:15am", "12:30am", "12:45am", "2:00am"]
    assert "1:00am" not in labels
    assert len(labels) == 11 * 4  # midnight to noon is 11 hours today
    # 10am BST is 9 real hours after midnight GMT.
    assert placed(html, f"booking-{booking.pk}") == (9 * 60 + 1, 9 * 60 + 46)
    assert "10:00am–10:45am" in html
    links = gap_links(column_of(html, night))
    assert [re.search(r"typed_time=([\d:]+)", link)[1] for link in links] == [
        "00:00",
        "09:00",
        "10:45",
    ]


def test_the_autumn_sunday_has_the_hour_from_1am_twice(reception, receptionist, peel, frozen_clock):
    frozen_clock.move_to(london(2027, 10, 30, 8))
    login_with_second_factor(reception, receptionist)
    night = sunday_worker(peel)
    booking = row(peel, night, london(2027, 10, 31, 10), patient_name="Autumn Patient")

    _, html = diary(reception, "2027-10-31")

    labels = quarter_labels(html)
    assert labels[4:10] == ["1:00am", "1:15am", "1:30am", "1:45am", "1:00am", "1:15am"]
    assert len(labels) == 13 * 4  # midnight to noon is 13 hours today
    assert placed(html, f"booking-{booking.pk}") == (11 * 60 + 1, 11 * 60 + 46)
    assert "10:00am–10:45am" in html


def test_booking_from_a_gap_fills_in_the_form_and_comes_back_to_the_new_block(
    reception, peel, okafor
):
    _, html = diary(reception)
    link = gap_links(column_of(html, okafor))[0]

    form = unescape(reception.get(link).content.decode())

    assert 'name="day" value="2026-12-07"' in form
    assert f'<option value="{okafor.pk}" selected>' in form
    assert 'name="typed_time" value="09:00"' in form
    assert 'name="back_to_diary" value="True"' in form

    response = reception.post(
        "/admin/bookings/booking/add/",
        {
            "treatment": peel.pk,
            "day": "2026-12-07",
            "dermatologist": okafor.pk,
            "typed_time": "09:00",
            "back_to_diary": "True",
            "patient_name": "Mohammed Khan",
            "date_of_birth": "30/09/1975",
            "email": "m.khan@example.com",
            "phone": "07700 900456",
            "areas": ["nose"],
            "how_long": "over_1_year",
            "how_many": "1_to_5",
            "tried_home_removal": "no",
            "pregnancy": "no",
            "consent_by_phone": "on",
            "submission_key": "0f7f3f6e-5a0c-4d43-9a52-222222222222",
            "_book": "Book this appointment",
        },
    )

    booking = Booking.objects.get()
    assert (booking.dermatologist, booking.starts_at) == (okafor, london(2026, 12, 7, 9))
    assert response.status_code == 302
    assert response.url == f"{DIARY}?day=2026-12-07#booking-{booking.pk}"
    _, html = diary(reception)
    assert "Mohammed Khan" in column_of(html, okafor)
    assert "Book here 9:00am" not in html


def test_the_phone_form_ignores_values_in_the_link_that_do_not_read(reception, peel, okafor):
    response = reception.get(
        "/admin/bookings/booking/add/",
        {"day": "31/02/2026", "dermatologist": "999999", "typed_time": "25:99", "treatment": "x"},
    )

    form = response.content.decode()
    assert response.status_code == 200
    assert "31/02/2026" not in form and "25:99" not in form
    assert 'name="back_to_diary"' in form and 'value="True"' not in form


def test_a_day_that_cannot_be_read_shows_today_and_says_so(reception, okafor):
    response = reception.get(DIARY, {"day": "next tuesday"})

    assert response.status_code == 200
    assert "Diary: Tuesday 1 December 2026 (today)" in response.content.decode()
    assert "“next tuesday” is not a day the diary can show" in messages_of(response)[0]


def test_the_day_has_previous_next_today_and_a_date_picker(reception, okafor):
    _, html = diary(reception)

    assert f'href="{DIARY}?day=2026-12-06"' in html
    assert f'href="{DIARY}?day=2026-12-08"' in html
    assert f'href="{DIARY}?day=2026-12-01">Today' in html
    assert '<input type="date" name="day" id="id_diary_day" value="2026-12-07">' in html


def test_the_positions_come_in_a_style_element_the_policy_allows(reception, okafor):
    response, html = diary(reception)

    nonce = re.search(r'<style nonce="([^"]+)">', html)[1]
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert ' style="' not in html


def test_a_page_without_style_elements_gets_no_nonce_in_its_policy(reception):
    response = reception.get("/admin/bookings/booking/")

    assert "'nonce-" not in response["Content-Security-Policy"]


def test_the_diary_runs_the_same_queries_for_a_quiet_day_and_a_busy_one(
    reception, peel, django_assert_num_queries
):
    def count_queries():
        # 1 session, 1 user, 1 their two-factor device, 1 the user's own permissions,
        # 1 their groups' permissions,
        # 1 the day's bookings with treatment, dermatologist and latest email status,
        # 1 the dermatologists with their shortest treatment, 1 their working hours,
        # 1 time off touching the day, 1 a closure on the day
        with django_assert_num_queries(10):
            diary(reception)

    first = dermatologist_make(treatments=[peel], name="Dr First")
    row(peel, first, london(2026, 12, 7, 9))
    count_queries()
    for number in range(5):
        someone = dermatologist_make(treatments=[peel], name=f"Dr Busy {number}")
        TimeOff.objects.create(
            dermatologist=someone,
            starts_at=london(2026, 12, 7, 12),
            ends_at=london(2026, 12, 7, 13),
        )
        for hour in (9, 10, 11, 14, 15):
            booking = row(peel, someone, london(2026, 12, 7, hour))
            OutboxEmail.objects.create(kind="confirmed", booking=booking, recipient="a@b.com")
    count_queries()


def test_only_staff_who_may_see_bookings_open_the_diary(client, peel, okafor):
    assert client.get(DIARY).status_code == 302  # to the login page
    assert reverse("admin:bookings_booking_diary") == DIARY


def test_the_diary_prints_on_a4_landscape_with_phone_numbers(reception, peel, okafor):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    row(peel, okafor, london(2026, 12, 7, 10), phone="07700 900321")

    _, html = diary(reception)

    assert '<span class="diary-phone">07700 900321</span>' in html
    assert "css/diary.css" in html
    printed = Path(finders.find("css/diary.css")).read_text().split("@media print")[1]
    assert "size: A4 landscape" in printed
    assert ".diary-phone { display: inline; }" in printed
    assert re.search(r"@media print\{\.diary-body\{--quarter:[\d.]+px;grid-template-rows:", html)


def test_markup_typed_into_a_booking_shows_as_text_on_its_block_and_gap(reception, peel, okafor):
    okafor.name = "Dr <i>Okafor</i>"
    okafor.save()
    peel.name = 'Peel "<b>"'
    peel.save()
    row(peel, okafor, london(2026, 12, 7, 10), patient_name="Sam <script>x</script>", phone="<u>1")

    response, _text = diary(reception)
    html = response.content.decode()

    assert "<script>x" not in html and "<b>" not in html and "<i>Okafor" not in html
    assert "Sam &lt;script&gt;x&lt;/script&gt;" in html  # the block
    assert "Peel &quot;&lt;b&gt;&quot;" in html
    assert "&lt;u&gt;1" in html
    assert "with Dr &lt;i&gt;Okafor&lt;/i&gt;" in html  # the gaps' words for screen readers


def test_a_booking_whose_answers_ask_to_discuss_suitability_says_so_on_its_block(
    reception, peel, okafor
):
    row(peel, okafor, london(2026, 12, 7, 10), patient_name="Asks", discuss_suitability=True)
    row(peel, okafor, london(2026, 12, 7, 11), patient_name="Plain")

    _response, html = diary(reception)

    blocks = re.findall(r'<a class="diary-block[^>]*>.*?</a>', html)
    asks = next(b for b in blocks if "Asks" in b)
    plain = next(b for b in blocks if "Plain" in b)
    assert "Discuss suitability" in asks
    assert "Discuss suitability" not in plain


@pytest.mark.sqlite
def test_no_booking_lasts_a_day_so_the_diary_can_read_a_day_through_its_index(peel, okafor):
    start = london(2026, 12, 7, 9)
    # The diary reads bookings that start at most a day before the day it shows.
    with pytest.raises(IntegrityError, match="booking_lasts_under_a_day"), transaction.atomic():
        longest(peel, okafor, start, timedelta(days=1, minutes=5))
    longest(peel, okafor, start, timedelta(hours=9))


def longest(peel, okafor, start, length):
    return row(peel, okafor, start, ends_at=start + length, blocked_until=start + length)
