"""Django's admin finds `<app>.admin`; reception's admin lives in `bookings/desk/`."""

from bookings.desk import bookings_admin, clinic_admin, records_admin  # noqa: F401
