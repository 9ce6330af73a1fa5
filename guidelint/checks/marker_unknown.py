"""A bracketed ALL-CAPS tag in a comment that the vocabulary does not know.

## What it checks
Inside HTML comments and `{% comment %}` blocks, a tag like `[UPDATE]` or
`[GAPS]`: all capitals, not one of the configured markers. The message
suggests the closest known marker.

## Why it matters
A misspelt marker (`[UPLFT]`) or a new kind nobody declared is never
counted: the report of open gaps silently misses it.

## Example
```html
<!-- [UPLFT] reword for the new contract -->
```

## How to fix
Correct it to a known marker, or declare the new kind under `markers:`
with the severity it deserves.

## How to configure
`markers:` in `.guidelint.yaml` lists the vocabulary.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule

_ALL_CAPS = re.compile(r"[A-Z][A-Z0-9_-]+")


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary:
        return
    vocabulary = ctx.config.markers
    for marker in page.body.markers:
        if not marker.in_comment or not _ALL_CAPS.fullmatch(marker.tag):
            continue
        if marker.tag in vocabulary:
            continue
        close = difflib.get_close_matches(marker.tag, sorted(vocabulary), n=1, cutoff=0.6)
        hint = f"; did you mean [{close[0]}]?" if close else "; declare it under `markers:`"
        yield RULE.finding_in_body(
            page, marker.offset, f"[{marker.tag}] is not a known marker{hint}"
        )


RULE = Rule(
    code="MRK003",
    name="marker-unknown",
    summary="a bracketed ALL-CAPS tag in a comment that is not in the marker vocabulary",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    check=check,
)
