"""URLs in `_data` files: the navigation menus that templates render on every page.

Any mapping key named like a URL (`url`, `href`, `link`, `permalink`) at
any depth counts, so nested menus (`subitems`, `children`, ...) need no
configuration. Values are site paths: templates add the baseurl.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from guidelint.parse import read_data
from guidelint.site import SiteConfig
from guidelint.siteindex import NavEntry

URL_KEYS = frozenset({"url", "href", "link", "permalink"})


def entries(config: SiteConfig, data_files: Iterable[str]) -> list[NavEntry]:
    """Every URL-like value in the data files, with its place."""
    found: list[NavEntry] = []
    for rel in data_files:
        read = read_data(config, rel)
        if read is None:
            continue
        text, loaded = read
        if loaded.data is None:
            continue
        lines = text.splitlines()
        for path, position in loaded.values.items():
            if not path or str(path[-1]) not in URL_KEYS:
                continue
            value = _get(loaded.data, path)
            if isinstance(value, str) and value.strip():
                found.append(
                    NavEntry(
                        rel,
                        position.line,
                        position.column,
                        str(path[-1]),
                        value,
                        lines[position.line - 1] if position.line <= len(lines) else "",
                    )
                )
    found.sort(key=lambda e: (e.path, e.line, e.column))
    return found


def _get(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data
