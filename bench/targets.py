"""What the benchmarks ask for, chosen the same way by every bench script."""

from datetime import date, timedelta
from functools import cache

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from bookings.models import Booking, BookingStatus

# Offered by all ten dermatologists: "first available" has the most diaries to merge.
SLOT_TREATMENT = "general-consultation"
# Needs reception's confirmation, as most treatments do: two emails per booking.
POST_TREATMENT = "milia-extraction"
GUIDE_PATH = "/milia/what-are-milia/"
ADMIN_LIST_PATH = "/admin/bookings/booking/"
PATIENT_LIST_PATH = "/admin/bookings/patient/"
ADMIN_USERNAME = "bench-admin"
DIARY_PATH = "/admin/bookings/booking/diary/"
FREE_TIMES_PATH = "/admin/bookings/booking/free-times/"
WEEK_PATH = "/admin/bookings/booking/diary/week/"


def diary_path() -> str:
    """Reception's day diary on the Monday two weeks ahead: all ten dermatologists, a full day."""
    return f"{DIARY_PATH}?day={slot_week().isoformat()}"


@cache
def week_path() -> str:
    """One dermatologist's week, the week of the day diary: the busiest dermatologist then.

    Kept from the first call, so a script that then empties the diary asks for the same page.
    """
    from bookings.models import Booking

    monday = slot_week()
    busiest = (
        Booking.objects.filter(
            starts_at__date__gte=monday, starts_at__date__lt=monday + timedelta(7)
        )
        .values("dermatologist")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return f"{WEEK_PATH}?day={monday.isoformat()}&dermatologist={busiest['dermatologist']}"


def free_times_path() -> str:
    """The next five free times of the treatment everyone offers, mornings, from tomorrow."""
    from bookings.models import Treatment

    treatment = Treatment.objects.get(slug=SLOT_TREATMENT)
    tomorrow = timezone.localdate() + timedelta(days=1)
    return f"{FREE_TIMES_PATH}?treatment={treatment.pk}&part_of_day=morning&day={tomorrow}"


def slot_week(today: date | None = None) -> date:
    """The Monday two weeks after this one."""
    today = today or timezone.localdate()
    return today - timedelta(days=today.weekday()) + timedelta(weeks=2)


def slot_path() -> str:
    return f"/book/{SLOT_TREATMENT}/?week={slot_week().isoformat()}"


def manage_booking() -> Booking:
    """A confirmed appointment a few days ahead, whose patient looks at their manage page."""
    return (
        Booking.objects.filter(
            status=BookingStatus.CONFIRMED, starts_at__gte=timezone.now() + timedelta(days=3)
        )
        .order_by("starts_at", "pk")
        .first()
    )


def manage_path() -> str:
    return f"/manage/{manage_booking().manage_token}/"


def history_booking() -> Booking:
    """An upcoming appointment of the patient who has been most often: the longest history."""
    return (
        Booking.objects.filter(status=BookingStatus.CONFIRMED, starts_at__gte=timezone.now())
        .annotate(visits=Count("patient__bookings"))
        .order_by("-visits", "starts_at", "pk")
        .first()
    )


def dermatologist_client(booking: Booking) -> Client:
    """A client logged in as the booking's dermatologist, past the second factor."""
    user = booking.dermatologist.user
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Bench")
    return _verified_client(user, device)


def admin_client() -> Client:
    """A client logged in as the bench superuser, past the second factor.

    As if they had typed their password and a code: the session holds the
    verified device, as django_otp's login does. Signed with SECRET_KEY, so
    the server must share it (bench/env.sh does).
    """
    user = User.objects.get(username=ADMIN_USERNAME)
    return _verified_client(user, StaticDevice.objects.get(user=user))


def _verified_client(user: User, device: StaticDevice) -> Client:
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
