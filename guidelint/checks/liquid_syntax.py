"""A Liquid tag Jekyll cannot read.

## What it checks
In pages, layouts and includes: a `{% ... %}` or `{{ ... }}` that is
never terminated (an output must end with `}}`), a tag name Liquid, Jekyll
and the site's plugins do not know, and `else`, `elsif` or `when` outside
the blocks they belong to. Tags inside HTML comments and code blocks
count, since Liquid runs first; `{% raw %}` content does not, nor unknown
tags inside `{% comment %}`.

## Why it matters
Each of these stops `jekyll build` ("Unknown tag 'inlcude'", "Variable
'{{' was not properly terminated"): nothing of the guide is published
until it is fixed.

## Example
```liquid
{% inlcude button.html title="Start" %}
{{ page.title }
```

## How to fix
Correct the tag name (the message suggests the closest known one), close
the tag, or wrap literal Liquid examples in `{% raw %}` ... `{% endraw %}`.

## How to configure
Tags added by plugins the checker does not know, or by the site:
`liquid: {tags: [name], blocks: [name]}`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.liquid import Token
from guidelint.liquidtags import INNER
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary or "{" not in page.body.text:
        return
    blocks = ctx.liquid_blocks
    known = ctx.liquid_tags | blocks | {"end" + b for b in blocks} | set(INNER)
    open_blocks: list[str] = []
    for token in page.body.liquid:
        if not token.closed:
            yield RULE.finding_in_body(page, token.start, _unterminated(token))
            continue
        if token.kind != "tag":
            continue
        name = token.name
        if name in blocks:
            open_blocks.append(name)
        elif name.startswith("end") and open_blocks and open_blocks[-1] == name[3:]:
            open_blocks.pop()
        if "comment" in open_blocks and name not in known:
            continue  # unknown tags inside a comment are ignored by Liquid
        if not name:
            yield RULE.finding_in_body(page, token.start, "a `{% %}` tag with no name")
        elif name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.7)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            yield RULE.finding_in_body(
                page, token.start, f"unknown Liquid tag `{name}`: Jekyll stops{hint}"
            )
        elif name in INNER and not (open_blocks and open_blocks[-1] in INNER[name]):
            yield RULE.finding_in_body(
                page, token.start, f"`{{% {name} %}}` outside the blocks it belongs to"
            )


def _unterminated(token: Token) -> str:
    if token.kind == "output":
        return "`{{` is not closed by `}}`: Jekyll stops"
    return "`{%` is not closed by `%}`: Jekyll stops"


RULE = Rule(
    code="LIQ002",
    name="liquid-syntax",
    summary="an unterminated {% %} or {{ }}, an unknown tag, or else/when out of place",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
