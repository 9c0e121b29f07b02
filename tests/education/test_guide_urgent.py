"""The guide's urgent advice: 999, 111, GP and booking with us, and babies."""

import re
from pathlib import Path

import pytest

from education.models import FAQ, Section
from tests.care_boxes import care_boxes, page_text

pytestmark = pytest.mark.django_db

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "clinic.css"
GUIDE_URLS = [
    "/milia/",
    "/milia/what-are-milia/",
    "/milia/types/",
    "/milia/removing-milia-at-home/",
    "/milia/treatments/",
    "/milia/treatments/extraction/",
    "/milia/prevention/",
    "/milia/when-to-see-a-doctor/",
    "/milia/myths/",
    "/milia/faqs/",
]
# Each tier: its box's CSS name, the word that names it, and what its heading says.
TIERS = {
    "999": ("Emergency", "999"),
    "111": ("Urgent", "111"),
    "gp": ("Not urgent", "See a GP"),
    "clinic": ("Our clinic", "Book with us"),
}
STRENGTH = list(TIERS)  # strongest first
# The boxes each page needs, strongest first.
BOXES = {
    "/milia/": ["999"],
    "/milia/types/": ["999", "111", "gp"],
    "/milia/removing-milia-at-home/": ["999", "111"],
    "/milia/when-to-see-a-doctor/": ["999", "111", "gp", "clinic"],
    "/milia/treatments/extraction/": ["999", "111"],
    "/milia/treatments/laser/": ["999", "111"],
    "/milia/treatments/chemical-peels/": ["999", "111"],
    "/milia/treatments/cryotherapy/": ["999", "111"],
}


def _box(client, url, tier) -> dict:
    return next(box for box in care_boxes(_html(client, url)) if box["tier"] == tier)


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(("url", "tiers"), BOXES.items())
def test_pages_with_urgent_advice_show_each_tier_in_its_own_box_strongest_first(client, url, tiers):
    boxes = care_boxes(_html(client, url))

    assert [box["tier"] for box in boxes] == tiers
    for box in boxes:
        label, says = TIERS[box["tier"]]
        # Named in words, not only by colour: a screen reader hears "Emergency: Call 999".
        assert box["heading"].startswith(f"{label}: ")
        assert says in box["heading"]


@pytest.mark.parametrize("url", GUIDE_URLS)
def test_no_box_on_any_page_comes_after_a_less_urgent_one(client, url):
    tiers = [STRENGTH.index(box["tier"]) for box in care_boxes(_html(client, url))]

    assert tiers == sorted(tiers)


def test_the_guide_home_page_leads_to_when_to_call_999_or_111_or_see_a_gp(client):
    html = _html(client, "/milia/")
    box = _box(client, "/milia/", "999")

    assert "very unwell" in box["body"] and "your sight changes" in box["body"]
    assert "does not fade when you press a glass" in box["body"]
    assert "says when to call 111 and when to see a GP" in box["body"]
    assert re.search(
        r'care-box-999.*?<a href="/milia/when-to-see-a-doctor/">when to see a doctor</a>',
        html,
        re.S,
    )


def test_each_tier_has_its_own_look(client):
    css = CSS.read_text()
    looks = {}
    for tier in TIERS:
        rule = re.search(r"\.care-box-" + tier + r" \{([^}]*)\}", css)
        assert rule, tier
        looks[tier] = re.sub(r"\s+", " ", rule[1]).strip()

    assert len(set(looks.values())) == len(TIERS)
    assert "clinic.css" in _html(client, "/milia/types/")


def test_urgent_advice_is_never_a_plain_section_or_a_calm_note():
    for section in Section.objects.filter(kind__in=["text", "callout", "do_dont"]):
        words = f"{section.heading} {section.body}"
        assert not re.search(r"\b(999|111|A&E)\b", words), (section.page.slug, section.heading)


def test_a_spreading_infection_or_a_swollen_painful_eye_means_999(client):
    for url in ["/milia/removing-milia-at-home/", "/milia/when-to-see-a-doctor/"]:
        body = _box(client, url, "999")["body"]
        assert "redness around" in body and "spreading" in body
        assert "high temperature" in body and "very unwell" in body
        assert "very fast heartbeat" in body and "confused" in body
        assert "eye is swollen" in body and "your sight changes" in body
        assert "hard to move your eye" in body


def test_a_painful_hot_swollen_area_especially_on_the_face_means_111(client):
    for url in ["/milia/removing-milia-at-home/", "/milia/when-to-see-a-doctor/"]:
        assert (
            "painful, hot and swollen, especially on your face" in _box(client, url, "111")["body"]
        )


@pytest.mark.parametrize("slug", ["extraction", "laser", "chemical-peels", "cryotherapy"])
def test_an_infection_after_treatment_means_999_or_111_not_only_contacting_us(client, slug):
    url = f"/milia/treatments/{slug}/"

    assert "spreading" in _box(client, url, "999")["body"]
    assert "very unwell" in _box(client, url, "999")["body"]
    assert "painful, hot and swollen" in _box(client, url, "111")["body"]


def test_a_gp_sees_a_bump_that_bleeds_grows_or_has_not_healed_and_yellow_eyelid_patches(client):
    body = _box(client, "/milia/when-to-see-a-doctor/", "gp")["body"]

    assert "a bump bleeds, grows" in body and "has not healed after 4 weeks" in body
    assert "yellowish patch on or around your eyelids" in body


def test_cosmetic_reasons_are_for_booking_with_us(client):
    body = _box(client, "/milia/when-to-see-a-doctor/", "clinic")["body"]

    assert "would like them removed" in body
    assert "how you feel about yourself" in body


# Babies


@pytest.mark.parametrize("url", ["/milia/types/", "/milia/when-to-see-a-doctor/"])
def test_a_baby_with_a_rash_that_does_not_fade_under_a_glass_or_trouble_breathing_means_999(
    client, url
):
    body = _box(client, url, "999")["body"]

    assert "rash that does not fade" in body and "glass" in body
    assert "trouble breathing" in body


@pytest.mark.parametrize("url", ["/milia/types/", "/milia/when-to-see-a-doctor/"])
def test_a_baby_under_3_months_with_a_temperature_of_38_needs_urgent_help(client, url):
    box = _box(client, url, "111")

    assert re.search(r"under 3 months old (and )?has a temperature of 38°C or more", box["body"])
    assert "A&E" in box["heading"] + box["body"]


@pytest.mark.parametrize("url", ["/milia/types/", "/milia/when-to-see-a-doctor/"])
def test_baby_pages_name_epstein_pearls_and_keep_adult_products_off_a_babys_skin(client, url):
    text = page_text(_html(client, url))

    assert "Epstein pearls" in text and "roof of the mouth" in text
    assert "products made for adults on your baby's skin" in text
    assert "seems unwell in any way, talk to your health visitor" not in text


# Rarer causes


def test_no_page_says_milia_are_never_a_sign_of_anything_serious(client):
    for url in GUIDE_URLS:
        text = page_text(_html(client, url))
        assert "not a sign of anything serious" not in text, url
        assert "not a sign of infection or serious illness" not in text, url


def test_the_types_page_names_the_rare_conditions_milia_can_come_with_calmly(client):
    text = page_text(_html(client, "/milia/types/"))

    assert "Very rarely" in text
    assert "run in families" in text and "chance of skin cancer" in text
    assert "porphyria cutanea tarda" in text and "epidermolysis bullosa" in text
    assert "side effect of some medicines" in text
    assert "Most people with milia have none of them" in text


def test_the_first_page_says_when_milia_are_worth_checking(client):
    html = _html(client, "/milia/what-are-milia/")

    assert "Very rarely, they come with another skin condition" in page_text(html)
    assert re.search(r'<a href="/milia/when-to-see-a-doctor/"[^>]*>when to see a doctor</a>', html)


def test_the_faq_on_danger_mentions_the_rare_conditions_without_alarm():
    answer = FAQ.objects.get(question="Are milia dangerous?").answer

    assert answer.startswith("Milia themselves are harmless")
    assert "Very rarely" in answer and "blistering skin disease" in answer
