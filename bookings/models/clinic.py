"""The clinic: its treatments, dermatologists, their hours, time off and closures."""

import secrets
import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

# Said of every treatment until reception writes its own sentence.
DEFAULT_PRICE_COVERS = (
    "covers your consultation with a dermatologist. If treatment is right for you, "
    "they tell you its price first, and you choose whether to have it the same day."
)
TITLES = ("Dr", "Prof", "Professor", "Mr", "Mrs", "Ms", "Miss", "Mx")


def money(value: Decimal) -> str:
    """A price as patients read it: £180, or £180.50."""
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


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
    price_covers = models.CharField(
        "what the price covers",
        max_length=250,
        default=DEFAULT_PRICE_COVERS,
        help_text="One sentence, shown after the price everywhere the price is shown: "
        "what it pays for, and whether treatment can happen on the day and at what price.",
    )

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

    @property
    def price_statement(self) -> str:
        """The one sentence said about the price wherever it is shown: pages, emails, the guide."""
        return f"{money(self.price)} {self.price_covers}"


class Dermatologist(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dermatologist"
    )
    name = models.CharField(max_length=100, help_text='As patients see it, e.g. "Dr Amara Okafor".')
    post_nominals = models.CharField(
        "qualifications",
        max_length=100,
        blank=True,
        help_text='As patients see it after the name, e.g. "MBBS, MRCP (Dermatology)".',
    )
    gmc_number = models.CharField(
        "GMC number",
        max_length=7,
        unique=True,
        validators=[RegexValidator(r"^\d{7}$", "A GMC number is 7 digits.")],
    )
    bio = models.TextField(blank=True)
    special_interests = models.CharField(
        max_length=200,
        blank=True,
        help_text='Shown to patients choosing a time, e.g. "Eyelid milia, skin of colour".',
    )
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

    @property
    def short_name(self) -> str:
        """ "Dr Okafor" for "Dr Amara Okafor": short enough to sit under a time."""
        words = self.name.split()
        if len(words) > 2 and words[0].rstrip(".") in TITLES:
            return f"{words[0]} {words[-1]}"
        return self.name

    @property
    def initials(self) -> str:
        """ "AO" for "Dr Amara Okafor": the picture when there is no photo."""
        words = [w for w in self.name.split() if w.rstrip(".") not in TITLES]
        return "".join(w[0] for w in words[:1] + words[1:][-1:]).upper()


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
