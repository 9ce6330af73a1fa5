"""A Liquid block tag is never closed, or an end tag closes nothing.

## What it checks
Block tags (`capture`, `if`, `unless`, `for`, `case`, `comment`, `raw`,
`tablerow`, `ifchanged`, Jekyll's `highlight`, and blocks the config adds)
in pages, layouts and includes must each be closed by their own `end`
tag, in order. An unclosed block is reported at its opening tag; an end
tag that closes nothing, or the wrong block, at the end tag. Tags inside
HTML comments and code blocks count: Liquid runs before Markdown. Tags
inside `{% comment %}` count too (Liquid still parses its blocks); only
`{% raw %}` hides them.

## Why it matters
Jekyll stops the whole build at the first unbalanced tag ("'if' tag was
never closed"), so one forgotten `{% endcapture %}` takes every page of
the guide offline until it is found.

## Example
```liquid
{% capture note %}
Check the **smartcard** settings first.
{% include inset.html content=note %}
```

## How to fix
Add the missing end tag (`{% endcapture %}` above, before the include), or
remove the stray one.

## How to configure
Blocks from plugins or the site's own tags: `liquid: {blocks: [name]}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.liquid import Token
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary or "{%" not in page.body.text:
        return
    blocks = ctx.liquid_blocks
    open_blocks: list[Token] = []
    for token in page.body.liquid:
        if token.kind != "tag" or not token.closed:
            continue
        name = token.name
        if name in blocks:
            open_blocks.append(token)
        elif name.startswith("end") and (name[3:] in blocks or not open_blocks):
            opened = name[3:]
            if open_blocks and open_blocks[-1].name == opened:
                open_blocks.pop()
            elif any(block.name == opened for block in open_blocks):
                while open_blocks[-1].name != opened:  # inner blocks left open
                    yield _unclosed(page, open_blocks.pop(), token)
                open_blocks.pop()
            elif name[3:] in blocks:
                inside = f" inside `{open_blocks[-1].name}`" if open_blocks else ""
                yield RULE.finding_in_body(
                    page, token.start, f"`{{% {name} %}}` closes no `{opened}` block{inside}"
                )
    for token in open_blocks:
        yield _unclosed(page, token, None)


def _unclosed(page: Page, token: Token, closer: Token | None) -> Finding:
    where = (
        f" before `{{% {closer.name} %}}` on line {page.body.line_of(closer.start)}"
        if closer
        else " by the end of the file"
    )
    return RULE.finding_in_body(
        page, token.start, f"`{{% {token.name} %}}` is never closed{where}: Jekyll stops"
    )


RULE = Rule(
    code="LIQ001",
    name="liquid-unbalanced",
    summary="a Liquid block tag (capture, if, for, ...) is not closed, or an end tag is stray",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
