import time

import pytest
import time_machine
from django.conf import settings


def pytest_sessionstart(session):
    """Stop at once, and say why, when PostgreSQL or Redis cannot be reached."""
    problems = []
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.postgresql":
        import psycopg2

        try:
            psycopg2.connect(
                dbname="postgres",
                user=db.get("USER") or None,
                password=db.get("PASSWORD") or None,
                host=db.get("HOST") or None,
                port=db.get("PORT") or None,
                connect_timeout=3,
            ).close()
        except psycopg2.OperationalError as exc:
            problems.append(
                f"PostgreSQL at {db.get('HOST')}:{db.get('PORT')} cannot be reached ({exc}). "
                "Start it, or point TEST_DATABASE_URL at one."
            )
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
        except redis.RedisError as exc:
            problems.append(
                f"Redis at {settings.REDIS_URL} cannot be reached ({exc}). "
                "Start it, or point TEST_REDIS_URL at one."
            )
    if problems:
        pytest.exit("The tests need real services:\n  " + "\n  ".join(problems), returncode=3)


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Staff fixtures make and check passwords hundreds of times; PBKDF2's million rounds
    (most of a second each here) made them most of the suite's time. What the tests check
    of passwords (lockouts, second factor, demo logins) does not depend on the hasher;
    the production hasher is checked in tests/web/test_security.py."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def redis_presumed_up():
    """A test that saw Redis down must not make later tests skip it."""
    from clinic.web.backoff import redis_presumed_up

    redis_presumed_up()


@pytest.fixture(autouse=True)
def empty_cache(redis_presumed_up):
    """Each test starts with no rate-limit counters or cached pages, in Redis or in this
    process."""
    from django.core.cache import cache

    from bookings.public.booking_views import slot_pages_here
    from education.pagecache import process_copies_forget

    cache.clear()
    process_copies_forget()
    slot_pages_here.forget()


@pytest.fixture
def redis_down(settings):
    """The cache points at a Redis that is not there."""
    settings.CACHES = {
        "default": {
            "BACKEND": "clinic.web.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6399/0",  # nothing listens here
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def login_with_second_factor(client, user):
    """Logs `user` in as if they had typed their password and a two-factor code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    from clinic.web.middleware import LAST_SEEN, STARTED

    device, _ = StaticDevice.objects.get_or_create(user=user, name="Test codes")
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # As after their first page: the idle timer is running, so pinned query
    # counts see no session write.
    session[STARTED] = session[LAST_SEEN] = time.time()
    session.save()
    return client


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin client, with the second factor the admin requires."""
    return login_with_second_factor(client, admin_user)


@pytest.fixture
def receptionist(db):
    """A member of the Reception group, as the desk logs in to the admin."""
    from tests.factories import staff_user_make

    return staff_user_make("desk", group="Reception")


@pytest.fixture
def reception(client, receptionist):
    """A test client logged in as the receptionist, second factor included."""
    return login_with_second_factor(client, receptionist)


# The clock and the clinic most tests share. A module that wants the clock
# stopped at NOW says so: pytestmark = pytest.mark.usefixtures("frozen_clock").


@pytest.fixture
def frozen_clock():
    """The clock stopped at tests.factories.NOW; the traveller can move it on."""
    from tests.factories import NOW

    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def peel(db):
    from tests.factories import treatment_make

    return treatment_make(name="Chemical peel", slug="chemical-peel", duration_minutes=45)


@pytest.fixture
def extraction(db):
    from tests.factories import treatment_make

    return treatment_make(name="Milia extraction", slug="milia-extraction")


@pytest.fixture
def okafor(peel):
    """Dr Okafor, who offers peels, Monday to Friday 9 to 5."""
    from tests.factories import dermatologist_make

    return dermatologist_make(treatments=[peel], name="Dr Amara Okafor")


@pytest.fixture
def whitfield(peel):
    from tests.factories import dermatologist_make

    return dermatologist_make(treatments=[peel], name="Dr James Whitfield")


@pytest.fixture
def raman(peel):
    from tests.factories import dermatologist_make

    return dermatologist_make(treatments=[peel], name="Dr Priya Raman")


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """Texts sent in a test, kept in memory as pytest-django keeps emails (mail.outbox)."""
    from bookings.notify.sms import MemoryBackend

    settings.SMS_BACKEND = "bookings.notify.sms.MemoryBackend"
    MemoryBackend.outbox = []
    return MemoryBackend.outbox
