import secrets
import uuid
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from bookings.availability import LONDON
from bookings.manage_links import manage_token_make, new_manage_nonce
from bookings.patients import Patient
from bookings.phones import phone_display

# An alphabet a patient can read over the phone: no 0/O, 1/I/L, 5/S, 2/Z.
REFERENCE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
REFERENCE_LENGTH = 6


def age_on(born: date, day: date) -> int:
    """Age in whole years on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def new_manage_token() -> str:
    """The clear manage tokens of old; the first migrations still name this default."""
    return secrets.token_urlsafe(32)


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


def new_calendar_uid() -> str:
    # A UUID alone (RFC 7986): nothing in it may change with the site's address.
    return str(uuid.uuid4())


class Treatment(models.Model):
    """A kind of consultation a patient can book."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=60, unique=True)
    summary = models.CharField(
        max_length=200, help_text="One line on what it is, shown when choosing."
    )
    duration_minutes = models.PositiveSmallIntegerField(validators=[MinValueValidator(5)])
    buffer_minutes = models.PositiveSmallIntegerField(
        default=0, help_text="Time kept free after each appointment, for cleaning and notes."
    )
    price = models.DecimalField(
        max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    is_active = models.BooleanField(default=True, help_text="Only active treatments can be booked.")
    confirms_automatically = models.BooleanField(
        default=False, help_text="Bookings are confirmed at once instead of waiting for reception."
    )
    preparation = models.TextField(
        blank=True, help_text="What to bring and how to prepare, sent to the patient."
    )
    guide_url = models.CharField(
        max_length=200,
        blank=True,
        help_text="Path of the guide page that explains it, e.g. /milia/treatments/laser/.",
    )
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bookings:slots", kwargs={"treatment_slug": self.slug})

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)

    @property
    def buffer(self) -> timedelta:
        return timedelta(minutes=self.buffer_minutes)


class Dermatologist(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dermatologist"
    )
    name = models.CharField(max_length=100, help_text='As patients see it, e.g. "Dr Amara Okafor".')
    post_nominals = models.CharField(max_length=100, blank=True)
    gmc_number = models.CharField(
        "GMC number",
        max_length=7,
        unique=True,
        validators=[RegexValidator(r"^\d{7}$", "A GMC number is 7 digits.")],
    )
    bio = models.TextField(blank=True)
    treatments = models.ManyToManyField(Treatment, related_name="dermatologists", blank=True)
    is_active = models.BooleanField(default=True)
    calendar_token = models.CharField(
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
        help_text="The secret part of their calendar feed's address.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class WorkingHours(models.Model):
    """One span of a dermatologist's week, in UK local time. Several a day make breaks."""

    dermatologist = models.ForeignKey(
        Dermatologist, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["dermatologist", "weekday", "starts"]
        verbose_name_plural = "working hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gt=models.F("starts")), name="working_hours_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class TimeOff(models.Model):
    dermatologist = models.ForeignKey(
        Dermatologist, on_delete=models.CASCADE, related_name="time_off"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    reason = models.CharField(max_length=100, blank=True, help_text="Holiday, training…")

    class Meta:
        ordering = ["starts_at"]
        verbose_name_plural = "time off"
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="time_off_end_after_start"
            )
        ]

    def __str__(self):
        return f"{self.dermatologist}: {self.reason or 'time off'}"


class ClinicClosure(models.Model):
    """Whole days when the clinic is shut for everyone (bank holidays, building works)."""

    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=100)

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="closure_last_day_not_before_first",
            )
        ]

    def __str__(self):
        return f"{self.reason} ({self.first_day:%d %b %Y})"


def new_diary_token() -> str:
    return uuid.uuid4().hex


class DiaryVersion(models.Model):
    """One row, whose token the database replaces whenever anything free times depend on
    changes: bookings (their times, status, dermatologist or treatment; not their
    notes, contact details or invite sequence), time off, working hours, closures,
    treatments, dermatologists. clinic/web/pagecache.py says what guards each cache.

    Triggers (migrations 0011 and 0013) replace it inside the transaction that makes the
    change, however the change is made: a service, the admin, a queryset's
    update(), SQL. Readers therefore see a new token exactly when they can see
    the change, and the slot page keeps what it renders under the token
    (bookings/public/booking_views.py). The cost: writes to those tables take turns on this row
    until they commit. Should two bookings ever deadlock over it, PostgreSQL
    breaks the tie and the service tells the loser the time was just taken
    (bookings.services._lost_the_race), as for any other clash.
    """

    token = models.CharField(max_length=36, default=new_diary_token)

    class Meta:
        verbose_name = "diary version"

    def __str__(self):
        return self.token


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


class EmailKind(models.TextChoices):
    REQUESTED = "requested", "Request received"
    CONFIRMED = "confirmed", "Appointment confirmed"
    MOVED = "moved", "Appointment moved"
    CANCELLED = "cancelled", "Appointment cancelled"
    REMINDER = "reminder", "Reminder"
    MANAGE_LINKS = "manage_links", "Links to manage bookings"
    RECEPTION_NEW_REQUEST = "reception_new_request", "New request (to reception)"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Not sent (no longer true)"


class OutboxEmail(models.Model):
    """One email that a committed change made due. Written in the change's own transaction."""

    kind = models.CharField(max_length=30, choices=EmailKind.choices)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.CASCADE, related_name="emails"
    )
    version = models.PositiveIntegerField(
        default=0, help_text="The booking's sequence when the email became due."
    )
    recipient = models.EmailField()
    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(default=timezone.now, help_text="Not sent before this time.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "email"
        verbose_name_plural = "email outbox"
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "kind", "version"],
                name="outbox_one_email_per_booking_kind_version",
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} to {self.recipient}"


class LinkRequest(models.Model):
    """A "Lost your link?" request, waiting for a worker to look the address up.

    Kept in the database, not only in the broker, so none is lost while Redis
    is down; deleted, with the address as typed, as soon as it is looked up.
    """

    email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Link request {self.pk}"


class AuditEntry(models.Model):
    """Who looked at or changed what, and when: the clinic's record for data protection."""

    class Action(models.TextChoices):
        VIEWED_INTAKE = "viewed_intake", "Viewed intake answers"
        VIEWED_HISTORY = "viewed_history", "Viewed previous visits"
        CHANGED = "changed", "Changed a booking"
        EXPORTED = "exported", "Exported"
        PRIVACY = "privacy", "Privacy request"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.CharField(
        max_length=150, help_text="Username at the time, or 'patient' or 'system'."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    target = models.CharField(
        max_length=100, help_text='e.g. "booking ABC123" or "day list 2026-12-07".'
    )
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit trail"

    def __str__(self):
        return f"{self.actor} {self.get_action_display().lower()} {self.target}"
