"""Markdown typed by staff, turned into HTML that is safe to show patients."""

import html
import re
from collections.abc import Mapping

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "h3", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"https", "http", "mailto", "tel"}

# Every section already has an h2, so a heading typed inside one becomes an h3:
# a page's headings then always go h1, h2, h3.
_ANY_HEADING = re.compile(r"<(/?)h[1-6]>")


def markdown_render(text: str, *, links: Mapping[str, str] | None = None) -> SafeString:
    """Markdown as sanitised HTML; a bold phrase that is a key of `links` becomes a link."""
    clean = nh3.clean(
        markdown.markdown(text),
        tags=ALLOWED_TAGS | {"h1", "h2", "h4", "h5", "h6"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # nh3 has dropped every heading's attributes, so the pattern catches them all.
    clean = _ANY_HEADING.sub(r"<\1h3>", clean)
    for phrase, url in (links or {}).items():
        clean = _link_bold_phrase(clean, phrase, url)
    return mark_safe(clean)  # nh3 has just cleaned it


def markdown_to_text(text: str) -> str:
    """Markdown as plain text, for structured data that must not carry HTML."""
    stripped = nh3.clean(markdown.markdown(text), tags=set())
    return " ".join(html.unescape(stripped).split())


def _link_bold_phrase(clean_html: str, phrase: str, url: str) -> str:
    bold = re.compile(
        r"(<a\b[^>]*>)?<strong>" + re.escape(html.escape(phrase, quote=False)) + "</strong>"
    )

    def replace(match: re.Match) -> str:
        if match.group(1):  # already inside a link
            return match.group(0)
        return f'<a href="{html.escape(url)}">{html.escape(phrase, quote=False)}</a>'

    return bold.sub(replace, clean_html)
