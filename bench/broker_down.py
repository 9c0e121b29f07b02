"""How long a patient waits for a booking while the Celery broker is down.

Run by hand:  DEBUG=true DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
              CELERY_BROKER_URL=redis://127.0.0.1:6399/0 .venv/bin/python bench/broker_down.py
(nothing listens on 6399). It books five times through the real view and
prints the time each POST took and what the outbox holds afterwards.
"""

import os
import sys
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)

from bookings.models import OutboxEmail  # noqa: E402
from tests.factories import dermatologist_make, treatment_make  # noqa: E402
from tests.public.test_booking_flow import valid_answers  # noqa: E402

call_command("flush", interactive=False, verbosity=0)  # a throwaway database
treatment = treatment_make(slug=f"bench-{int(time.time())}")
dermatologist_make(treatments=[treatment], hours={d: [(clock(9), clock(17))] for d in range(7)})
client = Client()
base = (timezone.localtime() + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
for n in range(5):
    start = base + timedelta(minutes=30 * n)
    began = time.perf_counter()
    response = client.post(
        reverse("bookings:details", args=[treatment.slug]),
        {
            "start": start.isoformat(),
            "dermatologist": "any",
            **valid_answers(email=f"p{n}@example.com"),
        },
    )
    took = time.perf_counter() - began
    print(f"booking {n}: HTTP {response.status_code} in {took * 1000:.0f} ms")
print("outbox:", list(OutboxEmail.objects.values_list("kind", "status")))
