"""A page nothing leads to.

## What it checks
Published HTML pages that no other page reaches: not through a chain key,
a navigation entry in `_data`, a URL field, or a link. The home page and
`404.html` are never orphans.

## Why it matters
Readers cannot find an orphan page by browsing, only by search or an old
bookmark. It is often a page that a reorganisation left behind, still
published with outdated advice.

## Example
`guide/old-checklist.md` is published at `/guide/old-checklist`, but no
page, menu or chain mentions it.

## How to fix
Link to the page from where readers need it (or add it to the chain or
the navigation), or delete it if it is no longer wanted.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.chains import chain_links
from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import Kind
from guidelint.resolve import nav_targets, resolved_links
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex

_NEVER_ORPHANS = ("index.html", "404.html")


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    reached: set[str] = set()
    for link in chain_links(index):
        if link.target is not None and link.target.path != link.page.path:
            reached.add(link.target.path)
    for _, target in nav_targets(index):
        if target.output is not None:
            page = index.page_for_output(target.output)
            if page is not None:
                reached.add(page.path)
    for source, _, target in resolved_links(index):
        if target.output is None:
            continue
        page = index.page_for_output(target.output)
        if page is not None and page.path != source.path:
            reached.add(page.path)
    for page in index.pages:
        if (
            page.kind is not Kind.PAGE
            or page.output_path is None
            or not page.output_path.endswith(".html")
            or page.output_path.lstrip("/") in _NEVER_ORPHANS
            or page.path in reached
            or len(index.by_output.get(page.output_path.lstrip("/"), ())) > 1
        ):  # a page that loses its URL to another is NAV004's business
            continue
        yield RULE.finding_at(
            page.path,
            page.permalink_line,
            1,
            f"no link, chain key or navigation entry leads to {page.url}",
            unreached=page.url or "",
        )


RULE = Rule(
    code="NAV006",
    name="page-orphan",
    summary="a page that no chain, navigation entry or link reaches",
    severity=Severity.INFO,
    docs=__doc__ or "",
    site_check=check,
)
