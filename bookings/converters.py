"""The shapes of the secrets and references in booking addresses.

An address that no token or reference could have is a 404 before any query, so
nonsense (NUL, other alphabets, thousands of characters) never reaches the database.
"""

from django.urls import register_converter

from bookings.models import REFERENCE_LENGTH


class TokenConverter:
    """Manage-link and calendar-feed tokens: URL-safe base64."""

    regex = r"[A-Za-z0-9_-]{20,64}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class ReferenceConverter:
    """Booking references: capitals and digits, as printed in emails and on the schedule."""

    regex = rf"[A-Z0-9]{{{REFERENCE_LENGTH}}}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TokenConverter, "token")
register_converter(ReferenceConverter, "reference")
