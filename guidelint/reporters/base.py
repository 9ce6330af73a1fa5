"""What every reporter is given."""

from __future__ import annotations

from dataclasses import dataclass

from guidelint.findings import Finding


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    files_checked: int
    color: bool = False
    statistics: bool = False
    path_prefix: str = ""  # the site root as seen from where the run started (`docs/`)


def summary_line(report: Report) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in report.findings:
        counts[str(finding.severity)] += 1
    total = len(report.findings)
    files = f"{report.files_checked} file{'s' if report.files_checked != 1 else ''}"
    if not total:
        return f"No problems in {files}."
    parts = ", ".join(f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n)
    noun = "problem" if total == 1 else "problems"
    return f"Found {total} {noun} ({parts}) in {files}."
