import pytest

from tests.waitlist.helpers import booked_solid


@pytest.fixture
def solid(peel, okafor, frozen_clock):
    """Dr Okafor's Monday booked solid with peels (45 minutes each, from 9am to 4:30pm)."""
    return booked_solid(peel, okafor)
