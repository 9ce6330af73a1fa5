"""Suppressions written in pages, and which findings they silence.

A page says where a finding is known and accepted, in an HTML comment (never
published, unlike the text around it):

    <!-- guidelint-disable LNK001,NAV -->  ...  <!-- guidelint-enable -->
    <!-- guidelint-disable-next-line LNK002 -- the anchor comes from a plugin -->
    <!-- guidelint-disable-file STL001 -->

Codes are rule codes or prefixes (`NAV`, `LNK0`); none means every rule.
Text after ` -- ` is the reason, for the next reader. A directive that
silences nothing is itself reported (SUP001), so they do not outlive the
problem they were written for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

from guidelint.findings import Finding
from guidelint.markdown import BodyStructure

ACTIONS = ("disable-next-line", "disable-file", "disable", "enable")
_DIRECTIVE = re.compile(r"<!--\s*guidelint-([A-Za-z-]*)(.*?)-->", re.S)
_CODE = re.compile(r"[A-Za-z]+[0-9]*")
_SPLIT = re.compile(r"[\s,]+")


class Directive(NamedTuple):
    action: str  # one of ACTIONS, or the unknown word as written
    codes: tuple[str, ...]  # upper-cased; empty for every rule
    line: int  # where the comment starts
    column: int
    end_line: int  # where it ends: `disable-next-line` means the line after
    text: str  # the directive as written, for messages

    @property
    def known(self) -> bool:
        return self.action in ACTIONS

    def covers(self, rule: str) -> bool:
        return not self.codes or any(rule.startswith(code) for code in self.codes)


def scan(text: str, structure: BodyStructure, first_line: int) -> tuple[Directive, ...]:
    """The directives in the HTML comments of a body (not in code, not in prose)."""
    found: list[Directive] = []
    for m in _DIRECTIVE.finditer(text):
        region = structure.region_at(m.start())
        if region is None or region.kind != "comment" or region.start != m.start():
            continue  # shown as an example in code, or inside another comment
        action = m.group(1).lower()
        words = m.group(2).split(" -- ", 1)[0].rstrip("-")  # `--->` ends a comment too
        codes = tuple(code.upper() for code in _SPLIT.split(words.strip()) if code)
        line = first_line + text.count("\n", 0, m.start())
        column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        end_line = line + m.group(0).count("\n")
        written = " ".join(m.group(0)[4:-3].split())
        found.append(Directive(action, codes, line, column, end_line, written))
    return tuple(found)


def malformed_code(code: str) -> bool:
    """Not even shaped like a code or prefix (`LNK`, `LNK00`, `LNK001`)."""
    return _CODE.fullmatch(code) is None


class _Span(NamedTuple):
    directive: int  # index in the page's directives
    code: str | None  # None: every rule
    first: int
    last: int  # inclusive


def _spans(directives: tuple[Directive, ...]) -> list[_Span]:
    """Lines each directive covers, with the code it covers them for."""
    spans: list[_Span] = []
    open_: list[tuple[int, str | None, int]] = []  # disables not yet closed
    end_of_file = 1 << 62
    for index, d in enumerate(directives):
        if d.action == "disable-file":
            spans.extend(_Span(index, code, 1, end_of_file) for code in d.codes or (None,))
        elif d.action == "disable-next-line":
            spans.extend(
                _Span(index, code, d.end_line + 1, d.end_line + 1) for code in d.codes or (None,)
            )
        elif d.action == "disable":
            open_.extend((index, code, d.line) for code in d.codes or (None,))
        elif d.action == "enable":
            # `enable` ends every disable; `enable CODE` ends those of CODE and
            # its longer codes (it cannot carve CODE out of a code-less disable).
            still: list[tuple[int, str | None, int]] = []
            for entry in open_:
                closes = not d.codes or (
                    entry[1] is not None and any(entry[1].startswith(c) for c in d.codes)
                )
                if closes:
                    spans.append(_Span(entry[0], entry[1], entry[2], d.line - 1))
                else:
                    still.append(entry)
            open_ = still
    spans.extend(_Span(index, code, first, end_of_file) for index, code, first in open_)
    return spans


def apply(
    findings: Iterable[Finding],
    directives: dict[str, tuple[Directive, ...]],
    judged: Callable[[str | None], bool],
    unused: Callable[[str, Directive, str | None], Finding] | None,
) -> list[Finding]:
    """`findings` without the suppressed ones, plus one per directive code that silenced nothing.

    `judged(code)` says whether the rules that code names ran at all (a
    directive for a rule that did not run is not unused); `unused` builds
    the finding for one that silenced nothing, or is None when SUP001 is off.
    """
    spans = {path: _spans(ds) for path, ds in directives.items() if ds}
    used: set[tuple[str, int, str | None]] = set()
    kept: list[Finding] = []
    for finding in findings:
        page_spans = spans.get(finding.path)
        if not page_spans or finding.rule.startswith("SUP"):
            kept.append(finding)
            continue
        hits = [
            s
            for s in page_spans
            if s.first <= finding.line <= s.last
            and (s.code is None or finding.rule.startswith(s.code))
        ]
        if hits:
            used.update((finding.path, s.directive, s.code) for s in hits)
        else:
            kept.append(finding)
    if unused is not None:
        for path, page_spans in spans.items():
            for s in page_spans:
                if (path, s.directive, s.code) not in used and judged(s.code):
                    kept.append(unused(path, directives[path][s.directive], s.code))
    return kept
