"""A chain key points to no page.

## What it checks
Every non-empty value of the chain keys (`nextpage`, `previouspage`,
`breadcrumbparent` by default) must be the URL of a published page,
compared exactly as the site's templates compare it: `/guide/improve`
does not find a page published at `/guide/improve/`. The message names the
near miss when there is one. Empty and null values are the ends of a chain
and are fine.

## Why it matters
The templates build "Next", "Previous" and breadcrumb links from these
values. A value that names no page gives readers a dead link or no link at
all, usually after a page's permalink was renamed.

## Example
```yaml
---
title: Plan the switch
permalink: /guide/plan/
nextpage: /guide/improve   # the page is published at /guide/improve/
---
```

## How to fix
Write the target page's URL exactly as its `permalink` gives it (the
message suggests the nearest one), or empty the value at a chain's end.

## How to configure
`chain.keys` in `.guidelint.yaml` lists the keys that hold page URLs.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.chains import chain_links
from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    base = index.site.baseurl
    for link in chain_links(index):
        if link.target is not None:
            continue
        value = link.ref.value.strip()
        near = index.near_url(value)
        if base and value.startswith(base + "/") and index.page_at_url(value[len(base) :]):
            hint = f"; drop the baseurl: templates add it ({value[len(base) :]})"
        elif near is not None and near.rstrip("/") == value.rstrip("/"):
            hint = (
                f"; the page is published at {near} (a link to '{value}' still reaches it "
                "by redirect, but templates that look the page up by URL find nothing)"
            )
        elif near is not None:
            hint = f"; the nearest page is published at {near}"
        else:
            hint = ""
        yield RULE.finding_at(
            link.page.path,
            link.ref.line,
            link.ref.column,
            f"{link.ref.key} '{value}' names no page{hint}",
            link.ref.source,
            target=value,
        )


RULE = Rule(
    code="NAV001",
    name="chain-target-missing",
    summary="a chain key (nextpage, previouspage, breadcrumbparent) points to no page",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    site_check=check,
)
