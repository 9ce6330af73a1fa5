"""The ids a page publishes, as kramdown and the browser see them.

Heading ids come from `anchors.py` (kramdown's algorithm and duplicate
counter) fed with the headings the block scanner found, after Liquid has
been evaluated as Jekyll would; block IAL ids and raw HTML `id`/`name`
attributes outside code and comments count too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guidelint.anchors import HeadingIds, expand_liquid, html_ids, ial_id, split_explicit_id
from guidelint.findings import excerpt
from guidelint.model import Page

if TYPE_CHECKING:
    from guidelint.context import Context


# `*text*{: #id}`, `` `code`{: #id} ``: an IAL straight after a span element.
_SPAN_IAL = re.compile(r"(?<=[*_`\])])\{:(?![:/])[^}\n]*\}")


@dataclass(frozen=True)
class Anchor:
    """An id the page sets itself: `{#id}`, `{: #id}` or an HTML attribute."""

    id: str
    line: int
    column: int
    source: str
    source_offset: int = 0


@dataclass(frozen=True)
class PageIds:
    """`published`: (line, id) in document order; `complete`: False when some
    ids come from Liquid that cannot be evaluated; `explicit`: ids the page
    sets by hand (the ones that must be unique)."""

    published: tuple[tuple[int, str], ...]
    complete: bool
    explicit: tuple[Anchor, ...]


def page_ids(page: Page, ctx: Context) -> PageIds:
    structure = page.body.structure
    published: list[tuple[int, str]] = []
    explicit: list[Anchor] = []
    complete = True

    def lookup(name: str) -> Any:
        scope, _, key = name.partition(".")
        source = ctx.site.variables if scope == "site" else page.data if scope == "page" else {}
        value: Any = source
        for part in key.split("."):
            if not isinstance(value, dict) or part not in value:
                return None
            value = value[part]
        return value

    def add_explicit(value: str, line: int, column: int = 1) -> None:
        text, start = excerpt(structure.line_text(page.body.text, line), column)
        explicit.append(Anchor(value, line, column, text, start))

    if page.body.markdown and ctx.site.converter.lower() != "kramdown":
        complete = False  # another converter's heading ids are not modelled: not judged
    elif page.body.markdown:
        options = ctx.id_options
        refs = [d.label for d in structure.ref_defs]
        generator = HeadingIds(options, refs=refs)
        in_html = HeadingIds(options, refs=refs)  # `markdown="1"` blocks count apart
        for heading in structure.headings:
            content: str | None = heading.content
            if "{{" in heading.content or "{%" in heading.content:
                content = expand_liquid(heading.content, lookup)
            if content is None:
                complete = False  # its id, and every later duplicate count, is unknown
                continue
            text, given = split_explicit_id(content, atx=heading.atx, gfm=options.gfm)
            # GFM leaves `markdown="1"` blocks to kramdown's converter, which counts apart
            apart = heading.in_html and options.gfm
            counter = in_html if apart else generator
            assigned = counter.assign(text, given, ial=heading.ial_id, inside_html=apart)
            if assigned:
                published.append((heading.line, assigned))
            if given and not heading.ial_id:
                add_explicit(given, heading.line)
        for line, value in structure.ial_ids:
            published.append((line, value))
            add_explicit(value, line)
        if "{:" in page.body.text:
            for span in _SPAN_IAL.finditer(page.body.text):
                region = structure.region_at(span.start())
                span_id = ial_id(span.group())
                if span_id and region is None and not structure.in_html_block(span.start()):
                    line, column = structure.position(span.start())
                    published.append((line, span_id))
                    add_explicit(span_id, line, column)
    text = page.body.text
    if "<" in text:
        for offset, _, value in html_ids(text):
            if structure.unpublished(offset):
                continue
            line, column = structure.position(offset)
            if "{{" in value or "{%" in value:
                complete = False
                continue
            published.append((line, value))
            add_explicit(value, line, column)
    published.sort(key=lambda item: item[0])
    explicit.sort(key=lambda a: (a.line, a.column))
    return PageIds(tuple(published), complete, tuple(explicit))
