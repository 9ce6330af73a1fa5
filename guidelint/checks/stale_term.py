"""A term that has gone stale: a body that was abolished, a framework that ended.

## What it checks
The terms of the rule packs the site enables (`rule_packs:` in
`.guidelint.yaml`; the shipped `nhs` pack, or the site's own files), one
finding per occurrence with its column, in visible page text: not in
code, HTML comments or URLs, unless an entry says so (`scopes`). Each
entry decides its case sensitivity, word boundaries and forms (`CCGs`,
`CCG's`), so `ccg` inside a word, or "NHS digital service manual", is
not taken for a stale name.

## Why it matters
Readers trust a guide that names bodies that still exist. "Ask your CCG"
sends a practice to an organisation that was abolished in 2022.

## Example
```markdown
Ask your CCG for the data-sharing template.
```

## How to fix
Use the current name the message gives (here ICB), and check the sentence
still holds: a new body may have new duties.

## How to configure
```yaml
rule_packs:
  - nhs                              # shipped pack, by name
  - rules/local-terms.yml            # the site's own, by path from the config
  - {pack: nhs, disable: [gpsoc]}    # a pack with some entries turned off
```
`guidelint rule STL001` lists the enabled packs' terms.
"""

from __future__ import annotations

from collections.abc import Iterator

from guidelint.context import Context
from guidelint.findings import Finding, Severity
from guidelint.model import RENDERED_KINDS, Page
from guidelint.rule import Rule

_CODE = frozenset({"code-block", "code-span"})
_COMMENTS = frozenset({"comment", "conditional", "liquid-comment"})


def check(page: Page, ctx: Context) -> Iterator[Finding]:
    if not ctx.terms or page.kind not in RENDERED_KINDS or page.binary:
        return
    text = page.body.text
    lowered: str | None = None
    for term in ctx.terms:
        if term.literal is not None:  # most pages name no stale term: skip the regex
            if term.nocase and lowered is None:
                lowered = text.lower()
            haystack = lowered if term.nocase and lowered is not None else text
            if term.literal not in haystack:
                continue
        structure = page.body.structure
        for match in term.pattern.finditer(text):
            start = match.start()
            region = structure.region_at(start)
            if region is not None and region.kind in _CODE and "code" not in term.scopes:
                continue
            if region is not None and region.kind in _COMMENTS and "comments" not in term.scopes:
                continue
            if "urls" not in term.scopes and _in_url(text, start):
                continue
            use = " or ".join(term.replacement)
            yield RULE.finding_in_body(
                page, start, f"{match.group()}: {term.reason}; use {use} ({term.source})"
            )


def _in_url(text: str, start: int) -> bool:
    """Whether the match sits in a URL or a link target rather than in prose."""
    token_start = max(text.rfind(ch, 0, start) for ch in " \t\n") + 1
    token = text[token_start:start]
    return "://" in token or "](" in token or token.startswith(("/", "(/", 'href="', "www."))


RULE = Rule(
    code="STL001",
    name="stale-term",
    summary="a term from an enabled rule pack (an abolished body, an ended framework)",
    severity=Severity.WARNING,
    docs=__doc__ or "",
    check=check,
)
