"""Markdown body structure as kramdown (Jekyll's converter) sees it.

Jekyll publishes Markdown through kramdown with GFM input, and kramdown's
block rules differ from CommonMark's in ways that decide what is code and
what is a heading: a paragraph runs on until a blank line or a new block
start, lines right after an indented code block join it lazily, a fence
needs a closing fence and a one-word info string, a raw HTML block runs to
its matching end tag. So this module scans blocks line by line with
kramdown's own rules (checked against kramdown's parse tree in the tests)
rather than a CommonMark parser; it also costs a tenth of one, which
matters on every commit.

What rules need from it: where code blocks, code spans and comments are
(never prose), where raw HTML blocks are (no Markdown inside), the headings
with their source text, block IAL ids, and link reference definitions.
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from dataclasses import dataclass, field
from typing import NamedTuple

from guidelint.anchors import ial_id


def line_of(text: str, line: int) -> str:
    """The text of 1-based `line` of `text`, without its line ending."""
    if line < 1:
        return ""
    pos = 0
    for _ in range(line - 1):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return ""
    end = text.find("\n", pos)
    return text[pos:].rstrip("\r") if end < 0 else text[pos:end].rstrip("\r")


class Block(NamedTuple):
    """A block-level element; lines are 1-based file lines, inclusive.

    `type` is `paragraph`, `heading`, `code`, `html`, `linkdef` or `ial`;
    `info` is a fenced code block's info string or a heading's level.
    """

    type: str
    start_line: int
    end_line: int
    info: str = ""


class Heading(NamedTuple):
    """A Markdown heading: `content` is its source text, explicit `{#id}` included."""

    line: int
    level: int
    content: str
    ial_id: str | None = None  # a `{: #id}` line right after it
    atx: bool = True  # `## Title` (content keeps any closing #s), else setext
    in_html: bool = False  # inside an HTML block with `markdown="1"`


class Region(NamedTuple):
    """A stretch of the body that readers never see as prose.

    `start`/`end` are offsets in the body text; `kind` is `code-block`,
    `code-span`, `comment`, `conditional` (`<!--[if IE]>` comments) or
    `liquid-comment` (`{% comment %}`).
    """

    kind: str
    start: int
    end: int


# Region kinds whose text readers never get as prose or links.
UNPUBLISHED = frozenset({"code-block", "code-span", "comment", "conditional", "liquid-comment"})


class RefDef(NamedTuple):
    """A link reference definition `[label]: url`; `start` is the URL's offset."""

    label: str
    url: str
    start: int


@dataclass(frozen=True)
class BodyStructure:
    first_line: int
    line_starts: tuple[int, ...]
    blocks: tuple[Block, ...]
    regions: tuple[Region, ...]  # sorted by start, never overlapping
    headings: tuple[Heading, ...] = ()
    ial_ids: tuple[tuple[int, str], ...] = ()  # (line, id) of IALs not on a heading
    ref_defs: tuple[RefDef, ...] = ()
    html_spans: tuple[tuple[int, int], ...] = ()  # raw HTML blocks, body offsets
    _region_starts: list[int] = field(default_factory=list, compare=False, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """File (line, column), both 1-based, of a body offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return self.first_line + index, offset - self.line_starts[index] + 1

    def line_text(self, text: str, line: int) -> str:
        """File line `line` of the body `text` this structure describes, without its ending."""
        starts = self.line_starts
        index = line - self.first_line
        if not 0 <= index < len(starts):
            return ""
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        return text[starts[index] : end].rstrip("\r\n")

    def region_at(self, offset: int) -> Region | None:
        """The code or comment region holding `offset`, if any."""
        if not self._region_starts and self.regions:
            self._region_starts.extend(r.start for r in self.regions)
        index = bisect.bisect_right(self._region_starts, offset) - 1
        if index >= 0 and self.regions[index].start <= offset < self.regions[index].end:
            return self.regions[index]
        return None

    def unpublished(self, offset: int) -> bool:
        """Whether `offset` is in code, an HTML comment or `{% comment %}`: never a link."""
        region = self.region_at(offset)
        return region is not None and region.kind in UNPUBLISHED

    def in_html_block(self, offset: int) -> bool:
        """Whether `offset` is inside a raw HTML block (where Markdown is not parsed)."""
        spans = self.html_spans
        if not spans:
            return False
        index = bisect.bisect_right(spans, (offset, sys.maxsize)) - 1  # spans never overlap
        return index >= 0 and spans[index][0] <= offset < spans[index][1]


# -- kramdown's block starts (GFM parser, Jekyll's options) ------------------------

_BLANK = re.compile(r"[ \t\r\f\v]*$")
_INDENT = re.compile(r"(?:\t| {4})")
_FENCE = re.compile(r" {0,3}(([~`])\2{2,})[ \t]*(\S+)?[ \t]*$")
_BLOCKQUOTE = re.compile(r" {0,3}> ?")
_ATX = re.compile(r"(#{1,6})[\t ]+(.*)$")
# Plain kramdown (`input: kramdown`): `#Title` is a heading, only `~~~` fences
# at the margin, and a paragraph runs on over lists, headings and quotes.
_GFM_CLOSING = re.compile(r"[\t ]#+$")
_KD_CLOSING = re.compile(r"(?<!\\)#+$")
_KD_ATX = re.compile(r"(#{1,6})[\t ]*([^ \t].*)$")
_KD_FENCE = re.compile(r"((~)~{2,})[ \t]*(\S+)?[ \t]*$")
_HR = re.compile(r" {0,3}([*_-])[ \t]*\1[ \t]*\1(?:\1|[ \t])*$")
_SETEXT_UNDERLINE = re.compile(r"([-=])[-=]*[ \t\r\f\v]*$")
_SETEXT_TEXT = re.compile(r" {0,3}[^ \t]")
_LIST_ITEM = re.compile(r"( {0,3})([+*-]|\d+\.)([\t| ].*)?$")
_DEFINITION = re.compile(r" {0,3}:[\t| ]")
_IAL = re.compile(r" {0,3}\{:(?![:/])(.+)\}[ \t]*$")
_ALD = re.compile(r" {0,3}\{:([\w-]+):(.*)\}[ \t]*$")
_IAL_NAME = re.compile(r"(?:^|\s)([A-Za-z][\w-]*)(?=\s|$)")
_EOB = re.compile(r"\^[ \t]*$")
_LINK_DEF = re.compile(r" {0,3}\[([^\n\]]+)\]:[ \t]*(<[^>\n]*>|(?:\{\{.*?\}\}|\{%.*?%\}|\S)+)")
_TAG_NAME = r"[A-Za-z_:][\w:.-]*"
_HTML_START = re.compile(rf" {{0,3}}<({_TAG_NAME})(?=[\s/>]|$)")
_HTML_CLOSE = re.compile(rf" {{0,3}}</({_TAG_NAME})\s*>")
_MARKDOWN_ATTR = re.compile(r"""\smarkdown\s*=\s*["']?(?:1|block|span)\b""")
_HEADER_ID = re.compile(r"[\t ]\{#([A-Za-z_:][\w:.\-]*)\}$")

# kramdown's HTML_SPAN_ELEMENTS: these start a paragraph, not an HTML block.
_SPAN_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "acronym",
        "b",
        "big",
        "bdo",
        "br",
        "button",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "i",
        "img",
        "input",
        "ins",
        "kbd",
        "label",
        "mark",
        "option",
        "q",
        "rb",
        "rbc",
        "rp",
        "rt",
        "rtc",
        "ruby",
        "samp",
        "select",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
    ]
)
_VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


@dataclass(slots=True)
class _Line:
    number: int  # index of the body line
    start: int  # body offset where `text` starts (after any container prefix)
    text: str  # the line without its container prefix and line ending


@dataclass
class _Out:
    first_line: int
    blocks: list[Block] = field(default_factory=list)
    code: list[tuple[int, int]] = field(default_factory=list)  # body line ranges
    headings: list[Heading] = field(default_factory=list)
    ial_ids: list[tuple[int, str]] = field(default_factory=list)
    ref_defs: list[RefDef] = field(default_factory=list)
    html: list[tuple[int, int]] = field(default_factory=list)  # body line ranges
    pending_ial: str | None = None  # an IAL id waiting for the next block
    gfm: bool = True  # kramdown's GFM parser (Jekyll's default) or plain kramdown
    alds: dict[str, str] = field(default_factory=dict)  # attribute list definitions: name -> id
    html_depth: int = 0  # how many `markdown="1"` HTML blocks enclose the lines

    def add(self, kind: str, first: int, last: int, info: str = "") -> None:
        if kind != "ial":
            if self.pending_ial and kind != "heading":
                self.ial_ids.append((self.first_line + first, self.pending_ial))
            self.pending_ial = None
        self.blocks.append(Block(kind, self.first_line + first, self.first_line + last, info))


_BLANK_CHARS = " \t\r\f\v"
# Every block start other than a paragraph begins (after up to three spaces)
# with one of these; a line starting otherwise is paragraph text.
_BLOCK_LEADS = frozenset("{^<*+-0123456789#:>`~=_|[\t")


def _is_blank(text: str) -> bool:
    return not text.strip(_BLANK_CHARS)


def _plain(text: str) -> bool:
    """Whether `text` can only be paragraph text (no block may start with it)."""
    first = text[:1]
    if first and first != " ":
        return first not in _BLOCK_LEADS
    lead = text.lstrip(" ")[:1]
    return bool(lead) and lead not in _BLOCK_LEADS and len(text) - len(text.lstrip(" ")) < 4


def _html_start_name(text: str) -> str | None:
    """The tag name when `text` starts a kramdown HTML block (not a span element)."""
    m = _HTML_START.match(text)
    if m is None or m.group(1).lower() in _SPAN_ELEMENTS:
        return None
    return m.group(1).lower()


def _paragraph_ends(text: str, gfm: bool = True) -> bool:
    """kramdown's PARAGRAPH_END (GFM's by default): does this line end the paragraph above?"""
    if _plain(text):
        return False
    if _is_blank(text) or _IAL.match(text) or _EOB.match(text):
        return True
    if not gfm:
        return bool(_DEFINITION.match(text) or _html_boundary(text))
    if _html_boundary(text):
        return True
    return bool(
        _LIST_ITEM.match(text)
        or _ATX.match(text)
        or _DEFINITION.match(text)
        or _BLOCKQUOTE.match(text)
        or _FENCE.match(text)
        or text.lstrip(" ").startswith(("```", "~~~"))
    )


def _html_boundary(text: str) -> bool:
    """A line starting (after up to three spaces) with a block HTML tag or end tag."""
    stripped = text.lstrip(" ")
    if len(text) - len(stripped) > 3 or not stripped.startswith("<"):
        return False
    close = _HTML_CLOSE.match(text)
    if close and close.group(1).lower() not in _SPAN_ELEMENTS:
        return True
    return _html_start_name(text) is not None


def _parse(lines: list[_Line], out: _Out) -> None:
    """kramdown's block loop over one container's lines."""
    index = 0
    count = len(lines)
    gfm = out.gfm
    last = ""  # kind of the previous block: '', 'blank', 'p', 'ial' or another
    while index < count:
        line = lines[index]
        text = line.text
        first = text[:1]
        plain = first not in _BLOCK_LEADS if first and first != " " else _plain(text)
        if last == "p" and (plain or not _paragraph_ends(text, gfm)):
            index += 1  # the paragraph goes on: the commonest line of all
            continue
        if plain and (index + 1 >= count or lines[index + 1].text[:1] not in "=-"):
            out.add("paragraph", line.number, line.number)
            index, last = index + 1, "p"
            continue
        if not text.strip(_BLANK_CHARS):
            last = "blank"
            index += 1
            continue
        # Each block start begins with its own character: test only the ones it can be.
        stripped = text.lstrip(" ")
        lead = stripped[:1]
        margin = len(text) - len(stripped) <= 3
        if first == "\t" or not margin:
            end = _code_block_end(lines, index)
            out.code.append((line.number, lines[end - 1].number))
            out.add("code", line.number, lines[end - 1].number)
            index, last = end, "code"
            continue
        fence = (_FENCE if gfm else _KD_FENCE).match(text) if lead in "`~" else None
        if fence:
            close = _fence_close(lines, index, fence.group(1))
            if close is not None:
                out.code.append((line.number, lines[close].number))
                out.add("code", line.number, lines[close].number, fence.group(3) or "")
                index, last = close + 1, "code"
                continue
        if lead == ">" and margin:
            end = _container_end(lines, index, _BLOCKQUOTE, gfm)
            inner = []
            for item in lines[index:end]:
                m = _BLOCKQUOTE.match(item.text)
                cut = m.end() if m else 0
                inner.append(_Line(item.number, item.start + cut, item.text[cut:]))
            _parse(inner, out)
            index, last = end, "quote"
            continue
        atx = None if first != "#" else _ATX.match(text) if gfm else _kramdown_atx(text, last)
        if atx and _add_atx(out, line, atx, lines[index + 1] if index + 1 < count else None):
            index, last = index + 1 + _heading_ial(lines, index + 1), "heading"
            continue
        if lead in "*-_" and _HR.match(text):
            out.add("hr", line.number, line.number)
            index, last = index + 1, "hr"
            continue
        if (
            last in ("", "blank", "ial", "eob")
            and index + 1 < count
            and lines[index + 1].text[:1] in "=-"
            and _SETEXT_TEXT.match(text)
            and _SETEXT_UNDERLINE.match(lines[index + 1].text)
        ):
            level = 1 if lines[index + 1].text.startswith("=") else 2
            content = text.strip()
            if _strip_id(content)[0]:
                ial = _ial_after(out, lines, index + 2) or _take_pending(out)
                out.headings.append(
                    Heading(
                        out.first_line + line.number,
                        level,
                        content,
                        ial,
                        atx=False,
                        in_html=out.html_depth > 0,
                    )
                )
                out.add("heading", line.number, lines[index + 1].number, str(level))
                index, last = index + 2 + _heading_ial(lines, index + 2), "heading"
                continue
        if (lead in "*+-" or lead.isdigit()) and _LIST_ITEM.match(text):
            index = _parse_list(lines, index, out)
            last = "list"
            continue
        if lead == "<" and margin:
            html_end = _html_block_end(lines, index)
            if html_end is not None:
                last_line = lines[html_end - 1].number
                out.add("html", line.number, last_line)
                if _MARKDOWN_ATTR.search(text) and html_end - index > 2:
                    # `markdown="1"`: kramdown parses what is inside as Markdown
                    out.html.append((line.number, line.number))
                    out.html_depth += 1
                    _parse(lines[index + 1 : html_end - 1], out)
                    out.html_depth -= 1
                    out.html.append((last_line, last_line))
                else:
                    out.html.append((line.number, last_line))
                index, last = html_end, "html"
                continue
        link_def = _LINK_DEF.match(text) if lead == "[" else None
        if link_def:
            out.ref_defs.append(
                RefDef(link_def.group(1), link_def.group(2), line.start + link_def.start(2))
            )
            out.add("linkdef", line.number, line.number)
            index += 1
            continue
        if lead == "{" and _IAL.match(text):
            ald = _ALD.match(text)
            if ald:  # `{:name: #id}` defines attributes for IALs to refer to
                out.alds[ald.group(1)] = ial_id("{: " + ald.group(2) + "}") or ""
                index += 1
                continue
            found = _ial_value(out, text)
            if last in ("", "blank", "ial"):
                out.pending_ial = found  # no block just above: it applies to the next one
            elif found and out.blocks:
                out.ial_ids.append((out.blocks[-1].start_line, found))
            out.add("ial", line.number, line.number)
            index, last = index + 1, "ial"
            continue
        if first == "^" and _EOB.match(text):
            index, last = index + 1, "eob"
            continue
        out.add("paragraph", line.number, line.number)
        index, last = index + 1, "p"


def _strip_id(content: str) -> tuple[str, str | None]:
    found = _HEADER_ID.search(content)
    if found is None:
        return content, None
    return content[: found.start()].rstrip(), found.group(1)


def _kramdown_atx(text: str, last: str) -> re.Match[str] | None:
    """Plain kramdown's ATX start: no space needed, but a block boundary before it."""
    return _KD_ATX.match(text) if last in ("", "blank", "ial", "eob") else None


def _add_atx(out: _Out, line: _Line, atx: re.Match[str], following: _Line | None) -> bool:
    content = atx.group(2).rstrip()
    text, _ = _strip_id(content)
    text = (_GFM_CLOSING if out.gfm else _KD_CLOSING).sub("", text).rstrip()
    if not text:
        return False
    ial = _ial_after_line(out, following) or _take_pending(out)
    out.headings.append(
        Heading(
            out.first_line + line.number,
            len(atx.group(1)),
            content,
            ial,
            in_html=out.html_depth > 0,
        )
    )
    out.add("heading", line.number, line.number, str(len(atx.group(1))))
    return True


def _ial_value(out: _Out, text: str) -> str | None:
    """The id an IAL line sets, itself or through the ALDs it names."""
    found = ial_id(text)
    if found:
        return found
    body = _IAL.match(text)
    for name in _IAL_NAME.findall(body.group(1) if body else ""):
        if out.alds.get(name):
            return out.alds[name]
    return None


def _ial_after_line(out: _Out, line: _Line | None) -> str | None:
    if line is None or _IAL.match(line.text) is None:
        return None
    return _ial_value(out, line.text) or ""


def _ial_after(out: _Out, lines: list[_Line], index: int) -> str | None:
    return _ial_after_line(out, lines[index] if index < len(lines) else None)


def _take_pending(out: _Out) -> str | None:
    pending, out.pending_ial = out.pending_ial, None
    return pending


def _heading_ial(lines: list[_Line], index: int) -> int:
    """1 when the line after a heading is an IAL applying to it (it is consumed)."""
    return 1 if index < len(lines) and _IAL.match(lines[index].text) else 0


def _code_block_end(lines: list[_Line], index: int) -> int:
    """End (exclusive) of kramdown's indented code block starting at `index`.

    Indented lines, blank lines followed by more indented lines, and plain
    lines straight after an indented one (kramdown's lazy code lines).
    """
    end = index
    count = len(lines)
    while end < count:
        text = lines[end].text
        if _INDENT.match(text) and not _is_blank(text):
            end += 1
            while end < count:  # lazy lines
                lazy = lines[end].text
                if _is_blank(lazy) or _INDENT.match(lazy):
                    break
                if _IAL.match(lazy) or _EOB.match(lazy) or _html_start_name(lazy) is not None:
                    return end
                if _HTML_CLOSE.match(lazy):
                    return end
                end += 1
            continue
        if _is_blank(text):
            probe = end
            while probe < count and _is_blank(lines[probe].text):
                probe += 1
            if probe < count and _INDENT.match(lines[probe].text):
                end = probe
                continue
        break
    return end


def _fence_close(lines: list[_Line], index: int, fence: str) -> int | None:
    """Index of the line closing the fence opened at `index`, if there is one."""
    closing = re.compile(rf" {{0,3}}{re.escape(fence)}{re.escape(fence[0])}*[ \t\r\f\v]*$")
    for probe in range(index + 1, len(lines)):
        if closing.match(lines[probe].text):
            return probe
    return None


def _container_end(lines: list[_Line], index: int, start: re.Pattern[str], gfm: bool) -> int:
    """End (exclusive) of a blockquote: `>` lines and their lazy continuations."""
    end = index + 1
    while end < len(lines):
        text = lines[end].text
        if start.match(text) or (not _is_blank(text) and not _paragraph_ends(text, gfm)):
            end += 1
        else:
            break
    return end


def _parse_list(lines: list[_Line], index: int, out: _Out) -> int:
    """Parse list items from `index`; return the index after the list."""
    count = len(lines)
    while index < count:
        item = _LIST_ITEM.match(lines[index].text)
        if item is None:
            return index
        marker_end = len(item.group(1)) + len(item.group(2))
        rest = item.group(3) or ""
        spaces = len(rest) - len(rest.lstrip(" \t"))
        width = marker_end + (spaces if 0 < spaces <= 4 and rest.strip() else 1)
        first = lines[index]
        cut = min(width, len(first.text))
        body = [_Line(first.number, first.start + cut, first.text[cut:])]
        index += 1
        previous_blank = False
        while index < count:
            text = lines[index].text
            if _is_blank(text):
                body.append(_Line(lines[index].number, lines[index].start, ""))
                previous_blank = True
                index += 1
                continue
            indent = len(text) - len(text.lstrip(" "))
            if indent >= width:
                body.append(_Line(lines[index].number, lines[index].start + width, text[width:]))
            elif _LIST_ITEM.match(text) or previous_blank or _paragraph_ends(text, out.gfm):
                break
            else:  # a lazy paragraph line
                body.append(lines[index])
            previous_blank = False
            index += 1
        while len(body) > 1 and _is_blank(body[-1].text):
            body.pop()
        _parse(body, out)
        after_item = index
        while index < count and _is_blank(lines[index].text):
            index += 1
        if index >= count or not _LIST_ITEM.match(lines[index].text):
            return after_item
    return index


_TAG = re.compile(rf"<(/?)({_TAG_NAME})((?:\"[^\"]*\"|'[^']*'|[^'\">])*)>")


def _html_block_end(lines: list[_Line], index: int) -> int | None:
    """End (exclusive) of the raw HTML block at `index`, or None when it is none.

    A comment runs to `-->`; an element to its matching end tag (to the end
    of the container when there is none, as kramdown auto-closes it).
    """
    text = lines[index].text
    stripped = text.lstrip(" ")
    if stripped.startswith("<!--"):
        for probe in range(index, len(lines)):
            start = stripped.find("-->", 4) if probe == index else lines[probe].text.find("-->")
            if start >= 0:
                return probe + 1
        return len(lines)
    name = _html_start_name(text)
    if name is None:
        return None
    depth = 0
    for probe in range(index, len(lines)):
        for tag in _TAG.finditer(lines[probe].text):
            if tag.group(2).lower() != name:
                continue
            if tag.group(1):
                depth -= 1
            elif not tag.group(3).rstrip().endswith("/") and name not in _VOID_ELEMENTS:
                depth += 1
            if depth <= 0:
                return probe + 1
    return len(lines)


# -- code spans and comments ---------------------------------------------------

_COMMENT_TAG = re.compile(r"\{%-?\s*comment\s*-?%\}")
_END_COMMENT_TAG = re.compile(r"\{%-?\s*endcomment\s*-?%\}")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class _Tokens:
    """Finds the next backtick run, `<!--` or `{% comment %}` at or after a place.

    Three `str.find`s beat one regex with alternatives by far on prose, and
    each remembers its last answer, so the text is scanned about once.
    """

    _KINDS = ("`", "<!--", "{%")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = [-2, -2, -2]  # per kind: next place at or after the last query

    def next(self, pos: int) -> tuple[int, int, str] | None:
        text = self.text
        found = self.found
        while True:
            for kind, at in enumerate(found):
                if -1 < at < pos or at == -2:
                    found[kind] = text.find(self._KINDS[kind], pos)
            candidates = [at for at in found if at >= 0]
            if not candidates:
                return None
            at = min(candidates)
            if at == found[0]:
                end = at + 1
                while end < len(text) and text[end] == "`":
                    end += 1
                return at, end, text[at:end]
            if at == found[1]:
                return at, at + 4, "<!--"
            tag = _COMMENT_TAG.match(text, at)
            if tag is not None:
                return at, tag.end(), tag.group()
            pos = at + 2


def _inline_regions(text: str, blocked: list[tuple[int, int]]) -> list[Region]:
    """Code spans, HTML comments and Liquid comments outside the code blocks."""
    regions: list[Region] = []
    pos = 0
    blocked_iter = iter(blocked)
    next_block = next(blocked_iter, None)
    length = len(text)
    tokens = _Tokens(text)
    while pos < length:
        while next_block is not None and next_block[1] <= pos:
            next_block = next(blocked_iter, None)
        if next_block is not None and next_block[0] <= pos:
            pos = next_block[1]
            continue
        found = tokens.next(pos)
        if found is None:
            break
        start, token_end, token = found
        if next_block is not None and start >= next_block[0]:
            pos = next_block[1]
            continue
        limit = length if next_block is None else next_block[0]
        if token == "<!--":
            close = text.find("-->", token_end, limit)
            end = limit if close < 0 else close + 3
            conditional = text.startswith("[if", token_end) or text.startswith("<![endif]", start)
            regions.append(Region("conditional" if conditional else "comment", start, end))
            pos = end
            continue
        if token.startswith("{%"):
            close_tag = _END_COMMENT_TAG.search(text, token_end)
            end = length if close_tag is None else close_tag.end()
            regions.append(Region("liquid-comment", start, end))
            pos = end
            while next_block is not None and next_block[1] <= pos:
                next_block = next(blocked_iter, None)
            continue
        span_end = _closing_ticks(text, token_end, token, limit)
        if span_end is None:
            pos = token_end  # an unmatched run of backticks is literal text
            continue
        regions.append(Region("code-span", start, span_end))
        pos = span_end
    return regions


def _closing_ticks(text: str, start: int, ticks: str, limit: int) -> int | None:
    """End offset of the code span opened by `ticks`, within its paragraph."""
    paragraph_end = _BLANK_LINE.search(text, start, limit)
    if paragraph_end:
        limit = paragraph_end.start()
    pos = start
    width = len(ticks)
    while True:
        found = text.find(ticks, pos, limit)
        if found < 0:
            return None
        run_end = found + width
        while run_end < limit and text[run_end] == "`":
            run_end += 1
        if run_end - found == width and (found == 0 or text[found - 1] != "`"):
            return run_end
        pos = run_end


def _disjoint(regions: list[Region]) -> tuple[Region, ...]:
    """Sorted regions, a region inside an earlier one (a Liquid comment's) merged into it."""
    out: list[Region] = []
    for region in sorted(regions, key=lambda r: (r.start, -r.end)):
        if out and region.start < out[-1].end:
            if region.end > out[-1].end:
                out[-1] = Region(out[-1].kind, out[-1].start, region.end)
            continue
        out.append(region)
    return tuple(out)


def parse_body(text: str, first_line: int, markdown: bool, gfm: bool = True) -> BodyStructure:
    """Structure of a body whose first line is `first_line` of the file.

    `gfm`: the site's kramdown input is GFM (Jekyll's default), else plain kramdown.
    """
    raw_lines = text.split("\n")
    starts = [0, *itertools.accumulate(len(raw) + 1 for raw in raw_lines[:-1])]
    line_starts = tuple(starts)
    out = _Out(first_line, gfm=gfm)
    if markdown and text.strip():
        texts = [raw[:-1] if raw.endswith("\r") else raw for raw in raw_lines]
        _parse(list(map(_Line, range(len(texts)), starts, texts)), out)
    out.blocks.sort(key=lambda b: (b.start_line, b.end_line))

    def span(first: int, last: int) -> tuple[int, int]:
        end = line_starts[last + 1] if last + 1 < len(line_starts) else len(text)
        return line_starts[first], end

    blocked: list[tuple[int, int]] = []
    regions: list[Region] = []
    for first, last in sorted(out.code):
        begin, end = span(first, last)
        if blocked and begin < blocked[-1][1]:
            continue
        blocked.append((begin, end))
        regions.append(Region("code-block", begin, end))
    regions.extend(_inline_regions(text, blocked))
    return BodyStructure(
        first_line,
        line_starts,
        tuple(out.blocks),
        _disjoint(regions),
        headings=tuple(out.headings),
        ial_ids=tuple(out.ial_ids),
        ref_defs=tuple(out.ref_defs),
        html_spans=tuple(span(a, b) for a, b in sorted(out.html)),
    )
