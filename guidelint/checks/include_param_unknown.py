"""An include is passed a parameter its template never reads.

## What it checks
Each `key=value` of an `{% include %}` against the names the template
reads (`include.NAME` or `include["NAME"]`, in output, conditions, loops,
filters and nested includes) and the names declared for it under
`includes:` in the config. The message suggests the closest known name.
Templates that read `include[variable]` accept any name and are left
alone, as are includes whose file is missing (INC001) or named at render
time.

## Why it matters
A misspelt parameter is silently dropped: the inset renders without its
accessibility text, the button without its link, and nothing warns.

## Example
```liquid
{% include inset.html content=note accessibilty_text="Important" %}
```

## How to fix
Use the name the template reads (here `accessibility_text`), or remove a
parameter the template does not use.

## How to configure
Parameters a template takes that guidelint cannot see in it:
`includes: {inset.html: {required: [content], values: {markdown: [true, false]}}}`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary or "include" not in page.body.text:
        return
    for call in page.body.includes:
        template = ctx.templates.includes.get(call.file)
        if call.relative or template is None or template.dynamic_params:
            continue
        spec = ctx.config.includes.get(call.file) or {}
        known = set(template.params) | set(spec.get("required", ())) | set(spec.get("values", {}))
        for param in call.params:
            if param.name in known:
                continue
            close = difflib.get_close_matches(param.name, sorted(known), n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            reads = ", ".join(sorted(known)) if known and not close else ""
            also = f" (it reads: {reads})" if reads else ""
            yield RULE.finding_in_body(
                page,
                param.name_offset,
                f"`{call.file}` never reads `{param.name}`: the value is dropped{hint}{also}",
            )


RULE = Rule(
    code="INC002",
    name="include-param-unknown",
    summary="an include parameter the template never reads; the closest known one suggested",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
