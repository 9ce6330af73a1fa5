"""Which Liquid tags a Jekyll site knows, and which of them open blocks.

Liquid 5.4 (Debian's Jekyll 4.3) and Jekyll's own tags, the tags of the
plugins a site lists in `_config.yml`, and any a team declares under
`liquid:` in `.guidelint.yaml`. Checked against `jekyll build`: an unknown
tag, a stray end tag or an outer `else` each stop the build.
"""

from __future__ import annotations

from collections.abc import Iterable

BLOCKS = frozenset(
    {"capture", "case", "comment", "for", "if", "ifchanged", "raw", "tablerow", "unless"}
)
JEKYLL_BLOCKS = frozenset({"highlight"})
TAGS = frozenset(
    {
        "assign", "break", "continue", "cycle", "decrement", "echo", "increment", "liquid",
        "render", "#",
        "include", "include_relative", "link", "post_url",
    }
)  # fmt: skip
# Tags that only make sense inside a block, and the blocks that allow them.
INNER = {"else": {"if", "unless", "case", "for"}, "elsif": {"if", "unless"}, "when": {"case"}}
PLUGIN_TAGS = {
    "jekyll-seo-tag": {"seo"},
    "jekyll-feed": {"feed_meta"},
    "jekyll-include-cache": {"include_cached"},
    "jekyll-gist": {"gist"},
    "jekyll-github-metadata": set(),
    "jekyll-avatar": {"avatar"},
}


def known_tags(plugins: Iterable[str], extra: Iterable[str]) -> frozenset[str]:
    """Single tags a site can use."""
    names = set(TAGS)
    for plugin in plugins:
        names |= PLUGIN_TAGS.get(plugin, set())
    names.update(extra)
    return frozenset(names)


def known_blocks(extra: Iterable[str]) -> frozenset[str]:
    """Block tags a site can use (each closed by `end` + its name)."""
    return BLOCKS | JEKYLL_BLOCKS | frozenset(extra)
