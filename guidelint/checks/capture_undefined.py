"""An include parameter names a variable the page never defines.

## What it checks
A parameter given as a bare name (`content=note_1`, not a quoted string)
is a variable: some `{% capture %}`, `{% assign %}` or `{% for %}` earlier
in the page (in render order; one inside an `if` still counts) must
define it, unless it is one of Jekyll's own objects (`page`, `site`,
`include`, `layout`, ...). `page.NAME` must be set in the page's front
matter (or its `_config.yml` defaults), or be one Jekyll provides (`url`,
`title`, `date`, ...). Quoted values are text and never checked.

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
            if name == "page" and not _page_has(page, param.value):
                yield RULE.finding_in_body(
                    page,
                    param.value_offset,
                    f"`{param.name}={param.value}`: the front matter sets no "
                    f"`{param.value.split('.')[1] if '.' in param.value else ''}`, "
                    "so it renders empty",
                )
                continue
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


# What Jekyll gives every page besides its front matter.
_PAGE_ATTRIBUTES = frozenset(
    {"content", "url", "path", "relative_path", "dir", "name", "id", "date", "title", "excerpt",
     "collection", "categories", "tags", "next", "previous", "slug", "ext", "layout", "permalink",
     "output"}
)  # fmt: skip


def _page_has(page: Page, value: str) -> bool:
    """Whether `page.NAME` (the first part after `page.`) is known for this page."""
    parts = value.split(".")
    if len(parts) < 2 or not parts[1]:
        return True  # `page` itself, or `page[...]`: not judged
    key = parts[1].split("[", 1)[0]
    return key in _PAGE_ATTRIBUTES or key in page.data


RULE = Rule(
    code="INC004",
    name="capture-undefined",
    summary="an include parameter names a variable no earlier capture/assign defines",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
