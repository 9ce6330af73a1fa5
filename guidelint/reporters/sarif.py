"""`--format sarif`: SARIF 2.1.0, for code-scanning dashboards.

Each rule that fired is described once (name, summary, its full docs as
help), each finding is a result pointing at its file, line and column.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from guidelint import __version__, registry
from guidelint.findings import Severity
from guidelint.reporters.base import Report

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _uri(path: str) -> str:
    """A file path as the relative URI reference `artifactLocation.uri` must be.

    Spaces, `%`, `#`, `[`, non-ASCII letters and the like are legal in file
    names but not in a URI: percent-encode them (UTF-8, RFC 3986), keeping
    the `/` separators. A `:` in the first segment would read as a scheme.
    """
    return quote(path, safe="/")


def render(report: Report) -> str:
    rules = registry.by_code()
    fired = sorted({f.rule for f in report.findings})
    index = {code: i for i, code in enumerate(fired)}
    descriptors: list[dict[str, Any]] = []
    for code in fired:
        rule = rules.get(code)
        if rule is None:
            descriptors.append({"id": code})
            continue
        descriptors.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.sections.get("What it checks", rule.summary)},
                "help": {"text": rule.docs.strip(), "markdown": rule.docs.strip()},
                "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            }
        )
    results = [
        {
            "ruleId": f.rule,
            "ruleIndex": index[f.rule],
            "level": _LEVEL[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(report.path_prefix + f.path)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        for f in report.findings
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "guidelint",
                        "version": __version__,
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
