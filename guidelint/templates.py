"""What layouts and includes contribute to pages: URL parameters and ids.

An include such as `button.html` turns a parameter into an `href`; whether
the page must write the baseurl into it depends on the template
(`{{ include.link | relative_url }}` adds it, `{{ include.link }}` does
not), so link checks read that from the template instead of guessing. A
layout's or include's own `id=` attributes are anchors on every page that
uses it.

Built once per run from the parsed template pages (no file is read here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from guidelint.anchors import html_ids
from guidelint.model import Kind, Page

_URL_ATTR = re.compile(
    r"\b(?:href|src|action)\s*=\s*"
    r"(\"(?:\{\{.*?\}\}|\{%.*?%\}|[^\"])*\"|'(?:\{\{.*?\}\}|\{%.*?%\}|[^'])*')",
    re.I | re.S,
)
_INCLUDE_VAR = re.compile(r"\binclude\.([\w-]+)")
_BASEURL_FIRST = re.compile(r"site\.baseurl\s*\}\}\s*\{\{-?\s*include\.")
_ADDS_BASEURL = re.compile(r"\|\s*(?:relative_url|absolute_url)\b")
_INCLUDE_TAG = re.compile(r"\{%-?\s*include\s+([^\s%}]+)")
_INCLUDE_READ = re.compile(
    r"""\binclude\.([\w-]+)|\binclude\[\s*"([^"]+)"\s*\]|\binclude\[\s*'([^']+)'\s*\]"""
)
_INCLUDE_DYNAMIC = re.compile(r"""\binclude\[\s*[^\s"']""")
_DYNAMIC_ID = re.compile(r"\b(?:id|name)\s*=\s*[\"'][^\"']*\{[{%]", re.I)


@dataclass(frozen=True)
class Template:
    name: str
    url_params: dict[str, bool]  # parameter -> the template adds the baseurl
    ids: frozenset[str]  # literal ids it outputs
    dynamic_ids: bool  # it outputs ids built by Liquid, not knowable here
    includes: tuple[str, ...]  # templates it includes
    layout: str | None = None  # a layout's parent layout
    path: str = ""  # the template's file, relative to the site root
    params: frozenset[str] = frozenset()  # `include.NAME` it reads
    param_places: dict[str, tuple[int, int]] = field(default_factory=dict)  # first (line, column)
    dynamic_params: bool = False  # it reads `include[variable]`: any name may be used


def analyse(
    name: str, text: str, layout: str | None = None, path: str = "", first_line: int = 1
) -> Template:
    """Read one template's source."""
    url_params: dict[str, bool] = {}
    for attr in _URL_ATTR.finditer(text):
        value = attr.group(1)[1:-1]
        for var in _INCLUDE_VAR.finditer(value):
            adds = bool(_ADDS_BASEURL.search(value) or _BASEURL_FIRST.search(value))
            url_params[var.group(1)] = url_params.get(var.group(1), False) or adds
    ids = frozenset(value for _, _, value in html_ids(text) if "{" not in value)
    places: dict[str, tuple[int, int]] = {}
    for m in _INCLUDE_READ.finditer(text):
        found = m.group(1) or m.group(2) or m.group(3)
        if found not in places:
            line_start = text.rfind("\n", 0, m.start()) + 1
            places[found] = (
                first_line + text.count("\n", 0, m.start()),
                m.start() - line_start + 1,
            )
    params = frozenset(places)
    return Template(
        name=name,
        url_params=url_params,
        ids=ids,
        dynamic_ids=_DYNAMIC_ID.search(text) is not None,
        includes=tuple(dict.fromkeys(m.group(1) for m in _INCLUDE_TAG.finditer(text))),
        layout=layout,
        path=path,
        params=params,
        param_places=places,
        dynamic_params=_INCLUDE_DYNAMIC.search(text) is not None,
    )


@dataclass
class Templates:
    """Every layout and include of the site, by name."""

    includes: dict[str, Template] = field(default_factory=dict)
    layouts: dict[str, Template] = field(default_factory=dict)

    @classmethod
    def from_pages(cls, pages: Iterable[Page], includes_dir: str, layouts_dir: str) -> Templates:
        out = cls()
        for page in pages:
            if page.kind is Kind.INCLUDE:
                name = page.path[len(includes_dir) + 1 :]
                out.includes[name] = analyse(name, page.text, path=page.path)
            elif page.kind is Kind.LAYOUT:
                name = page.path[len(layouts_dir) + 1 :].rsplit(".", 1)[0]
                parent = page.front_matter.get("layout") if page.front_matter else None
                out.layouts[name] = analyse(
                    name,
                    page.body.text,
                    parent if isinstance(parent, str) else None,
                    page.path,
                    page.body.first_line,
                )
        return out

    @property
    def url_params(self) -> dict[str, dict[str, bool]]:
        return {name: t.url_params for name, t in self.includes.items() if t.url_params}

    def chain(self, layout: str | None, includes: Iterable[str]) -> list[Template]:
        """The layout chain of a page and every include it or its layouts use."""
        found: list[Template] = []
        seen: set[str] = set()
        pending = list(includes)
        name = layout
        while name and name not in seen and name in self.layouts:
            seen.add(name)
            found.append(self.layouts[name])
            pending.extend(self.layouts[name].includes)
            name = self.layouts[name].layout
        done: set[str] = set()
        while pending:
            include = pending.pop()
            if include in done or include not in self.includes:
                continue
            done.add(include)
            found.append(self.includes[include])
            pending.extend(self.includes[include].includes)
        return found

    def paths_of(self, layout: str | None, includes: Iterable[str]) -> tuple[str, ...]:
        """Files of the templates a page is built with (they can change its ids)."""
        return tuple(t.path for t in self.chain(layout, includes) if t.path)

    def ids_of(self, layout: str | None, includes: Iterable[str]) -> tuple[frozenset[str], bool]:
        """Ids a page gets from its layout chain and the includes it uses.

        The second value is False when some of them are built by Liquid.
        """
        templates = self.chain(layout, includes)
        ids = frozenset().union(*(t.ids for t in templates))
        return ids, not any(t.dynamic_ids for t in templates)
