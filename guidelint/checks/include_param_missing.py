"""An include lacks a parameter its spec requires, or has a value it does not allow.

## What it checks
For includes with a spec under `includes:` in `.guidelint.yaml`: every
`required` parameter must be passed, and a parameter listed under
`values` must have one of the allowed values (compared as written:
`markdown=true`, `colour="grey"`). A value given as a variable is not
judged, since it is only known at render time.

## Why it matters
Templates fail quietly: a button without `link` points nowhere, an inset
with `markdown=maybe` renders its Markdown as plain text. The spec says
what the template needs, and the check keeps every call to it honest.

## Example
```liquid
{% include button.html title="Start" %}          <!-- no link -->
{% include inset.html content=note markdown=yes %}
```

## How to fix
Pass the missing parameter, or use one of the allowed values.

## How to configure
```yaml
includes:
  button.html:
    required: [title, link]
  inset.html:
    required: [content]
    values:
      markdown: [true, false]
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    specs = ctx.config.includes
    if not specs or page.kind not in RENDERED_KINDS or "include" not in page.body.text:
        return
    for call in page.body.includes:
        spec: dict[str, Any] = specs.get(call.file) or {}
        if not spec or call.relative:
            continue
        given = {param.name: param for param in call.params}
        missing = [name for name in spec.get("required", ()) if name not in given]
        if missing:
            names = ", ".join(f"`{name}`" for name in missing)
            yield RULE.finding_in_body(
                page,
                call.file_offset,
                f"`{call.file}` needs {names}, which this call does not pass",
            )
        for name, allowed in (spec.get("values") or {}).items():
            param = given.get(name)
            if param is None or not isinstance(allowed, list):
                continue
            texts = [_text(value) for value in allowed]
            bare_variable = not param.quoted and param.value not in texts
            if param.value in texts or (bare_variable and not _literal(param.value)):
                continue
            choices = ", ".join(texts)
            yield RULE.finding_in_body(
                page,
                param.value_offset,
                f"`{name}={param.value}` is not one of the values `{call.file}` takes: {choices}",
            )


def _text(value: Any) -> str:
    """A config value as an include call writes it (YAML `true` is `true`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _literal(value: str) -> bool:
    """Whether a bare value is a literal (number, boolean), not a variable."""
    return value in ("true", "false", "nil") or value.lstrip("-").replace(".", "", 1).isdigit()


RULE = Rule(
    code="INC003",
    name="include-param-missing",
    summary="a parameter the include's spec requires is absent, or a value it does not allow",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
