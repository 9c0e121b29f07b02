"""Django's admin finds `<app>.admin`; reception's admin lives in `bookings/desk/`."""

from bookings.desk import (  # noqa: F401
    bookings_admin,
    care_admin,
    clinic_admin,
    courses_admin,
    patients_admin,
    records_admin,
    waitlist_admin,
)
