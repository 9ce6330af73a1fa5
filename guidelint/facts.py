"""A compact summary of one page: what cross-page rules need to know of it.

Built in the worker that parsed the page, so the parent never holds page
texts: URLs, chain values, links and anchors with their places. Plain,
picklable values, ready for a cache keyed by content hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guidelint.links import Link, Malformed, scan
from guidelint.locate import Location
from guidelint.model import RENDERED_KINDS, Kind, Page
from guidelint.pageids import Anchor, page_ids

if TYPE_CHECKING:
    from guidelint.context import Context

_PAGES = (Kind.PAGE, Kind.DOCUMENT)
# Templates publish their links on every page that uses them.
_LINKABLE = RENDERED_KINDS
_INCLUDE_NAME = re.compile(r"\{%-?\s*include\s+([^\s%}]+)")


@dataclass(frozen=True)
class Ref:
    """A front-matter value that names a page by URL (a chain key, a URL field)."""

    key: str
    value: str
    line: int
    column: int
    source: str


@dataclass(frozen=True)
class PageFacts:
    path: str
    kind: Kind
    url: str | None
    output_path: str | None
    permalink_line: int
    chain: tuple[Ref, ...]
    url_fields: tuple[Ref, ...]
    links: tuple[Link, ...]
    malformed: tuple[Malformed, ...]
    ids: frozenset[str]  # every id the page is known to publish
    ids_complete: bool  # False when some ids come from Liquid we cannot evaluate
    explicit_ids: tuple[Anchor, ...]
    layout: str | None
    includes: tuple[str, ...]
    include_calls: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (file, parameter names)

    @property
    def published(self) -> bool:
        return self.output_path is not None

    # Pickled the same way in every process (a set's order is not), so equal
    # facts have equal bytes: the cache compares pages' facts by digest.
    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["ids"] = tuple(sorted(self.ids))
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        ids: tuple[str, ...] = state["ids"]  # type: ignore[assignment]
        state["ids"] = frozenset(ids)
        self.__dict__.update(state)


def _refs(page: Page, keys: tuple[str, ...]) -> tuple[Ref, ...]:
    out: list[Ref] = []
    for key in keys:
        value = page.data.get(key)
        if not isinstance(value, str) or not value.strip():
            continue  # empty or null: the end of a chain, not a link
        position = page.values.get((key,)) or page.key_position((key,))
        out.append(Ref(key, value, position.line, position.column, page.line_text(position.line)))
    return tuple(out)


def build(page: Page, ctx: Context) -> PageFacts:
    """The facts of `page`; never raises for anything the page holds."""
    linkable = page.kind in _LINKABLE and not page.binary
    found_links: tuple[Link, ...] = ()
    problems: tuple[Malformed, ...] = ()
    ids: frozenset[str] = frozenset()
    complete = True
    explicit: tuple[Anchor, ...] = ()
    includes: tuple[str, ...] = ()
    if linkable:
        published = page.output_path is not None
        locator = ctx.locator

        def locate(target: str, site_path: bool) -> Location:
            return locator.locate(target, page.url, published, site_path)

        located, found_problems = scan(page, ctx.templates.url_params, locate)
        found_ids = page_ids(page, ctx)
        ids = frozenset(value for _, value in found_ids.published)
        complete, explicit = found_ids.complete, found_ids.explicit
        # External and unknowable links, and working links to this page's own
        # ids, interest no cross-page rule: they stay here.
        found_links = tuple(link for link in located if not _works_here(link, ids))
        problems = tuple(found_problems)
        structure = page.body.structure
        includes = tuple(
            dict.fromkeys(
                m.group(1)
                for m in _INCLUDE_NAME.finditer(page.body.text)
                if not structure.unpublished(m.start())
            )
        )
    layout = page.data.get("layout")
    permalink = page.keys.get(("permalink",))
    return PageFacts(
        path=page.path,
        kind=page.kind,
        url=page.url,
        output_path=page.output_path,
        permalink_line=permalink.line if permalink else 1,
        chain=_refs(page, ctx.config.chain_keys) if page.kind in _PAGES else (),
        url_fields=_refs(page, ctx.config.url_fields) if page.kind in _PAGES else (),
        links=found_links,
        malformed=problems,
        ids=ids,
        ids_complete=complete,
        explicit_ids=explicit,
        layout=layout if isinstance(layout, str) else None,
        includes=includes,
        include_calls=tuple(
            (call.file, tuple(param.name for param in call.params))
            for call in page.body.includes
            if not call.relative and not call.variable_file
        )
        if linkable
        else (),
    )


def _works_here(link: Link, ids: frozenset[str]) -> bool:
    """A link to a fragment of its own page that exists (or to the page itself)."""
    location = link.location
    if location is None or location.status != "here":
        return False
    return not location.fragment or location.fragment in ids
