"""Settings for the clinic's site, read only from environment variables.

With nothing set this is the embedded default: SQLite in ./data, debug on,
emails written as .eml files to ./data/emails and a Celery broker on the
filesystem, so `make run` needs no server. Setting DEBUG=false, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, CELERY_BROKER_URL and EMAIL_HOST gives the
production shape. README.md lists every variable.
"""

import hashlib
import hmac
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

from clinic.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(envstr("DATA_DIR", str(BASE_DIR / "data")))

DEBUG = envbool("DEBUG", True)
if "DEBUG" not in os.environ and any(
    os.environ.get(name) for name in ("DATABASE_URL", "EMAIL_HOST", "SECRET_KEY", "ALLOWED_HOSTS")
):
    # Debug is the embedded default; a deployment must never get it by omission.
    raise ImproperlyConfigured(
        "DEBUG must be set explicitly (DEBUG=false in production) when DATABASE_URL, "
        "EMAIL_HOST, SECRET_KEY or ALLOWED_HOSTS is set."
    )

_EMBEDDED_SECRET_KEY = "django-insecure-embedded-default-never-use-in-production"
SECRET_KEY = envstr("SECRET_KEY") or _EMBEDDED_SECRET_KEY
if not DEBUG and (
    SECRET_KEY == _EMBEDDED_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value (50 characters or more) "
        "when DEBUG is off. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

# The key of the patients' manage links (bookings/manage_links.py), kept out of
# the database so that reading it, or a backup, opens no booking. Changing it
# stops every link sent so far, unless the old key is kept in the fallbacks.
MANAGE_LINK_KEY = (
    envstr("MANAGE_LINK_KEY")
    or hmac.new(SECRET_KEY.encode(), b"bookings.manage-link", hashlib.sha256).hexdigest()
)
if len(MANAGE_LINK_KEY) < 32:
    raise ImproperlyConfigured(
        "MANAGE_LINK_KEY must be a long random value (32 characters or more). Generate one "
        "with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
    )
MANAGE_LINK_KEY_FALLBACKS = envlist("MANAGE_LINK_KEY_FALLBACKS")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "clinic.web",
    "bookings",
    "education",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "clinic.web.middleware.MessageMiddleware",  # Django's, storage made only when used
    "clinic.web.middleware.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clinic.web.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.web.context_processors.clinic",
            ],
        },
    },
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASE_URL = envstr("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60, minimum=0),
            conn_health_checks=True,
        )
    }
    # Two checkouts testing against one server must not share a test database:
    # `make test` names it after the checkout's folder.
    if _test_name := envstr("TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": _test_name}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "clinic.sqlite3"}
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no exclusion constraints. Taking the write lock when a
    # transaction begins (IMMEDIATE) serialises bookings instead, so two
    # requests can never both see a slot as free and then both take it.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 10,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so tests can open several connections at once.
    _sqlite_file = Path(DATABASES["default"]["NAME"])
    _sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["TEST"] = {
        "NAME": str(_sqlite_file.with_name(f"{_sqlite_file.stem}-test.sqlite3"))
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "clinic.web.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Redis answers in a millisecond or two; one that takes longer is
            # treated as down, and clinic.web.backoff then leaves it alone a while.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Dermatologists sign in here for their schedule; reception uses the admin's own login.
LOGIN_URL = "staff:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# Times as the clinic writes them, 4:33pm, in the admin too (not Django's "4:33 p.m.").
FORMAT_MODULE_PATH = ["clinic.formats"]
LOCALE_PATHS = [BASE_DIR / "clinic" / "locale"]

STATIC_URL = "/static/"
# collectstatic fills this folder in production; in debug, files come from
# the finders and WhiteNoise has nothing to index.
STATIC_ROOT = None if DEBUG else Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap comes from the npm package (package.json), never a CDN.
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: SMTP when EMAIL_HOST is set, otherwise one .eml file per message.
EMAIL_HOST = envstr("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = envint("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10, minimum=1)
else:
    EMAIL_BACKEND = "clinic.web.mail.EmlFileBackend"
    EMAIL_FILE_PATH = DATA_DIR / "emails"
DEFAULT_FROM_EMAIL = envstr(
    "DEFAULT_FROM_EMAIL", "Kingsway Skin Clinic <appointments@kingsway-skin.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
RECEPTION_EMAIL = envstr("RECEPTION_EMAIL", "reception@kingsway-skin.example")

# Texts: Twilio when TWILIO_ACCOUNT_SID is set, otherwise one file per text in data/sms/.
TWILIO_ACCOUNT_SID = envstr("TWILIO_ACCOUNT_SID")
TWILIO_AUTH_TOKEN = envstr("TWILIO_AUTH_TOKEN")
TWILIO_API_URL = envstr("TWILIO_API_URL", "https://api.twilio.com")
SMS_FROM = envstr("TWILIO_FROM", "+447700900000")
SMS_TIMEOUT = envint("SMS_TIMEOUT", 10, minimum=1)
if TWILIO_ACCOUNT_SID:
    if not (TWILIO_AUTH_TOKEN and os.environ.get("TWILIO_FROM")):
        raise ImproperlyConfigured(
            "TWILIO_ACCOUNT_SID is set: set TWILIO_AUTH_TOKEN and TWILIO_FROM too."
        )
    SMS_BACKEND = "bookings.notify.sms.TwilioBackend"
else:
    SMS_BACKEND = "bookings.notify.sms.FileBackend"
SMS_FILE_PATH = DATA_DIR / "sms"
# No texts 9pm to 8am UK time when they reach real phones; files wake nobody, so the
# embedded default writes them at once (and `make run` shows them at any hour).
TEXT_QUIET_HOURS = envbool("TEXT_QUIET_HOURS", bool(TWILIO_ACCOUNT_SID))

# Celery. The longest wait between two tries of a task (EMAIL_RETRY_MAX_DELAY)
# must stay below the broker's visibility timeout, or Redis would hand a
# waiting task to a second worker while the first still holds it.
EMAIL_RETRY_MAX_DELAY = envint("EMAIL_RETRY_MAX_DELAY", 30 * 60, minimum=1)
EMAIL_RETRY_BASE_DELAY = envint("EMAIL_RETRY_BASE_DELAY", 60, minimum=0)
EMAIL_MAX_ATTEMPTS = envint("EMAIL_MAX_ATTEMPTS", 8, minimum=1)
# After those, a mail server that keeps saying "later" is tried this often,
# until the appointment or this many hours after the email was made.
EMAIL_SLOW_RETRY_DELAY = envint("EMAIL_SLOW_RETRY_DELAY", 3600, minimum=60)
EMAIL_GIVE_UP_HOURS = envint("EMAIL_GIVE_UP_HOURS", 24, minimum=1)
# A claimed email not reported sent by then is sent again (see bookings/notify/outbox.py).
EMAIL_CLAIM_TIMEOUT = envint("EMAIL_CLAIM_TIMEOUT", 10 * 60, minimum=60)
EMAIL_DISPATCH_GRACE = envint("EMAIL_DISPATCH_GRACE", 60, minimum=0)
EMAIL_REMINDER_HOURS = envint("EMAIL_REMINDER_HOURS", 24, minimum=1)
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL", "filesystem://localhost/")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = DATA_DIR / "broker"
    _broker_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": 2 * EMAIL_RETRY_MAX_DELAY + 600,
        # Publishing after a booking commits tries the broker once, briefly;
        # if it is down, the outbox dispatch sends the email later.
        "socket_connect_timeout": 0.25,
        "socket_timeout": 1.5,  # above the worker's 1-second BRPOP poll
        "connect_retries_timeout": 0.5,
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.1,
        "interval_max": 0.2,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 60, minimum=1)
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "clinic.celery:BeatScheduler"  # makes DATA_DIR if need be
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "outbox-dispatch": {"task": "bookings.tasks.outbox_dispatch", "schedule": 60.0},
    "retention": {"task": "bookings.tasks.retention_run", "schedule": 6 * 3600.0},
    "waitlist-next-wave": {"task": "bookings.tasks.waitlist_next_wave", "schedule": 600.0},
    "waitlist-expire": {"task": "bookings.tasks.waitlist_expire", "schedule": 3600.0},
}
# A patient's booking must not wait on a broker that is down: publish once,
# give up fast, and let the outbox dispatch send the email later.
CELERY_TASK_PUBLISH_RETRY = False
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TIMEZONE = "UTC"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Production security. Each defaults to on when DEBUG is off.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
BEHIND_TLS_PROXY = envbool("BEHIND_TLS_PROXY", not DEBUG)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
CSRF_FAILURE_VIEW = "clinic.web.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# Proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR).
# Behind a proxy, REMOTE_ADDR is the proxy's: per-client limits need the client's.
# No default in production: 1 without a proxy lets a client name its own address
# (and dodge the rate limits and the lockout), 0 behind one makes every patient one.
if not DEBUG and not envstr("TRUSTED_PROXIES").strip():
    raise ImproperlyConfigured(
        "TRUSTED_PROXIES must be set when DEBUG is off: the number of proxies in front "
        "of the site that add to X-Forwarded-For (0 if clients connect directly)."
    )
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", 0, minimum=0)

# No inline script anywhere, nothing from other origins. The guide's JSON-LD
# blocks are data, not script, so they need no exception. Style elements may
# carry the response's nonce: the desk's diary places its blocks with one
# (bookings/desk/diary.py); a page that uses none gets no nonce in its header.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# None, as django-csp takes it when unset; named, so reading it on every response
# (clinic.web.middleware.CSPMiddleware) is a lookup rather than a caught AttributeError.
CONTENT_SECURITY_POLICY_REPORT_ONLY = None

# Staff sessions end after this long without a request, and after this long in all.
STAFF_SESSION_IDLE_MINUTES = envint("STAFF_SESSION_IDLE_MINUTES", 30, minimum=1)
STAFF_SESSION_MAX_HOURS = envint("STAFF_SESSION_MAX_HOURS", 10, minimum=1)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_HOURS * 3600

# Staff logins: five wrong passwords for one username from one address lock
# that pair out for half an hour (django-axes).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_CLIENT_IP_CALLABLE = "clinic.web.ratelimit.client_address"
AXES_VERBOSE = False

# Booking rules.
BOOKING_GRID_MINUTES = envint("BOOKING_GRID_MINUTES", 15, minimum=5)
BOOKING_MIN_NOTICE_HOURS = envint("BOOKING_MIN_NOTICE_HOURS", 24, minimum=0)
BOOKING_HORIZON_WEEKS = envint("BOOKING_HORIZON_WEEKS", 8, minimum=1)
BOOKING_CHANGE_CUTOFF_HOURS = envint("BOOKING_CHANGE_CUTOFF_HOURS", 24, minimum=0)

# A patient's kept page is checked with statements prepared once per PostgreSQL
# connection (clinic/web/readcache.py); behind a pooler in transaction mode, turn off.
KEPT_PAGES_PREPARED = envbool("KEPT_PAGES_PREPARED", True)

# Requests per client address per hour on public forms that change things.
RATE_LIMIT_PER_HOUR = envint("RATE_LIMIT_PER_HOUR", 60, minimum=1)
RATE_LIMIT_LOST_LINK_PER_HOUR = envint("RATE_LIMIT_LOST_LINK_PER_HOUR", 5, minimum=1)
# Manage-links emails one inbox may get in an hour, however many addresses ask.
LOST_LINK_EMAILS_PER_HOUR = envint("LOST_LINK_EMAILS_PER_HOUR", 3, minimum=1)

# Booking requests that never became appointments are anonymised this long after their date.
RETENTION_UNCONFIRMED_DAYS = envint("RETENTION_UNCONFIRMED_DAYS", 183, minimum=1)
# Waiting list entries that ended (booked, left, expired) are anonymised this long after.
RETENTION_WAITLIST_DAYS = envint("RETENTION_WAITLIST_DAYS", 183, minimum=1)

# The waiting list: how many waiting patients are offered one freed time at once, and how
# long they have to book it before the next ones are offered it.
WAITLIST_OFFERS_PER_WAVE = envint("WAITLIST_OFFERS_PER_WAVE", 5, minimum=1)
WAITLIST_WAVE_HOURS = envint("WAITLIST_WAVE_HOURS", 3, minimum=1)

# The clinic itself, shown in the page footer and in emails.
CLINIC_NAME = envstr("CLINIC_NAME", "Kingsway Skin Clinic")
CLINIC_PHONE = envstr("CLINIC_PHONE", "020 7946 0123")
CLINIC_EMAIL = envstr("CLINIC_EMAIL", "hello@kingsway-skin.example")
CLINIC_ADDRESS = envlist("CLINIC_ADDRESS", ["14 Kingsway", "London", "WC2B 6LH"])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}, "axes": {"level": "WARNING"}},
}
