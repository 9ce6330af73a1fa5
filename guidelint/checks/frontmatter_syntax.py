"""Front matter that Jekyll cannot read as a mapping of keys.

## What it checks
The YAML block between the `---` lines: an opening `---` never closed, a
YAML syntax error, a duplicate key, a YAML tag (`!!python/object`, `!foo`),
an alias that expands without bound, nesting over 100 levels, and front
matter that is a list or a single value instead of a mapping. The finding
stands at the exact line and column YAML reports.

## Why it matters
Jekyll drops front matter it cannot parse: the page loses its title, layout
and permalink and is published at the wrong URL, or the YAML shows up as
page text. A duplicate key silently keeps only the last value.

## Example
```yaml
---
title: Planning
permalink: /guide/planning
title: Planning your migration
---
```

## How to fix
Correct the YAML at the line named: close the block with `---`, quote values
holding `: ` or starting with a special character, remove the duplicate key,
and write plain values instead of tagged ones.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    for problem in page.yaml_problems:
        yield RULE.finding(page, problem.line, problem.column, problem.message)


RULE = Rule(
    code="FM002",
    name="frontmatter-syntax",
    summary="Front matter is not valid YAML, not closed, has a duplicate key or is not a mapping",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
