"""A link's `#fragment` is not an id on the target page.

## What it checks
For every internal link with a fragment (`#step-3`, `page#step-3`), the
fragment must be an id the target page publishes: heading ids exactly as
kramdown makes them under the site's `kramdown` settings (with `-1`, `-2`
for repeated headings), `{#id}` and `{: #id}` ids, HTML `id=` and
`<a name=>`, and literal ids in the page's layout and includes. A heading
with `{#custom-id}` has only that id. The message suggests the closest
existing id. Pages whose ids are built by Liquid that cannot be evaluated
are not judged.

## Why it matters
The link opens the right page at the wrong place (its top), so readers
miss the step the text sends them to. Fragments break silently whenever a
heading is reworded.

## Example
```markdown
## Check smartcard access {#smartcards}
...
See [smartcard access](#check-smartcard-access)   <!-- the id is smartcards -->
```

## How to fix
Use the id the message suggests, or give the heading an explicit
`{#id}` that stays stable when its wording changes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.resolve import resolved_links
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    for page, link, target in resolved_links(index):
        fragment = target.fragment
        if target.status != "ok" or not fragment or target.output is None:
            continue
        if fragment.lower() == "top":
            continue  # browsers scroll to the top for #top
        dest = index.page_for_output(target.output)
        if dest is None:
            continue  # a static file: its fragments are not ours to judge
        if fragment in dest.ids:
            continue
        extra, known = ctx.templates.ids_of(dest.layout, dest.includes)
        if fragment in extra or not (known and dest.ids_complete):
            continue
        hint = _suggestion(fragment, dest.ids | extra)
        base = index.site.baseurl
        where = "this page" if dest.path == page.path else f"{base}{dest.url} ({dest.path})"
        yield RULE.finding_at(
            page.path,
            link.line,
            link.column,
            f"#{fragment} is not an id on {where}{hint}",
            link.target,
            related=(dest.path, *ctx.templates.paths_of(dest.layout, dest.includes)),
            source_offset=link.column - 1,
        )


def _suggestion(fragment: str, ids: frozenset[str]) -> str:
    """The existing id a reader most likely meant: a near spelling, else a longer form."""
    close = difflib.get_close_matches(fragment, sorted(ids), n=1, cutoff=0.6)
    if not close:
        close = sorted((i for i in ids if i.startswith(fragment)), key=len)[:1]
    return f"; did you mean #{close[0]}?" if close else ""


RULE = Rule(
    code="LNK002",
    name="anchor-missing",
    summary="a #fragment is not an id on the target page",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    site_check=check,
)
