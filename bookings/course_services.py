"""Courses of treatment: proposing every session's time, booking all of them or none,
and keeping the gaps between sessions when one is moved or cancelled."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bookings.availability import LONDON, Slot
from bookings.change_services import booking_cancel, booking_move
from bookings.models import (
    ACTIVE_STATUSES,
    PARTS_OF_DAY,
    Booking,
    BookingEvent,
    CancelledBy,
    Course,
    CoursePlan,
    Dermatologist,
    EmailKind,
    Patient,
    Treatment,
)
from bookings.notify.emails import email_due
from bookings.selectors import slots_available
from bookings.services import (
    AlreadyBooked,
    BookingError,
    Intake,
    PatientDetails,
    _record,
    booking_create,
)
from bookings.templatetags.uk_time import ukdate, uktime

# How far to look for the first session when no free time suits sooner.
FIRST_SESSION_WEEKS = 8


class CourseError(BookingError):
    """A refusal about one session of a course (`session`, from 1), fit to show reception."""

    def __init__(self, message: str, *, session: int | None = None):
        super().__init__(message)
        self.session = session


@dataclass(frozen=True)
class ProposedSession:
    number: int
    start: datetime | None  # None: no free time within the gaps the plan allows


def course_propose(
    *,
    plan: CoursePlan,
    dermatologist: Dermatologist,
    first_day: date,
    weekday: int | None = None,
    part_of_day: str = "",
    now: datetime | None = None,
) -> list[ProposedSession]:
    """A time for every session of the plan with `dermatologist`, from `first_day` on.

    The first session takes the first free time from first_day; each later one
    the free time closest to the ideal gap after the one before, within the
    shortest and longest gaps, at the same time of day in UK time (so a course
    keeps its hour across a clock change). The patient's `weekday` (Monday 0)
    and `part_of_day` come first where there is such a time. Each time leaves
    room for the plan's session length. Closures, time off and other bookings
    are skipped as for any booking. Four queries.
    """
    now = now or timezone.now()
    last_day = first_day + timedelta(
        weeks=FIRST_SESSION_WEEKS + plan.interval_max_weeks * (plan.sessions - 1)
    )
    slots = slots_available(
        treatment=plan.treatment,
        first_day=first_day,
        last_day=last_day,
        dermatologists=[dermatologist],
        now=now,
        enforce_notice=False,
        duration=plan.session_length,
    )
    first_start = datetime.combine(first_day, time.min, tzinfo=LONDON)
    sessions: list[ProposedSession] = []
    previous: datetime | None = None
    for number in range(1, plan.sessions + 1):
        if previous is None:
            window = [s for s in slots if s.start >= first_start]
            ideal_day = first_day
        else:
            day = previous.astimezone(LONDON).date()
            earliest = day + timedelta(weeks=plan.interval_min_weeks)
            latest = day + timedelta(weeks=plan.interval_max_weeks)
            window = [s for s in slots if earliest <= s.local_start.date() <= latest]
            ideal_day = day + timedelta(weeks=plan.interval_ideal_weeks)
        best = _best(
            window,
            ideal_day=ideal_day,
            wall_time=previous.astimezone(LONDON).time() if previous else None,
            weekday=weekday,
            part_of_day=part_of_day,
        )
        sessions.append(ProposedSession(number, best.start if best else None))
        if best is None:  # the rest hang on this one: leave them for reception
            sessions += [ProposedSession(n, None) for n in range(number + 1, plan.sessions + 1)]
            break
        previous = best.start
    return sessions


def _best(
    slots: list[Slot],
    *,
    ideal_day: date,
    wall_time: time | None,
    weekday: int | None,
    part_of_day: str,
) -> Slot | None:
    def minutes(moment: time) -> int:
        return moment.hour * 60 + moment.minute

    def score(slot: Slot) -> tuple:
        local = slot.local_start
        starts, ends = PARTS_OF_DAY.get(part_of_day, (time(0), time(23, 59)))
        return (
            weekday is not None and local.weekday() != weekday,
            not starts <= local.time() < ends,
            abs((local.date() - ideal_day).days),
            abs(minutes(local.time()) - minutes(wall_time)) if wall_time else 0,
            slot.start,
        )

    return min(slots, key=score, default=None)


def course_gap_problem(*, course: Course, number: int, before: datetime, after: datetime) -> str:
    """Why the gap between session `number` - 1 (at `before`) and `number` (at `after`)
    is outside the course's plan, in plain words; "" when it is within it."""
    gap = after.astimezone(LONDON).date() - before.astimezone(LONDON).date()
    weeks = (
        f"{gap.days // 7} weeks and {gap.days % 7} days"
        if gap.days % 7
        else f"{gap.days // 7} weeks"
    )
    if gap < course.shortest_gap:
        return (
            f"Session {number} would be {weeks} after session {number - 1}: too soon. "
            f"The shortest gap for this course is {course.interval_min_weeks} weeks."
        )
    if gap > course.longest_gap:
        return (
            f"Session {number} would be {weeks} after session {number - 1}: too long a gap. "
            f"The longest gap for this course is {course.interval_max_weeks} weeks."
        )
    return ""


def _gap_problems(course: Course, starts: list[datetime]) -> list[tuple[int, str]]:
    return [
        (number, problem)
        for number in range(2, len(starts) + 1)
        if (
            problem := course_gap_problem(
                course=course, number=number, before=starts[number - 2], after=starts[number - 1]
            )
        )
    ]


def course_book(
    *,
    plan: CoursePlan,
    patient: Patient,
    dermatologist: Dermatologist,
    starts: list[datetime],
    created_by: User | None,
    now: datetime | None = None,
) -> Course:
    """Books every session of a course at `starts`, all of them or none, in one transaction.

    Each session is made by booking_create under staff's rules (no notice, the
    staff horizon), confirmed, with `dermatologist`, for the plan's session length. A gap outside the plan, or
    a session whose time is not free (or is taken meanwhile by someone else),
    refuses the whole course with a CourseError naming that session; nothing is
    booked. The patient is sent one email listing every session, and one
    invite per session.
    """
    now = now or timezone.now()
    if len(starts) != plan.sessions:
        raise CourseError(f"This course has {plan.sessions} sessions: give a time for each.")
    starts = sorted(starts)
    course = Course(
        patient=patient,
        treatment=plan.treatment,
        dermatologist=dermatologist,
        sessions=plan.sessions,
        interval_min_weeks=plan.interval_min_weeks,
        interval_ideal_weeks=plan.interval_ideal_weeks,
        interval_max_weeks=plan.interval_max_weeks,
        created_by=created_by,
        created_at=now,
    )
    if problems := _gap_problems(course, starts):
        number, problem = problems[0]
        raise CourseError(problem, session=number)
    details, intake = _details_and_intake(patient)
    with transaction.atomic():
        course.save()
        bookings = []
        for number, start in enumerate(starts, start=1):
            try:
                booking = booking_create(
                    treatment=plan.treatment,
                    start=start,
                    dermatologist=dermatologist,
                    patient=details,
                    intake=intake,
                    record=patient,
                    created_by=created_by,
                    enforce_notice=False,
                    confirm=True,
                    note=f"Session {number} of {plan.sessions} of a course.",
                    now=now,
                    duration=plan.session_length,
                )
            except AlreadyBooked:
                raise CourseError(
                    f"Session {number} ({ukdate(start)}, {uktime(start)}): "
                    f"{patient.name} already has this appointment. Nothing was booked.",
                    session=number,
                ) from None
            except BookingError as exc:
                raise CourseError(
                    f"Session {number} ({ukdate(start)}, {uktime(start)}): {exc.message} "
                    "Nothing was booked.",
                    session=number,
                ) from None
            booking.course = course
            booking.course_session = number
            booking.save(update_fields=["course", "course_session"])
            bookings.append(booking)
        email_due(kind=EmailKind.COURSE, booking=bookings[0])
    return course


def _details_and_intake(patient: Patient) -> tuple[PatientDetails, Intake]:
    """The patient's current details, and the answers of their latest booking (a course
    follows a consultation, whose answers still stand)."""
    details = PatientDetails(
        name=patient.name,
        email=patient.email,
        phone=patient.phone,
        date_of_birth=patient.date_of_birth,
        guardian_name=patient.guardian_name,
        guardian_relationship=patient.guardian_relationship,
    )
    last = patient.bookings.order_by("-starts_at").first()
    if last is None:
        raise CourseError(
            f"{patient.name} has no appointment yet: book a consultation before a course."
        )
    intake = Intake(
        areas=list(last.areas),
        how_long=last.how_long,
        how_many=last.how_many,
        tried_home_removal=last.tried_home_removal,
        pregnancy=last.pregnancy,
        tried_already=last.tried_already,
    )
    return details, intake


def course_sessions(course: Course) -> list[Booking]:
    """The course's sessions, first to last, in any state (1 query)."""
    return list(
        course.bookings.select_related("treatment", "dermatologist").order_by("course_session")
    )


def course_move_session(
    *,
    booking: Booking,
    start: datetime,
    by_user: User | None,
    dermatologist: Dermatologist | None = None,
    override_reason: str = "",
    now: datetime | None = None,
) -> Booking:
    """Moves one session of a course, keeping the gaps to the sessions either side.

    A gap too short or too long is refused with a CourseError saying which,
    unless staff give `override_reason`, which goes into the booking's history.
    The move itself is booking_move's, with its rules.
    """
    course = booking.course
    if course is None:
        return booking_move(
            booking=booking, start=start, dermatologist=dermatologist, by_user=by_user, now=now
        )
    active = [
        s if s.pk != booking.pk else None
        for s in course_sessions(course)
        if s.status in ACTIVE_STATUSES or s.pk == booking.pk
    ]
    index = active.index(None)
    starts = [s.starts_at if s else start for s in active]
    problems = [
        problem
        for number, problem in _gap_problems(course, starts)
        if number - 2 <= index <= number - 1
    ]
    reason = override_reason.strip()
    if problems and (by_user is None or not reason):
        raise CourseError(" ".join(problems), session=booking.course_session)
    with transaction.atomic():
        moved = booking_move(
            booking=booking, start=start, dermatologist=dermatologist, by_user=by_user, now=now
        )
        if problems:
            _record(
                moved,
                BookingEvent.Kind.GAP_OVERRIDDEN,
                by_user=by_user,
                at=now or timezone.now(),
                detail=f"{' '.join(problems)} Reason: {reason}"[:300],
            )
    return moved


def course_cancel_rest(
    *,
    booking: Booking,
    by_user: User | None,
    cancelled_by: CancelledBy | None = None,
    reason: str = "",
    now: datetime | None = None,
) -> list[Booking]:
    """Cancels this session and every active session of its course after it, in one
    transaction, each through booking_cancel (its email, its rules)."""
    if booking.course is None:
        return [booking_cancel(booking=booking, by_user=by_user, reason=reason, now=now)]
    with transaction.atomic():
        later = [
            s
            for s in course_sessions(booking.course)
            if s.course_session >= booking.course_session and s.status in ACTIVE_STATUSES
        ]
        return [
            booking_cancel(
                booking=s, by_user=by_user, cancelled_by=cancelled_by, reason=reason, now=now
            )
            for s in later
        ]


def course_plan_for(treatment: Treatment) -> CoursePlan | None:
    return CoursePlan.objects.filter(treatment=treatment).select_related("treatment").first()
