"""A booking, its life (status, actions) and its history."""

import secrets
import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from bookings.availability import LONDON
from bookings.manage_links import manage_token_make, new_manage_nonce
from bookings.models.clinic import Dermatologist, Treatment
from bookings.models.patient import Patient
from bookings.phones import phone_display
from bookings.suitability import SkinType, suitability_answer_lines, suitability_to_discuss

# An alphabet a patient can read over the phone: no 0/O, 1/I/L, 5/S, 2/Z.
REFERENCE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
REFERENCE_LENGTH = 6
# No visit lasts a day: the diary relies on it to read a day through an index.
LONGEST_BOOKING = timedelta(days=1)


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def new_manage_token() -> str:
    """The clear manage tokens of old; the first migrations still name this default."""
    return secrets.token_urlsafe(32)


def new_calendar_uid() -> str:
    # A UUID alone (RFC 7986): nothing in it may change with the site's address.
    return str(uuid.uuid4())


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    CONFIRMED = "confirmed", "Confirmed"
    ARRIVED = "arrived", "Arrived"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "No-show"


# Bookings in these states hold their slot; the exclusion constraint in
# migration 0002 lists the same values.
ACTIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED, BookingStatus.ARRIVED)


# The patient may cancel or move a booking only in these states.
CHANGEABLE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class BookingAction(models.TextChoices):
    """What the clinic can do to a booking; the labels are the desk's buttons, in this order."""

    CONFIRM = "confirm", "Confirm"
    ARRIVED = "arrived", "Arrived"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No-show"
    MOVE = "move", "Move…"
    CANCEL = "cancel", "Cancel…"


# The booking's life in one table: which action each status allows. The services
# refuse anything else (and add their rules of time); the desk offers only these.
# A patient walking in unconfirmed may be marked arrived; completed needs the
# appointment to have begun, which only the service can tell.
ALLOWED_ACTIONS: dict[str, tuple[BookingAction, ...]] = {
    BookingStatus.REQUESTED: (
        BookingAction.CONFIRM,
        BookingAction.ARRIVED,
        BookingAction.NO_SHOW,
        BookingAction.MOVE,
        BookingAction.CANCEL,
    ),
    BookingStatus.CONFIRMED: (
        BookingAction.ARRIVED,
        BookingAction.COMPLETED,
        BookingAction.NO_SHOW,
        BookingAction.MOVE,
        BookingAction.CANCEL,
    ),
    BookingStatus.ARRIVED: (BookingAction.COMPLETED, BookingAction.CANCEL),
    BookingStatus.COMPLETED: (),
    BookingStatus.CANCELLED: (),
    BookingStatus.NO_SHOW: (),
}


class CancelledBy(models.TextChoices):
    PATIENT = "patient", "Patient"
    CLINIC = "clinic", "Clinic"


class Area(models.TextChoices):
    EYES = "eyes", "Around the eyes or on the eyelids"
    CHEEKS = "cheeks", "Cheeks"
    NOSE = "nose", "Nose"
    FOREHEAD = "forehead", "Forehead"
    ELSEWHERE = "elsewhere", "Somewhere else"


class HowLong(models.TextChoices):
    UNDER_A_MONTH = "under_1_month", "Less than a month"
    MONTHS = "1_to_6_months", "1 to 6 months"
    UNDER_A_YEAR = "6_to_12_months", "6 to 12 months"
    YEARS = "over_1_year", "More than a year"


class HowMany(models.TextChoices):
    FEW = "1_to_5", "1 to 5"
    SEVERAL = "6_to_20", "6 to 20"
    MANY = "over_20", "More than 20"


class Pregnancy(models.TextChoices):
    NO = "no", "No"
    PREGNANT = "pregnant", "Yes, I am pregnant"
    BREASTFEEDING = "breastfeeding", "Yes, I am breastfeeding"
    TRYING = "trying", "I am trying for a baby"
    NOT_SAY = "not_say", "I would rather not say"


class WarningSign(models.TextChoices):
    INFECTION = "infection", "Redness, swelling, pain or pus after trying to remove them"
    CHANGING = "changing", "A bump that has grown, bled or changed"
    SUDDEN = "sudden", "Many appeared suddenly, within a few weeks"


class Booking(models.Model):
    reference = models.CharField(
        max_length=REFERENCE_LENGTH, unique=True, default=new_reference, editable=False
    )
    manage_nonce = models.CharField(
        max_length=32,
        unique=True,
        default=new_manage_nonce,
        editable=False,
        help_text="Makes the manage link, with a key kept outside the database.",
    )
    legacy_token_hash = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="SHA-256 of a manage link sent before links were keyed; still accepted.",
    )
    calendar_uid = models.CharField(
        "calendar UID",
        max_length=255,
        unique=True,
        default=new_calendar_uid,
        editable=False,
        help_text="Names the appointment in calendars: every invite and the feed use it.",
    )
    submission_key = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="Makes a repeated form post harmless.",
    )

    treatment = models.ForeignKey(Treatment, on_delete=models.PROTECT, related_name="bookings")
    dermatologist = models.ForeignKey(
        Dermatologist, on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    blocked_until = models.DateTimeField(
        help_text="End of the appointment plus the treatment's buffer."
    )
    status = models.CharField(
        max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )

    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="bookings")
    # The details as given for this booking; the patient record holds the current ones.
    patient_name = models.CharField(max_length=150)
    email = models.EmailField()
    phone = models.CharField(max_length=30)
    date_of_birth = models.DateField()
    guardian_name = models.CharField(max_length=150, blank=True)
    guardian_relationship = models.CharField(max_length=60, blank=True)

    # Intake: health data, shown only to the clinic.
    areas = models.JSONField(default=list)
    how_long = models.CharField(max_length=20, choices=HowLong.choices)
    how_many = models.CharField(max_length=20, choices=HowMany.choices)
    tried_home_removal = models.BooleanField()
    warning_signs = models.JSONField(default=list, blank=True)
    tried_already = models.TextField(blank=True)
    pregnancy = models.CharField(max_length=20, choices=Pregnancy.choices)
    patient_note = models.TextField(blank=True)
    privacy_consent_at = models.DateTimeField()
    needs_attention = models.BooleanField(
        "safety flag",
        default=False,
        help_text="The answers suggest something that is not routine milia.",
    )
    suitability_answers = models.JSONField(
        default=dict,
        blank=True,
        help_text="Answers to the questions asked for this treatment (bookings/suitability.py).",
    )
    skin_type = models.CharField(
        max_length=20,
        blank=True,
        choices=SkinType.choices,
        help_text="Information for the dermatologist, never a mark against the patient.",
    )
    discuss_suitability = models.BooleanField(
        "discuss suitability",
        default=False,
        help_text="An answer may make the treatment unsuitable: talk it through at the consultation.",
    )
    staff_notes = models.TextField(
        blank=True,
        help_text="Seen by staff only: never shown to the patient or put in an email.",
    )

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Member of staff who made a phone booking; empty when the patient booked online.",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.CharField(max_length=10, choices=CancelledBy.choices, blank=True)
    cancelled_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancellation_reason = models.CharField(max_length=300, blank=True)
    sequence = models.PositiveIntegerField(
        default=0,
        help_text="Goes up with every change the patient is told about (calendar invites).",
    )
    course = models.ForeignKey(
        "bookings.Course",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bookings",
        editable=False,
    )
    course_session = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=models.F("ends_at")),
                name="booking_blocked_until_not_before_end",
            ),
            # The diary reads a day's bookings through the index on starts_at,
            # from a day before the day it shows (bookings.diary.LONGEST_BOOKING).
            models.CheckConstraint(
                condition=Q(ends_at__lte=models.F("starts_at") + LONGEST_BOOKING),
                name="booking_lasts_under_a_day",
            ),
        ]
        indexes = [models.Index(fields=["dermatologist", "starts_at"])]

    def __str__(self):
        return f"{self.reference} · {self.patient_name}"

    def get_absolute_url(self):
        return reverse("bookings:manage", kwargs={"token": self.manage_token})

    @property
    def manage_token(self) -> str:
        """The secret part of the manage link: made when needed, never stored."""
        return manage_token_make(self.manage_nonce)

    @property
    def course_label(self) -> str:
        """ "session 2 of 4" for a session of a course; "" otherwise (load `course` with it)."""
        if self.course_session is None or self.course is None:
            return ""
        return f"session {self.course_session} of {self.course.sessions}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def allowed_actions(self) -> tuple[BookingAction, ...]:
        """What the clinic may do to it now, as far as its status goes (ALLOWED_ACTIONS)."""
        return ALLOWED_ACTIONS[self.status]

    @property
    def changeable_until(self) -> datetime:
        """The last moment the patient can cancel or move it online."""
        return self.starts_at - timedelta(hours=settings.BOOKING_CHANGE_CUTOFF_HOURS)

    def is_in_calendars(self, now: datetime) -> bool:
        """Whether the patient may add it to a calendar: still ahead and not cancelled."""
        return (
            self.status in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED) and now < self.ends_at
        )

    def is_changeable_online(self, now: datetime) -> bool:
        return self.status in CHANGEABLE_STATUSES and now < self.changeable_until

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(LONDON)

    def age_on(self, day: date) -> int:
        return age_on(self.date_of_birth, day)

    @property
    def phone_for_display(self) -> str:
        return phone_display(self.phone)

    @property
    def age_on_the_day(self) -> int:
        return self.age_on(self.local_start.date())

    @property
    def area_labels(self) -> list[str]:
        return [Area(code).label for code in self.areas if code in Area.values]

    @property
    def suitability_answer_lines(self) -> list[str]:
        return suitability_answer_lines(self.suitability_answers)

    @property
    def suitability_to_discuss(self) -> list[str]:
        return suitability_to_discuss(
            treatment_slug=self.treatment.slug,
            answers=self.suitability_answers,
            pregnancy=self.pregnancy,
        )

    @property
    def warning_sign_labels(self) -> list[str]:
        return [
            WarningSign(code).label for code in self.warning_signs if code in WarningSign.values
        ]


class BookingEvent(models.Model):
    """One change to a booking: what, when, and who (the patient, or a member of staff)."""

    class Kind(models.TextChoices):
        CREATED = "created", "Booked"
        CONFIRMED = "confirmed", "Confirmed"
        MOVED = "moved", "Moved"
        CANCELLED = "cancelled", "Cancelled"
        ARRIVED = "arrived", "Arrived"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "Marked no-show"
        NOTES = "notes", "Staff notes changed"
        GAP_OVERRIDDEN = "gap_overridden", "Course gap overridden"
        SAFETY_RECHECKED = "safety_rechecked", "Safety answers confirmed"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField()
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Member of staff; empty when the patient did it.",
    )
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.by_user or 'patient'}"
