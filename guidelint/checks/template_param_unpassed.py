"""A template reads a parameter no call passes, while calls pass a near twin.

## What it checks
For each include template: every `include.NAME` it reads should be passed
by at least one `{% include %}` of it somewhere in the site. When a name
is never passed but the calls do pass a name that differs by a typo (and
that the template does not read), the template is reported at the line
that reads it: the typo is in the template, not in dozens of pages.

## Why it matters
If the template reads `include.accesibility_text` while every page passes
`accessibility_text`, every page's inset loses its text, and each call
looks right on its own.

## Example
```liquid
<!-- _includes/inset.html -->
<span>{{ include.accesibility_text }}</span>
```

## How to fix
Correct the name in the template to the one the calls pass.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    passed: dict[str, set[str]] = defaultdict(set)
    for page in index.pages:
        for file, names in page.include_calls:
            passed[file].update(names)
    for name, template in sorted(ctx.templates.includes.items()):
        given = passed.get(name)
        if not given or template.dynamic_params:
            continue  # unused templates say nothing about their parameters
        candidates = sorted(given - template.params)
        for param in sorted(template.params - given):
            twin = difflib.get_close_matches(param, candidates, n=1, cutoff=0.8)
            if not twin:
                continue
            line, column = template.param_places[param]
            yield RULE.finding_at(
                template.path,
                line,
                column,
                f"`{name}` reads `include.{param}`, which no call passes; calls pass "
                f"`{twin[0]}`: a typo in the template?",
            )


RULE = Rule(
    code="INC006",
    name="template-param-unpassed",
    summary="a template reads include.NAME that no call passes, while calls pass a near twin",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    site_check=check,
)
