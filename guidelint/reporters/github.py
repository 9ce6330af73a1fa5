"""`--format github`: workflow commands, so findings show on the changed lines of a pull request."""

from __future__ import annotations

from guidelint.findings import Severity
from guidelint.reporters.base import Report, summary_line

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report) -> str:
    lines = []
    for f in report.findings:
        path = _property(report.path_prefix + f.path)
        title = _property(f"{f.rule} {f.name}")
        lines.append(
            f"::{_LEVEL[f.severity]} file={path},line={f.line},col={f.column},"
            f"title={title}::{_data(f.message)}"
        )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
