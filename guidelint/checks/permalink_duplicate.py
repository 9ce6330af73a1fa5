"""Two pages publish at the same URL.

## What it checks
Every page, published collection item and static file is written to one
output file; two sources that Jekyll writes to the same file are reported
at each page's `permalink` (line 1 when the URL comes from the file's
path), naming the other.

## Why it matters
Jekyll writes one of them and silently drops the other: readers see
whichever was built last, and links meant for the other page land on the
wrong one.

## Example
```yaml
# guide/plan.md and guide/plan-v2.md both have
permalink: /guide/plan/
```

## How to fix
Give one of the pages its own permalink, or delete the page that was left
behind by a rewrite.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    for output, pages in sorted(index.by_output.items()):
        if len(pages) < 2:
            continue
        for page in pages:
            others = [p.path for p in pages if p is not page]
            yield RULE.finding_at(
                page.path,
                page.permalink_line,
                1,
                f"{page.url} is also published by {', '.join(others)} (both write {output})",
                related=tuple(others),
                target=page.url or "",
            )


RULE = Rule(
    code="NAV004",
    name="permalink-duplicate",
    summary="two pages publish at the same URL",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    site_check=check,
)
