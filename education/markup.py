"""Markdown typed by staff, turned into HTML that is safe to show patients."""

import html
import re
from collections.abc import Mapping

import markdown
import nh3
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "h3",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
ALLOWED_URL_SCHEMES = {"https", "http", "mailto", "tel"}

# Every section already has an h2, so a heading typed inside one becomes an h3:
# a page's headings then always go h1, h2, h3.
_ANY_HEADING = re.compile(r"<(/?)h[1-6]>")
# A citation typed in the text: [ref:statpearls], or several, [ref:nhs-cellulitis,bad-cryotherapy].
CITATION = re.compile(r"\[ref:([\w-]+(?:\s*,\s*[\w-]+)*)\]")
# A drawing of the site's own: ![what it shows](static:education/milium.svg).
_STATIC_IMAGE = re.compile(r"\]\(static:([\w./-]+)\)")
_FOREIGN_IMAGE = re.compile(
    r'<img(?![^>]*\bsrc="' + re.escape(settings.STATIC_URL) + r"education/)[^>]*>"
)
# A table may be wider than a phone: it scrolls sideways in a region a keyboard can reach.
_TABLE_OPEN = (
    '<div class="guide-table" role="region" tabindex="0" '
    'aria-label="Table: on a small screen, scroll sideways to see all of it"><table>'
)


def citation_keys(text: str) -> list[str]:
    """The source keys a text cites, in the order it first cites them."""
    keys: list[str] = []
    for match in CITATION.finditer(text):
        for key in match.group(1).split(","):
            if key.strip() not in keys:
                keys.append(key.strip())
    return keys


def markdown_render(
    text: str,
    *,
    links: Mapping[str, str] | None = None,
    refs: Mapping[str, int] | None = None,
) -> SafeString:
    """Markdown as sanitised HTML.

    A bold phrase that is a key of `links` becomes a link; a citation of a key of
    `refs` becomes its number on the page, linked to the page's list of sources.
    """
    text = _STATIC_IMAGE.sub(lambda m: "](" + static(m.group(1)) + ")", text)
    text = CITATION.sub(lambda m: _citation_marker(m.group(1), refs or {}), text)
    clean = nh3.clean(
        markdown.markdown(text, extensions=["tables"]),
        tags=ALLOWED_TAGS | {"h1", "h2", "h4", "h5", "h6"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # nh3 has dropped every heading's attributes, so the pattern catches them all.
    clean = _ANY_HEADING.sub(r"<\1h3>", clean)
    clean = clean.replace("<table>", _TABLE_OPEN).replace("</table>", "</table></div>")
    clean = clean.replace("<th>", '<th scope="col">')
    # Only the site's own drawings: an image from anywhere else could track readers.
    clean = _FOREIGN_IMAGE.sub("", clean)
    clean = re.sub(r"\u2063REF(\d+)\u2063", _citation_html, clean)
    for phrase, url in (links or {}).items():
        clean = _link_bold_phrase(clean, phrase, url)
    return mark_safe(clean)  # nh3 has just cleaned it; the citations are numbers only


def markdown_to_text(text: str) -> str:
    """Markdown as plain text, for structured data that must not carry HTML."""
    text = CITATION.sub("", text)
    stripped = nh3.clean(markdown.markdown(text, extensions=["tables"]), tags=set())
    return " ".join(html.unescape(stripped).split())


def _citation_marker(keys: str, refs: Mapping[str, int]) -> str:
    # A marker no one types, swapped for HTML once nh3 has cleaned the rest.
    numbers = sorted({refs[k.strip()] for k in keys.split(",") if k.strip() in refs})
    return "".join(f"\u2063REF{n}\u2063" for n in numbers)


def _citation_html(match: re.Match) -> str:
    number = match.group(1)
    return (
        f'<sup class="guide-ref"><a href="#source-{number}">'
        f'<span class="visually-hidden">source </span>[{number}]</a></sup>'
    )


def _link_bold_phrase(clean_html: str, phrase: str, url: str) -> str:
    bold = re.compile(
        r"(<a\b[^>]*>)?<strong>" + re.escape(html.escape(phrase, quote=False)) + "</strong>"
    )

    def replace(match: re.Match) -> str:
        if match.group(1):  # already inside a link
            return match.group(0)
        return f'<a href="{html.escape(url)}">{html.escape(phrase, quote=False)}</a>'

    return bold.sub(replace, clean_html)
