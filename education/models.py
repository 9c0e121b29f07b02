from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

WRITTEN_BY = "Kingsway Skin Clinic patient information team"


class Reviewer(models.Model):
    """A clinician who checks guide pages before they are published."""

    name = models.CharField(max_length=100, help_text='As patients see it, e.g. "Dr Amara Okafor".')
    post_nominals = models.CharField(
        max_length=100, blank=True, help_text='Qualifications, e.g. "MRCP (Dermatology)".'
    )
    role = models.CharField(max_length=100, help_text='e.g. "Consultant Dermatologist".')
    gmc_number = models.CharField(
        "GMC number",
        max_length=7,
        blank=True,
        help_text=(
            "The reviewer's General Medical Council reference number, as on the GMC's "
            "register. Until it is filled in, the guide says it is still to be confirmed."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return ", ".join(part for part in (self.name, self.post_nominals) if part)


class PageKind(models.TextChoices):
    HUB = "hub", "Guide home page"
    PAGE = "page", "Guide page"
    TREATMENT = "treatment", "Treatment page"
    FAQS = "faqs", "Questions page"
    SOURCES = "sources", "Sources page"


# The guide has one home page, one questions page and one sources page.
SINGLE_KINDS = [PageKind.HUB, PageKind.FAQS, PageKind.SOURCES]


class Page(models.Model):
    kind = models.CharField(max_length=20, choices=PageKind.choices, default=PageKind.PAGE)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The last part of the page's address."
    )
    title = models.CharField(max_length=120, help_text="The page's main heading.")
    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences under the heading. Search engines show it too.",
    )
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Reading order among pages of the same kind, lowest first."
    )
    booking_slug = models.SlugField(
        "appointment type",
        max_length=60,
        blank=True,
        help_text=(
            "Treatment pages only: the slug of the appointment type that the "
            '"Book a consultation" link chooses, e.g. milia-extraction. If that '
            "appointment type is missing or not active, the link offers a general "
            "consultation instead."
        ),
    )
    first_published = models.DateField(
        null=True, blank=True, help_text="When the page was first published."
    )
    written_by = models.CharField(max_length=120, default=WRITTEN_BY)
    reviewed_by = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="pages")
    last_reviewed = models.DateField("page last reviewed")
    next_review_due = models.DateField()

    class Meta:
        ordering = ["kind", "order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=SINGLE_KINDS),
                name="education_page_one_of_each_single_kind",
                violation_error_message=(
                    "The guide already has a page of this kind. Edit that one instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(next_review_due__gt=F("last_reviewed")),
                name="education_page_review_due_after_last_review",
                violation_error_message="The next review must be due after the last review.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.kind == PageKind.HUB:
            return reverse("education:hub")
        if self.kind == PageKind.FAQS:
            return reverse("education:faqs")
        if self.kind == PageKind.SOURCES:
            return reverse("education:sources")
        if self.kind == PageKind.TREATMENT:
            return reverse("education:treatment", kwargs={"slug": self.slug})
        return reverse("education:page", kwargs={"slug": self.slug})

    def clean(self):
        if self.kind == PageKind.TREATMENT and not self.booking_slug:
            raise ValidationError(
                {"booking_slug": "A treatment page needs the appointment type it books."}
            )
        if self.kind != PageKind.TREATMENT and self.booking_slug:
            raise ValidationError({"booking_slug": "Only treatment pages book appointments."})


class SectionKind(models.TextChoices):
    TEXT = "text", "Text"
    CALLOUT = "callout", "Callout (a highlighted note)"
    DO_DONT = "do_dont", "Do and don't lists"
    CALL_999 = "call_999", "Call 999 or go to A&E (emergency box)"
    CALL_111 = "call_111", "Call 111 now (urgent box)"
    SEE_GP = "see_gp", "See a GP (box)"
    BOOK_US = "book_us", "Book with us (clinic box)"
    SEE_SOMEONE = "see_someone", "See someone if (older box, shown like See a GP)"


# How urgent each advice box is, most urgent first: on a page, a box never
# comes after a less urgent one. The old "see someone" box reads as GP advice.
TIER_OF_KIND = {
    SectionKind.CALL_999: 1,
    SectionKind.CALL_111: 2,
    SectionKind.SEE_GP: 3,
    SectionKind.SEE_SOMEONE: 3,
    SectionKind.BOOK_US: 4,
}
# Each tier's box: the CSS name of its look, and the word above its heading that
# says how urgent it is without relying on colour.
TIER_STYLES = {
    1: ("999", "Emergency"),
    2: ("111", "Urgent"),
    3: ("gp", "Not urgent"),
    4: ("clinic", "Our clinic"),
}


MARKDOWN_HELP = (
    "Markdown: a blank line between paragraphs, **bold**, - at the start of a line "
    "for a list, [link text](https://address). Other HTML is removed."
)


class Section(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=SectionKind.choices, default=SectionKind.TEXT)
    heading = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text=MARKDOWN_HELP)
    do_items = models.TextField(
        "do", blank=True, help_text="Do and don't lists only: one thing to do on each line."
    )
    dont_items = models.TextField(
        "don't", blank=True, help_text="Do and don't lists only: one thing to avoid on each line."
    )

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.heading

    def clean(self):
        if self.kind == SectionKind.DO_DONT:
            if not (self.do_items.strip() and self.dont_items.strip()):
                raise ValidationError("A do and don't section needs both lists.")
        elif not self.body.strip():
            raise ValidationError({"body": "This section needs some text."})

    @property
    def tier(self) -> int | None:
        """1 for 999 advice down to 4 for booking with us; None for a section that is no tier."""
        return TIER_OF_KIND.get(self.kind)

    @property
    def tier_style(self) -> str:
        return TIER_STYLES[self.tier][0] if self.tier else ""

    @property
    def tier_label(self) -> str:
        return TIER_STYLES[self.tier][1] if self.tier else ""

    @property
    def do_list(self) -> list[str]:
        return _lines(self.do_items)

    @property
    def dont_list(self) -> list[str]:
        return _lines(self.dont_items)


def _lines(text: str) -> list[str]:
    return [line.strip().removeprefix("- ").strip() for line in text.splitlines() if line.strip()]


class FAQ(models.Model):
    question = models.CharField(max_length=300)
    answer = models.TextField(help_text=MARKDOWN_HELP)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "question"

    def __str__(self):
        return self.question


class Source(models.Model):
    authors = models.CharField(max_length=300, help_text='As cited, e.g. "Berk DR, Bayliss SJ".')
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty when the source gives no date (most NHS pages)."
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=300, help_text="The journal, website or organisation.")
    url = models.URLField("address", max_length=500)
    key = models.SlugField(
        max_length=40,
        blank=True,
        help_text="A short name that guide text cites, as [ref:key], e.g. [ref:statpearls].",
    )
    published = models.CharField(
        max_length=120,
        blank=True,
        help_text='When it was published or last updated, as the source says, e.g. "March 2018".',
    )
    checked_on = models.DateField(
        "checked", null=True, blank=True, help_text="When we last checked it against the guide."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.authors} ({self.year or 'no date'}). {self.title}"


class GuideNotice(models.Model):
    """What a release changed in the approved text, told to the staff who edit the guide.

    A data migration that updates the guide writes one, listing the sections it
    left alone because reception had edited them, with the approved text to compare.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(max_length=200)
    changes = models.TextField("what changed", help_text="What the approved text now says.")
    kept = models.TextField(
        "sections left as you edited them",
        blank=True,
        help_text="Sections not updated because they had been edited here, with the approved text.",
    )
    done = models.BooleanField(
        "read and dealt with",
        default=False,
        help_text="Tick when the sections left as edited have been checked against the approved text.",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "notice about approved text"
        verbose_name_plural = "notices about approved text"

    def __str__(self):
        return self.title
