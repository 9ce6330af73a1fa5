"""The rules reference (docs/rules.md), generated from rule metadata.

Regenerate with `python -m guidelint.docs > docs/rules.md`; a test fails
when the committed file is stale.
"""

from __future__ import annotations

from guidelint import registry
from guidelint.rule import OPTIONAL_SECTIONS, REQUIRED_SECTIONS, Rule


def rule_page(rule: Rule, level: int = 1) -> str:
    """One rule's documentation as Markdown (also what `guidelint rule` prints)."""
    heading = "#" * level
    sections = rule.sections
    lines = [
        f"{heading} {rule.code} ({rule.name})",
        "",
        f"{rule.summary}.",
        "",
        f"Default severity: {rule.severity}. Fixable: {'yes' if rule.fixable else 'no'}.",
    ]
    for title in (*REQUIRED_SECTIONS, *OPTIONAL_SECTIONS):
        if title in sections:
            lines += ["", f"{heading}# {title}", "", sections[title]]
    return "\n".join(lines) + "\n"


def reference() -> str:
    head = [
        "# guidelint rules",
        "",
        "Generated from the rules' own metadata by `python -m guidelint.docs`; do not edit.",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    head += [f"| {r.code} | {r.name} | {r.severity} | {r.summary} |" for r in registry.RULES]
    pages = [rule_page(rule, level=2) for rule in registry.RULES]
    return "\n".join(head) + "\n\n" + "\n".join(pages)


if __name__ == "__main__":
    print(reference(), end="")
