"""Findings and severities: the one result type every rule produces."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that `--fail-on` is a comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place.

    Field order is the sort order of SPEC section 5: path, line, column, rule.
    `path` is relative to the site root with `/` separators; `line` and
    `column` are 1-based. `source` is the offending line's text, for the
    text reporter's caret display.
    """

    path: str
    line: int
    column: int
    rule: str
    message: str
    severity: Severity = Severity.ERROR
    name: str = ""
    fixable: bool = False
    source: str = ""
    source_offset: int = field(default=0, compare=False)  # column - 1 of `source`'s first char
    related: tuple[str, ...] = field(default=(), compare=False)  # other files involved
    target: str = field(default="", compare=False)  # a URL missing: its old publisher caused it
    unreached: str = field(default="", compare=False)  # a URL nothing reaches: old linkers did
    data: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # for `report`

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": str(self.severity),
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "fixable": self.fixable,
        }


EXCERPT_WIDTH = 100
EXCERPT_LEAD = 20  # characters kept before the column


def excerpt(line: str, column: int, width: int = EXCERPT_WIDTH) -> tuple[str, int]:
    """A window of `line` around 1-based `column`, and the offset it starts at.

    Findings carry the offending text for display; long prose lines are cut
    so that per-page summaries stay small when they travel between processes.
    """
    if len(line) <= width:
        return line, 0
    start = max(0, min(column - 1 - EXCERPT_LEAD, len(line) - width))
    return line[start : start + width], start
