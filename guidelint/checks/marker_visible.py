"""An editorial marker outside any comment: it will be published.

## What it checks
A marker of the vocabulary (`[GAP]`, `[UPLIFT]`, `[TODO]`, any case) in
page text, outside HTML comments and `{% comment %}` blocks, including
after a comment that closed earlier on the same line. Markers in code
spans, code blocks and `{% raw %}` are examples, not notes, and links
such as `[GAP](url)` are links.

## Why it matters
The note was meant for editors; readers get "[GAP] Needs a worked
example." in the middle of the guide, which undermines its authority.

## Example
```markdown
Check the smartcard readers before go-live. [GAP] add the supplier's list
```

## How to fix
Put the note back inside `<!-- ... -->`, or remove it.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary:
        return
    vocabulary = ctx.config.markers
    for marker in page.body.markers:
        kind = marker.tag.upper()
        if marker.in_comment or marker.hidden or kind not in vocabulary:
            continue
        yield RULE.finding_in_body(
            page,
            marker.offset,
            f"[{marker.tag}] is outside a comment: readers will see it; "
            "put the note inside <!-- ... --> or remove it",
            data=(
                ("marker", kind),
                ("text", _rest_of_line(page, marker.offset)),
                ("title", page.title),
            ),
        )


def _rest_of_line(page: Page, offset: int) -> str:
    """A visible marker's note: the rest of its line."""
    text = page.body.text
    end = text.find("\n", offset)
    rest = text[offset : len(text) if end < 0 else end]
    return " ".join(rest.split("]", 1)[-1].split())


RULE = Rule(
    code="MRK002",
    name="marker-visible",
    summary="a marker outside any comment: it would be published to readers",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
