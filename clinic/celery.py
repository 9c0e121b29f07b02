import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

app = Celery("clinic")
# Every CELERY_* setting in clinic/settings.py configures the app.
app.config_from_object("django.conf:settings", namespace="CELERY")
# The background jobs live in bookings.notify.tasks.
app.autodiscover_tasks(["bookings.notify"])
