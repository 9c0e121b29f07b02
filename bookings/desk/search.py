"""Search boxes that understand phone numbers, for the admin pages reception searches."""

from django.contrib.admin.utils import lookup_spawns_duplicates
from django.db.models import Q

from bookings.phones import phone_search_digits


class PhoneSearchMixin:
    """Finds rows by a phone number typed any usual way, or by 6 or more of its digits.

    The admin's own search splits what is typed on spaces and wants every
    piece somewhere, so "07700 900 123" matched nothing, or the wrong patient.
    A term that is a phone number is searched here as one number, against the
    stored E.164 (+447700900123); anything else goes to the usual search.
    `phone_search_fields` name the columns that hold numbers.
    """

    phone_search_fields: tuple[str, ...] = ()
    # Looked up as the whole term even when it reads as a number: a reference can be all digits.
    exact_search_fields: tuple[str, ...] = ()

    def get_search_results(self, request, queryset, search_term):
        wanted = phone_search_digits(search_term)
        if wanted is None:
            return super().get_search_results(request, queryset, search_term)
        whole, fragment = wanted
        matches = Q()
        for field in self.exact_search_fields:
            matches |= Q(**{f"{field}__iexact": search_term.strip()})
        for field in self.phone_search_fields:
            matches |= Q(**{f"{field}__contains": fragment})
            if whole:
                matches |= Q(**{field: whole})
        may_repeat = any(
            lookup_spawns_duplicates(self.opts, field) for field in self.phone_search_fields
        )
        return queryset.filter(matches), may_repeat
