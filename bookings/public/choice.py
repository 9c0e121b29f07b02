"""The time a patient chose, read back from a page, and the free times offered instead.

The booking form and the move page both take a time from a link (`start` and
`dermatologist`, and with "first available" `with`, the dermatologist the
time was shown with) or from one of the free times offered after a clash
(`choose`: start|dermatologist, or start|any|with). One reader and one writer
of those values.
"""

from collections.abc import Mapping
from datetime import datetime

from bookings.availability import Slot
from bookings.models import Dermatologist
from bookings.parsing import aware_from
from bookings.public.picker import ANY

UNREADABLE = "Sorry, we could not tell which time you chose. Please choose a time again."


def dermatologist_from(value: str, dermatologists: list[Dermatologist]) -> Dermatologist | None:
    return next((d for d in dermatologists if str(d.pk) == value), None)


def time_chosen(
    params: Mapping[str, str], dermatologists: list[Dermatologist], *, offered: bool = True
) -> tuple[datetime, Dermatologist | None] | None:
    """The start and the dermatologist (None: whoever is free), or None if either is unreadable.

    `offered` says whether a `choose` value, one of the times offered after a
    clash, may stand in for `start` and `dermatologist`.
    """
    if offered and params.get("choose"):
        start_text, _, dermatologist_text = params["choose"].partition("|")
        dermatologist_text = dermatologist_text.split("|")[0]  # then, maybe, who it is with
    else:
        start_text, dermatologist_text = params.get("start", ""), params.get("dermatologist", ANY)
    start = aware_from(start_text)
    chosen = dermatologist_from(dermatologist_text, dermatologists)
    if start is None or (dermatologist_text != ANY and chosen is None):
        return None
    return start, chosen


def shown_with(
    params: Mapping[str, str], dermatologists: list[Dermatologist], *, offered: bool = True
) -> Dermatologist | None:
    """For "first available", the dermatologist the time was shown with (None if not said):
    the one the booking goes to, unless the patient agrees to another."""
    if offered and params.get("choose"):
        value = params["choose"].split("|")[2:3]
        return dermatologist_from(value[0], dermatologists) if value else None
    return dermatologist_from(params.get("with", ""), dermatologists)


def alternatives_offered(
    slots: list[Slot], chosen: Dermatologist | None, names: Mapping[int, str] | None = None
) -> list[dict]:
    """The free times as the form offers them; `names` says who is free at each. With
    "first available" and names, each time goes to the dermatologist it names."""
    return [
        {
            "slot": slot,
            "value": f"{slot.start.isoformat()}|{chosen.pk}"
            if chosen
            else f"{slot.start.isoformat()}|{ANY}" + (f"|{slot.dermatologist_id}" if names else ""),
            "with": (names or {}).get(slot.dermatologist_id, ""),
        }
        for slot in slots
    ]
