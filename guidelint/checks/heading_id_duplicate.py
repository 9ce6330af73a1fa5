"""Two explicit ids on one page are equal.

## What it checks
Ids a page sets itself, `## Title {#id}`, `{: #id}` attribute lists and
HTML `id=` / `<a name=>`, must be unique within the page. The second and
later uses are reported, naming the line of the first.

## Why it matters
An id must be unique in an HTML page: links to it land on the first
element only, and screen readers and scripts that use it get confused.
Copied sections often bring their ids with them.

## Example
```markdown
## Before go-live {#checks}
...
## After go-live {#checks}
```

## How to fix
Give each element its own id, and update links that meant the second one.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    for page in index.pages:
        first: dict[str, int] = {}
        for anchor in page.explicit_ids:
            if anchor.id in first:
                yield RULE.finding_at(
                    page.path,
                    anchor.line,
                    anchor.column,
                    f"id '{anchor.id}' is already set on line {first[anchor.id]}",
                    anchor.source,
                    source_offset=anchor.source_offset,
                )
            else:
                first[anchor.id] = anchor.line


RULE = Rule(
    code="LNK003",
    name="heading-id-duplicate",
    summary="two explicit ids on one page are equal",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    site_check=check,
)
