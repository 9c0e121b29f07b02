"""Reception's day diary page: every dermatologist's day side by side, to book into its gaps.

Server-rendered CSS grid, one grid row per minute. Where each block sits is
page-specific, and the site's Content Security Policy allows no inline
style attributes, so the positions go in one <style> element carrying the
response's nonce (CONTENT_SECURITY_POLICY in clinic/settings.py allows it).
"""

from datetime import date, timedelta
from html import escape
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeData, mark_safe

from bookings.availability import LONDON
from bookings.desk.views import admin_context
from bookings.diary import Block, Column, DayDiary, day_diary, week_diary
from bookings.models import Dermatologist
from bookings.parsing import day_from
from bookings.templatetags.uk_time import ukdate, uktime

# Height of a minute on screen: a quarter of an hour is 30px, a line of small text and a half.
MINUTE_PX = 2
# On A4 landscape, what is left for the grid below the headings, at 96px to the inch.
PRINT_HEIGHT_PX = 600


def diary_day(request: HttpRequest) -> date:
    """The day asked for, or today; a day that cannot be read says so and shows today."""
    raw = request.GET.get("day", "")
    day = day_from(raw)
    if raw and day is None:
        messages.warning(
            request,
            f"“{raw[:40]}” is not a day the diary can show (use dd/mm/yyyy): here is today.",
        )
    return day or timezone.localdate()


def book_here_url(*, dermatologist_id: int, start, add_url: str = "") -> str:
    """Phone booking with the gap's dermatologist, day and time filled in."""
    local = start.astimezone(LONDON)
    query = {
        "dermatologist": dermatologist_id,
        "day": local.date().isoformat(),
        "typed_time": f"{local:%H:%M}",
        "from": "diary",
    }
    return f"{add_url or reverse('admin:bookings_booking_add')}?{urlencode(query, safe=':')}"


def diary_url(day: date, booking_id: int | None = None) -> str:
    url = f"{reverse('admin:bookings_booking_diary')}?day={day.isoformat()}"
    return f"{url}#booking-{booking_id}" if booking_id else url


def diary_positions(diary: DayDiary) -> str:
    """The CSS that places each column, shade, block and gap, keyed by element id."""
    rules = [f".diary-body{{grid-template-rows:repeat({diary.minutes},{MINUTE_PX}px)}}"]
    # Printed, the whole day fits one page's height.
    printed = min(MINUTE_PX, round(PRINT_HEIGHT_PX / max(diary.minutes, 1), 3))
    rules.append(
        f"@media print{{.diary-body{{--quarter:{printed * 15:.3f}px;"
        f"grid-template-rows:repeat({diary.minutes},{printed}px)}}}}"
    )
    rules.append(
        f".diary{{grid-template-columns:5rem repeat({len(diary.columns)},minmax(10.5rem,1fr))}}"
    )
    for number, column in enumerate(diary.columns, start=2):
        pk = column.key
        rules.append(f"#dh-{pk}{{grid-column:{number}}}#db-{pk}{{grid-column:{number}}}")
        for index, shade in enumerate(column.shades):
            rules.append(f"#ds-{pk}-{index}{{{_rows(shade.top, shade.height)}}}")
        for gap in column.gaps:  # no two gaps in a column start at the same minute
            rules.append(f"#dg-{pk}-{gap.top}{{{_rows(gap.top, gap.height)}}}")
        for block in column.blocks:
            pk_b = block.booking.pk
            rules.append(f"#booking-{pk_b}{{{_rows(block.top, block.height)}}}")
            if block.buffer:
                rules.append(f"#buffer-{pk_b}{{{_rows(block.top + block.height, block.buffer)}}}")
    return "".join(rules)


def _rows(top: int, height: int) -> str:
    return f"grid-row:{top + 1}/{top + height + 1}"


def diary_context(request: HttpRequest, day: date) -> dict:
    """What the diary's template needs, for the diary page and reception's first page."""
    can_book = request.user.has_perm("bookings.add_booking")
    return _with_links(day_diary(day=day), can_book=can_book)


def _with_links(diary: DayDiary, *, can_book: bool = True, week: bool = False) -> dict:
    change_url = reverse("admin:bookings_booking_change", args=[0]).replace("/0/", "/{}/")
    add_url = reverse("admin:bookings_booking_add")  # once: a busy day has dozens of gaps
    for column in diary.columns:
        column.html = column_html(
            column, change_url=change_url, add_url=add_url, can_book=can_book, week=week
        )
    diary.times_html = format_html_join(
        "",
        '<div class="diary-time{}">{}</div>',
        (
            (" diary-hour" if moment.astimezone(LONDON).minute == 0 else "", uktime(moment))
            for _, moment in diary.quarters
        ),
    )
    day = diary.day
    return {
        "diary": diary,
        "diary_positions": diary_positions(diary),
        "day": day,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "today": timezone.localdate(),
    }


def diary_page(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """The day diary: one column per dermatologist, bookings as blocks, gaps to book into."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    day = diary_day(request)
    return TemplateResponse(
        request,
        "admin/bookings/booking/diary.html",
        admin_context(
            model_admin,
            request,
            title=f"Diary: {ukdate(day)}",
            can_book=model_admin.has_add_permission(request),
            **diary_context(request, day),
        ),
    )


def column_html(
    column: Column, *, change_url: str, add_url: str, can_book: bool, week: bool
) -> str:
    """A column's shades, then its blocks and gaps in time order, as the keyboard meets them.

    Built here rather than in the template: a busy day has some hundred of
    them, and Django's template language would make them most of the page's cost.
    """
    key = column.key
    parts = [
        _html(
            '<div class="diary-shade diary-{}" id="ds-{}-{}"><span>{}</span></div>',
            shade.kind,
            key,
            index,
            shade.label,
        )
        for index, shade in enumerate(column.shades)
    ]
    for item in column.items:
        if isinstance(item, Block):
            parts.append(_block_html(item, change_url, column.day))
        elif can_book:
            url = book_here_url(
                dermatologist_id=column.dermatologist.pk, start=item.starts, add_url=add_url
            )
            on_day = f" on {ukdate(column.day)}" if week else ""
            parts.append(
                _html(
                    '<a class="diary-gap" id="dg-{}-{}" href="{}">Book here'
                    '<span class="diary-gap-when"> {}–{}<span class="diary-sr"> with {}{}</span>'
                    "</span></a>",
                    key,
                    item.top,
                    url,
                    uktime(item.starts),
                    uktime(item.ends),
                    column.dermatologist.name,
                    on_day,
                )
            )
    return mark_safe("".join(parts))  # every part is _html's, so escaped


def _block_html(block: Block, change_url: str, day: date) -> str:
    booking = block.booking
    marks = []
    if booking.needs_attention:
        marks.append(("diary-mark diary-safety", "Safety flag: check answers"))
    if booking.discuss_suitability:
        marks.append(("diary-mark", "Discuss suitability"))
    if block.email_failed:
        marks.append(("diary-mark diary-email", "Last email failed"))
    marks += [("diary-mark", problem) for problem in block.problems]
    html = _html(
        '<a class="diary-block diary-status-{}{}" id="booking-{}" href="{}">'
        '<span class="diary-when">{}–{}</span> <span class="diary-status">{}</span> '
        '<strong class="diary-patient">{}</strong> {}'
        '<span class="diary-treatment">{}</span>{} <span class="diary-phone">{}</span></a>',
        booking.status,
        " diary-problem" if block.problems else "",
        booking.pk,
        f"{change_url.format(booking.pk)}?diary={day.isoformat()}",
        uktime(booking.starts_at),
        uktime(booking.ends_at),
        booking.get_status_display(),
        booking.patient_name,
        mark_safe("".join(_html('<span class="{}">{}</span> ', *mark) for mark in marks)),
        booking.treatment.name,
        mark_safe(_html(' <span class="diary-course">{}</span>', booking.course_label))
        if booking.course_label
        else "",
        booking.phone,
    )
    if block.buffer:
        html += _html(
            '<div class="diary-buffer" id="buffer-{}" aria-hidden="true"><span>Buffer</span></div>',
            booking.pk,
        )
    return html


def _html(template: str, *args) -> str:
    """format_html without its per-argument lazy-string checks, which cost a busy day's
    diary (near a thousand values) more than laying the day out; the same escaping."""
    return template.format(*(a if isinstance(a, SafeData) else escape(str(a)) for a in args))


def week_page(model_admin: ModelAdmin, request: HttpRequest) -> HttpResponse:
    """One dermatologist's week, Monday to Sunday, with the day diary's conventions."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    day = diary_day(request)
    monday = day - timedelta(days=day.weekday())
    everyone = list(Dermatologist.objects.filter(is_active=True).order_by("name"))
    raw = request.GET.get("dermatologist", "")
    chosen = next((d for d in everyone if str(d.pk) == raw), None)
    if chosen is None and raw:
        messages.warning(request, "That dermatologist is not in the list: choose one below.")
    chosen = chosen or (everyone[0] if everyone else None)
    context = {"dermatologists": everyone, "chosen": chosen, "week": True}
    if chosen is not None:
        context |= _with_links(
            week_diary(dermatologist=chosen, monday=monday),
            can_book=model_admin.has_add_permission(request),
            week=True,
        )
    this_monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    name = chosen.name if chosen else "Nobody"
    return TemplateResponse(
        request,
        "admin/bookings/booking/diary_week.html",
        admin_context(
            model_admin,
            request,
            title=f"{name}: week of {ukdate(monday)}",
            can_book=model_admin.has_add_permission(request),
            monday=monday,
            previous_week=monday - timedelta(days=7),
            next_week=monday + timedelta(days=7),
            this_monday=this_monday,
            **context,
        ),
    )
