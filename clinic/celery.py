import os
from pathlib import Path

from celery import Celery
from celery.beat import PersistentScheduler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

app = Celery("clinic")
# Every CELERY_* setting in clinic/settings.py configures the app.
app.config_from_object("django.conf:settings", namespace="CELERY")
# The background jobs live in bookings.notify.tasks.
app.autodiscover_tasks(["bookings.notify"])


class BeatScheduler(PersistentScheduler):
    """Celery's own scheduler, which first makes the folder its schedule file lives in.

    A fresh deployment on PostgreSQL and Redis has no data folder (settings make
    it only for SQLite and the filesystem broker), and without one beat would
    exit at start: no reminders, no email retries, no retention run.
    """

    def setup_schedule(self):
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()
