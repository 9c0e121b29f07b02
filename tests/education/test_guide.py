"""The milia guide as patients and staff use it: pages, links, structured data, admin."""

import json
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from education.content_format import page_parse
from education.models import FAQ, Page

CONTENT = Path(__file__).resolve().parents[2] / "education" / "content"


def _content_pages(folder):
    return [
        page_parse(path.read_text(), name=path.name).meta
        for path in sorted((CONTENT / folder).glob("*.md"))
    ]


PAGES = _content_pages("pages")
TREATMENTS = _content_pages("treatments")

HUB = ("/milia/", "A guide to milia")
FAQS = ("/milia/faqs/", "Common questions about milia")
SOURCES = ("/milia/sources/", "Sources for this guide")
# Every page of the guide with its title, in the order a person reads them.
READING_ORDER = [
    HUB,
    *[(f"/milia/{meta['slug']}/", meta["title"]) for meta in PAGES if meta["slug"] != "treatments"],
    FAQS,
    SOURCES,
]
_overview = READING_ORDER.index(("/milia/prevention/", "Can you prevent milia?"))
READING_ORDER[_overview:_overview] = [
    ("/milia/treatments/", "Treatments for milia"),
    *[
        (f"/milia/treatments/{meta['slug']}/", meta["title"])
        for meta in sorted(TREATMENTS, key=lambda meta: int(meta["order"]))
    ],
]
# The pages reviewed with their urgent advice (migration 0003) and not changed since;
# every other page was reviewed again with its sources and citations (migration 0005).
URGENT_ADVICE_REVIEWED = {"/milia/", "/milia/faqs/"}


def _last_reviewed(url):
    if url in URGENT_ADVICE_REVIEWED:
        return "2026-11-30", "30 November 2026"
    return "2026-12-01", "1 December 2026"


def _next_review_due(url):
    if url in URGENT_ADVICE_REVIEWED:
        return "2027-11-30", "30 November 2027"
    return "2027-12-01", "1 December 2027"


TREATMENT_URLS = [
    url
    for url, _ in READING_ORDER
    if url.startswith("/milia/treatments/") and url != "/milia/treatments/"
]

pytestmark = pytest.mark.django_db


def guide_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


class _Outline(HTMLParser):
    """Headings, links and scripts of a page, read as a browser would."""

    def __init__(self):
        super().__init__()
        self.headings, self.links, self.scripts = [], [], []
        self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self._link = {**attrs, "text": ""}
            self.links.append(self._link)
        if tag == "script":
            self.scripts.append(attrs)

    def handle_endtag(self, tag):
        if tag == "a":
            self._link["text"] = " ".join(self._link["text"].split())
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data


def _outline(html):
    outline = _Outline()
    outline.feed(html)
    return outline


def _json_ld_nodes(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    assert len(blocks) == 1
    return json.loads(blocks[0])["@graph"]


def _node(nodes, wanted_type):
    for node in nodes:
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if wanted_type in types:
            return node
    raise AssertionError(f"no {wanted_type} in {nodes}")


def booking_link_of(html):
    return re.search(r'href="([^"]+)">Book a consultation<span', html).group(1)


# Pages


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_every_guide_page_renders_with_its_title(client, appointment_types, url, title):
    html = guide_html(client, url)

    assert f"<title>{title} – Kingsway Skin Clinic</title>" in html
    assert f"<h1>{title}</h1>" in html


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_every_guide_page_has_one_h1_and_headings_in_order(client, appointment_types, url, title):
    headings = _outline(guide_html(client, url)).headings

    assert headings.count(1) == 1
    assert headings[0] == 1
    for before, after in pairwise(headings):
        assert after <= before + 1, f"h{before} is followed by h{after} on {url}"


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_every_guide_page_says_who_wrote_and_reviewed_it_and_when(
    client, appointment_types, url, title
):
    html = guide_html(client, url)

    assert "Kingsway Skin Clinic patient information team" in html
    assert "Dr Amara Okafor, MRCP (Dermatology), Consultant Dermatologist" in html
    iso, shown = _last_reviewed(url)
    assert f'<dt>Page last reviewed</dt> <dd><time datetime="{iso}">{shown}</time>' in html
    iso, shown = _next_review_due(url)
    assert f'<dt>Next review due</dt> <dd><time datetime="{iso}">{shown}</time>' in html


@pytest.mark.parametrize(("url", "title"), READING_ORDER[1:])
def test_the_breadcrumb_leads_home_then_to_the_guide(client, appointment_types, url, title):
    html = guide_html(client, url)
    breadcrumb = re.search(
        r'<nav class="guide-breadcrumb" aria-label="Breadcrumb">(.*?)</nav>', html, re.DOTALL
    )
    links = _outline(breadcrumb.group(1)).links

    assert [(link["href"], link["text"]) for link in links[:2]] == [
        ("/", "Home"),
        ("/milia/", "Milia guide"),
    ]
    assert (
        f'<li class="breadcrumb-item active" aria-current="page">{title}</li>'
        in breadcrumb.group(1)
    )


def test_a_treatment_page_breadcrumb_passes_through_the_treatments_overview(
    client, appointment_types
):
    html = guide_html(client, "/milia/treatments/laser/")

    assert (
        '<li class="breadcrumb-item"><a href="/milia/treatments/">Treatments for milia</a></li>'
        in html
    )


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_guide_pages_carry_no_executable_script(client, appointment_types, url, title):
    scripts = _outline(guide_html(client, url)).scripts

    assert scripts == [{"type": "application/ld+json"}]


def test_the_hub_lists_every_page_treatment_faqs_and_sources_in_reading_order(client):
    contents = re.search(
        r'<section class="guide-contents".*?</section>', guide_html(client, "/milia/"), re.DOTALL
    )
    links = [(link["href"], link["text"]) for link in _outline(contents.group(0)).links]

    assert links == READING_ORDER[1:]


def test_next_links_walk_the_whole_guide_in_reading_order_and_previous_links_walk_back(
    client, appointment_types
):
    walked, url = [], "/milia/"
    while url:
        links = _outline(guide_html(client, url)).links
        walked.append(url)
        previous = [link["href"] for link in links if link.get("rel") == "prev"]
        assert previous == ([walked[-2]] if len(walked) > 1 else [])
        url = next((link["href"] for link in links if link.get("rel") == "next"), None)

    assert walked == [url for url, _ in READING_ORDER]


def test_previous_and_next_links_say_which_page_they_lead_to(client):
    links = _outline(guide_html(client, "/milia/types/")).links

    assert {
        "href": "/milia/is-it-milia/",
        "rel": "prev",
        "text": "Previous: Is it milia?",
    } in links
    assert {
        "href": "/milia/removing-milia-at-home/",
        "rel": "next",
        "text": "Next: Why you should not remove milia at home",
    } in links


def test_the_treatments_overview_links_to_each_treatment_page(client):
    links = {
        link["text"]: link["href"]
        for link in _outline(guide_html(client, "/milia/treatments/")).links
    }

    for meta in TREATMENTS:
        assert links[meta["title"]] == f"/milia/treatments/{meta['slug']}/"
    assert "<strong>Milia extraction</strong>" not in guide_html(client, "/milia/treatments/")


def test_no_link_text_says_click_here(client, appointment_types):
    for url, _ in READING_ORDER:
        for link in _outline(guide_html(client, url)).links:
            assert link["text"].lower() not in {
                "click here",
                "here",
                "read more",
                "more",
                "link",
            }, url


@pytest.mark.parametrize(
    "url",
    [
        "/milia/no-such-page/",
        "/milia/treatments/no-such-treatment/",
        "/milia/extraction/",  # a treatment, but not at a page's address
        "/milia/treatments/what-are-milia/",  # a page, but not at a treatment's address
        "/milia/milia-guide/",  # the guide's home page has only one address
    ],
)
def test_an_unknown_page_is_a_404(client, url):
    assert client.get(url).status_code == 404


# Structured data


@pytest.mark.parametrize(("url", "title"), READING_ORDER)
def test_every_page_describes_itself_as_a_reviewed_medical_web_page_about_milia(
    client, appointment_types, url, title
):
    nodes = _json_ld_nodes(guide_html(client, url))
    web_page = _node(nodes, "MedicalWebPage")
    condition = _node(nodes, "MedicalCondition")

    assert web_page["name"] == title
    assert web_page["url"] == f"http://testserver{url}"
    assert web_page["inLanguage"] == "en-GB"
    assert web_page["lastReviewed"] == _last_reviewed(url)[0]
    assert web_page["reviewedBy"] == {
        "@type": "Person",
        "@id": "http://testserver/milia/about-this-guide/#reviewer",
        "name": "Dr Amara Okafor",
        "honorificSuffix": "MRCP (Dermatology)",
        "jobTitle": "Consultant Dermatologist",
    }
    assert web_page["about"] == {"@id": condition["@id"]}
    assert condition["name"] == "Milia"


@pytest.mark.parametrize("url", ["/milia/", "/milia/treatments/"])
def test_pages_that_list_the_treatments_name_them_as_possible_treatments_of_milia(client, url):
    condition = _node(_json_ld_nodes(guide_html(client, url)), "MedicalCondition")

    assert [(t["@type"], t["name"], t["url"]) for t in condition["possibleTreatment"]] == [
        ("MedicalTherapy", title, f"http://testserver{treatment_url}")
        for treatment_url, title in READING_ORDER
        if treatment_url in TREATMENT_URLS
    ]


def test_a_treatment_page_names_only_its_own_treatment(client, appointment_types):
    condition = _node(
        _json_ld_nodes(guide_html(client, "/milia/treatments/cryotherapy/")), "MedicalCondition"
    )

    assert [t["name"] for t in condition["possibleTreatment"]] == ["Cryotherapy"]


def test_a_page_that_does_not_list_treatments_claims_none(client):
    condition = _node(_json_ld_nodes(guide_html(client, "/milia/myths/")), "MedicalCondition")

    assert "possibleTreatment" not in condition


def test_the_faq_page_marks_up_every_question_and_answer_as_an_faqpage(client):
    html = guide_html(client, "/milia/faqs/")
    faq_page = _node(_json_ld_nodes(html), "FAQPage")

    assert [
        (q["@type"], q["name"], q["acceptedAnswer"]["text"]) for q in faq_page["mainEntity"]
    ] == [("Question", faq.question, " ".join(faq.answer.split())) for faq in FAQ.objects.all()]
    assert len(faq_page["mainEntity"]) == 10
    assert "FAQPage" not in json.dumps(_json_ld_nodes(guide_html(client, "/milia/types/")))


def test_structured_data_cannot_break_out_of_its_script_block(client):
    title = "</script><script>alert('x')</script> & <!--"
    Page.objects.filter(slug="types").update(title=title)

    html = guide_html(client, "/milia/types/")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(
        1
    )

    assert "<" not in block and ">" not in block and "&" not in block
    assert _node(json.loads(block)["@graph"], "MedicalWebPage")["name"] == title
    assert "<script>alert" not in html
