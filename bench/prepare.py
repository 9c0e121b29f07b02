"""Gets a load run ready, with the bench server already up: what each wrk run asks for.

    . bench/env.sh && .venv/bin/python bench/prepare.py

Writes, in bench/out/:
- targets.sh: the slot page, manage page and guide paths, and the cookie of
  a superuser's session that has passed the second factor;
- book_data.lua: a CSRF cookie and token fetched from the server, and one
  form body per free time for the booking POST run; for the whole journey
  (bench/lua/journey.lua), the details form's query string of each time and
  the time as that form shows it, to tell which time a form that came back is for.

It first deletes the bookings an earlier POST run made, so every run starts
from the same diary. The times are chosen so that every POST can succeed
whatever order they arrive in: "first available" picks any free
dermatologist, so a time is only listed while more dermatologists are free
then than listed times that could take one of them.
"""

import os
import random
import re
import sys
import urllib.request
from datetime import UTC, timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402

from bench import targets  # noqa: E402
from bench.query_counts import PATIENT_FORM  # noqa: E402
from bookings.models import ACTIVE_STATUSES, AuditEntry, Booking, Treatment  # noqa: E402
from bookings.selectors import (  # noqa: E402
    booking_horizon_last_day,
    dermatologists_for,
    slots_available,
)

OUT = Path(__file__).resolve().parent / "out"
POST_EMAIL_DOMAIN = "post.bench.invalid"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    base = f"http://127.0.0.1:{os.environ.get('BENCH_PORT', '8716')}"
    removed = earlier_posts_delete()
    free, taken = post_starts()
    cookie, token = csrf_fetch(base, free[0])
    for name, starts in (("book_data.lua", free), ("book_taken.lua", taken)):
        lua_write(OUT / name, starts, cookie=cookie, token=token)

    admin = targets.admin_client()
    with open(OUT / "targets.sh", "w") as sh:
        sh.write(f"BASE={base}\n")
        sh.write(f"GUIDE_PATH='{targets.GUIDE_PATH}'\n")
        sh.write(f"SLOT_PATH='{targets.slot_path()}'\n")
        sh.write(f"MANAGE_PATH='{targets.manage_path()}'\n")
        sh.write(f"ADMIN_PATH='{targets.ADMIN_LIST_PATH}'\n")
        sh.write(f"DIARY_PATH='{targets.diary_path()}'\n")
        sh.write(f"FREE_TIMES_PATH='{targets.free_times_path()}'\n")
        sh.write(f"WEEK_PATH='{targets.week_path()}'\n")
        sh.write(f"ADMIN_COOKIE='sessionid={admin.cookies[settings.SESSION_COOKIE_NAME].value}'\n")
    print(f"removed {removed} bookings of earlier POST runs")
    print(f"{len(free)} free times for the POST run, {min(free):%d %b} to {max(free):%d %b}")
    print(f"{len(taken)} times nobody is free at, for the 409 run")
    print(f"wrote targets.sh, book_data.lua and book_taken.lua in {OUT}")


def lua_write(path: Path, starts: list, *, cookie: str, token: str) -> None:
    with open(path, "w") as lua:
        lua.write("return {\n")
        lua.write(f'  path = "/book/{targets.POST_TREATMENT}/details/",\n')
        lua.write(f'  cookie = "csrftoken={cookie}",\n')
        lua.write("  bodies = {\n")
        for n, start in enumerate(starts):
            body = urlencode(
                {
                    "csrfmiddlewaretoken": token,
                    "start": start.isoformat(),
                    "dermatologist": "any",
                    **PATIENT_FORM,
                    "email": f"p{n}@{POST_EMAIL_DOMAIN}",
                },
                doseq=True,
            )
            lua.write(f'    "{body}",\n')
        lua.write("  },\n")
        # The details form reads the time back in UTC; "any" with no "with" is the
        # form for the first available dermatologist, whose POST is the one above.
        shown = [start.astimezone(UTC).isoformat() for start in starts]
        lua.write("  queries = {\n")
        for start in shown:
            lua.write(f'    "{urlencode({"start": start, "dermatologist": "any"})}",\n')
        lua.write("  },\n  starts = {\n")
        for start in shown:
            lua.write(f'    "{start}",\n')
        lua.write("  },\n}\n")


def earlier_posts_delete() -> int:
    with transaction.atomic():
        made = Booking.objects.filter(email__endswith=f"@{POST_EMAIL_DOMAIN}")
        AuditEntry.objects.filter(
            target__in=[f"booking {ref}" for ref in made.values_list("reference", flat=True)]
        ).delete()
        removed, _ = made.delete()  # with their history and emails
    # Their email tasks, never sent: no worker runs in the bench.
    import redis

    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete("celery")
    return removed


def post_starts() -> tuple[list, list]:
    """Times after the slot page's week, up to the horizon: free ones that POSTs
    cannot take from each other, and taken ones (someone's booking starts then
    and no dermatologist is free), which get the 409 answer.
    """
    treatment = Treatment.objects.get(slug=targets.POST_TREATMENT)
    dermatologists = dermatologists_for(treatment)
    first_day = targets.slot_week() + timedelta(weeks=1)
    last_day = booking_horizon_last_day()
    free = slots_available(
        treatment=treatment,
        first_day=first_day,
        last_day=last_day,
        dermatologists=dermatologists,
    )
    # How many dermatologists are free at each start; a booking at one start
    # can take a dermatologist from any start closer than its length plus buffer.
    free_count: dict = {}
    for slot in free:
        free_count[slot.start] = free_count.get(slot.start, 0) + 1
    reach = treatment.duration + treatment.buffer
    listed: list = []
    for start in sorted(free_count):
        near = [s for s in listed if abs(s - start) < reach]
        # Each listed time near enough can take one of the dermatologists free
        # here; keep at least one for every time, this one and its neighbours.
        if len(near) >= free_count[start] or any(
            sum(abs(t - s) < reach for t in listed) >= free_count[s] for s in near
        ):
            continue
        listed.append(start)
    random.Random(0).shuffle(listed)

    taken = sorted(
        set(
            Booking.objects.filter(
                dermatologist__in=dermatologists,
                status__in=ACTIVE_STATUSES,
                starts_at__gte=min(listed),
                starts_at__lte=max(listed),
            ).values_list("starts_at", flat=True)
        )
        - set(free_count)
    )
    random.Random(1).shuffle(taken)
    return listed, taken


def csrf_fetch(base: str, start) -> tuple[str, str]:
    """A CSRF cookie and form token, from the details page as a patient's browser gets them."""
    query = urlencode({"start": start.isoformat(), "dermatologist": "any"})
    with urllib.request.urlopen(
        f"{base}/book/{targets.POST_TREATMENT}/details/?{query}", timeout=10
    ) as response:
        html = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
    cookie = next(c.split(";")[0].split("=", 1)[1] for c in cookies if c.startswith("csrftoken="))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


if __name__ == "__main__":
    main()
