"""A file that is not clean UTF-8.

## What it checks
Bytes that are not valid UTF-8 (the byte offset is named), a UTF-8
byte-order mark, UTF-16 files, NUL bytes (a binary file with a page's
name), U+FFFD replacement characters left by an earlier bad conversion,
and files that cannot be read at all. The rest of the file is still linted
as far as it can be.

## Why it matters
Jekyll reads sources as UTF-8: invalid bytes stop the build or publish as
`�`, a BOM hides the front matter so the page is copied raw, and a
replacement character means text was already lost.

## Example
A page saved from a Windows editor as Windows-1252, where an en dash is
the single byte `0x96`:
```text
Go-live 09:00 <0x96> 17:00
```

## How to fix
Re-save the file as UTF-8 without a BOM (most editors offer "UTF-8" in
their save dialog), then retype any character shown as `�`.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    for issue in page.encoding_issues:
        yield RULE.finding(page, issue.line, issue.column, issue.message)


RULE = Rule(
    code="TXT002",
    name="encoding",
    summary="File is not valid UTF-8, has a BOM or U+FFFD, or cannot be read",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
