"""`layout` names a layout the site does not have.

## What it checks
The `layout` of every page and collection item (after `defaults` are
merged) against the files in `_layouts/`. `null`, `none` and an empty value
mean "no layout" and are fine. Sites that use a theme (`theme:` or
`remote_theme:` in `_config.yml`) are skipped, as the theme's layouts are
not in the repository.

## Why it matters
Jekyll renders a page with an unknown layout without any layout and only
warns in its build log: the published page has no header, navigation,
styles or footer.

## Example
```yaml
---
layout: page_with_sidbar
title: Go-live
---
```

## How to fix
Correct the name to one of the files in `_layouts/` (the message suggests
the closest one), or add the missing layout.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import Kind, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in (Kind.PAGE, Kind.DOCUMENT) or ctx.site.theme:
        return
    layout = page.data.get("layout")
    if layout is None or layout in ("", "none", "null") or not isinstance(layout, str | int):
        return
    name = str(layout)
    if name in ctx.layouts:
        return
    close = difflib.get_close_matches(name, sorted(ctx.layouts), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    known = f" (known: {', '.join(sorted(ctx.layouts))})" if ctx.layouts and not close else ""
    origin = " set by `defaults` in _config.yml" if "layout" in page.from_defaults else ""
    message = f"layout '{name}'{origin} is not in {ctx.site.layouts_dir}/{hint}{known}"
    position = page.key_position(("layout",))
    yield RULE.finding(page, position.line, position.column, message)


RULE = Rule(
    code="FM004",
    name="layout-unknown",
    summary="`layout` names no file in _layouts/",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
