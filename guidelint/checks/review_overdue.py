"""A page is past its review date.

## What it checks
The page's review date (front matter `review_by` by default, or the key
`review: {key: ...}` names) must not be strictly before today (or
`--today`). With `review: {reviewed_key: last_reviewed, max_age_days: 365}`
a page whose last review is older than that is overdue too. Dates may be
YAML dates or quoted `YYYY-MM-DD` strings; anything else is not a date
(FM003 says so with a schema), never a crash.

## Why it matters
Guidance that nobody has checked for years quietly goes wrong: contacts
move, contracts end, bodies are renamed. A review date only helps if
someone is told when it passes.

## Example
```yaml
---
title: Kick-off
review_by: 2025-06-30
---
```

## How to fix
Review the page, then move its review date on (or update `last_reviewed`).

## How to configure
```yaml
review:
  key: review_by            # a date: overdue when strictly before today
  reviewed_key: last_reviewed
  max_age_days: 365
```
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import Kind, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in (Kind.PAGE, Kind.DOCUMENT) or not page.data:
        return
    review = ctx.config.review
    key = str(review.get("key", "review_by"))
    due = _date(page.data.get(key))
    if due is not None and due < (today := ctx.today):  # pages without dates stay cached
        days = (today - due).days
        position = page.key_position((key,))
        yield RULE.finding(
            page,
            position.line,
            position.column,
            f"`{key}: {due.isoformat()}` passed {days} day{'s' if days != 1 else ''} ago "
            f"(today {today.isoformat()}): the page is due for review",
        )
    reviewed_key, max_age = review.get("reviewed_key"), review.get("max_age_days")
    if reviewed_key and isinstance(max_age, int):
        last = _date(page.data.get(str(reviewed_key)))
        if last is not None and ((today := ctx.today) - last).days > max_age:
            position = page.key_position((str(reviewed_key),))
            yield RULE.finding(
                page,
                position.line,
                position.column,
                f"`{reviewed_key}: {last.isoformat()}` is {(today - last).days} days ago, "
                f"more than the {max_age} the site allows: the page is due for review",
            )


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


RULE = Rule(
    code="STL002",
    name="review-overdue",
    summary="the page's review date (review_by, or the configured key) is before today",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    check=check,
)
