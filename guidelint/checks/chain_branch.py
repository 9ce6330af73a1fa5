"""The chain branches or loops.

## What it checks
A chain is a line: no two pages may name the same page as their `nextpage`
(or as their `previouspage`), and following `nextpage` from any page must
never come back to it. A branch is reported at the second page that claims
the target (in path order), naming the first; a loop is reported once, at
the first page of the loop in path order, listing the loop. Where the
site uses the reverse key too (`previouspage` for `nextpage`), every
claimant but one is already reported as chain-asymmetric (NAV002), so a
branch is reported here only in sites that chain one way.

## Why it matters
With a branch, one of the two pages can never be reached by "Previous"
from their shared neighbour; with a loop, "Next" never ends and part of the
guide is unreachable by "Next" from its start.

## Example
```yaml
# guide/02-plan.md and guide/02-plan-old.md both have
nextpage: /guide/migrate
```

## How to fix
Decide the order: point one of the pages elsewhere (or empty its key at a
chain's end), and remove pages left over from a reorganisation.

## How to configure
Applies to `nextpage`/`previouspage` pairs among `chain.keys`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from guidelint.chains import PAIRS, REVERSE, ChainLink, chain_links, keys_in_use, url_of
from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    keys = set(ctx.config.chain_keys)
    in_use = keys_in_use(index)
    claims: dict[tuple[str, str], list[ChainLink]] = defaultdict(list)
    forward: dict[str, ChainLink] = {}
    for link in chain_links(index):
        if link.target is None or link.ref.key not in REVERSE or link.ref.key not in keys:
            continue
        claims[(link.ref.key, link.target.path)].append(link)
        if link.ref.key in PAIRS:
            forward.setdefault(link.page.path, link)
    for (key, _), links in sorted(claims.items()):
        first = links[0]
        if REVERSE[key] in keys and REVERSE[key] in in_use:
            continue  # every claimant but one is asymmetric: NAV002 says it
        for other in links[1:]:
            yield RULE.finding_at(
                other.page.path,
                other.ref.line,
                other.ref.column,
                f"{key} {url_of(other.target) if other.target else ''} is also the {key} of "
                f"{first.page.path}: the chain branches",
                other.ref.source,
                related=(first.page.path,),
            )
    yield from _loops(forward)


def _loops(forward: dict[str, ChainLink]) -> Iterator[Finding]:
    done: set[str] = set()
    for start in sorted(forward):
        if start in done:
            continue
        trail: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in forward and current not in done:
            if current in position:
                loop = trail[position[current] :]
                head = min(loop)
                link = forward[head]
                order = loop[loop.index(head) :] + loop[: loop.index(head)]
                yield RULE.finding_at(
                    head,
                    link.ref.line,
                    link.ref.column,
                    f"the {link.ref.key} chain loops: {' -> '.join(order)} -> {head}",
                    link.ref.source,
                    related=tuple(p for p in order if p != head),
                )
                break
            position[current] = len(trail)
            trail.append(current)
            target = forward[current].target
            current = target.path if target is not None else None
        done.update(trail)


RULE = Rule(
    code="NAV003",
    name="chain-branch",
    summary="two pages claim the same next/previous page, or a chain loops",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    site_check=check,
)
