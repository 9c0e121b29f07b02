"""Where a page's time goes: one page, many requests, in this process, under pyinstrument.

    . bench/env.sh && .venv/bin/pip install pyinstrument    # the venv only, not the project
    .venv/bin/python bench/page_profile.py slot [--requests 50] [--html bench/out/slot.html]

Pages as in bench/wrk.sh: constant, home, guide, slot, manage, admin, diary, freetimes, post (books free
times: run bench/prepare.py afterwards to take them back) and taken (a POST
for a time nobody is free at). Requests
go through Django's test client with the production settings of bench/env.sh,
on the bench database, so the middleware, templates and queries are the
server's; only gunicorn and the network are missing.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from pyinstrument import Profiler  # noqa: E402

from bench import targets  # noqa: E402


def request_for(page: str):
    client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
    if page == "constant":
        return lambda: client.get("/bench/constant")
    if page == "home":
        return lambda: client.get("/")
    if page == "guide":
        return lambda: client.get(targets.GUIDE_PATH)
    if page == "slot":
        path = targets.slot_path()
        return lambda: client.get(path)
    if page == "manage":
        path = targets.manage_path()
        return lambda: client.get(path)
    if page == "admin":
        admin = targets.admin_client()
        return lambda: admin.get(targets.ADMIN_LIST_PATH)
    if page in ("diary", "week", "freetimes"):
        admin = targets.admin_client()
        path = {
            "diary": targets.diary_path,
            "week": targets.week_path,
            "freetimes": targets.free_times_path,
        }[page]()
        return lambda: admin.get(path)
    if page in ("post", "taken"):
        from bench.prepare import POST_EMAIL_DOMAIN, post_starts
        from bench.query_counts import PATIENT_FORM

        free, taken = post_starts()
        starts = iter(free if page == "post" else taken * 1000)
        path = f"/book/{targets.POST_TREATMENT}/details/"

        def send():
            data = {"start": next(starts).isoformat(), "dermatologist": "any", **PATIENT_FORM}
            data["email"] = f"profile@{POST_EMAIL_DOMAIN}"
            return client.post(path, data)

        return send
    sys.exit(f"unknown page {page}")


def postgres_backend() -> int:
    """The process of PostgreSQL that answers this one's queries (the connection stays open)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def backend_cpu_ms(pid: int) -> float:
    """CPU milliseconds (user + system) the backend has used, from /proc, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--cpu-only", action="store_true", help="print the CPU figure, no profile")
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    args = parser.parse_args()

    send = request_for(args.page)
    status = send().status_code  # warm: templates compiled, connections open
    backend = postgres_backend()
    # The profiler roughly triples the time it measures: the CPU without it comes first.
    started, backend_started = time.process_time(), backend_cpu_ms(backend)
    for _ in range(args.requests):
        send()
    cpu_ms = (time.process_time() - started) / args.requests * 1000
    backend_ms = (backend_cpu_ms(backend) - backend_started) / args.requests
    print(
        f"{args.page}: {status}, {cpu_ms:.2f} ms of CPU a request, unprofiled "
        f"(and {backend_ms:.2f} ms of PostgreSQL's)"
    )
    if args.cpu_only:
        return
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(args.requests):
            send()
    seconds = profiler.last_session.duration
    print(f"{args.page}: {seconds / args.requests * 1000:.1f} ms a request under the profiler")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        Path(args.html).write_text(profiler.output_html())


if __name__ == "__main__":
    main()
