"""`--format junit`: JUnit XML, one test case per file checked with findings, failed by them."""

from __future__ import annotations

from collections import defaultdict
from xml.sax.saxutils import escape, quoteattr

from guidelint.findings import Finding
from guidelint.reporters.base import Report


def render(report: Report) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_file[report.path_prefix + f.path].append(f)
    cases = []
    for path, findings in sorted(by_file.items()):
        failures = "".join(
            f"<failure type={quoteattr(f.rule)} message={quoteattr(f.message)}>"
            f"{escape(f'{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}')}"
            "</failure>"
            for f in findings
        )
        cases.append(
            f'  <testcase classname="guidelint" name={quoteattr(path)}>{failures}</testcase>'
        )
    total = len(report.findings)
    body = "\n".join(cases)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="guidelint" tests="{max(len(by_file), 1)}" failures="{total}">\n'
        f"{body}\n</testsuite>\n"
    )
