"""Every internal-link candidate a page publishes, found once per page.

A link is kept as written (Liquid and all), with the place of its URL;
turning it into a published URL needs the whole site (`resolve.py`), so it
happens later, in the parent process. Links inside code, HTML comments and
`{% comment %}` are not published, so they are never collected; Markdown
link syntax inside raw HTML blocks stays literal text in kramdown.

Liquid runs before Markdown: `[t]({{ site.baseurl }}/x)` is a link once
Liquid has put the baseurl in, though a CommonMark parser would not see
one. So destinations here may hold `{{ ... }}` and `{% ... %}` whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import NamedTuple

from guidelint.findings import excerpt
from guidelint.locate import Location
from guidelint.markdown import BodyStructure
from guidelint.model import Page


class Link(NamedTuple):
    """One URL a page publishes, as written.

    `form` is `inline`, `image`, `reference` (a definition), `html` (an
    attribute) or `include` (a parameter); `site_path` is set when the
    template adds the baseurl to it (an include parameter passed through
    `relative_url`).
    """

    line: int
    column: int
    target: str
    form: str
    site_path: bool = False
    location: Location | None = None  # where the browser goes, once located


class Malformed(NamedTuple):
    """Markdown a reader sees as a broken link (rule LNK005)."""

    line: int
    column: int
    message: str
    source: str = ""
    source_offset: int = 0


Locate = Callable[[str, bool], Location]  # (target, site_path) -> where the browser goes


_LINK_OPEN = re.compile(r"\]\(")
_SPACED = re.compile(r"\][ \t]+\(((?:\{\{[^}\n]*\}\}|\{%[^%\n]*%\}|[^()\s])*)\)")
_REF_USE = re.compile(r"\][ \t]?\[([^\[\]\n]*)\]")
_TAG = re.compile(
    r"<(?:a|img|link|script|iframe|source|area|audio|video|embed|track|form)\b"
    r"(?:\"[^\"]*\"|'[^']*'|\{\{.*?\}\}|\{%.*?%\}|[^>\"'])*>",
    re.I | re.S,
)
# An attribute value may hold Liquid with quotes of its own: `href="{{ "/x" | relative_url }}"`.
_ATTR = re.compile(
    r"\s(href|src|action)\s*=\s*"
    r"(\"(?:\{\{.*?\}\}|\{%.*?%\}|[^\"])*\"|'(?:\{\{.*?\}\}|\{%.*?%\}|[^'])*'|[^\s>\"']+)",
    re.I | re.S,
)
_URLISH = re.compile(r"(?:/|#|\.|\{\{|\{%|https?:|mailto:)")
# A destination: Liquid tags whole, escapes, one level of balanced parentheses.
_DEST = re.compile(
    r"(?:\{\{[^}]{0,200}\}\}|\{%[^%]{0,200}%\}|\\.|\((?:[^\s()\\]|\\.)*\)|[^\s()\\{]|\{)*"
)
# `[GAP] [UPLIFT]`, `[1] [2]`: bracketed words in prose, not references.
_NOT_A_LABEL = re.compile(r"[A-Z0-9 _-]*|\^.*", re.S)
_MAX_TEXT = 2000
_BLANK_LINE = re.compile(r"\n[ \t]*\n")  # how far back a link's `[` may stand


def _label(text: str) -> str:
    """A reference label as kramdown matches them: case and spacing folded."""
    return " ".join(text.split()).lower()


class _Page:
    """The parts of one page that extraction reads, with lookups built once."""

    def __init__(self, page: Page, locate: Locate | None = None) -> None:
        self.page = page
        self.locate = locate
        self.text = page.body.text
        self.structure: BodyStructure = page.body.structure
        self.markdown = page.body.markdown

    def hidden(self, offset: int) -> bool:
        return self.structure.unpublished(offset)

    def markdown_at(self, offset: int) -> bool:
        """Whether Markdown link syntax at `offset` is parsed as Markdown."""
        return (
            self.markdown and not self.hidden(offset) and not self.structure.in_html_block(offset)
        )

    def line_text(self, line: int) -> str:
        return self.structure.line_text(self.text, line)

    def link(self, offset: int, target: str, form: str, site_path: bool = False) -> Link | None:
        """The link at `offset`; None when `locate` says no rule can use it (external)."""
        location = None
        if self.locate is not None:
            location = self.locate(target, site_path)
            if location.status == "skip":
                return None
        line, column = self.structure.position(offset)
        return Link(line, column, target, form, site_path, location)

    def malformed(self, offset: int, message: str) -> Malformed:
        line, column = self.structure.position(offset)
        text, start = excerpt(self.line_text(line), column)
        return Malformed(line, column, message, text, start)


def scan(
    page: Page, url_params: Mapping[str, Mapping[str, bool]], locate: Locate | None = None
) -> tuple[list[Link], list[Malformed]]:
    """Every link `page` publishes, and the link syntax that renders as text.

    `url_params` maps an include name to its URL-carrying parameters, each
    True when the template adds the baseurl itself. With `locate`, each link
    is located as it is found and the ones it skips (external) are dropped.
    One pass over the page serves both lists.
    """
    view = _Page(page, locate)
    found: list[Link | None] = []
    problems: list[Malformed] = []
    if view.markdown:
        for opening, start, target, problem in _inline_scan(view):
            if problem is not None:
                problems.append(problem)
            elif target is not None:
                image = opening > 0 and view.text[opening - 1] == "!"
                found.append(view.link(start, target, "image" if image else "inline"))
        found.extend(_definitions(view))
        problems.extend(_spaced_links(view))
        problems.extend(_undefined_references(view))
    found.extend(_html_links(view))
    found.extend(_include_links(view, url_params))
    links = [link for link in found if link is not None]
    links.sort(key=lambda link: (link.line, link.column))
    problems.sort(key=lambda p: (p.line, p.column))
    return links, problems


def _inline_scan(view: _Page) -> Iterator[tuple[int, int, str | None, Malformed | None]]:
    """(offset of the `[`, offset of the URL, the URL, a problem) for each `[text](...)`."""
    text = view.text
    for m in _LINK_OPEN.finditer(text):
        close = m.start()
        if close > 0 and text[close - 1] == "\\":
            continue
        if not view.markdown_at(close):
            continue
        opening = _opening_bracket(text, close)
        if opening is None:
            continue
        begin, end, closed = _destination(text, m.end())
        target = text[begin:end]
        if target.startswith("<") and target.endswith(">"):
            target, begin = target[1:-1], begin + 1
        if not closed:
            message = "link is not closed: its `(` has no `)` on the line, so readers see brackets"
            yield opening, begin, None, view.malformed(close, message)
        elif not target.strip():
            yield opening, begin, None, view.malformed(close, "link has an empty target `()`")
        else:
            yield opening, begin, target, None


def _opening_bracket(text: str, close: int) -> int | None:
    """Offset of the `[` that the `]` at `close` closes, within its paragraph."""
    limit = max(0, close - _MAX_TEXT)
    opening = text.rfind("[", limit, close)
    if opening < 0:
        return None
    between = text[opening + 1 : close]
    if "]" not in between and (opening == 0 or text[opening - 1] != "\\"):
        if "\n" in between and _BLANK_LINE.search(between):
            return None  # a blank line ends the paragraph
        return opening
    depth = 0
    pos = close - 1
    while pos >= limit:
        char = text[pos]
        if char == "]" and (pos == 0 or text[pos - 1] != "\\"):
            depth += 1
        elif char == "[" and (pos == 0 or text[pos - 1] != "\\"):
            if depth == 0:
                return pos
            depth -= 1
        elif char == "\n" and text.rfind("\n", limit, pos) >= 0:
            previous = text.rfind("\n", limit, pos)
            if not text[previous + 1 : pos].strip():
                return None  # a blank line ends the paragraph
        pos -= 1
    return None


def _destination(text: str, pos: int) -> tuple[int, int, bool]:
    """(start, end, closed) of the destination after `](`, Liquid kept whole."""
    length = len(text)
    while pos < length and text[pos] in " \t":
        pos += 1
    if pos < length and text[pos] == "\n":  # kramdown lets the URL start on the next line
        pos += 1
        while pos < length and text[pos] in " \t":
            pos += 1
    start = pos
    if pos < length and text[pos] == "<":
        close = text.find(">", pos)
        newline = text.find("\n", pos)
        if close >= 0 and (newline < 0 or close < newline):
            return start, close + 1, _closes(text, close + 1)
    match = _DEST.match(text, pos)
    end = match.end() if match else pos
    if end < length and text[end] == ")":
        return start, end, True
    return start, end, _closes(text, end)


def _closes(text: str, pos: int) -> bool:
    """Whether only an optional title stands between `pos` and a `)` on the line."""
    rest_end = text.find("\n", pos)
    rest = text[pos : len(text) if rest_end < 0 else rest_end]
    stripped = rest.lstrip(" \t")
    if stripped.startswith(")"):
        return True
    if stripped[:1] in ('"', "'"):
        quote = stripped[0]
        close = stripped.find(quote, 1)
        return close > 0 and stripped[close + 1 :].lstrip(" \t").startswith(")")
    return False


def _definitions(view: _Page) -> Iterator[Link | None]:
    for definition in view.structure.ref_defs:
        if definition.label.startswith("^") or view.hidden(definition.start):
            continue  # a footnote, or not published
        target = definition.url
        start = definition.start
        if target.startswith("<") and target.endswith(">"):
            target, start = target[1:-1], start + 1
        yield view.link(start, target, "reference")


def _html_links(view: _Page) -> Iterator[Link | None]:
    text = view.text
    if "<" not in text:
        return
    for tag in _TAG.finditer(text):
        if view.hidden(tag.start()):
            continue
        for attr in _ATTR.finditer(tag.group()):
            value = attr.group(2)
            start = tag.start() + attr.start(2)
            if value[:1] in ('"', "'"):
                value, start = value[1:-1], start + 1
            yield view.link(start, value, "html")


def _include_links(
    view: _Page, url_params: Mapping[str, Mapping[str, bool]]
) -> Iterator[Link | None]:
    if not url_params:
        return
    for call in view.page.body.includes:  # read once by the Liquid tokenizer
        params = url_params.get(call.file)
        if not params or call.relative or view.hidden(call.token.start):
            continue
        for param in call.params:
            if param.name in params and param.quoted:  # a bare value is a variable: unknowable
                yield view.link(param.value_offset, param.value, "include", params[param.name])


def _spaced_links(view: _Page) -> Iterator[Malformed]:
    text = view.text
    for m in _SPACED.finditer(text):
        if not view.markdown_at(m.start()) or _opening_bracket(text, m.start()) is None:
            continue
        if _URLISH.match(m.group(1)):
            yield view.malformed(
                m.start(),
                "space between `]` and `(`: readers see the brackets and the URL, not a link",
            )


def _undefined_references(view: _Page) -> Iterator[Malformed]:
    text = view.text
    if "[" not in text:
        return
    defined = {_label(d.label) for d in view.structure.ref_defs}
    for m in _REF_USE.finditer(text):
        if not view.markdown_at(m.start()):
            continue
        opening = _opening_bracket(text, m.start())
        if opening is None:
            continue
        text_part = text[opening + 1 : m.start()]
        label = m.group(1) or text_part
        spaced = m.group().startswith(("] ", "]\t"))
        if spaced and (_NOT_A_LABEL.fullmatch(text_part) or _NOT_A_LABEL.fullmatch(label)):
            continue
        if _label(label) not in defined:
            yield view.malformed(
                m.start(),
                f"reference [{' '.join(label.split())}] is not defined: "
                "readers see the brackets, not a link",
            )
