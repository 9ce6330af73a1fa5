"""A Markdown file where Jekyll publishes pages has no front matter.

## What it checks
A Markdown file outside `_`-prefixed folders (or inside a collection) whose
first line is not `---`, so Jekyll does not treat it as a page. A file that
starts with a byte-order mark counts too: Jekyll does not see front matter
behind a BOM.

## Why it matters
Jekyll copies such a file to the site as it is: readers get raw Markdown at
`/guide/notes.md` instead of a page, with no layout, no navigation and no
chain, and links to the page's intended URL break.

## Example
```markdown
# Notes for editors

Check the supplier list before each release.
```

## How to fix
Add front matter (at least an empty `---` / `---` pair, usually a `title`),
or move the file out of the published tree (a `_`-prefixed folder), or list
it under `exclude:` in `_config.yml` if it is not meant to be published.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import Kind, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind is not Kind.RAW_MARKDOWN or page.binary:
        return
    if page.split.has_front_matter:
        reason = "it starts with a byte-order mark, so Jekyll does not see its front matter"
    else:
        reason = "Jekyll will copy it raw instead of rendering it"
    yield RULE.finding(page, 1, 1, f"Markdown file has no front matter: {reason}")


RULE = Rule(
    code="FM001",
    name="frontmatter-missing",
    summary="A Markdown file in a page location has no front matter",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    check=check,
)
