"""`--format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`."""

from __future__ import annotations

from collections import Counter

from guidelint.reporters.base import Report, summary_line

MAX_ROWS = 200  # a comment stays readable; the totals still count everything


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: Report) -> str:
    out = ["## guidelint", "", summary_line(report), ""]
    if report.findings:
        by_rule = Counter((f.rule, f.name) for f in report.findings)
        out += ["| Rule | Findings |", "|---|---|"]
        out += [f"| {code} {name} | {n} |" for (code, name), n in sorted(by_rule.items())]
        out += ["", "| Where | Rule | Severity | Message |", "|---|---|---|---|"]
        for f in report.findings[:MAX_ROWS]:
            where = f"`{report.path_prefix}{f.path}:{f.line}:{f.column}`"
            out.append(f"| {where} | {f.rule} | {f.severity} | {_cell(f.message)} |")
        if len(report.findings) > MAX_ROWS:
            out += ["", f"... and {len(report.findings) - MAX_ROWS} more."]
    return "\n".join(out) + "\n"
