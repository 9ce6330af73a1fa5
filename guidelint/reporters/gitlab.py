"""`--format gitlab`: Code Climate JSON, the format of GitLab's code-quality report."""

from __future__ import annotations

import hashlib
import json

from guidelint.findings import Severity
from guidelint.reporters.base import Report

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report) -> str:
    issues = []
    for f in report.findings:
        path = report.path_prefix + f.path
        # Stable across runs while the finding stays: GitLab compares reports by it.
        fingerprint = hashlib.sha256(f"{f.rule}|{path}|{f.line}|{f.message}".encode()).hexdigest()
        issues.append(
            {
                "type": "issue",
                "check_name": f.rule,
                "description": f"{f.rule} {f.message}",
                "categories": ["Style"],
                "severity": _SEVERITY[f.severity],
                "fingerprint": fingerprint,
                "location": {"path": path, "lines": {"begin": f.line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
