"""Markdown body structure: blocks with lines, and where code and comments are.

mistune 3 gives the block structure but no positions, so the block state is
hooked to stamp each token with the line it starts on (nested containers map
their lines back to the page). Code spans and HTML comments are found by a
small scanner over the text outside code blocks, since rules need exact
offsets for them, which mistune's inline tokens do not carry.

Everything a rule needs to know "is this offset published prose?" is here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import mistune
from mistune.block_parser import BlockParser
from mistune.core import BlockState


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


@dataclass(frozen=True)
class Block:
    """A block-level element; lines are 1-based file lines, inclusive."""

    type: str
    start_line: int
    end_line: int
    info: str = ""  # a fenced code block's info string; a heading's level


@dataclass(frozen=True)
class Region:
    """A stretch of the body that readers never see as prose.

    `start`/`end` are offsets in the body text; `kind` is `code-block`,
    `code-span` or `comment` (`conditional` for `<!--[if IE]>` comments).
    """

    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class BodyStructure:
    first_line: int
    line_starts: tuple[int, ...]
    blocks: tuple[Block, ...]
    regions: tuple[Region, ...]  # sorted by start, never overlapping

    def position(self, offset: int) -> tuple[int, int]:
        """File (line, column), both 1-based, of a body offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return self.first_line + index, offset - self.line_starts[index] + 1

    def region_at(self, offset: int) -> Region | None:
        """The code or comment region holding `offset`, if any."""
        starts = [r.start for r in self.regions]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and self.regions[index].start <= offset < self.regions[index].end:
            return self.regions[index]
        return None


# -- block structure -------------------------------------------------------------


class _State(BlockState):
    """Block state that remembers which body line its source starts on."""

    line_base: int = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._newlines: list[int] | None = None

    def line_at(self, offset: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.src)]
        return self.line_base + bisect.bisect_left(self._newlines, offset)

    def child_state(self, src: str, lazy_line_starts: Any = None) -> _State:
        child = super().child_state(src, lazy_line_starts)
        assert isinstance(child, _State)
        child.line_base = self.line_base + self._child_start(src)
        return child

    def _child_start(self, src: str) -> int:
        """Line (in this state's source) where a container's child source starts.

        Containers hand their children the same lines with the `>` or list
        indent stripped, and by then the cursor stands after the container
        (for a list item, after the next item's marker and blank lines too).
        So look back from there for the line that ends with the child's
        first line.
        """
        lines = self.src.split("\n")
        guess = self.line_at(self.cursor) - self.line_base - src.count("\n")
        first = src.split("\n", 1)[0].strip()
        for index in range(min(guess, len(lines) - 1), -1, -1):
            if lines[index].rstrip().endswith(first):
                return index
        return max(guess, 0)

    def append_token(self, token: dict[str, Any]) -> None:
        token.setdefault("_line", self.line_at(self.cursor))
        super().append_token(token)

    def add_paragraph(self, text: str) -> None:
        last = self.last_token()
        super().add_paragraph(text)
        if self.last_token() is not last:
            self.last_token()["_line"] = self.line_at(self.cursor)


_PARSER = mistune.create_markdown(renderer=None, plugins=["table", "strikethrough"])
_BLOCK: BlockParser = _PARSER.block


def _blocks(text: str, first_line: int) -> list[Block]:
    state = _State()
    state.process(text if text.endswith("\n") else text + "\n")
    _BLOCK.parse(state)
    out: list[Block] = []
    last_line = text.count("\n")
    _collect(state.tokens, first_line, last_line, out)
    out.sort(key=lambda b: (b.start_line, b.end_line))
    return out


def _collect(
    tokens: list[dict[str, Any]], first_line: int, last_line: int, out: list[Block]
) -> None:
    for index, token in enumerate(tokens):
        kind = token["type"]
        if kind == "blank_line":
            continue
        start = token.get("_line", 0)
        children = token.get("children")
        if children:
            _collect(children, first_line, last_line, out)
        if kind == "block_code":
            raw = token.get("raw", "")
            if token.get("style") == "fenced":
                end = min(start + raw.count("\n") + 1, last_line)
                info = token.get("attrs", {}).get("info", "")
            else:
                end = start + raw.count("\n")
                info = ""
            out.append(Block("code", first_line + start, first_line + end, info))
        elif kind == "heading":
            level = str(token.get("attrs", {}).get("level", ""))
            out.append(Block("heading", first_line + start, first_line + start, level))
        elif kind in ("paragraph", "block_html", "table", "thematic_break", "ref_link"):
            following = _next_start(tokens, index, start)
            out.append(Block(kind, first_line + start, first_line + following))


def _next_start(tokens: list[dict[str, Any]], index: int, start: int) -> int:
    """A block ends on the line before the next token (blank lines included)."""
    for later in tokens[index + 1 :]:
        if "_line" in later:
            return max(start, int(later["_line"]) - 1)
    return start


# -- code spans and comments ---------------------------------------------------

_SCAN = re.compile(r"`+|<!--")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _inline_regions(text: str, blocked: list[tuple[int, int]]) -> list[Region]:
    """Code spans and HTML comments outside the code blocks in `blocked`."""
    regions: list[Region] = []
    pos = 0
    blocked_iter = iter(blocked)
    next_block = next(blocked_iter, None)
    length = len(text)
    while pos < length:
        while next_block is not None and next_block[1] <= pos:
            next_block = next(blocked_iter, None)
        if next_block is not None and next_block[0] <= pos:
            pos = next_block[1]
            continue
        m = _SCAN.search(text, pos)
        if m is None:
            break
        start = m.start()
        if next_block is not None and start >= next_block[0]:
            pos = next_block[1]
            continue
        limit = length if next_block is None else next_block[0]
        if m.group() == "<!--":
            close = text.find("-->", m.end(), limit)
            end = limit if close < 0 else close + 3
            conditional = text.startswith("[if", m.end()) or text.startswith("<![endif]", start)
            regions.append(Region("conditional" if conditional else "comment", start, end))
            pos = end
            continue
        span_end = _closing_ticks(text, m.end(), m.group(), limit)
        if span_end is None:
            pos = m.end()  # an unmatched run of backticks is literal text
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


def parse_body(text: str, first_line: int, markdown: bool) -> BodyStructure:
    """Structure of a body whose first line is `first_line` of the file."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    line_starts = tuple(starts)
    blocks = _blocks(text, first_line) if markdown and text.strip() else []
    blocked: list[tuple[int, int]] = []
    regions: list[Region] = []
    for block in blocks:
        if block.type != "code":
            continue
        begin = line_starts[min(block.start_line - first_line, len(line_starts) - 1)]
        end_index = block.end_line - first_line + 1
        end = line_starts[end_index] if end_index < len(line_starts) else len(text)
        if blocked and begin < blocked[-1][1]:
            continue  # a code block inside a code block's lines (lists): already masked
        blocked.append((begin, end))
        regions.append(Region("code-block", begin, end))
    regions.extend(_inline_regions(text, blocked))
    regions.sort(key=lambda r: r.start)
    return BodyStructure(first_line, line_starts, tuple(blocks), tuple(regions))
