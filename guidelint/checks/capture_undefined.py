"""An include parameter names a variable the page never defines.

## What it checks
A parameter given as a bare name (`content=note_1`, not a quoted string)
is a variable: some `{% capture %}`, `{% assign %}` or `{% for %}` earlier
in the page (in render order; one inside an `if` still counts) must
define it, unless it is one of Jekyll's own objects (`page`, `site`,
`include`, `layout`, ...). Quoted values are text and never checked.

## Why it matters
An undefined variable renders as nothing: the inset or card appears
empty on the published page, with no error anywhere. It is usually a
typo in the capture name (`lesson1` for `lesson_1`) or a capture moved
below the include.

## Example
```liquid
{%- capture lesson_1 -%}Plan the re-entry of data.{%- endcapture -%}
{% include inset.html content=lesson1 %}
```

## How to fix
Use the captured name, or move the capture above the include.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.includes import GLOBALS, definitions, root_name
from guidelint.model import Kind, Page
from guidelint.rule import Rule

_LITERAL = re.compile(r"-?\d+(?:\.\d+)?|true|false|nil|null|empty|blank")


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in (Kind.PAGE, Kind.DOCUMENT) or "include" not in page.body.text:
        return
    tokens = page.body.liquid
    defined_at = [(token.start, name) for name, token in definitions(tokens)]
    for call in page.body.includes:
        before = {name for start, name in defined_at if start < call.token.start}
        for param in call.params:
            if param.quoted or _LITERAL.fullmatch(param.value):
                continue
            name = root_name(param.value)
            if name in before or name in GLOBALS:
                continue
            everything = sorted({n for _, n in defined_at})
            later = name in everything
            close = [] if later else difflib.get_close_matches(name, everything, n=1, cutoff=0.6)
            if later:
                hint = f"; `{name}` is captured only after this include"
            elif close:
                hint = f"; did you mean `{close[0]}`?"
            else:
                hint = ""
            yield RULE.finding_in_body(
                page,
                param.value_offset,
                f"`{param.name}={param.value}`: no capture or assign defines `{name}` before "
                f"this include, so it renders empty{hint}",
            )


RULE = Rule(
    code="INC004",
    name="capture-undefined",
    summary="an include parameter names a variable no earlier capture/assign defines",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
