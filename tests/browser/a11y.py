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
