"""Reads the guide's content files (education/content/) into plain data.

A page file has front matter between two `---` lines (`key: value`, split at the
first colon), then sections:

    ::: kind | Heading
    Markdown, or for do_dont: "Do:" and "Don't:" each followed by "- item" lines
    :::

faqs.md holds `### Question` lines, each followed by its answer. sources.md is a
list of items, each starting `- key: value` with more `key: value` lines under it.
"""

import re
from dataclasses import dataclass, field

SECTION_KINDS = {
    "text",
    "callout",
    "do_dont",
    "call_999",
    "call_111",
    "see_gp",
    "book_us",
    "see_someone",
}
_SECTION_START = re.compile(r"^:::\s*(?P<kind>\w+)\s*\|\s*(?P<heading>.+?)\s*$")
_SECTION_END = ":::"


class ContentFormatError(ValueError):
    def __init__(self, name: str, line: int, message: str):
        super().__init__(f"{name}, line {line}: {message}")


@dataclass
class ParsedSection:
    kind: str
    heading: str
    body: str = ""
    do_items: list[str] = field(default_factory=list)
    dont_items: list[str] = field(default_factory=list)


@dataclass
class ParsedPage:
    meta: dict[str, str]
    sections: list[ParsedSection]


def page_parse(text: str, *, name: str = "page") -> ParsedPage:
    lines = text.splitlines()
    meta, first_body_line = _front_matter_parse(lines, name)
    sections = []
    current: ParsedSection | None = None
    body: list[str] = []
    start = 0
    for number, line in enumerate(lines[first_body_line:], start=first_body_line + 1):
        if current is None:
            if not line.strip():
                continue
            match = _SECTION_START.match(line)
            if not match:
                raise ContentFormatError(
                    name, number, f"expected '::: kind | Heading', got {line!r}"
                )
            if match["kind"] not in SECTION_KINDS:
                raise ContentFormatError(name, number, f"unknown section kind {match['kind']!r}")
            current, body, start = ParsedSection(match["kind"], match["heading"]), [], number
        elif line.strip() == _SECTION_END:
            sections.append(_section_finish(current, body, name, start))
            current = None
        else:
            body.append(line)
    if current is not None:
        raise ContentFormatError(name, start, f"section {current.heading!r} has no closing ':::'")
    return ParsedPage(meta, sections)


def faqs_parse(text: str, *, name: str = "faqs.md") -> list[tuple[str, str]]:
    faqs: list[tuple[str, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("### "):
            faqs.append((line.removeprefix("### ").strip(), []))
        elif faqs:
            faqs[-1][1].append(line)
        elif line.strip():
            raise ContentFormatError(name, number, "text before the first '### Question'")
    return [(question, "\n".join(answer).strip()) for question, answer in faqs]


def sources_parse(text: str, *, name: str = "sources.md") -> list[dict[str, str]]:
    sources: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        if line.startswith("- "):
            sources.append({})
            line = line.removeprefix("- ")
        elif not sources:
            raise ContentFormatError(name, number, "text before the first '- ' item")
        key, value = _key_value(line, name, number)
        sources[-1][key] = value
    return sources


def _front_matter_parse(lines: list[str], name: str) -> tuple[dict[str, str], int]:
    if not lines or lines[0].strip() != "---":
        raise ContentFormatError(name, 1, "front matter must start with '---'")
    meta = {}
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, index + 1
        if line.strip():
            key, value = _key_value(line, name, index + 1)
            meta[key] = value
    raise ContentFormatError(name, 1, "front matter has no closing '---'")


def _key_value(line: str, name: str, number: int) -> tuple[str, str]:
    key, colon, value = line.partition(":")
    if not colon or not key.strip():
        raise ContentFormatError(name, number, f"expected 'key: value', got {line!r}")
    return key.strip(), value.strip()


def _section_finish(
    section: ParsedSection, body: list[str], name: str, start: int
) -> ParsedSection:
    if section.kind != "do_dont":
        section.body = "\n".join(body).strip()
        return section
    target = None
    for offset, line in enumerate(body, start=start + 1):
        stripped = line.strip()
        if stripped == "Do:":
            target = section.do_items
        elif stripped in ("Don't:", "Don’t:"):
            target = section.dont_items
        elif stripped.startswith("- ") and target is not None:
            target.append(stripped.removeprefix("- ").strip())
        elif stripped:
            raise ContentFormatError(
                name, offset, f"expected 'Do:', 'Don't:' or '- item', got {line!r}"
            )
    if not (section.do_items and section.dont_items):
        raise ContentFormatError(
            name, start, f"{section.heading!r} needs both a Do: and a Don't: list"
        )
    return section
