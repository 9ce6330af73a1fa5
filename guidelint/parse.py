"""Read one file and build its page model: the only place files are read.

Everything later (rules, index, reporters) works from the `Page` built here.
"""

from __future__ import annotations

import os
import posixpath
from typing import Any, NamedTuple

from guidelint import urls
from guidelint.cache import Signature, digest, signature
from guidelint.frontmatter import Split, split
from guidelint.model import Body, Kind, Page, SiteFile
from guidelint.site import SiteConfig, deep_merge, defaults_for, document_url, page_url
from guidelint.textfile import EncodingIssue, decode
from guidelint.yamlload import Loaded, YamlProblem, load

MAX_BYTES = 20 * 1024 * 1024  # larger files are named, not parsed


def read_page(config: SiteConfig, item: SiteFile) -> Page:
    """Read and parse `item`; never raises for anything the file holds."""
    return read_source(config, item).page


class Source(NamedTuple):
    """A page with what the cache needs to know of the bytes it came from."""

    page: Page
    digest: bytes  # of the bytes parsed; empty when the file cannot be cached
    signature: Signature | None  # the file's stat before it was read


def read_source(config: SiteConfig, item: SiteFile) -> Source:
    """`read_page`, with the content hash of the bytes parsed and the file's stat.

    The hash comes from the very bytes parsed, and the stat from before they
    were read: a file edited meanwhile can never be cached under its new
    hash with its old result, nor trusted by its new stat.
    """
    try:
        with open(config.root / item.path, "rb") as handle:
            st = os.fstat(handle.fileno())
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        issue = EncodingIssue("unreadable", 1, 1, None, f"cannot read the file: {reason}")
        return Source(_empty(item, (issue,)), b"", None)
    if len(data) > MAX_BYTES:
        issue = EncodingIssue(
            "too-large", 1, 1, None, f"file is over {MAX_BYTES // 1024 // 1024} MB; not linted"
        )
        return Source(_empty(item, (issue,)), b"", None)  # never cached: only its start was read
    return Source(parse_page(config, item, data), digest(data), signature(st))


def _empty(item: SiteFile, issues: tuple[EncodingIssue, ...]) -> Page:
    return Page(
        path=item.path,
        kind=item.kind,
        collection=item.collection,
        text="",
        encoding_issues=issues,
        split=split(""),
        front_matter=None,
        data={},
        keys={},
        values={},
        yaml_problems=(),
        body=Body("", 1, markdown=False),
        binary=True,
    )


def parse_page(config: SiteConfig, item: SiteFile, raw: bytes) -> Page:
    """Build the page model of `item` from its bytes."""
    decoded = decode(raw)
    if decoded.binary:
        return _empty(item, decoded.issues)
    text = decoded.text
    # A BOM (UTF-8 or UTF-16) hides the front matter from Jekyll: copied raw.
    bom = any(issue.kind in ("bom", "utf16") for issue in decoded.issues)
    ext = posixpath.splitext(item.path)[1].lower()
    is_markdown = ext in config.markdown_exts
    parts = split(text)
    kind = item.kind
    if kind in (Kind.PAGE, Kind.DOCUMENT) and (bom or not parts.has_front_matter):
        # Jekyll copies it as it is: a BOM hides the front matter from it too.
        kind = Kind.RAW_MARKDOWN if is_markdown else kind
    own: dict[str, Any] | None = None
    problems: list[YamlProblem] = []
    keys = values = {}
    if parts.has_front_matter and not parts.closed:
        problems.append(
            YamlProblem(
                "front matter is not closed: add a `---` line after it "
                "(Jekyll renders the YAML as page text)",
                1,
                1,
            )
        )
    elif parts.has_front_matter:
        loaded = load(parts.yaml, parts.yaml_line)
        problems.extend(loaded.problems)
        keys, values = loaded.keys, loaded.values
        if loaded.data is None and not loaded.problems:
            own = {}
        elif isinstance(loaded.data, dict):
            own = loaded.data
        elif loaded.data is not None:
            shape = "a list" if isinstance(loaded.data, list) else "a single value"
            problems.append(
                YamlProblem(
                    f"front matter is {shape}, not a mapping of keys to values",
                    parts.yaml_line,
                    1,
                )
            )
    merged, from_defaults = _merge_defaults(config, item, kind, own)
    url = out = None
    if kind is Kind.PAGE:
        url = page_url(config, item.path, merged)
        out = urls.output_path(url, _output_ext(config, ext))
    elif kind is Kind.DOCUMENT and item.collection in config.collections:
        collection = config.collections[item.collection]
        url = document_url(config, collection, item.path, merged)
        out = urls.output_path(url, _output_ext(config, ext)) if collection.output else None
    body_split = parts if parts.closed else Split(False, False, "", 0, text, 1)
    return Page(
        path=item.path,
        kind=kind,
        collection=item.collection,
        text=text,
        encoding_issues=decoded.issues,
        split=parts,
        front_matter=own,
        data=merged,
        keys=keys,
        values=values,
        yaml_problems=tuple(problems),
        body=Body(
            body_split.body, body_split.body_line, markdown=is_markdown, gfm=config.kramdown_gfm
        ),
        url=url,
        output_path=out,
        from_defaults=from_defaults,
    )


def _output_ext(config: SiteConfig, ext: str) -> str:
    return ".html" if ext in config.markdown_exts else urls.output_ext(ext)


def _merge_defaults(
    config: SiteConfig, item: SiteFile, kind: Kind, own: dict[str, Any] | None
) -> tuple[dict[str, Any], frozenset[str]]:
    if kind not in (Kind.PAGE, Kind.DOCUMENT) or not config.defaults:
        return (own or {}), frozenset()
    scope_type = item.collection if kind is Kind.DOCUMENT and item.collection else "pages"
    defaults = defaults_for(config, item.path, scope_type)
    if not defaults:
        return (own or {}), frozenset()
    merged = deep_merge(defaults, own or {})
    return merged, frozenset(k for k in defaults if own is None or k not in own)


def read_data(config: SiteConfig, rel: str) -> tuple[str, Loaded] | None:
    """Read and load a `_data` file (YAML or JSON); None when it is neither or unreadable.

    Problems in data files are not front matter's business: they come back
    in `Loaded.problems` for whoever wants them.
    """
    if posixpath.splitext(rel)[1].lower() not in (".yml", ".yaml", ".json"):
        return None
    try:
        with open(config.root / rel, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_BYTES:
        return None
    decoded = decode(raw)
    if decoded.binary:
        return None
    return decoded.text, load(decoded.text)
