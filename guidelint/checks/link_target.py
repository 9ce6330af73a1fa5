"""An internal link leads to no page or file on the published site.

## What it checks
Every internal link a page publishes: Markdown inline and reference-style
links and images, raw HTML `href`/`src`, and include parameters that
become links (such as `link=` of a button include). Liquid is evaluated as
Jekyll would (`{{ site.baseurl }}`, `relative_url`, `{% link %}`), relative
links are resolved from the page's published URL, and the result is looked
up among the files Jekyll writes, served as GitHub Pages serves them. The
message says why it fails: no such page (with the nearest one), a missing
or doubled baseurl, a trailing slash on a page published as a file, or
where a relative link really leads. Links in code, HTML comments and
`{% comment %}` are not published and not checked; external links are not
checked.

## Why it matters
A broken link is a dead end for a reader in the middle of a task. On a
site with a baseurl, a root-relative link without it works in a local
preview at the domain root and fails in production.

## Example
```markdown
See [the checklist](/guide/go-live)            <!-- baseurl missing -->
See [the checklist]({{ site.baseurl }}/guide/golive)   <!-- typo -->
```

## How to fix
Point the link at the page's published URL: start root-relative links with
`{{ site.baseurl }}` (or use `relative_url`), and follow the suggestion in
the message.

## How to configure
`links.ignore` in `.guidelint.yaml` lists site-path globs that exist on
the published site but not in the sources (files made by plugins, such as
`/feed.xml`).
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.resolve import resolved_links
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    for page, link, target in resolved_links(index):
        if target.status != "missing" or ctx.config.links.ignored(target.site_path):
            continue
        yield RULE.finding_at(
            page.path,
            link.line,
            link.column,
            f"link to {link.target} is broken: {target.reason}",
            link.target,
            target=target.site_path,
            source_offset=link.column - 1,
        )


RULE = Rule(
    code="LNK001",
    name="link-target-missing",
    summary="an internal link resolves to no page or file on the published site",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    site_check=check,
)
