"""The Jekyll site: `_config.yml`, which files are pages, and their URLs.

Mirrors Jekyll 4's reader and entry filter (what is read, what is skipped),
its front-matter defaults (scope matching and precedence) and its URL rules,
as recorded in tests/golden/jekyll.
"""

from __future__ import annotations

import datetime
import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidelint import urls
from guidelint.errors import GuidelintError
from guidelint.model import Kind, SiteFile
from guidelint.textfile import decode
from guidelint.yamlload import load

CONFIG_NAMES = ("_config.yml", "_config.yaml")
DEFAULT_EXCLUDE = (
    ".sass-cache",
    ".jekyll-cache",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
)
LINTED_EXTS = urls.MARKDOWN_EXTS | urls.HTML_EXTS
_SPECIAL_LEAD = (".", "_", "#", "~")


@dataclass(frozen=True)
class Collection:
    label: str
    output: bool
    permalink: str | None


@dataclass(frozen=True)
class DefaultsRule:
    path: str
    type: str | None
    values: dict[str, Any]
    has_type: bool


@dataclass(frozen=True)
class SiteConfig:
    """The parts of `_config.yml` that decide what is published where."""

    root: Path
    baseurl: str = ""
    url: str = ""
    permalink: str = "date"
    collections: dict[str, Collection] = field(default_factory=dict)
    defaults: tuple[DefaultsRule, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    include: tuple[str, ...] = (".htaccess",)
    layouts_dir: str = "_layouts"
    includes_dir: str = "_includes"
    data_dir: str = "_data"
    collections_dir: str = ""
    theme: str | None = None
    kramdown: dict[str, Any] = field(default_factory=dict)
    markdown_exts: frozenset[str] = urls.MARKDOWN_EXTS
    config_file: str | None = None
    variables: dict[str, Any] = field(default_factory=dict, compare=False)  # `site.*`
    converter: str = "kramdown"  # `markdown:`, the Markdown converter Jekyll uses
    plugins: tuple[str, ...] = ()  # `plugins:` (or the older `gems:`)

    @property
    def kramdown_gfm(self) -> bool:
        """Whether kramdown reads Markdown with its GFM parser (Jekyll's default input)."""
        source = self.kramdown.get("input")
        return source is None or str(source).strip().upper() == "GFM"

    def collection_dir(self, label: str) -> str:
        return (
            posixpath.join(self.collections_dir, "_" + label)
            if self.collections_dir
            else "_" + label
        )


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding a `_config.yml`."""
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        if any((candidate / name).is_file() for name in CONFIG_NAMES):
            return candidate
    return None


def load_config(root: Path) -> SiteConfig:
    """Read `_config.yml`; a broken one stops the run (Jekyll would not build)."""
    for name in CONFIG_NAMES:
        path = root / name
        if path.is_file():
            break
    else:
        return SiteConfig(root=root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GuidelintError(f"{name}: cannot read: {exc.strerror}") from None
    decoded = decode(raw)
    loaded = load(decoded.text)
    if loaded.problems:
        problem = loaded.problems[0]
        raise GuidelintError(f"{name}:{problem.line}:{problem.column}: {problem.message}")
    data = loaded.data if loaded.data is not None else {}
    if not isinstance(data, dict):
        raise GuidelintError(f"{name}: the site configuration must be a mapping")
    return _site_config(root, data, name)


def _text(value: Any, default: str = "") -> str:
    return default if value is None else str(value)


def _str_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v is not None]
    if isinstance(value, str):
        return [value]
    return []


def _site_config(root: Path, data: dict[str, Any], name: str) -> SiteConfig:
    collections: dict[str, Collection] = {}
    raw_collections = data.get("collections") or {}
    if isinstance(raw_collections, list):
        raw_collections = {str(label): {} for label in raw_collections}
    if isinstance(raw_collections, dict):
        for label, raw_meta in raw_collections.items():
            meta = raw_meta if isinstance(raw_meta, dict) else {}
            permalink = meta.get("permalink")
            collections[str(label)] = Collection(
                str(label),
                meta.get("output") is True,
                permalink if isinstance(permalink, str) else None,
            )
    if "posts" not in collections:
        collections["posts"] = Collection("posts", True, None)
    defaults: list[DefaultsRule] = []
    for entry in data.get("defaults") or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        raw_scope = entry.get("scope")
        scope: dict[str, Any] = raw_scope if isinstance(raw_scope, dict) else {}
        kind = scope.get("type")
        defaults.append(
            DefaultsRule(
                _text(scope.get("path")),
                None if kind is None else str(kind),
                entry["values"],
                "type" in scope,
            )
        )
    exclude = tuple(dict.fromkeys([*_str_list(data.get("exclude")), *DEFAULT_EXCLUDE]))
    include = tuple(_str_list(data["include"])) if "include" in data else (".htaccess",)
    markdown_ext = data.get("markdown_ext")
    exts = (
        frozenset("." + e.strip().lower() for e in markdown_ext.split(","))
        if isinstance(markdown_ext, str)
        else urls.MARKDOWN_EXTS
    )
    kramdown = data.get("kramdown")
    permalink = data.get("permalink")
    return SiteConfig(
        root=root,
        baseurl=_text(data.get("baseurl")).rstrip("/"),
        url=_text(data.get("url")),
        permalink=permalink if isinstance(permalink, str) and permalink else "date",
        collections=collections,
        defaults=tuple(defaults),
        exclude=exclude,
        include=include,
        layouts_dir=_text(data.get("layouts_dir"), "_layouts"),
        includes_dir=_text(data.get("includes_dir"), "_includes"),
        data_dir=_text(data.get("data_dir"), "_data"),
        collections_dir=_text(data.get("collections_dir")).strip("/"),
        theme=_text(data.get("theme") or data.get("remote_theme")) or None,
        kramdown=kramdown if isinstance(kramdown, dict) else {},
        markdown_exts=exts,
        config_file=name,
        converter=_text(data.get("markdown"), "kramdown").strip() or "kramdown",
        plugins=tuple(_str_list(data.get("plugins", data.get("gems")))),
        variables=data,
    )


# -- which files Jekyll reads --------------------------------------------------


@dataclass
class SiteFiles:
    """What a walk of the site found, before any file is parsed."""

    sources: list[SiteFile] = field(default_factory=list)  # files guidelint lints
    static: list[str] = field(default_factory=list)  # copied as they are
    layouts: set[str] = field(default_factory=set)  # layout names (file stem)
    includes: set[str] = field(default_factory=set)  # paths under _includes
    data_files: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # pages of other types (feed.xml ...)


class _Filter:
    """Jekyll's EntryFilter: special names, `exclude` and `include`.

    Each pattern matches as a glob or as a string prefix of the path (as
    Jekyll does); patterns are compiled once, and folders decided once.
    """

    def __init__(self, config: SiteConfig) -> None:
        self.root = config.root
        self.include = _Patterns(config.include)
        self.exclude = _Patterns(tuple(p for p in config.exclude if p not in config.include))
        self._folders: dict[str, bool] = {}

    def keep(self, rel: str, is_dir: bool) -> bool:
        if is_dir:
            known = self._folders.get(rel)
            if known is None:
                known = self._folders[rel] = self._keep(rel, True)
            return known
        return self._keep(rel, False)

    def keep_folder(self, rel: str) -> bool:
        """Whether the folder `rel` and every folder above it pass ("" is the root)."""
        if not rel:
            return True
        parent = rel.rpartition("/")[0]
        return self.keep(rel, True) and self.keep_folder(parent)

    def _keep(self, rel: str, is_dir: bool) -> bool:
        base = rel.rsplit("/", 1)[-1]
        if self.include.match(rel, is_dir) or self.include.match(base, is_dir):
            return True
        if self.exclude.match(rel, is_dir):
            return False
        return not (base.startswith(_SPECIAL_LEAD) or base.endswith("~"))


class _Patterns:
    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.prefixes = patterns
        self.folders = frozenset(p[:-1] for p in patterns if p.endswith("/"))
        self.glob = (
            re.compile("|".join(fnmatch.translate(p) for p in patterns)) if patterns else None
        )

    def match(self, rel: str, is_dir: bool) -> bool:
        if not self.prefixes:
            return False
        if rel.startswith(self.prefixes) or (is_dir and rel in self.folders):
            return True
        return self.glob is not None and self.glob.match(rel) is not None


def walk(config: SiteConfig) -> SiteFiles:
    """Find every file Jekyll would read, and what it would make of it."""
    found = SiteFiles()
    entry_filter = _Filter(config)
    root = config.root
    collection_dirs = {config.collection_dir(label): label for label in config.collections}
    special = {config.layouts_dir, config.includes_dir, config.data_dir}

    def files_under(rel_dir: str, filtered: bool) -> list[str]:
        out: list[str] = []
        stack = [rel_dir]
        while stack:
            current = stack.pop()
            try:
                entries = sorted(
                    os.scandir(root / current if current else root), key=lambda e: e.name
                )
            except OSError:
                continue  # unreadable folder: nothing Jekyll could read either
            for entry in entries:
                rel = f"{current}/{entry.name}" if current else entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                    if entry.is_symlink() and not _inside(root, entry.path):
                        continue  # never read outside the site
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    continue  # a symlink loop or a file gone while walking
                if filtered and not entry_filter.keep(rel, is_dir):
                    continue
                if is_dir:
                    stack.append(rel)
                elif is_file:
                    out.append(rel)
        return sorted(out)

    for rel in files_under("", False):
        top = rel.split("/", 1)[0]
        owner = next((d for d in collection_dirs if rel.startswith(d + "/")), None)
        if owner is not None:
            _add_collection_file(found, config, rel, collection_dirs[owner])
        elif top == config.layouts_dir:
            found.layouts.add(posixpath.splitext(rel[len(top) + 1 :])[0])
            if posixpath.splitext(rel)[1].lower() in LINTED_EXTS:
                found.sources.append(SiteFile(rel, Kind.LAYOUT))
        elif top == config.includes_dir:
            found.includes.add(rel[len(top) + 1 :])
            found.sources.append(SiteFile(rel, Kind.INCLUDE))
        elif top == config.data_dir:
            found.data_files.append(rel)
        elif top in special or not _kept_path(entry_filter, rel):
            continue
        else:
            _add_site_file(found, config, rel)
    return found


def _kept_path(entry_filter: _Filter, rel: str) -> bool:
    """Every folder on the way down, and the file itself, must pass the filter."""
    folder, _, _ = rel.rpartition("/")
    return entry_filter.keep_folder(folder) and entry_filter.keep(rel, False)


def _inside(root: Path, path: str) -> bool:
    try:
        real = Path(os.path.realpath(path))
    except (OSError, RuntimeError):
        return False
    return real == root.resolve() or root.resolve() in real.parents


def _add_site_file(found: SiteFiles, config: SiteConfig, rel: str) -> None:
    ext = posixpath.splitext(rel)[1].lower()
    if ext in config.markdown_exts or ext in urls.HTML_EXTS:
        # Parsing decides PAGE vs RAW_MARKDOWN / static from the first line.
        found.sources.append(SiteFile(rel, Kind.PAGE))
    elif _has_front_matter(config.root / rel):
        found.others.append(rel)
    else:
        found.static.append(rel)


def _add_collection_file(found: SiteFiles, config: SiteConfig, rel: str, label: str) -> None:
    inner = rel[len(config.collection_dir(label)) + 1 :]
    if any(part.startswith(_SPECIAL_LEAD) for part in inner.split("/")):
        return
    ext = posixpath.splitext(rel)[1].lower()
    if ext in config.markdown_exts or ext in urls.HTML_EXTS:
        found.sources.append(SiteFile(rel, Kind.DOCUMENT, label))
    else:
        found.static.append(rel)


def _has_front_matter(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.startswith(b"---") and head[3:].lstrip(b" \t\r").startswith(b"\n")


# -- front-matter defaults ----------------------------------------------------


def defaults_for(config: SiteConfig, rel: str, kind: str) -> dict[str, Any]:
    """Merged `defaults` values for a file, with Jekyll's precedence."""
    merged: dict[str, Any] = {}
    old: DefaultsRule | None = None
    for rule in config.defaults:
        if not (_applies_path(config, rule.path, rel) and (not rule.has_type or rule.type == kind)):
            continue
        if _has_precedence(old, rule):
            merged = deep_merge(merged, rule.values)
            old = rule
        else:
            merged = deep_merge(rule.values, merged)
    return merged


def _applies_path(config: SiteConfig, scope: str, rel: str) -> bool:
    if not scope:
        return True
    if config.collections_dir and scope.startswith(config.collections_dir + "/"):
        scope = scope[len(config.collections_dir) + 1 :]
    if "*" in scope:
        return fnmatch.fnmatchcase(rel, scope + "/*") or fnmatch.fnmatchcase(rel, scope)
    return rel.startswith(scope.lstrip("/"))


def _has_precedence(old: DefaultsRule | None, new: DefaultsRule) -> bool:
    if old is None:
        return True
    if len(new.path) != len(old.path):
        return len(new.path) >= len(old.path)
    if new.has_type:
        return True
    return not old.has_type


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`, merging nested mappings (Jekyll's deep_merge_hashes)."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


# -- URLs ------------------------------------------------------------------------


def page_url(config: SiteConfig, rel: str, data: dict[str, Any]) -> str:
    """The URL Jekyll publishes a page at (without the baseurl)."""
    folder, name = posixpath.split(rel)
    base, ext = posixpath.splitext(name)
    out_ext = urls.output_ext(ext) if ext.lower() not in config.markdown_exts else ".html"
    values = {"path": folder, "basename": base, "output_ext": out_ext}
    permalink = data.get("permalink")
    if isinstance(permalink, str) and permalink:
        return urls.sanitize(urls.fill(permalink, values))
    if out_ext.lower() not in urls.HTML_EXTS:
        template = "/:path/:basename:output_ext"
    elif base == "index":
        template = "/:path/"
    else:
        template = urls.add_suffix("/:path/:basename", config.permalink)
    return urls.sanitize(urls.fill(template, values))


def document_url(config: SiteConfig, collection: Collection, rel: str, data: dict[str, Any]) -> str:
    """The URL of a collection document (also reported when not output)."""
    inner = rel[len(config.collection_dir(collection.label)) + 1 :]
    inner_path, ext = posixpath.splitext(inner)
    base = posixpath.basename(inner_path)
    values = {
        "collection": collection.label,
        "path": inner_path,
        "name": urls.slugify(base),
        "title": urls.slugify(str(data.get("slug") or base)),
        "slug": urls.slugify(str(data.get("slug") or base)),
        "basename": base,
        "output_ext": ".html" if ext.lower() in config.markdown_exts else urls.output_ext(ext),
    }
    permalink = data.get("permalink")
    if isinstance(permalink, str) and permalink:
        template = permalink
    elif collection.label == "posts":
        template = _post_template(config, values, inner_path, data)
    elif collection.permalink:
        template = collection.permalink
    else:
        template = urls.add_suffix("/:collection/:path", config.permalink)
    return urls.sanitize(urls.fill(template, values))


def _post_template(
    config: SiteConfig, values: dict[str, str], inner_path: str, data: dict[str, Any]
) -> str:
    """Posts: date and title from `YYYY-MM-DD-title`, categories from front matter."""
    base = posixpath.basename(inner_path)
    parts = base.split("-", 3)
    if len(parts) == 4 and all(p.isdigit() for p in parts[:3]):
        year, month, day, title = parts
        values.update(
            year=year,
            month=month.zfill(2),
            day=day.zfill(2),
            i_month=str(int(month)),
            i_day=str(int(day)),
            short_year=year[-2:],
            title=urls.slugify(str(data.get("slug") or title)),
        )
        try:
            stamp = datetime.date(int(year), int(month), int(day))
            values["y_day"] = f"{stamp.timetuple().tm_yday:03d}"
        except ValueError:
            pass
    categories = data.get("categories") or data.get("category") or []
    if isinstance(categories, str):
        categories = categories.split()
    values["categories"] = (
        "/".join(urls.slugify(str(c)) for c in categories) if isinstance(categories, list) else ""
    )
    return urls.POST_STYLES.get(config.permalink, config.permalink)


def static_output(config: SiteConfig, rel: str) -> str | None:
    """Where Jekyll copies a static file, or None when it is not published.

    Site files keep their path; a collection's files go below the
    collection's name, and only when the collection is output.
    """
    for label, collection in config.collections.items():
        folder = config.collection_dir(label)
        if rel.startswith(folder + "/"):
            return f"{label}/{rel[len(folder) + 1 :]}" if collection.output else None
    return rel
