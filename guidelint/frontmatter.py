"""Split a source file into front matter and body, as Jekyll does.

Jekyll treats a file as having front matter when its first line is `---`
followed only by whitespace, and the block closes at the first later line
that is `---` or `...` followed only by whitespace. Line numbers are kept
exact so every later finding points at the right line of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"---[ \t\r\f\v]*\n")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t\r\f\v]*(?:\n|$)")


@dataclass(frozen=True)
class Split:
    """Where the parts of a file are.

    `yaml` is the text between the fences; its first line is line
    `yaml_line` of the file. `body_line` is the file line the body starts
    on. `closed` is False for an opening fence that is never closed.
    """

    has_front_matter: bool
    closed: bool
    yaml: str
    yaml_line: int
    body: str
    body_line: int
    close_line: int = 0


def starts_with_front_matter(text: str) -> bool:
    """Jekyll's test for whether a file is a page rather than a static file."""
    return _OPEN.match(text) is not None


def split(text: str) -> Split:
    """Split `text` (already decoded, newlines as in the file)."""
    opening = _OPEN.match(text)
    if opening is None:
        return Split(False, False, "", 0, text, 1)
    pos = opening.end()
    line_no = 2
    length = len(text)
    while pos < length:
        end = text.find("\n", pos)
        next_pos = length if end < 0 else end + 1
        closing = _CLOSE.match(text, pos)
        if closing is not None and closing.end() == next_pos:
            return Split(
                True,
                True,
                text[opening.end() : pos],
                2,
                text[next_pos:],
                line_no + 1,
                close_line=line_no,
            )
        pos = next_pos
        line_no += 1
    return Split(True, False, text[opening.end() :], 2, "", line_no)
