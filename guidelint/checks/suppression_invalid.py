"""A suppression comment guidelint cannot act on.

## What it checks
HTML comments that start with `guidelint-` but are not one of
`guidelint-disable`, `guidelint-disable-next-line`, `guidelint-disable-file`
or `guidelint-enable`, codes in them that name no rule (a code or a
prefix such as `LNK` must start at least one rule's code), and SUP codes:
findings about suppressions are not themselves silenced in a page.

## Why it matters
A misspelt directive or code silences nothing, so the finding it was
meant for stays; worse, the author believes it is handled.

## Example
```html
<!-- guidelint-disable-nextline LNK001 -->
<!-- guidelint-disable-next-line LINK001 -->
```

## How to fix
Write the directive as listed above, with codes from `guidelint rules`.
Text after ` -- ` is a free reason and is not read as codes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule
from guidelint.suppress import ACTIONS, malformed_code


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary:
        return
    for directive in page.body.suppressions:
        if not directive.known:
            close = difflib.get_close_matches(directive.action, ACTIONS, n=1, cutoff=0.6)
            hint = f"; did you mean guidelint-{close[0]}?" if close else ""
            yield RULE.finding(
                page,
                directive.line,
                directive.column,
                f"`guidelint-{directive.action}` is not a guidelint directive{hint}",
            )
            continue
        for code in directive.codes:
            if malformed_code(code) or not any(c.startswith(code) for c in ctx.rule_codes):
                problem = "names no rule; `guidelint rules` lists them"
            elif code.startswith("SUP"):
                problem = "cannot be silenced in a page; use `ignore:` or `per_file_ignores`"
            else:
                continue
            yield RULE.finding(
                page, directive.line, directive.column, f"`{code}` in `{directive.text}` {problem}"
            )


RULE = Rule(
    code="SUP002",
    name="suppression-invalid",
    summary="a guidelint- comment with an unknown directive or a code that names no rule",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    check=check,
)
