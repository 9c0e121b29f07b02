"""What the day picker shows of each dermatologist and of each price, for the demo clinic."""

from bookings.models import Dermatologist, Treatment

SPECIAL_INTERESTS = {
    "dr.okafor": "Eyelid milia, milia in darker skin",
    "dr.whitfield": "Chemical peels, laser treatment",
    "dr.raman": "Milia in babies and children",
}

# One sentence per treatment: what its price pays for, and what happens on the day.
PRICE_COVERS = {
    "general-consultation": "covers your consultation with a dermatologist. If treatment is "
    "right for you, they tell you its price first, and you choose whether to have it the same day.",
    "milia-extraction": "covers the consultation and, if extraction is right for you, "
    "removing up to 10 milia the same day. More than 10 are quoted before they start.",
    "chemical-peel": "covers the consultation and, if a peel is right for you, the first peel "
    "the same day. Further peels are priced separately.",
}


def picker_load() -> None:
    """Fills the profile and price wording the demo's times pages and emails show; only where
    still blank or at the default, so edits made in the admin stay."""
    for username, interests in SPECIAL_INTERESTS.items():
        Dermatologist.objects.filter(user__username=username, special_interests="").update(
            special_interests=interests
        )
    default = Treatment._meta.get_field("price_covers").default
    for slug, covers in PRICE_COVERS.items():
        Treatment.objects.filter(slug=slug, price_covers=default).update(price_covers=covers)
