"""`{% include %}` names a file that is not there.

## What it checks
Every `{% include NAME %}` in pages, layouts and includes must name a
file in `_includes/` (nested folders included); every
`{% include_relative NAME %}` a file beside the including file. Names
with `..` segments or absolute paths are refused, as Jekyll refuses them,
and nothing outside the site is read. A name built by Liquid at render
time (`{% include {{ page.box }}.html %}`) cannot be checked and is left
alone; but `{{ }}` in a tag that also has parameters makes Jekyll read
the whole tag as one file name, which stops the build, and is reported.
The message suggests the closest existing include.

## Why it matters
Jekyll stops the build at the first missing include: one misspelt
`insett.html` keeps every page of the guide from being published.

## Example
```liquid
{% include insett.html content=note %}
```

## How to fix
Correct the name (see the suggestion), or add the template to
`_includes/`.
"""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable, Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if page.kind not in RENDERED_KINDS or page.binary or "include" not in page.body.text:
        return
    for call in page.body.includes:
        markup = call.token.markup
        if "{{" in markup and markup.strip() != call.file:
            # Jekyll then renders the whole tag and takes all of it as the file name
            yield RULE.finding_in_body(
                page,
                call.token.markup_start + markup.index("{{"),
                "`{{ }}` in an include tag with parameters: Jekyll reads the whole tag as one "
                "file name and stops; pass variables bare (`content=page.title`)",
            )
            continue
        if call.variable_file:
            continue
        name = call.file
        if name.startswith("/") or ".." in name.split("/"):
            yield RULE.finding_in_body(
                page,
                call.file_offset,
                f"`{name}` leaves the {'page folder' if call.relative else 'includes folder'}: "
                "Jekyll refuses it, and guidelint reads nothing outside the site",
            )
        elif call.relative:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), name))
            if not ctx.has_file(target):
                yield RULE.finding_in_body(
                    page, call.file_offset, f"`include_relative {name}`: no file {target}"
                )
        elif name not in ctx.templates.includes:
            hint = _suggestion(name, ctx.templates.includes)
            where = ctx.site.includes_dir
            yield RULE.finding_in_body(
                page, call.file_offset, f"`{name}` is not in {where}/: Jekyll stops{hint}"
            )


def _suggestion(name: str, known: Iterable[str]) -> str:
    """The closest include by name, extensions aside (every `.html` looks alike)."""
    stems = {posixpath.splitext(k)[0]: k for k in known}
    close = difflib.get_close_matches(posixpath.splitext(name)[0], sorted(stems), n=1, cutoff=0.7)
    return f"; did you mean `{stems[close[0]]}`?" if close else ""


RULE = Rule(
    code="INC001",
    name="include-missing",
    summary="the included file is not in _includes/ (or beside the page); escapes refused",
    severity=Severity.ERROR,
    docs=__doc__ or "",
    check=check,
)
