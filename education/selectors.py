import re
from dataclasses import dataclass, field

from django.urls import reverse

from bookings.models import Treatment
from education.markup import citation_keys, markdown_render
from education.models import FAQ, Page, PageKind, Section, Source

# The page that introduces the treatments; the treatment pages follow it.
TREATMENTS_OVERVIEW_SLUG = "treatments"
GENERAL_CONSULTATION_SLUG = "general-consultation"
# A price typed in guide text, e.g. [price:milia-extraction]: the treatment's price_statement,
# the words the booking pages and emails use.
PRICE = re.compile(r"\[price:([\w-]+)\]")
NO_PRICE = "ask us"


@dataclass
class ContentsEntry:
    page: Page
    children: list[Page] = field(default_factory=list)


@dataclass
class GuidePage:
    page: Page
    sections: list[Section]
    reading_order: list[Page]
    treatments: list[Page]
    overview: Page | None
    cited: list[Source] = field(default_factory=list)  # numbered 1, 2, ... on this page
    sources: list[Source] = field(default_factory=list)  # all of them, for the sources page

    @property
    def previous(self) -> Page | None:
        index = self._index()
        return self.reading_order[index - 1] if index else None

    @property
    def next(self) -> Page | None:
        index = self._index()
        return self.reading_order[index + 1] if index + 1 < len(self.reading_order) else None

    def contents(self) -> list[ContentsEntry]:
        """Every page but the home page, with the treatments under their overview."""
        return [
            ContentsEntry(page, self.treatments if page == self.overview else [])
            for page in self.reading_order
            if page.kind not in (PageKind.HUB, PageKind.TREATMENT)
        ]

    def _index(self) -> int:
        return self.reading_order.index(self.page)


@dataclass(frozen=True)
class BookingOption:
    url: str
    treatment: Treatment | None  # None: the booking start page, where any treatment can be chosen
    is_substitute: bool  # True when the page's own appointment type cannot be booked

    @property
    def duration_text(self) -> str:
        hours, minutes = divmod(self.treatment.duration_minutes, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour{'s' if hours > 1 else ''}")
        if minutes:
            parts.append(f"{minutes} minutes")
        return " ".join(parts)


def guide_reading_order(pages: list[Page]) -> list[Page]:
    """The home page, the pages, the treatments after their overview, then questions and sources."""

    def of_kind(kind):
        return sorted((page for page in pages if page.kind == kind), key=lambda p: (p.order, p.pk))

    order = of_kind(PageKind.HUB)
    treatments = of_kind(PageKind.TREATMENT)
    placed = False
    for page in of_kind(PageKind.PAGE):
        order.append(page)
        if page.slug == TREATMENTS_OVERVIEW_SLUG:
            order += treatments
            placed = True
    if not placed:
        order += treatments
    return order + of_kind(PageKind.FAQS) + of_kind(PageKind.SOURCES)


def guide_page_get(
    *, kind: str, slug: str | None = None, faqs: list[FAQ] | None = None
) -> GuidePage | None:
    """One page of the guide, ready to show, in three queries (four with a price in its text);
    None if there is no such page. `faqs`, on the questions page, are rendered with it."""
    # Query 1: every page with its reviewer. The guide has a few dozen pages at
    # most, and the reading order, the contents and the treatment links need them.
    pages = list(Page.objects.select_related("reviewed_by"))
    page = next((p for p in pages if p.kind == kind and slug in (None, p.slug)), None)
    if page is None:
        return None

    reading_order = guide_reading_order(pages)
    treatments = [p for p in reading_order if p.kind == PageKind.TREATMENT]
    # A treatment's name in bold, e.g. on the overview page, links to its page.
    links = {p.title: p.get_absolute_url() for p in treatments if p != page}
    # Query 2: this page's sections.
    sections = list(page.sections.all())
    # Query 3: the sources, to number the ones this page (and its questions) cite.
    sources = list(Source.objects.all())
    cited = sources_cited(
        [section.body for section in sections] + [faq.answer for faq in faqs or []],
        sources,
    )
    refs = {source.key: number for number, source in enumerate(cited, start=1)}
    prices = _prices([section.body for section in sections])  # query 4, only if any
    for section in sections:
        body = PRICE.sub(lambda m: prices.get(m.group(1), NO_PRICE), section.body)
        section.body_html = markdown_render(body, links=links, refs=refs)
    for faq in faqs or []:
        faq.answer_html = markdown_render(faq.answer, refs=refs)

    return GuidePage(
        cited=cited,
        sources=sources,
        page=page,
        sections=sections,
        reading_order=reading_order,
        treatments=treatments,
        overview=next(
            (p for p in pages if p.kind == PageKind.PAGE and p.slug == TREATMENTS_OVERVIEW_SLUG),
            None,
        ),
    )


def faq_list() -> list[FAQ]:
    """The questions in order, in one query; guide_page_get renders their answers."""
    return list(FAQ.objects.all())


def sources_cited(texts: list[str], sources: list[Source]) -> list[Source]:
    """The sources the texts cite by key, in the order first cited; unknown keys are skipped."""
    by_key = {source.key: source for source in sources if source.key}
    keys = citation_keys("\n".join(texts))
    return [by_key[key] for key in keys if key in by_key]


def _prices(texts: list[str]) -> dict[str, str]:
    slugs = {slug for text in texts for slug in PRICE.findall(text)}
    if not slugs:
        return {}
    treatments = Treatment.objects.filter(slug__in=slugs, is_active=True)
    return {t.slug: t.price_statement for t in treatments}


def booking_option_get(*, page: Page) -> BookingOption:
    """Where the page's "Book a consultation" link goes, in one query.

    The page's own appointment type if it can be booked, else a general
    consultation, else the booking start page.
    """
    wanted = [page.booking_slug, GENERAL_CONSULTATION_SLUG]
    bookable = {t.slug: t for t in Treatment.objects.filter(slug__in=wanted, is_active=True)}
    for slug in wanted:
        if slug in bookable:
            return BookingOption(
                url=reverse("bookings:slots", kwargs={"treatment_slug": slug}),
                treatment=bookable[slug],
                is_substitute=slug != page.booking_slug,
            )
    return BookingOption(url=reverse("bookings:start"), treatment=None, is_substitute=True)
