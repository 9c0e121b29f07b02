"""Free slots: the pure function first, then through the database with a frozen clock."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from bookings.availability import LONDON, Rules, Schedule, Slot, free_slots, nearest
from bookings.models import ClinicClosure, TimeOff
from bookings.selectors import dermatologists_for, slots_available
from tests.factories import booking_row_make, dermatologist_make, london, treatment_make

MONDAY = date(2026, 12, 7)
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # a week before, so notice never bites
NO_NOTICE = Rules(grid=timedelta(minutes=15), min_notice=timedelta(0), horizon=timedelta(weeks=8))


def local_times(slots: list[Slot]) -> list[str]:
    return [slot.local_start.strftime("%a %H:%M") for slot in slots]


def slots_for(
    hours,
    *,
    busy=(),
    duration=30,
    buffer=0,
    first_day=MONDAY,
    last_day=MONDAY,
    closed=(),
    now=NOW,
    rules=NO_NOTICE,
):
    return free_slots(
        schedules=[Schedule(1, hours, list(busy))],
        duration=timedelta(minutes=duration),
        buffer=timedelta(minutes=buffer),
        first_day=first_day,
        last_day=last_day,
        closed_days=closed,
        now=now,
        rules=rules,
    )


def test_it_offers_every_grid_time_where_the_appointment_fits_in_working_hours():
    slots = slots_for({0: [(time(9), time(10))]})

    assert local_times(slots) == ["Mon 09:00", "Mon 09:15", "Mon 09:30"]


def test_it_offers_nothing_over_a_lunch_break():
    slots = slots_for({0: [(time(9), time(10)), (time(11), time(12))]}, duration=45)

    assert local_times(slots) == ["Mon 09:00", "Mon 09:15", "Mon 11:00", "Mon 11:15"]


def test_it_offers_nothing_on_a_day_off():
    assert slots_for({1: [(time(9), time(17))]}) == []


def test_a_booking_blocks_its_time_and_its_buffer():
    # Booked 09:30-10:00 with a 15-minute buffer: busy until 10:15.
    busy = [(london(2026, 12, 7, 9, 30), london(2026, 12, 7, 10, 15))]

    slots = slots_for({0: [(time(9), time(11))]}, busy=busy, duration=30, buffer=0)

    assert local_times(slots) == ["Mon 09:00", "Mon 10:15", "Mon 10:30"]


def test_the_new_appointments_own_buffer_must_not_run_into_the_next_booking():
    busy = [(london(2026, 12, 7, 10, 0), london(2026, 12, 7, 10, 30))]

    slots = slots_for({0: [(time(9), time(10, 30))]}, busy=busy, duration=30, buffer=15)

    # 09:30 would end at 10:00 but its buffer runs to 10:15, into the booking.
    assert local_times(slots) == ["Mon 09:00", "Mon 09:15"]


def test_back_to_back_appointments_are_allowed():
    busy = [(london(2026, 12, 7, 9, 30), london(2026, 12, 7, 10, 0))]

    slots = slots_for({0: [(time(9), time(10, 30))]}, busy=busy, duration=30)

    assert local_times(slots) == ["Mon 09:00", "Mon 10:00"]


def test_time_off_blocks_the_hours_it_covers():
    busy = [(london(2026, 12, 7, 0, 0), london(2026, 12, 7, 12, 0))]

    slots = slots_for({0: [(time(9), time(13))]}, busy=busy, duration=60)

    assert local_times(slots) == ["Mon 12:00"]


def test_a_clinic_closure_closes_the_whole_day():
    slots = slots_for(
        {0: [(time(9), time(10))], 1: [(time(9), time(10))]},
        first_day=MONDAY,
        last_day=MONDAY + timedelta(days=1),
        closed={MONDAY},
        duration=60,
    )

    assert local_times(slots) == ["Tue 09:00"]


def test_it_offers_nothing_sooner_than_the_minimum_notice():
    rules = Rules(min_notice=timedelta(hours=24))
    now = london(2026, 12, 6, 9, 20)  # Sunday 09:20: Monday 09:20 is the earliest

    slots = slots_for({0: [(time(9), time(10))]}, now=now, rules=rules)

    assert local_times(slots) == ["Mon 09:30"]


def test_it_offers_nothing_beyond_the_horizon():
    rules = Rules(min_notice=timedelta(0), horizon=timedelta(weeks=1))
    now = london(2026, 11, 30, 9, 0)  # the Monday before

    slots = slots_for(
        {0: [(time(9), time(10))]},
        first_day=MONDAY - timedelta(days=7),
        last_day=MONDAY + timedelta(days=7),
        now=now,
        rules=rules,
        duration=60,
    )

    assert [slot.local_start.date() for slot in slots] == [MONDAY - timedelta(days=7), MONDAY]


@pytest.mark.parametrize(
    ("sunday", "expected_utc_hour", "zone"),
    [
        (date(2026, 3, 29), 8, "BST"),  # clocks went forward at 01:00 GMT that morning
        (date(2026, 10, 25), 9, "GMT"),  # clocks went back at 02:00 BST that morning
        (date(2027, 3, 28), 8, "BST"),
        (date(2027, 10, 31), 9, "GMT"),
    ],
)
def test_the_days_the_clocks_change_keep_uk_wall_clock_times(sunday, expected_utc_hour, zone):
    slots = slots_for(
        {6: [(time(9), time(10))]},
        first_day=sunday,
        last_day=sunday,
        now=datetime(2026, 1, 1, tzinfo=UTC),
        rules=Rules(min_notice=timedelta(0), horizon=timedelta(weeks=100)),
    )

    assert local_times(slots) == ["Sun 09:00", "Sun 09:15", "Sun 09:30"]
    assert slots[0].start == datetime.combine(sunday, time(expected_utc_hour), tzinfo=UTC)
    assert slots[0].local_start.tzname() == zone


def test_a_span_across_the_spring_change_counts_the_real_hours():
    # 00:00 to 03:00 on the night the clocks go forward is only two real hours.
    sunday = date(2026, 3, 29)
    slots = slots_for(
        {6: [(time(0), time(3))]},
        first_day=sunday,
        last_day=sunday,
        duration=60,
        now=datetime(2026, 1, 1, tzinfo=UTC),
        rules=Rules(
            grid=timedelta(minutes=60), min_notice=timedelta(0), horizon=timedelta(weeks=100)
        ),
    )

    # In UTC: 00:00 GMT and 02:00 BST; the wall-clock hour 01:00 never happens.
    assert [slot.start.strftime("%H:%M") for slot in slots] == ["00:00", "01:00"]
    assert local_times(slots) == ["Sun 00:00", "Sun 02:00"]


def test_nearest_picks_the_closest_times_one_per_start_in_time_order():
    at = london(2026, 12, 7, 10, 0)
    slots = [
        Slot(at + timedelta(minutes=m), d)
        for m, d in [(-60, 1), (-15, 2), (15, 1), (15, 2), (90, 1)]
    ]

    assert [s.start - at for s in nearest(slots, at, count=3)] == [
        timedelta(minutes=-60),
        timedelta(minutes=-15),
        timedelta(minutes=15),
    ]


@settings(max_examples=200, deadline=None)
@given(
    busy_starts=st.lists(st.integers(min_value=0, max_value=40), max_size=8),
    busy_lengths=st.lists(st.integers(min_value=1, max_value=8), min_size=8, max_size=8),
    duration=st.integers(min_value=1, max_value=8).map(lambda n: n * 5),
    buffer=st.integers(min_value=0, max_value=3).map(lambda n: n * 5),
)
def test_no_offered_slot_ever_overlaps_a_busy_interval_or_leaves_working_hours(
    busy_starts, busy_lengths, duration, buffer
):
    day_start = london(2026, 12, 7, 8, 0)
    busy = [
        (day_start + timedelta(minutes=15 * s), day_start + timedelta(minutes=15 * s + 15 * n))
        for s, n in zip(busy_starts, busy_lengths, strict=False)
    ]
    hours = {0: [(time(9), time(12)), (time(13), time(17))]}

    slots = slots_for(hours, busy=busy, duration=duration, buffer=buffer)

    for slot in slots:
        end = slot.start + timedelta(minutes=duration)
        blocked = end + timedelta(minutes=buffer)
        assert not any(start < blocked and slot.start < stop for start, stop in busy)
        local = slot.local_start
        assert any(
            datetime.combine(MONDAY, a, tzinfo=LONDON) <= local
            and end <= datetime.combine(MONDAY, b, tzinfo=LONDON)
            for a, b in hours[0]
        )
    assert [s.start for s in slots] == sorted(s.start for s in slots)


# Through the database


@pytest.mark.django_db
def test_the_selector_reads_bookings_time_off_and_closures_from_the_database():
    treatment = treatment_make(duration_minutes=60)
    dermatologist = dermatologist_make(treatments=[treatment], hours={0: [(time(9), time(13))]})
    booking_row_make(treatment=treatment, dermatologist=dermatologist, start=london(2026, 12, 7, 9))
    TimeOff.objects.create(
        dermatologist=dermatologist,
        starts_at=london(2026, 12, 7, 11),
        ends_at=london(2026, 12, 7, 12),
    )
    ClinicClosure.objects.create(
        first_day=date(2026, 12, 14), last_day=date(2026, 12, 14), reason="Shut"
    )

    with time_machine.travel(NOW, tick=False):
        slots = slots_available(
            treatment=treatment,
            first_day=MONDAY,
            last_day=MONDAY + timedelta(days=7),
            dermatologists=dermatologists_for(treatment),
        )

    assert local_times(slots) == ["Mon 10:00", "Mon 12:00"]


@pytest.mark.django_db
def test_cancelled_bookings_free_their_slot():
    treatment = treatment_make(duration_minutes=60)
    dermatologist = dermatologist_make(treatments=[treatment], hours={0: [(time(9), time(10))]})
    booking_row_make(
        treatment=treatment,
        dermatologist=dermatologist,
        start=london(2026, 12, 7, 9),
        status="cancelled",
    )

    with time_machine.travel(NOW, tick=False):
        slots = slots_available(
            treatment=treatment, first_day=MONDAY, last_day=MONDAY, dermatologists=[dermatologist]
        )

    assert local_times(slots) == ["Mon 09:00"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sunday", [date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)]
)
def test_a_dermatologist_working_the_sunday_the_clocks_change_is_offered_at_local_times(sunday):
    treatment = treatment_make(duration_minutes=30)
    dermatologist = dermatologist_make(treatments=[treatment], hours={6: [(time(9), time(10))]})
    booking_row_make(
        treatment=treatment,
        dermatologist=dermatologist,
        start=datetime.combine(sunday, time(9, 30), tzinfo=LONDON),
    )
    friday_before = datetime.combine(sunday - timedelta(days=2), time(9), tzinfo=LONDON)

    with time_machine.travel(friday_before, tick=False):
        slots = slots_available(
            treatment=treatment, first_day=sunday, last_day=sunday, dermatologists=[dermatologist]
        )

    assert local_times(slots) == ["Sun 09:00"]
    assert slots[0].local_start.hour == 9


@pytest.mark.django_db
def test_the_selector_runs_a_fixed_number_of_queries_however_many_bookings(
    django_assert_num_queries,
):
    treatment = treatment_make(duration_minutes=15)
    dermatologists = [dermatologist_make(treatments=[treatment]) for _ in range(3)]

    def count_queries():
        # 1 dermatologists offering it, 1 their working hours,
        # 1 time off, 1 active bookings, 1 closures
        with time_machine.travel(NOW, tick=False), django_assert_num_queries(5):
            slots_available(
                treatment=treatment,
                first_day=MONDAY,
                last_day=MONDAY + timedelta(days=27),
                dermatologists=dermatologists_for(treatment),
            )

    count_queries()
    for day in range(20):
        for hour in range(9, 16):
            for dermatologist in dermatologists:
                booking_row_make(
                    treatment=treatment,
                    dermatologist=dermatologist,
                    start=london(2026, 12, 7 + day, hour),
                )
    count_queries()
