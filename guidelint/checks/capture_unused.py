"""A captured or assigned variable is never used.

## What it checks
Every `{% capture NAME %}` and `{% assign NAME = ... %}` on a page must be
read somewhere on the page: in an output (`{{ NAME }}`), a tag's
condition or loop, a filter argument or an include parameter
(`content=NAME`).

## Why it matters
A capture nobody uses is text the authors wrote for readers that is never
published, often because the include that should show it was deleted or
names another capture.

## Example
```liquid
{%- capture lesson_2 -%}Keep a list of open issues.{%- endcapture -%}
{% include inset.html content=lesson_1 %}
```

## How to fix
Pass it to the include meant to show it, or delete the capture.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.includes import definitions, uses
from guidelint.model import Kind, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in (Kind.PAGE, Kind.DOCUMENT) or "{%" not in page.body.text:
        return
    tokens = page.body.liquid
    defined = [(name, token) for name, token in definitions(tokens) if token.name != "for"]
    if not defined:
        return
    used: set[str] = set()
    for token in tokens:
        used.update(uses(token))
    for name, token in defined:
        if name not in used:
            kind = token.name
            yield RULE.finding_in_body(
                page, token.start, f"`{{% {kind} {name} %}}` is never used on this page"
            )


RULE = Rule(
    code="INC005",
    name="capture-unused",
    summary="a captured or assigned variable is never used",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    check=check,
)
