"""Times in the admin are written as the clinic writes them everywhere else: 4:33pm."""

import pytest

from bookings.models import AuditEntry
from tests.desk.helpers import MONDAY_9, change_url, row
from tests.factories import london

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen_clock"),
]


def test_the_booking_page_writes_its_record_times_as_4_33pm(reception, peel, okafor):
    booking = row(
        peel, okafor, MONDAY_9, created_at=london(2026, 11, 30, 16, 33), confirmed_at=None
    )

    html = reception.get(change_url(booking)).content.decode()

    assert "30 Nov 2026, 4:33pm" in html
    assert "p.m." not in html and "a.m." not in html


def test_the_audit_trail_writes_times_as_9_05am(admin_client, admin_user):
    AuditEntry.objects.create(
        at=london(2026, 11, 30, 9, 5), user=admin_user, actor="admin", action="changed"
    )

    html = admin_client.get("/admin/bookings/auditentry/").content.decode()

    assert "30 Nov 2026, 9:05am" in html
    assert "a.m." not in html
