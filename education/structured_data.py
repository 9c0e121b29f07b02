"""schema.org JSON-LD for guide pages: only what the page visibly says."""

import json

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from education.markup import markdown_to_text
from education.models import FAQ, Page, PageKind
from education.selectors import GuidePage

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
    if treatments:
        condition["possibleTreatment"] = [_therapy(t, absolute_url) for t in treatments]

    url = absolute_url(page.get_absolute_url())
    web_page = {
        "@type": ["MedicalWebPage", "FAQPage"] if faqs is not None else "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "description": page.summary,
        "inLanguage": "en-GB",
        "author": {"@type": "Organization", "name": page.written_by},
        "reviewedBy": _person(page.reviewed_by),
        "lastReviewed": page.last_reviewed.isoformat(),
        "about": {"@id": condition["@id"]},
    }
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


def _person(reviewer) -> dict:
    person = {"@type": "Person", "name": reviewer.name, "jobTitle": reviewer.role}
    if reviewer.post_nominals:
        person["honorificSuffix"] = reviewer.post_nominals
    return person
