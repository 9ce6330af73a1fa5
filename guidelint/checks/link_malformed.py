"""Markdown that readers see as a broken link.

## What it checks
Link syntax that kramdown leaves as literal text: a space between `]` and
`(` (`[text] (url)`), an empty target (`[text]()`), a destination that is
never closed by `)` on its line, and a reference (`[text][ref]`) whose
definition is missing. Code, comments and raw HTML blocks are skipped.

## Why it matters
Readers see square brackets and a bare URL in the middle of a sentence
instead of a link; no link checker reports it, because there is no link.

## Example
```markdown
Read [the migration checklist] (/guide/checklist) first.
See [the standard][dcb0160].   <!-- no [dcb0160]: definition -->
```

## How to fix
Remove the space, fill in the target, close the parenthesis, or add the
missing `[ref]: url` definition.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    for page in index.pages:
        for problem in page.malformed:
            yield RULE.finding_at(
                page.path,
                problem.line,
                problem.column,
                problem.message,
                problem.source,
                source_offset=problem.source_offset,
            )


RULE = Rule(
    code="LNK005",
    name="link-malformed",
    summary="Markdown a reader sees as a broken link: `[text] (url)`, an empty target",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    site_check=check,
)
