"""`--format json`: one JSON array, the fields of SPEC section 5."""

from __future__ import annotations

import json

from guidelint.reporters.base import Report


def render(report: Report) -> str:
    return json.dumps([f.to_json() for f in report.findings], indent=2, ensure_ascii=False) + "\n"
