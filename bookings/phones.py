"""Phone numbers in one form: stored as E.164 (+447700900123), shown the way people read them.

Possible, not valid: the `phonenumbers` library calls Ofcom's drama range
(07700 900000 to 900999, used by our demo and test data) "not valid" because
no real line has it, yet it is shaped like a number; we accept any number of
a possible shape and length, and leave real-line checks to a phone call.
"""

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

REGION = "GB"  # a number without +, typed by a patient in the UK
# What a person may type between the digits of a number.
PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+")
# A search for at least this many digits also looks through phone numbers.
SEARCH_MIN_DIGITS = 6


class PhoneError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


IMPOSSIBLE = (
    "Enter a phone number we can call, like 07700 900123, or with the country code "
    "for a number outside the UK, like +33 1 23 45 67 89."
)


def phone_normalise(typed: str) -> str:
    """The number as E.164, or PhoneError with a message fit for the person who typed it."""
    typed = typed.strip()
    if not PHONE_LIKE.fullmatch(typed):
        raise PhoneError(
            "Enter a phone number using only numbers, spaces, brackets and +, like 07700 900123."
        )
    try:
        number = phonenumbers.parse(typed, REGION)
    except NumberParseException:
        raise PhoneError(IMPOSSIBLE) from None
    if not _possible(number):
        raise PhoneError(IMPOSSIBLE)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def _possible(number: phonenumbers.PhoneNumber) -> bool:
    # The library also calls "possible" a number that can only be dialled
    # locally, and UK numbers of 7 digits after the 0: neither reaches the
    # patient from our desk.
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason != phonenumbers.ValidationResult.IS_POSSIBLE:
        return False
    return number.country_code != 44 or len(str(number.national_number)) >= 9


def phone_or_as_typed(typed: str) -> tuple[str, bool]:
    """The number as E.164 and True, or, when it cannot be read, as typed and False."""
    try:
        return phone_normalise(typed), True
    except PhoneError:
        return typed, False


def phone_display(stored: str) -> str:
    """UK numbers as people in the UK write them (07700 900123), others with their country code.

    A number kept as typed (it could not be read) is shown as it was typed.
    """
    if not stored.startswith("+"):
        return stored
    try:
        number = phonenumbers.parse(stored, None)
    except NumberParseException:
        return stored
    if number.country_code == 44:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def phone_search_digits(term: str) -> tuple[str, str] | None:
    """What to look for when reception types a phone number, or part of one, into a search.

    Returns (the whole number as E.164 or "", digits a stored E.164 number
    contains), or None when the term is not a phone number (a name, an email,
    a reference, or fewer than SEARCH_MIN_DIGITS digits). A leading 0, +44 or
    0044 is the UK's, so "07700 900" looks for "447700900" inside numbers.
    """
    term = term.strip()
    if not PHONE_LIKE.fullmatch(term):
        return None
    digits = re.sub(r"\D", "", term)
    if len(digits) < SEARCH_MIN_DIGITS:
        return None
    whole, readable = phone_or_as_typed(term)
    if not readable:
        whole = ""
    if term.startswith("+"):
        fragment = digits
    elif digits.startswith("00"):
        fragment = digits[2:]
    elif digits.startswith("0"):
        fragment = "44" + digits[1:]
    else:
        fragment = digits  # a piece from the middle or the end of a number
    return whole, fragment


# UK mobiles: 071 to 075, 077 to 079 and the Isle of Man's 07624. 070 (personal
# numbers) and 076 (pagers) look like mobiles but cannot take a text.
UK_MOBILE = re.compile(r"\+447(?:[1-57-9]\d{8}|624\d{6})")


def phone_is_uk_mobile(stored: str) -> bool:
    """True for a UK mobile number stored as E.164; texts go to no other."""
    return bool(UK_MOBILE.fullmatch(stored))
