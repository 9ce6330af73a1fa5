"""Jekyll's URL rules: templates, placeholders, permalink styles, output files.

Verified against Jekyll 4.3 with tests/golden/jekyll (see its README).
"""

from __future__ import annotations

import re
import urllib.parse

MARKDOWN_EXTS = frozenset({".md", ".markdown", ".mkdown", ".mkdn", ".mkd", ".mdown"})
HTML_EXTS = frozenset({".html", ".htm", ".xhtml"})

# Built-in permalink styles for posts; pages only use their suffix (see add_suffix).
POST_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}

_PLACEHOLDER = re.compile(r":([a-z_]+)")
_SLUG_DROP = re.compile(r"[^\w]+|_+", re.UNICODE)
_SAFE = "-._~!$&'()*+,;=:@/"


def output_ext(ext: str) -> str:
    """The extension Jekyll writes for a source extension."""
    ext = ext.lower()
    if ext in MARKDOWN_EXTS:
        return ".html"
    if ext in (".scss", ".sass"):
        return ".css"
    return ext


def add_suffix(template: str, style: str) -> str:
    """Jekyll's `add_permalink_suffix`: the page-URL tail a permalink style implies."""
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    suffix = ""
    if style.endswith("/"):
        suffix += "/"
    if style.endswith(":output_ext"):
        suffix += ":output_ext"
    return template + suffix


def fill(template: str, values: dict[str, str]) -> str:
    """Replace `:name` placeholders; an empty value drops its `/:name` segment."""

    def replace(m: re.Match[str]) -> str:
        name = m.group(1)
        # Longest known name wins (`:output_ext` before `:output`).
        for length in range(len(name), 0, -1):
            key = name[:length]
            if key in values:
                return escape_path(values[key]) + name[length:]
        return m.group(0)

    return _PLACEHOLDER.sub(replace, template)


def escape_path(path: str) -> str:
    # A file name that is not UTF-8 reaches here with surrogates for its raw
    # bytes: they go back to those bytes, percent-encoded, as on the server.
    return urllib.parse.quote(path, safe=_SAFE, errors="surrogateescape")


def sanitize(url: str) -> str:
    """Jekyll's URL clean-up: no `..`, no `./`, one leading slash, no `//`."""
    url = url.replace("..", "/").replace("./", "")
    url = re.sub(r"/{2,}", "/", "/" + url)
    return url


def slugify(text: str) -> str:
    """Jekyll's default slugify: lower case, runs of non-alphanumerics to `-`."""
    return _SLUG_DROP.sub("-", text.lower()).strip("-")


def output_path(url: str, ext: str) -> str:
    """The file Jekyll writes for a page published at `url` (relative to `_site`)."""
    path = urllib.parse.unquote(url)
    if path.endswith("/"):
        path += "index"
    if ext and not path.endswith(ext):
        path += ext
    return path.lstrip("/")
