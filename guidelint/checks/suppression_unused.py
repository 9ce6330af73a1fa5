"""A suppression comment that silences nothing.

## What it checks
Each `guidelint-disable`, `guidelint-disable-next-line` and
`guidelint-disable-file` comment, code by code: when no finding of that
code falls where it applies, the suppression is reported. A code is
judged only when every rule it names ran (`--select`, `ignore:`); a
directive without codes only when the command line did not narrow the
rules.

## Why it matters
A suppression outlives the problem it was written for: the link gets
fixed, the comment stays, and the next real problem on that line is
silenced without anyone deciding so.

## Example
```html
<!-- guidelint-disable-next-line LNK001 -->
See [the checklist]({{ site.baseurl }}/guide/checklist/).
```
once `/guide/checklist/` exists again.

## How to fix
Delete the comment, or the codes in it that no longer apply.

## How to configure
`ignore: [SUP001]` in `.guidelint.yaml` keeps every suppression quietly.
"""

from __future__ import annotations

from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.suppress import Directive


def finding(path: str, directive: Directive, code: str | None) -> Finding:
    """The finding for one code of `directive` that silenced nothing."""
    what = f"no {code} finding" if code else "no finding"
    where = {
        "disable-next-line": "on the next line",
        "disable-file": "in this file",
    }.get(directive.action, "before the matching guidelint-enable")
    return RULE.finding_at(
        path,
        directive.line,
        directive.column,
        f"`{directive.text}`: {what} {where} to suppress; remove it",
    )


# Judged after every other rule has run: no page or site check of its own.
RULE = Rule(
    code="SUP001",
    name="suppression-unused",
    summary="a guidelint-disable comment that silences no finding",
    severity=Severity.INFO,
    docs=__doc__ or "",
)
