"""Is it milia?, numbered citations to dated sources, the editorial page, the treatments
side by side, findable pages (canonical, Open Graph, robots.txt, sitemap.xml) and the
guide's JSON-LD checked against schema.org."""

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings

from education.markup import markdown_render
from education.models import Page, Reviewer, Section, Source
from tests.education.schema_org import schema_problems
from tests.education.test_guide import (
    READING_ORDER,
    TREATMENT_URLS,
    _json_ld_nodes,
    _node,
    guide_html,
)

pytestmark = pytest.mark.django_db

LOOK_ALIKES = [
    "Xanthelasma",
    "Syringoma",
    "Sebaceous hyperplasia",
    "Molluscum contagiosum",
    "Whiteheads (comedones)",
    "Basal cell carcinoma (a common skin cancer)",
]
DEFINITION = "closed sac"


def _rows(html: str, heading: str) -> list[list[str]]:
    section = html.split(f">{heading}</h2>", 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", section, re.DOTALL)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.DOTALL)
        ]
        for row in rows
    ]


# Is it milia?


def test_the_look_alikes_table_says_how_each_differs_and_what_to_do(client):
    rows = _rows(guide_html(client, "/milia/is-it-milia/"), "Bumps that look like milia")

    assert rows[0] == ["Could it be...", "How it differs from milia", "What to do"]
    assert [row[0] for row in rows[1:]] == LOOK_ALIKES
    by_name = {row[0]: row for row in rows[1:]}
    assert "cholesterol" in by_name["Xanthelasma"][2] and "GP" in by_name["Xanthelasma"][2]
    bcc = by_name["Basal cell carcinoma (a common skin cancer)"]
    assert "bleed" in bcc[1] and "not healed after 4 weeks" in bcc[2] and "GP" in bcc[2]
    assert all(row[1] and row[2] for row in rows[1:])


def test_the_look_alikes_table_scrolls_in_a_region_a_keyboard_can_reach(client):
    html = guide_html(client, "/milia/is-it-milia/")

    assert '<div class="guide-table" role="region" tabindex="0" aria-label=' in html
    assert '<th scope="col">Could it be...</th>' in html


def test_the_two_drawings_are_the_sites_own_with_text_alternatives(client):
    html = guide_html(client, "/milia/is-it-milia/")
    images = re.findall(r"<img ([^>]+)>", html)

    assert len(images) == 2
    for attrs in images:
        src = re.search(r'src="([^"]+)"', attrs).group(1)
        alt = re.search(r'alt="([^"]+)"', attrs).group(1)
        assert src.startswith(settings.STATIC_URL + "education/") and src.endswith(".svg")
        assert len(alt) > 60  # says what the drawing shows, not just "a drawing"
        drawing = Path(settings.BASE_DIR / "static" / src.removeprefix(settings.STATIC_URL))
        assert "<title" in drawing.read_text() and "http" not in drawing.read_text().split(">", 1)[
            1
        ].replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_an_image_from_elsewhere_typed_by_staff_is_dropped():
    html = markdown_render("![a tracker](https://example.org/pixel.gif) text")

    assert "<img" not in html and "text" in html


def test_is_it_milia_is_reachable_from_the_first_page(client):
    assert 'href="/milia/is-it-milia/"' in guide_html(client, "/milia/what-are-milia/")


# Citations and sources


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_every_page_links_to_the_sources(client, appointment_types, url, title):
    assert 'href="/milia/sources/"' in guide_html(client, url)


@pytest.mark.parametrize(
    "url",
    [
        url
        for url, _ in READING_ORDER
        if url not in ("/milia/", "/milia/faqs/", "/milia/sources/", "/milia/about-this-guide/")
    ],
)
def test_each_numbered_citation_leads_to_a_dated_source_listed_on_the_page(
    client,
    appointment_types,
    url,
):
    html = guide_html(client, url)
    numbers = {int(n) for n in re.findall(r'<a href="#source-(\d+)">', html)}
    listed = re.findall(r'<li id="source-(\d+)">(.*?)</li>', html, re.DOTALL)

    assert numbers, f"{url} cites no source"
    assert numbers == {int(n) for n, _ in listed} == set(range(1, len(listed) + 1))
    for _, entry in listed:
        assert "Published:" in entry and "Checked by us: <time" in entry


def test_the_sources_page_lists_statpearls_the_nhs_and_the_bad_with_dates(client):
    html = guide_html(client, "/milia/sources/")

    for title in ["Milia", "Cellulitis", "Fever in children", "Non-melanoma skin cancer"]:
        assert f">{title}</a>" in html
    assert "British Association of Dermatologists" in html and "March 2018" in html
    assert "StatPearls" in html and "still to be confirmed" in html
    assert html.count("Checked by us:") == Source.objects.count()


def test_a_citation_of_an_unknown_source_shows_no_number(client):
    section = Section.objects.get(page__slug="myths", heading__startswith="Fact: milia cannot")
    section.body += " A claim.[ref:no-such-source]"
    section.save()

    html = guide_html(client, "/milia/myths/")

    assert "no-such-source" not in html and "[ref:" not in html


def test_a_citation_cannot_carry_markup():
    html = markdown_render('Claim.[ref:dermnet"><script>x</script>]', refs={"dermnet": 1})

    assert "<script>" not in html


# The editorial page


def test_the_editorial_page_says_who_writes_and_reviews_how_often_and_our_interests(client):
    html = guide_html(client, "/milia/about-this-guide/")

    assert "patient information team" in html and "Dr Amara Okafor" in html
    assert "at least once a year" in html
    assert "We sell the treatments this guide describes" in html
    assert "GMC number to be confirmed by the clinic" in html  # a placeholder, clearly marked


def test_the_reviewers_gmc_number_shows_once_the_clinic_enters_it(client):
    Reviewer.objects.update(gmc_number="1234567")

    html = guide_html(client, "/milia/about-this-guide/")
    person = _node(_json_ld_nodes(html), "MedicalWebPage")["reviewedBy"]

    assert "(GMC number 1234567)" in html and "to be confirmed" not in html
    assert person["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "GMC reference number",
        "value": "1234567",
    }


def test_no_gmc_number_is_claimed_before_the_clinic_enters_one(client):
    person = _node(_json_ld_nodes(guide_html(client, "/milia/")), "MedicalWebPage")["reviewedBy"]

    assert "identifier" not in person


# Treatments side by side, and booking first


def test_the_treatments_side_by_side_show_the_booking_pages_prices(client, appointment_types):
    rows = _rows(guide_html(client, "/milia/treatments/"), "The treatments side by side")

    assert rows[0] == [
        "Treatment",
        "What it is",
        "Evidence",
        "Sessions",
        "Time to heal",
        "Near the eyes?",
        "Risk of marks on brown or black skin",
        "Consultation price",
    ]
    prices = {row[0]: row[-1] for row in rows[1:]}
    # In the words the booking pages and emails use (Treatment.price_statement).
    assert prices["Milia extraction"] == appointment_types["milia-extraction"].price_statement
    assert prices["Chemical peels"].startswith("£150.50 ")
    assert prices["Topical retinoids"].startswith(
        appointment_types["general-consultation"].price_statement
    )
    assert all(all(cell for cell in row) for row in rows)


def test_a_treatment_no_longer_offered_shows_ask_us_not_an_old_price(client, appointment_types):
    appointment_types["cryotherapy"].is_active = False
    appointment_types["cryotherapy"].save()

    rows = _rows(guide_html(client, "/milia/treatments/"), "The treatments side by side")

    assert {row[0]: row[-1] for row in rows[1:]}["Cryotherapy"] == "ask us"


@pytest.mark.parametrize("url", TREATMENT_URLS)
def test_each_treatment_page_offers_booking_before_its_first_section(
    client, appointment_types, url
):
    html = guide_html(client, url)

    first_booking = html.index(">Book a consultation<span")
    assert first_booking < html.index('<h2 id="section-')


# The definition once


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_the_opening_definition_is_only_on_the_first_page_and_the_questions(
    client,
    appointment_types,
    url,
    title,
):
    article = guide_html(client, url).split("<article", 1)[1].split("</article>", 1)[0]

    assert (DEFINITION in article) == (url in ("/milia/what-are-milia/", "/milia/faqs/")), url


# Findable


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_every_page_has_its_canonical_address_and_open_graph_tags(
    client, appointment_types, url, title
):
    html = guide_html(client, url + "?utm_source=newsletter")

    assert f'<link rel="canonical" href="{settings.SITE_URL}{url}">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}{url}">' in html
    assert f'<meta property="og:title" content="{title}">'.replace("'", "&#x27;") in html
    assert '<meta property="og:type" content="article">' in html


def test_robots_txt_keeps_staff_and_private_pages_out_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    text = response.content.decode()

    assert response["Content-Type"].startswith("text/plain")
    for path in ["/admin/", "/staff/", "/manage/"]:
        assert f"Disallow: {path}\n" in text
    assert "Disallow: /milia" not in text
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text


def test_the_sitemap_lists_every_guide_page_with_its_last_review(client):
    response = client.get("/sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = {
        entry.findtext("s:loc", namespaces=namespace).removeprefix("http://testserver"): (
            entry.findtext("s:lastmod", namespaces=namespace)
        )
        for entry in ElementTree.fromstring(response.content).findall("s:url", namespace)
    }

    assert response.status_code == 200
    for page in Page.objects.all():
        assert urls[page.get_absolute_url()] == page.last_reviewed.isoformat()
    assert {"/", "/book/", "/privacy/"} <= urls.keys()
    assert not [url for url in urls if url.startswith(("/admin", "/staff", "/manage"))]


# JSON-LD


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_every_pages_json_ld_keeps_to_schema_org(client, appointment_types, url, title):
    Reviewer.objects.update(gmc_number="1234567")
    html = guide_html(client, url)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    )

    assert schema_problems(data) == []


def test_the_schema_check_finds_a_wrong_property_and_a_wrong_type():
    assert schema_problems({"@type": "Drug", "prescriptionStatus": "maybe", "colour": "red"}) == [
        "$.prescriptionStatus: 'maybe' is not a DrugPrescriptionStatus",
        "$: colour is not a property of ['Drug']",
    ]
    assert schema_problems({"@type": "MedicalCondition", "signOrSymptom": {"@type": "Person"}})


def test_a_page_says_who_it_is_for_who_publishes_it_when_and_what_it_cites(client):
    page = _node(_json_ld_nodes(guide_html(client, "/milia/is-it-milia/")), "MedicalWebPage")

    assert page["medicalAudience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    assert page["publisher"]["@type"] == "MedicalClinic"
    assert page["publisher"]["name"] == settings.CLINIC_NAME
    assert (page["datePublished"], page["dateModified"]) == ("2026-12-01", "2026-12-01")
    assert {work["name"] for work in page["citation"]} >= {"Milium", "Molluscum contagiosum"}
    assert [item["name"] for item in page["breadcrumb"]["itemListElement"]] == [
        "Home",
        "Milia guide",
        "Is it milia?",
    ]


def test_milia_are_described_with_signs_look_alikes_and_complications(client):
    condition = _node(
        _json_ld_nodes(guide_html(client, "/milia/what-are-milia/")), "MedicalCondition"
    )

    assert condition["signOrSymptom"][0]["@type"] == "MedicalSignOrSymptom"
    assert [d["diagnosis"]["name"] for d in condition["differentialDiagnosis"]] == [
        "Xanthelasma",
        "Syringoma",
        "Sebaceous hyperplasia",
        "Molluscum contagiosum",
        "Comedones (whiteheads)",
        "Basal cell carcinoma",
    ]
    assert "scarring" in condition["possibleComplication"]


def test_topical_retinoids_are_a_prescription_only_drug(client, appointment_types):
    condition = _node(
        _json_ld_nodes(guide_html(client, "/milia/treatments/topical-retinoids/")),
        "MedicalCondition",
    )

    assert condition["drug"] == [
        {
            "@type": "Drug",
            "name": "Topical retinoids",
            "url": "http://testserver/milia/treatments/topical-retinoids/",
            "prescriptionStatus": "https://schema.org/PrescriptionOnly",
        }
    ]
    assert "drug" not in _node(
        _json_ld_nodes(guide_html(client, "/milia/treatments/laser/")), "MedicalCondition"
    )


def test_a_treatment_page_breadcrumb_in_json_ld_passes_through_the_overview(
    client, appointment_types
):
    page = _node(_json_ld_nodes(guide_html(client, "/milia/treatments/laser/")), "MedicalWebPage")

    assert [
        (i["position"], i["name"], i["item"]) for i in page["breadcrumb"]["itemListElement"]
    ] == [
        (1, "Home", "http://testserver/"),
        (2, "Milia guide", "http://testserver/milia/"),
        (3, "Treatments for milia", "http://testserver/milia/treatments/"),
        (4, "Laser treatment", "http://testserver/milia/treatments/laser/"),
    ]
