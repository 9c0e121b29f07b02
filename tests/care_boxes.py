"""Reads the advice boxes (999, 111, GP, our clinic) off a rendered page."""

import re
from html import unescape

_BOX = re.compile(
    r'<section class="care-box care-box-(?P<tier>\w+)"[^>]*>\s*'
    r'<h[23][^>]*class="care-box-heading"[^>]*>(?P<heading>.*?)</h[23]>\s*'
    r'<div class="care-box-body">(?P<body>.*?)</div>\s*</section>',
    re.S,
)


def page_text(html: str) -> str:
    """The words of some HTML, as a reader sees them."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def care_boxes(html: str) -> list[dict]:
    """The advice boxes of a page in the order a reader meets them."""
    return [
        {
            "tier": m["tier"],
            "heading": " ".join(unescape(re.sub(r"<[^>]+>", "", m["heading"])).split()),
            "body": page_text(m["body"]),
        }
        for m in _BOX.finditer(html)
    ]
