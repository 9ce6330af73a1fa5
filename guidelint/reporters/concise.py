"""`--format concise`: one line a finding, `path:line:col: CODE [severity] message`."""

from __future__ import annotations

from guidelint.reporters.base import Report


def render(report: Report) -> str:
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}\n"
        for f in report.findings
    )
