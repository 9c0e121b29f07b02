from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from education.models import PageKind
from education.pagecache import page_cached
from education.selectors import (
    booking_option_get,
    faq_list,
    guide_page_get,
)
from education.structured_data import guide_json_ld, json_ld_dumps


def hub(request):
    return _guide_render(request, "education/hub.html", kind=PageKind.HUB)


def page_detail(request, slug):
    return _guide_render(request, "education/page.html", kind=PageKind.PAGE, slug=slug)


def treatment_detail(request, slug):
    return _guide_render(request, "education/page.html", kind=PageKind.TREATMENT, slug=slug)


def faqs(request):
    return _guide_render(request, "education/faqs.html", kind=PageKind.FAQS)


def sources(request):
    return _guide_render(request, "education/sources.html", kind=PageKind.SOURCES)


def _guide_render(request, template, *, kind, slug=None):
    return page_cached(request, lambda: _guide_build(request, template, kind=kind, slug=slug))


def _guide_build(request, template, *, kind, slug=None):
    faqs = faq_list() if kind == PageKind.FAQS else None
    guide = guide_page_get(kind=kind, slug=slug, faqs=faqs)
    if guide is None:
        raise Http404("No such page in the milia guide.")
    context = {
        "guide": guide,
        "page": guide.page,
        "faqs": faqs,
        # One address per page, whichever host or query it was asked for with.
        "canonical_url": settings.SITE_URL + guide.page.get_absolute_url(),
    }
    if kind == PageKind.TREATMENT:
        context["booking"] = booking_option_get(page=guide.page)
    if kind == PageKind.SOURCES:
        context["sources"] = guide.sources
    json_ld = guide_json_ld(guide, absolute_url=request.build_absolute_uri, faqs=faqs)
    context["json_ld"] = json_ld_dumps(json_ld)
    return render(request, template, context)
