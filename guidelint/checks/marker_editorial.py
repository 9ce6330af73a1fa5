"""An editorial marker in a comment: an open note for editors.

## What it checks
Markers of the configured vocabulary (by default `GAP`, `UPLIFT` and
`TODO`), matched case-insensitively (`[Gap]` is `GAP`), inside HTML
comments or `{% comment %}` blocks, single- or multi-line, several in one
comment. Each is reported at its own line with the severity its kind
has in the config, and the rest of its note as the message.
`<!--[if IE]>` conditional comments are not notes.

## Why it matters
Open gaps are work the guide still owes its readers. Listing them, with
the severity the team gave each kind, keeps them visible on every run;
`guidelint report` adds their age and author from git.

## Example
```html
<!-- [GAP] add the data-sharing agreement template once legal approve it -->
```

## How to fix
Do the work the note asks for and remove the marker; or lower the kind's
severity if the team tracks it elsewhere.

## How to configure
```yaml
markers:
  GAP: warning
  UPLIFT: info
  TODO: warning
```
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary:
        return
    vocabulary = ctx.config.markers
    for marker in page.body.markers:
        kind = marker.tag.upper()
        if not marker.in_comment or kind not in vocabulary:
            continue
        message = f"[{kind}] {marker.text}" if marker.text else f"[{kind}] (no text)"
        line = page.body.line_of(marker.offset)
        column = marker.offset - (page.body.text.rfind("\n", 0, marker.offset) + 1) + 1
        data = (("marker", kind), ("text", marker.text), ("title", page.title))
        yield RULE.finding(page, line, column, message, severity=vocabulary[kind], data=data)


RULE = Rule(
    code="MRK001",
    name="editorial-marker",
    summary="a marker from the vocabulary (GAP, UPLIFT, TODO) in a comment: an open note",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    check=check,
)
