"""Checks for people with poor sight, or using a keyboard or a screen reader."""

from django.conf import settings

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page) -> list[str]:
    """WCAG 2.2 A and AA violations that axe-core finds on the page, one line each.

    axe is injected as a script, so the page's context needs bypass_csp=True.
    """
    page.wait_for_load_state()  # styles and all: the page a patient sees
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


def focus_problems_tabbing_through(page, limit: int = 600) -> list[str]:
    """Tabs from the top of a freshly loaded page to its end; what was wrong at each stop."""
    page.wait_for_load_state()
    problems, stops = [], 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body || !document.hasFocus()"):
            break  # past the last stop: the focus has left the page
        stops += 1
        if problem := focus_problem(page):
            problems.append(f"/{page.url.split('/', 3)[-1]}: {problem}")
    else:
        problems.append(f"{page.url}: still tabbing after {limit} stops")
    assert stops, f"nothing on {page.url} takes the focus"
    return problems


# Links, buttons and fields a person can see. The honeypot is out of sight and
# out of the tab order, and the skip link sits off screen until it has focus.
TARGETS_JS = """() => [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary")]
    .filter(el => !el.closest(".hp-field, [aria-hidden=true]") && !el.matches(".skip-link"))
    .map(el => {
        const box = el.getBoundingClientRect();
        const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.id || "");
        return {
            name: `${el.tagName.toLowerCase()} "${text.trim().replace(/\\s+/g, " ").slice(0, 40)}"`,
            width: box.width, height: box.height,
            inline: getComputedStyle(el).display === "inline",
        };
    })
    .filter(target => target.width > 0 && target.height > 0)"""


def small_targets(page, minimum: float = 24) -> list[str]:
    """Interactive elements smaller than `minimum` CSS pixels either way (WCAG 2.5.8)."""
    page.wait_for_load_state()  # styles and all
    path = page.url.split("/", 3)[-1]
    return [
        f"/{path}: {t['name']} is {t['width']:.0f}x{t['height']:.0f}"
        for t in page.evaluate(TARGETS_JS)
        if t["width"] < minimum or t["height"] < minimum
    ]


OVERFLOW_JS = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const wide = [...document.body.querySelectorAll("*")]
        .filter(el => el.getBoundingClientRect().right > root.clientWidth + 0.5)
        .slice(-3)
        .map(el => el.tagName.toLowerCase() + (el.className ? "." + [...el.classList].join(".") : ""));
    return `scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px (${wide.join(", ")})`;
}"""


def sideways_scroll(page) -> str | None:
    """None when the page fits the viewport's width, or what sticks out."""
    page.wait_for_load_state()
    problem = page.evaluate(OVERFLOW_JS)
    return f"/{page.url.split('/', 3)[-1]}: {problem}" if problem else None


def suitability_answer_no_by_keyboard(page) -> None:
    """Answers 'No' to each suitability question the treatment asks, by the keys alone:
    Tab reaches a group's first choice ('Yes') without choosing it; the down arrow chooses 'No'."""
    for first in page.locator('#suitability-questions input[type="radio"][value="yes"]').all():
        press_until(page, first)
        page.keyboard.press("ArrowDown")
