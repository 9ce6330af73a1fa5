"""The one explicit registry of rules, and rule selection.

Adding a rule is one import and one line in `RULES`; `guidelint rules`,
`guidelint rule CODE` and the docs all read from here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from guidelint.checks import (
    anchor_missing,
    capture_undefined,
    capture_unused,
    chain_asymmetric,
    chain_branch,
    chain_target,
    encoding,
    frontmatter_missing,
    frontmatter_schema,
    frontmatter_syntax,
    heading_id_duplicate,
    include_missing,
    include_param_missing,
    include_param_unknown,
    layout_unknown,
    link_malformed,
    link_style,
    link_target,
    liquid_syntax,
    liquid_unbalanced,
    marker_editorial,
    marker_unknown,
    marker_visible,
    mojibake,
    nav_target,
    page_orphan,
    permalink_duplicate,
    review_overdue,
    stale_term,
    suppression_invalid,
    suppression_unused,
    template_param_unpassed,
)
from guidelint.rule import Rule

RULES: tuple[Rule, ...] = (
    frontmatter_missing.RULE,
    frontmatter_syntax.RULE,
    frontmatter_schema.RULE,
    layout_unknown.RULE,
    chain_target.RULE,
    chain_asymmetric.RULE,
    chain_branch.RULE,
    permalink_duplicate.RULE,
    nav_target.RULE,
    page_orphan.RULE,
    link_target.RULE,
    anchor_missing.RULE,
    heading_id_duplicate.RULE,
    link_style.RULE,
    link_malformed.RULE,
    include_missing.RULE,
    include_param_unknown.RULE,
    include_param_missing.RULE,
    capture_undefined.RULE,
    capture_unused.RULE,
    template_param_unpassed.RULE,
    liquid_unbalanced.RULE,
    liquid_syntax.RULE,
    marker_editorial.RULE,
    marker_visible.RULE,
    marker_unknown.RULE,
    stale_term.RULE,
    review_overdue.RULE,
    mojibake.RULE,
    encoding.RULE,
    suppression_unused.RULE,
    suppression_invalid.RULE,
)

# Families of SPEC section 4; a selector may name a rule that lands later.
_SELECTOR = re.compile(r"^(FM|NAV|LNK|INC|LIQ|MRK|STL|TXT|SUP)\d{0,3}$")


def by_code() -> dict[str, Rule]:
    return {rule.code: rule for rule in RULES}


def lookup(code_or_name: str) -> Rule | None:
    """A rule by code (`FM003`, any case) or name (`frontmatter-schema`)."""
    wanted = code_or_name.strip()
    for rule in RULES:
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None


def matches(code: str, selectors: Iterable[str]) -> bool:
    """True when `code` is named by any selector (a code or a prefix: `NAV`, `LNK0`)."""
    return any(code.startswith(s.strip().upper()) for s in selectors if s.strip())


def unknown_selectors(selectors: Iterable[str]) -> list[str]:
    """Selectors that cannot name any rule: a typo the user should hear about."""
    return [s for s in selectors if not _SELECTOR.match(s.strip().upper())]


def enabled(select: Iterable[str], ignore: Iterable[str]) -> Iterator[Rule]:
    """Rules left after `select` (all when empty) and `ignore`."""
    select = list(select)
    ignore = list(ignore)
    for rule in RULES:
        if select and not matches(rule.code, select):
            continue
        if not matches(rule.code, ignore):
            yield rule
