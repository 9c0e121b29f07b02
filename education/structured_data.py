"""schema.org JSON-LD for guide pages: only what the page visibly says."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from education.markup import markdown_to_text
from education.models import FAQ, Page, PageKind, Source
from education.selectors import GuidePage

EDITORIAL_SLUG = "about-this-guide"
RETINOIDS_SLUG = "topical-retinoids"

# What the guide says about milia, for MedicalCondition: the signs it describes, what
# it can be mistaken for (the "Is it milia?" page), and what can go wrong.
SIGNS = [
    "Tiny, firm, white or yellowish bumps, 1 to 2 mm across",
    "Bumps with no opening that cannot be squeezed out",
    "Usually on the eyelids, cheeks, nose or forehead",
]
LOOK_ALIKES = [
    "Xanthelasma",
    "Syringoma",
    "Sebaceous hyperplasia",
    "Molluscum contagiosum",
    "Comedones (whiteheads)",
    "Basal cell carcinoma",
]
COMPLICATIONS = (
    "Infection, scarring or darker or lighter marks, mostly after trying to remove milia at home"
)

# Inside <script>, "</script>" or "<!--" in a title or answer would end the
# block or change how it is read; escaped like this, JSON parsers still read them.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def json_ld_dumps(data: dict) -> SafeString:
    """JSON that can sit inside a <script type="application/ld+json"> block."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_SAFE))


def guide_json_ld(guide: GuidePage, *, absolute_url, faqs: list[FAQ] | None = None) -> dict:
    """MedicalWebPage about milia; also FAQPage when given the questions the page shows.

    absolute_url turns a path into a full address, e.g. request.build_absolute_uri.
    """
    page = guide.page
    condition = {
        "@type": "MedicalCondition",
        "@id": absolute_url(reverse("education:hub")) + "#milia",
        "name": "Milia",
    }
    # A page names the treatments it lists: the home page and the overview list
    # them all, a treatment page only itself.
    if page.kind == PageKind.HUB or page == guide.overview:
        treatments = guide.treatments
    elif page.kind == PageKind.TREATMENT:
        treatments = [page]
    else:
        treatments = []
    condition["signOrSymptom"] = [{"@type": "MedicalSignOrSymptom", "name": n} for n in SIGNS]
    condition["differentialDiagnosis"] = [
        {"@type": "DDxElement", "diagnosis": {"@type": "MedicalCondition", "name": name}}
        for name in LOOK_ALIKES
    ]
    condition["possibleComplication"] = COMPLICATIONS
    if treatments:
        condition["possibleTreatment"] = [_therapy(t, absolute_url) for t in treatments]
        retinoids = [t for t in treatments if t.slug == RETINOIDS_SLUG]
        if retinoids:
            condition["drug"] = [_drug(t, absolute_url) for t in retinoids]

    url = absolute_url(page.get_absolute_url())
    web_page = {
        "@type": ["MedicalWebPage", "FAQPage"] if faqs is not None else "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "description": page.summary,
        "inLanguage": "en-GB",
        "author": {"@type": "Organization", "name": page.written_by},
        "reviewedBy": _person(page.reviewed_by, absolute_url),
        "lastReviewed": page.last_reviewed.isoformat(),
        "dateModified": page.last_reviewed.isoformat(),
        "about": {"@id": condition["@id"]},
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": {
            "@type": "MedicalClinic",
            "name": settings.CLINIC_NAME,
            "url": absolute_url(reverse("home")),
        },
        "breadcrumb": _breadcrumb(guide, absolute_url),
    }
    if page.first_published:
        web_page["datePublished"] = page.first_published.isoformat()
    if guide.cited:
        web_page["citation"] = [_citation(source) for source in guide.cited]
    if faqs is not None:
        web_page["mainEntity"] = [
            {
                "@type": "Question",
                "name": faq.question,
                "acceptedAnswer": {"@type": "Answer", "text": markdown_to_text(faq.answer)},
            }
            for faq in faqs
        ]
    return {"@context": "https://schema.org", "@graph": [web_page, condition]}


def _therapy(page: Page, absolute_url) -> dict:
    return {
        "@type": "MedicalTherapy",
        "name": page.title,
        "url": absolute_url(page.get_absolute_url()),
    }


def _drug(page: Page, absolute_url) -> dict:
    return {
        "@type": "Drug",
        "name": page.title,
        "url": absolute_url(page.get_absolute_url()),
        "prescriptionStatus": "https://schema.org/PrescriptionOnly",
    }


def _person(reviewer, absolute_url) -> dict:
    editorial = reverse("education:page", kwargs={"slug": EDITORIAL_SLUG})
    person = {
        "@type": "Person",
        "@id": absolute_url(editorial) + "#reviewer",
        "name": reviewer.name,
        "jobTitle": reviewer.role,
    }
    if reviewer.post_nominals:
        person["honorificSuffix"] = reviewer.post_nominals
    if reviewer.gmc_number:  # never made up: only once the clinic has entered it
        person["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "GMC reference number",
            "value": reviewer.gmc_number,
        }
    return person


def _citation(source: Source) -> dict:
    work = {
        "@type": "CreativeWork",
        "name": source.title,
        "author": source.authors,
        "publisher": {"@type": "Organization", "name": source.publisher},
        "url": source.url,
    }
    if source.year:
        work["datePublished"] = str(source.year)
    return work


def _breadcrumb(guide: GuidePage, absolute_url) -> dict:
    """The same trail as the page's breadcrumb (templates/education/_breadcrumb.html)."""
    page = guide.page
    trail = [("Home", reverse("home")), ("Milia guide", reverse("education:hub"))]
    if page.kind == PageKind.TREATMENT and guide.overview:
        trail.append((guide.overview.title, guide.overview.get_absolute_url()))
    if page.kind != PageKind.HUB:
        trail.append((page.title, page.get_absolute_url()))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": absolute_url(path)}
            for n, (name, path) in enumerate(trail, start=1)
        ],
    }
