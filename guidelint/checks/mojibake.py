"""Text that went through the wrong encoding: `itâ€™s` for `it’s`.

## What it checks
Lines of pages, layouts and includes whose characters are UTF-8 read as
Windows-1252 (or Latin-1) somewhere along a copy and paste: `â€™`, `â€œ`,
`â€“`, `Ã©`, `Â£`. Detection and repair are ftfy's, the library kept for
exactly this; a line is reported only when ftfy can also repair it, and
the message shows the repaired text. Legitimate non-ASCII text (Welsh,
accented names, dashes, `£`, curly quotes, emoji) is left alone.

## Why it matters
Readers see garbage in the middle of a sentence, in a guide that should
read as authoritative; screen readers spell it out letter by letter.

## Example
```markdown
Online services are made available, however, itâ€™s likely that ...
```

## How to fix
Replace the text with what the message shows (`it’s`), and fix the
source it was copied from if you can.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Kind, Page
from guidelint.rule import Rule

_CHECKED = (*RENDERED_KINDS, Kind.RAW_MARKDOWN)
# Every mojibake of a UTF-8 sequence starts with a lead byte seen as Windows-1252
# (U+00C2 to U+00F4) followed by a continuation byte seen so (U+0080 to U+00BF, or
# the characters Windows-1252 puts at 0x80 to 0x9F). Only such lines go to ftfy.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178"
    "\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]"
)


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    text = page.text
    if page.kind not in _CHECKED or page.binary or text.isascii() or not _SUSPECT.search(text):
        return
    # ftfy takes 30 ms to import: only pages that look suspect pay for it.
    from ftfy import fix_encoding
    from ftfy.badness import is_bad

    for number, line in enumerate(text.split("\n"), start=1):
        if not _SUSPECT.search(line) or not is_bad(line):
            continue
        fixed = fix_encoding(line)
        if fixed == line:
            continue
        start = _first_difference(line, fixed)
        bad_end, good_end = _last_difference(line, fixed, start)
        # Show whole words: `Â£35,000` -> `£35,000` says more than `Â` -> ``.
        start = max(line.rfind(" ", 0, start), line.rfind("\t", 0, start)) + 1
        bad_end, good_end = _word_end(line, bad_end), _word_end(fixed, good_end)
        bad, good = line[start:bad_end], fixed[start:good_end]
        yield RULE.finding(
            page,
            number,
            start + 1,
            f"mojibake `{bad.strip()}`: UTF-8 text read as Windows-1252; it should read "
            f"`{good.strip()}`",
        )


def _word_end(text: str, index: int) -> int:
    space = text.find(" ", index)
    return len(text) if space < 0 else space


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def _last_difference(a: str, b: str, start: int) -> tuple[int, int]:
    """Ends (exclusive) of the differing stretch in `a` and in `b`."""
    i, j = len(a), len(b)
    while i > start and j > start and a[i - 1] == b[j - 1]:
        i, j = i - 1, j - 1
    return i, j


RULE = Rule(
    code="TXT001",
    name="mojibake",
    summary="UTF-8 text read as Windows-1252 (`itâ€™s`): reported with its repair",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
