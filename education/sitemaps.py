"""/sitemap.xml: every guide page, and the public pages a search engine may show."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from education.models import Page

# The patient pages that are the same for everyone; booking steps and manage links are not.
PUBLIC_PAGES = ["home", "bookings:start", "privacy"]


class GuideSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("kind", "order", "pk")

    def lastmod(self, page):
        return page.last_reviewed

    def priority(self, page):
        return 0.8 if page.kind in ("hub", "page", "treatment") else 0.5


class PublicPagesSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return PUBLIC_PAGES

    def location(self, item):
        return reverse(item)


SITEMAPS = {"guide": GuideSitemap, "public": PublicPagesSitemap}
