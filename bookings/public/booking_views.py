import uuid
from datetime import date, datetime

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from bookings.availability import LONDON, Slot
from bookings.models import ACTIVE_STATUSES, Booking, Dermatologist, Treatment
from bookings.public.choice import (
    UNREADABLE,
    alternatives_offered,
    dermatologist_from,
    shown_with,
    time_chosen,
)
from bookings.public.forms import BookingDetailsForm
from bookings.public.picker import ANY, PickerAsk, day_picker
from bookings.public.waitlist_views import waitlist_join_url
from bookings.selectors import (
    booking_rules,
    dermatologists_for,
    diary_version,
    slots_available,
)
from bookings.services import NOT_FREE, AlreadyBooked, BookingError, SlotUnavailable, booking_create
from bookings.templatetags.uk_time import uktime
from clinic.web.pagecache import ProcessCopies, cache_call, page_key, page_reusable
from clinic.web.ratelimit import rate_limited, too_many_requests

CONFIRMED_COOKIE = "confirmed_booking"
# The same, for a page outside the booking pages that booked (an offer's link), at its path.
BOOKED_HERE_COOKIE = "booked_here"
CONFIRMATION_SECONDS = 30 * 60
# The key changes every minute anyway (the notice period's bounds are in it).
SLOT_PAGE_SECONDS = 90
# Slot pages this process has served: a treatment's day and week views for each
# dermatologist, about 20 KB each, their keys out of use within the minute.
slot_pages_here = ProcessCopies(limit=200)


def start(request: HttpRequest) -> HttpResponse:
    treatments = Treatment.objects.filter(is_active=True)
    return render(request, "bookings/start.html", {"treatments": treatments})


def slots(request: HttpRequest, treatment_slug: str) -> HttpResponse:
    """The day picker for the treatment, kept whole in the cache.

    The page is kept under the diary's version, read before anything else,
    so a page can be newer than its version but never older: a time someone
    has taken is never offered from the cache. The booking rules' bounds are
    in the key to the minute, so times also drop out of the notice period on
    time. A page is kept only when the days and dermatologist asked for are the
    ones it shows, so no odd query can fill the cache.
    """
    if not page_reusable(request):
        return _slots_page(request, treatment_slug)[0]
    asked = (
        request.GET.get("from", ""),
        request.GET.get("day", ""),
        request.GET.get("week", ""),
        request.GET.get("dermatologist", ANY),
    )
    version = diary_version()  # first: what is loaded later is at least this new
    rules = booking_rules()
    earliest, latest = rules.bounds(timezone.now())
    key = page_key(request, f"{version}|{rules}|{earliest}|{latest}|{asked}")
    content = slot_pages_here.get(key)
    if content is None and (content := cache_call("get", key)) is not None:
        slot_pages_here.add(key, content)
    if content is not None:
        return HttpResponse(content)
    response, shown = _slots_page(request, treatment_slug)
    if response.status_code == 200 and asked == shown:
        cache_call("set", key, response.content, timeout=SLOT_PAGE_SECONDS)
        slot_pages_here.add(key, response.content)
    return response


def _slots_page(request: HttpRequest, treatment_slug: str) -> tuple[HttpResponse, tuple[str, str]]:
    """The slot page, and the query (from, day, week, dermatologist) that asks for exactly
    what it shows."""
    treatment = get_object_or_404(Treatment, slug=treatment_slug, is_active=True)
    dermatologists = dermatologists_for(treatment)
    chosen = dermatologist_from(request.GET.get("dermatologist", ANY), dermatologists)
    context = day_picker(
        request,
        treatment=treatment,
        dermatologists=dermatologists,
        chosen=chosen,
        choose_url=reverse("bookings:details", kwargs={"treatment_slug": treatment.slug}),
    )
    # Each part of the query as it would be written for what the page shows.
    ask = PickerAsk.from_query(request.GET)
    shown = (
        context["row"][0]["date"].isoformat() if ask.row_start else "",
        context["day"].isoformat() if ask.day else "",
        ask.week.isoformat() if ask.week else "",
        str(context["chosen_value"]),
    )
    context["waitlist_url"] = waitlist_join_url(treatment, str(context["chosen_value"]))
    return render(request, "bookings/slots.html", context), shown


# Error reports never carry what the patient typed about themselves.
@sensitive_post_parameters()
@never_cache  # a refused form shows what the patient typed about themselves
@require_http_methods(["GET", "POST"])
def details(request: HttpRequest, treatment_slug: str) -> HttpResponse:
    treatment = get_object_or_404(Treatment, slug=treatment_slug, is_active=True)
    dermatologists = dermatologists_for(treatment)
    params = request.POST if request.method == "POST" else request.GET
    # Only a form post can carry one of the nearest free times offered after a clash.
    picked = time_chosen(params, dermatologists, offered=request.method == "POST")
    if picked is None:
        messages.error(request, UNREADABLE)
        return redirect("bookings:slots", treatment_slug=treatment.slug)
    start, chosen = picked
    # "First available" books the dermatologist the time was shown with, no one else
    # unless the patient says so.
    shown = None if chosen else shown_with(params, dermatologists, offered=request.method == "POST")
    who = chosen or shown

    day = start.astimezone(LONDON).date()
    if request.method == "GET":
        free = _free_at(treatment, start, dermatologists)
        if (who.pk not in free) if who else not free:
            if _made_here(request, treatment=treatment, start=start):
                # Back to the form of a time this browser has just booked.
                messages.info(request, "You have booked this time: here are its details.")
                return redirect("bookings:confirmation")
            if shown is not None and free:
                return _someone_else(request, treatment, start, shown, free, dermatologists)
            messages.error(request, NOT_FREE)
            return redirect(slots_url_for(treatment, day, chosen))
        form = None  # blank: the page shows BookingDetailsForm.blank_html
        submission_key = uuid.uuid4()
    else:
        form = BookingDetailsForm(request.POST, appointment_day=day, treatment=treatment)
        submission_key = uuid_from(request.POST.get("submission_key")) or uuid.uuid4()

    problem, alternatives = "", []
    if request.method == "POST" and rate_limited(request, scope="booking"):
        return too_many_requests(request)
    if form is not None and form.is_valid():
        try:
            booking = booking_create(
                treatment=treatment,
                start=start,
                dermatologist=who,
                patient=form.patient(),
                intake=form.intake(),
                submission_key=submission_key,
                offered_by=dermatologists,
            )
        except AlreadyBooked as exc:
            # Back, then Book again: the patient's own booking, not a second one. Only
            # the browser that made it sees it; anyone else learns no more than it exists.
            if confirmed_here(request) == exc.booking.pk:
                return confirmation_redirect(exc.booking)
            return render(
                request, "bookings/already_booked.html", {"treatment": treatment, "start": start}
            )
        except SlotUnavailable as exc:
            problem, alternatives = exc.message, exc.alternatives
            if shown is not None:
                # Someone else free at that very time is offered first, by name: booked
                # only if the patient chooses it.
                others = _free_at(treatment, start, dermatologists) - {shown.pk}
                alternatives = [Slot(start, pk) for pk in sorted(others)] + alternatives
                if others:
                    problem = (
                        f"{shown.name} has just been booked at {uktime(start)}. "
                        "Someone else is free then, or choose another time."
                    )
        except BookingError as exc:
            problem = exc.message
        else:
            return confirmation_redirect(booking)

    names = {d.pk: d.name for d in dermatologists}
    return render(
        request,
        "bookings/details.html",
        {
            "treatment": treatment,
            "start": start,
            "chosen": chosen,
            "who": who,
            "shown_with": shown,
            "dermatologist_value": chosen.pk if chosen else ANY,
            "form": form,
            "blank_form": BookingDetailsForm.blank_html(treatment) if form is None else "",
            "submission_key": submission_key,
            "problem": problem,
            "alternatives": alternatives_offered(alternatives, chosen, names),
            "slots_url": slots_url_for(treatment, day, chosen),
        },
        status=409 if problem else 200,
    )


def _free_at(
    treatment: Treatment, start: datetime, dermatologists: list[Dermatologist]
) -> set[int]:
    """The dermatologists free at `start`, by id."""
    day = start.astimezone(LONDON).date()
    return {
        slot.dermatologist_id
        for slot in slots_available(
            treatment=treatment, first_day=day, last_day=day, dermatologists=dermatologists
        )
        if slot.start == start
    }


def _someone_else(
    request: HttpRequest,
    treatment: Treatment,
    start: datetime,
    shown: Dermatologist,
    free: set[int],
    dermatologists: list[Dermatologist],
) -> HttpResponse:
    """The time was shown with `shown`, who has since been booked: ask before giving the
    patient someone else."""
    url = reverse("bookings:details", kwargs={"treatment_slug": treatment.slug})
    others = [
        {
            "dermatologist": d,
            "url": f"{url}?{urlencode({'start': start.isoformat(), 'dermatologist': ANY, 'with': d.pk})}",
        }
        for d in dermatologists
        if d.pk in free
    ]
    return render(
        request,
        "bookings/someone_else.html",
        {
            "treatment": treatment,
            "start": start,
            "shown": shown,
            "others": others,
            "slots_url": slots_url_for(treatment, start.astimezone(LONDON).date(), None),
        },
        status=409,
    )


def confirmation_redirect(booking: Booking, *, booked_at: str = "") -> HttpResponse:
    """To the confirmation. `booked_at` is the path of a page outside the booking pages
    that made the booking (an offer's link), so that Back to it knows this browser too."""
    response = redirect("bookings:confirmation")
    # A signed cookie, not a session: a patient needs no session of their own.
    # Sent back to the booking pages too, so Back and Book again can tell the
    # browser that made a booking from anyone else.
    cookies = [(CONFIRMED_COOKIE, _confirmed_cookie_path())]
    if booked_at:
        cookies.append((BOOKED_HERE_COOKIE, booked_at))
    for name, path in cookies:
        response.set_signed_cookie(
            name,
            str(booking.pk),
            salt=CONFIRMED_COOKIE,
            max_age=CONFIRMATION_SECONDS,
            path=path,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


def _confirmed_cookie_path() -> str:
    """Where the cookie goes: the confirmation, and the form that posts a booking."""
    return reverse("bookings:start")


def confirmed_here(request: HttpRequest) -> int | None:
    """The booking this browser made in the last little while, by its id, if any."""
    booking_pk = request.get_signed_cookie(
        CONFIRMED_COOKIE, default="", salt=CONFIRMED_COOKIE, max_age=CONFIRMATION_SECONDS
    ) or request.get_signed_cookie(
        BOOKED_HERE_COOKIE, default="", salt=CONFIRMED_COOKIE, max_age=CONFIRMATION_SECONDS
    )
    return int(booking_pk) if booking_pk.isdigit() else None


def _made_here(request: HttpRequest, *, treatment: Treatment, start: datetime) -> bool:
    """Whether this browser's recent booking is an active one for `treatment` at `start`."""
    booking_pk = confirmed_here(request)
    return (
        booking_pk is not None
        and Booking.objects.filter(
            pk=booking_pk, treatment=treatment, starts_at=start, status__in=ACTIVE_STATUSES
        ).exists()
    )


@never_cache  # it shows the manage link: no browser or proxy may keep it
def confirmation(request: HttpRequest) -> HttpResponse:
    # Shown for a little while only: on a shared computer, the next person must
    # not find the manage link in the history.
    booking_pk = confirmed_here(request)
    booking = (
        Booking.objects.select_related("treatment", "dermatologist").filter(pk=booking_pk).first()
        if booking_pk is not None
        else None
    )
    if booking is None:
        response = redirect("bookings:start")
        response.delete_cookie(CONFIRMED_COOKIE, path=_confirmed_cookie_path())
        return response
    return render(request, "bookings/confirmation.html", {"booking": booking})


def uuid_from(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def slots_url_for(treatment: Treatment, day: date, chosen: Dermatologist | None) -> str:
    query = urlencode({"day": day.isoformat(), "dermatologist": chosen.pk if chosen else ANY})
    return f"{reverse('bookings:slots', kwargs={'treatment_slug': treatment.slug})}?{query}"
