"""Two pages disagree about their order.

## What it checks
For paired chain keys: when page A's `nextpage` is page B, B's
`previouspage` must be A; when A's `previouspage` is B, B's `nextpage`
must be A. Each side that points at a page which does not point back is
reported at its own key, naming both pages. A site that never uses the
reverse key (a chain of `nextpage` only) is not held to it.

## Why it matters
Readers going forward and backward through the guide take different
routes: "Next" from A leads to B, but "Previous" from B skips A or leads
somewhere else. It usually means a page was inserted, moved or renamed and
only one neighbour was updated.

## Example
```yaml
# guide/02-plan.md
permalink: /guide/plan
nextpage: /guide/migrate
# guide/03-migrate.md
permalink: /guide/migrate
previouspage: /guide/prepare   # should be /guide/plan
```

## How to fix
Make the pair agree: point the neighbour's reverse key at this page, or
correct this page's key.

## How to configure
The pairs are `nextpage`/`previouspage` (also `next_page`/`previous_page`,
`next`/`previous`) among `chain.keys`.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.chains import REVERSE, chain_links, keys_in_use, url_of
from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    keys = set(ctx.config.chain_keys) & keys_in_use(index)
    for link in chain_links(index):
        reverse = REVERSE.get(link.ref.key)
        if link.target is None or reverse is None or reverse not in keys:
            continue
        back = next((r for r in link.target.chain if r.key == reverse), None)
        if back is not None and back.value.strip() == link.page.url:
            continue
        says = f"has {reverse} {back.value.strip()}" if back else f"has no {reverse}"
        yield RULE.finding_at(
            link.page.path,
            link.ref.line,
            link.ref.column,
            f"{link.ref.key} is {url_of(link.target)} ({link.target.path}), which {says}, "
            f"not {url_of(link.page)}",
            link.ref.source,
            related=(link.target.path,),
        )


RULE = Rule(
    code="NAV002",
    name="chain-asymmetric",
    summary="A's nextpage is B but B's previouspage is not A (and the reverse)",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    site_check=check,
)
