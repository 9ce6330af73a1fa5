"""`--format text`: each finding with its source line and a caret, for people.

Colour only on a terminal (the CLI decides); the text is the same without it.
"""

from __future__ import annotations

from collections import Counter

import click

from guidelint.findings import Finding, Severity, excerpt
from guidelint.reporters.base import Report, summary_line

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _style(text: str, report: Report, **kwargs: object) -> str:
    return click.style(text, **kwargs) if report.color else text  # type: ignore[arg-type]


def render_one(finding: Finding, report: Report) -> str:
    where = _style(f"{finding.path}:{finding.line}:{finding.column}:", report, bold=True)
    code = _style(finding.rule, report, fg=_COLOURS[finding.severity], bold=True)
    head = f"{where} {code} [{finding.severity}] {finding.message}\n"
    line = finding.source.split("\n", 1)[0]
    if not line.strip():
        return head
    window, start = excerpt(line, finding.column - finding.source_offset)
    prefix = "..." if start + finding.source_offset > 0 else ""
    suffix = "..." if start + len(window) < len(line) else ""
    source = (prefix + window + suffix).replace("\t", " ")
    caret_at = len(prefix) + min(
        max(finding.column - 1 - finding.source_offset - start, 0), len(window)
    )
    gutter = f"{finding.line:>5} | "
    caret = (
        " " * (len(gutter) - 2)
        + "| "
        + " " * caret_at
        + _style("^", report, fg=_COLOURS[finding.severity])
    )
    return f"{head}{gutter}{source}\n{caret}\n"


def render(report: Report) -> str:
    out = [render_one(f, report) + "\n" for f in report.findings]
    if report.statistics and report.findings:
        counts = Counter((f.rule, f.name) for f in report.findings)
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"{n:>6}  {code}  {name}\n")
        out.append("\n")
    out.append(summary_line(report) + "\n")
    return "".join(out)
