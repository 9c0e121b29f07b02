"""Checks for people with poor sight, or using a keyboard or a screen reader."""

from django.conf import settings

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[str]:
    """WCAG 2.2 A and AA violations that axe-core finds on the page, one line each.

    axe is injected as a script, so the page's context needs bypass_csp=True.
    """
    page.add_script_tag(path=AXE)
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]
        })""",
        WCAG_22_AA,
    )
    path = page.url.split("/", 3)[-1]
    return [
        f"/{path}: {v['id']} ({v['impact']}) {v['help']}: "
        + "; ".join(
            f"{' '.join(node['target'])} {node['failureSummary'].splitlines()[1].strip()}"
            for node in v["nodes"][:4]
        )
        for v in result["violations"]
    ]


# The focused element must be on screen with a clear indicator: an opaque
# outline of 2px or more, or an opaque box-shadow ring at least 2px wide.
FOCUS_PROBLEM_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "nothing has focus";
    const name = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${(el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40)}"`;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.bottom < 0 || box.top > innerHeight
        || box.right < 0 || box.left > innerWidth) return `${name} has focus but is off screen`;
    const style = getComputedStyle(el);
    const opaque = colour => !/rgba\\([^)]*,\\s*0?\\.\\d+\\)|transparent/.test(colour);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
        && opaque(style.outlineColor);
    const rings = [...style.boxShadow.matchAll(
        /(rgba?\\([^)]*\\))\\s+-?[\\d.]+px\\s+-?[\\d.]+px\\s+[\\d.]+px\\s+([\\d.]+)px/g)];
    const ring = rings.some(([, colour, spread]) => opaque(colour) && parseFloat(spread) >= 2);
    return outline || ring ? null
        : `${name} has no visible focus indicator (outline ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow ${style.boxShadow})`;
}"""


def focus_problem(page) -> str | None:
    return page.evaluate(FOCUS_PROBLEM_JS)


def press_until(page, target, key: str = "Tab", limit: int = 80) -> None:
    """Presses `key` until the `target` locator has focus, checking the focus at every stop."""
    for _ in range(limit):
        page.keyboard.press(key)
        problem = focus_problem(page)
        assert problem is None, f"on {page.url}: {problem}"
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of {key} on {page.url} never reached {target}")
