"""The rule record: metadata, documentation and check of one rule.

A rule's documentation is the docstring of the module that defines it, in
four required sections (What it checks / Why it matters / Example / How to
fix; optionally How to configure), so `guidelint rule CODE` and the
generated reference can never drift from the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guidelint.findings import Finding, Severity

if TYPE_CHECKING:
    from guidelint.context import Context
    from guidelint.model import Page
    from guidelint.siteindex import SiteIndex

REQUIRED_SECTIONS = ("What it checks", "Why it matters", "Example", "How to fix")
OPTIONAL_SECTIONS = ("How to configure",)
_SECTION = re.compile(r"^## (.+)$", re.M)

PageCheck = Callable[["Page", "Context"], Iterable[Finding]]
SiteCheck = Callable[["SiteIndex", "Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    docs: str
    check: PageCheck | None = None  # runs on each page, in the workers
    site_check: SiteCheck | None = None  # runs once on the site index
    fixable: bool = False

    @property
    def sections(self) -> dict[str, str]:
        """The docstring's `## Title` sections, by title."""
        parts = _SECTION.split(self.docs)
        return {
            title.strip(): body.strip()
            for title, body in zip(parts[1::2], parts[2::2], strict=True)
        }

    def finding(
        self,
        page: Page,
        line: int,
        column: int,
        message: str,
        severity: Severity | None = None,
        data: tuple[tuple[str, str], ...] = (),
    ) -> Finding:
        """A finding of this rule at a place in `page` (`data`: extra fields for reports)."""
        return Finding(
            path=page.path,
            line=line,
            column=column,
            rule=self.code,
            message=message,
            severity=severity or self.severity,
            name=self.name,
            fixable=self.fixable,
            source=page.line_text(line),
            data=data,
        )

    def finding_in_body(
        self, page: Page, offset: int, message: str, data: tuple[tuple[str, str], ...] = ()
    ) -> Finding:
        """A finding at a body offset of `page` (Liquid tokens are placed so)."""
        text = page.body.text
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return self.finding(page, page.body.line_of(offset), column, message, data=data)

    def finding_at(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        source: str = "",
        related: tuple[str, ...] = (),
        target: str = "",
        source_offset: int = 0,
        unreached: str = "",
    ) -> Finding:
        """A finding of a cross-page rule, placed from the site index.

        `related` names the other files involved, `target` a URL that is
        missing and `unreached` one that nothing leads to, so a run narrowed
        to some files can still report what those files broke elsewhere.
        """
        return Finding(
            path=path,
            line=line,
            column=column,
            rule=self.code,
            message=message,
            severity=self.severity,
            name=self.name,
            fixable=self.fixable,
            source=source,
            source_offset=source_offset,
            related=related,
            target=target,
            unreached=unreached,
        )
