from decimal import Decimal

import pytest

from bookings.models import Treatment


@pytest.fixture
def appointment_types():
    """The bookable appointment types, as the bookings app will have them."""
    rows = {}
    for slug, name, minutes, price in [
        ("general-consultation", "General milia consultation", 30, "120"),
        ("milia-extraction", "Milia extraction", 30, "180"),
        ("chemical-peel", "Chemical peel", 45, "150.50"),
        ("laser-treatment", "Laser treatment", 90, "350"),
        ("cryotherapy", "Cryotherapy", 60, "160"),
    ]:
        rows[slug], _ = Treatment.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "summary": f"{name} at the clinic.",
                "duration_minutes": minutes,
                "price": Decimal(price),
                "is_active": True,
            },
        )
    return rows
