"""The page chain: which page each chain key points at, as templates see it.

Templates look chain values up by exact URL (`where: "url", page.nextpage`),
so `/a` does not find a page published at `/a/`. Keys that come in pairs
(`nextpage`/`previouspage`) must agree from both ends.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidelint.facts import PageFacts, Ref
from guidelint.siteindex import SiteIndex

# Forward key -> backward key, for the names chains are commonly built with.
PAIRS = {
    "nextpage": "previouspage",
    "next_page": "previous_page",
    "next": "previous",
    "next_url": "previous_url",
}
REVERSE = {**PAIRS, **{back: forward for forward, back in PAIRS.items()}}


@dataclass(frozen=True)
class ChainLink:
    """One chain value of one page, and the page it names (None: no page)."""

    page: PageFacts
    ref: Ref
    target: PageFacts | None


def chain_links(index: SiteIndex) -> list[ChainLink]:
    """Every non-empty chain value in the site, resolved by exact URL (cached per index)."""
    cached = index.cache.get("chain")
    if cached is None:
        cached = [
            ChainLink(page, ref, index.page_at_url(ref.value.strip()))
            for page in index.pages
            if page.published or page.chain
            for ref in page.chain
        ]
        index.cache["chain"] = cached
    return list(cached)


def url_of(page: PageFacts) -> str:
    return page.url or page.path


def keys_in_use(index: SiteIndex) -> frozenset[str]:
    """Chain keys that some page of the site sets (cached per index)."""
    cached = index.cache.get("chain-keys")
    if cached is None:
        cached = frozenset(ref.key for page in index.pages for ref in page.chain)
        index.cache["chain-keys"] = cached
    return frozenset(cached)
