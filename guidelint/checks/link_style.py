"""A link breaks the site's own link convention.

## What it checks
Only where the site states a convention in `.guidelint.yaml` (`links:`);
with none, nothing is reported. With `baseurl: liquid`, root-relative
links must carry the baseurl through `{{ site.baseurl }}` or
`relative_url`, not written out; with `baseurl: literal`, the reverse.
With `trailing_slash: never` (or `always`), links to pages must not (or
must) end with `/`. Links to files with an extension, fragment-only links
and external links are left alone.

## Why it matters
A hard-coded baseurl breaks every link the day the site moves (a new
repository name, a custom domain), and mixed slash forms make some links
depend on a server redirect. One convention, checked, keeps a large guide
movable.

## Example
```markdown
[the checklist](/guide-site/guide/go-live)   <!-- with baseurl: liquid -->
```

## How to fix
Rewrite the link in the site's form, e.g.
`[the checklist]({{ site.baseurl }}/guide/go-live)`.

## How to configure
```yaml
links:
  baseurl: liquid        # or literal
  trailing_slash: never  # or always
```
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.resolve import resolved_links
from guidelint.rule import Rule
from guidelint.siteindex import SiteIndex

_DOTS = re.compile(r"(?:\.\.?/?)+")
_LIQUID_BASE = re.compile(r"^\{\{-?\s*site\.baseurl\s*-?\}\}|relative_url")


def check(index: SiteIndex, ctx: Context) -> Iterator[Finding]:
    policy = ctx.config.links
    if policy.baseurl is None and policy.trailing_slash is None:
        return
    base = index.site.baseurl
    for page, link, target in resolved_links(index):
        if target.status == "skip" or link.form == "include":
            continue
        written = link.target.strip()
        problem = _baseurl_problem(written, base, policy.baseurl)
        problem = problem or _slash_problem(written, policy.trailing_slash)
        if problem:
            yield RULE.finding_at(
                page.path,
                link.line,
                link.column,
                problem,
                link.target,
                source_offset=link.column - 1,
            )


def _baseurl_problem(written: str, base: str, form: str | None) -> str:
    if not base or form is None:
        return ""
    if form == "liquid" and (written == base or written.startswith(base + "/")):
        return f"baseurl written out in {written}: use {{{{ site.baseurl }}}}{written[len(base) :]}"
    if form == "literal" and _LIQUID_BASE.search(written):
        return f"baseurl through Liquid in {written}: this site writes {base}/... literally"
    return ""


def _slash_problem(written: str, form: str | None) -> str:
    path = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", written).split("#", 1)[0].split("?", 1)[0]
    if form is None or not path or path == "/" or "://" in path or _DOTS.fullmatch(path):
        return ""  # the site root, another site, or `.`/`../`: no page is named
    if posixpath.splitext(path.rstrip("/"))[1]:
        return ""  # a file, not a page
    if form == "never" and path.endswith("/"):
        return f"link ends with a slash ({written}); this site links to pages without one"
    if form == "always" and not path.endswith("/"):
        return f"link lacks the trailing slash ({written}); this site links to pages with one"
    return ""


RULE = Rule(
    code="LNK004",
    name="link-style",
    summary="a link breaks the site's own link convention (baseurl form, trailing slash)",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    site_check=check,
)
