"""A navigation entry points to no page.

## What it checks
URLs in the site's `_data` files (navigation menus: `url:` and `href:` keys
at any depth, e.g. in `subitems`) and in the URL fields of pages and
collection items (`chain.url_fields`, e.g. `title_url`). Each must lead
to a published page or file, the way the server answers it (`/x` serves
`x.html` or `x/index.html`). Values are site paths: templates add the
baseurl. External URLs are not checked.

## Why it matters
Navigation is on every page: one stale entry is a dead link on all of
them, and it is the first place readers click.

## Example
```yaml
# _data/sidebar_navigation.yml
- title: Go-live
  url: /guide/go-live-checklist   # the page is /guide/go-live
```

## How to fix
Correct the URL to the page's permalink (the message suggests the nearest
page), or remove the entry for a page that is gone.

## How to configure
`chain.url_fields` lists the front-matter fields that hold page URLs.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.resolve import nav_targets
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    for entry, target in nav_targets(index):
        if target.status != "missing":
            continue
        yield RULE.finding_at(
            entry.path,
            entry.line,
            entry.column,
            f"{entry.key} '{entry.value}' leads nowhere: {target.reason}",
            entry.source,
            target=entry.value,
        )


RULE = Rule(
    code="NAV005",
    name="nav-target-missing",
    summary="a URL in a _data navigation file, or a URL field, points to no page",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    site_check=check,
)
