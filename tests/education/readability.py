"""Flesch-Kincaid grade of the guide's body text, as the NHS content guide measures it.

textstat is not installed here, so this is the published formula with a syllable
counter of the usual kind (vowel groups, a silent final e, at least one per word):

    grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Run it on the content files: `.venv/bin/python -m tests.education.readability`.
Citations, links, table pipes and Markdown marks are removed first; list items
and table cells count as sentences, as a reader meets them.
"""

import re
import sys
from pathlib import Path

from education.content_format import faqs_parse, page_parse

CONTENT = Path(__file__).resolve().parents[2] / "education" / "content"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def syllables(word: str) -> int:
    word = word.lower().strip("'’-")
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def plain_text(markdown: str) -> str:
    text = re.sub(r"\[ref:[^\]]*\]|\[price:[^\]]*\]", "", markdown)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # a drawing's alt text is read apart
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*\|?\s*-{3}.*$", "", text, flags=re.MULTILINE)
    text = text.replace("|", ".\n").replace("**", "")
    text = re.sub(r"^\s*[-*]\s+", "", text, flags=re.MULTILINE)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def grade(text: str) -> float:
    sentences = [s for s in re.split(r"[.!?:;]+\s|\n", text) if _WORD.search(s)]
    words = _WORD.findall(text)
    if not words:
        return 0.0
    total = sum(syllables(w) for w in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * total / len(words) - 15.59


def guide_texts(content: Path = CONTENT) -> dict[str, str]:
    """Each page's body text (and the questions'), by file name."""
    texts = {}
    for path in sorted((content / "pages").glob("*.md")) + sorted(
        (content / "treatments").glob("*.md")
    ):
        parsed = page_parse(path.read_text(), name=path.name)
        parts = [parsed.meta["summary"]]
        for section in parsed.sections:
            parts += [section.heading, section.body, *section.do_items, *section.dont_items]
        texts[path.name] = plain_text("\n".join(parts))
    faqs = faqs_parse((content / "faqs.md").read_text())
    texts["faqs.md"] = plain_text("\n".join(f"{q}\n{a}" for q, a in faqs))
    return texts


def prose(text: str) -> str:
    """Only the lines that are whole sentences: no headings, list items or table cells."""
    return "\n".join(line for line in text.splitlines() if line.endswith((".", "?", "!")))


def main(content: Path = CONTENT) -> None:
    texts = guide_texts(content)
    print("grade  prose  page")
    for name, text in texts.items():
        print(f"{grade(text):5.1f}  {grade(prose(text)):5.1f}  {name}")
    whole = "\n".join(texts.values())
    print(f"{grade(whole):5.1f}  {grade(prose(whole)):5.1f}  the whole guide")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else CONTENT)
