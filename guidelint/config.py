"""`.guidelint.yaml`: find it, validate it against the shipped schema, read it.

Zero config is a valid config: every field has a default that works on any
Jekyll site. A key the schema does not know stops the run (exit 2) with the
key named, since a silently ignored setting is worse than none.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guidelint import resources
from guidelint.errors import GuidelintError
from guidelint.findings import Severity
from guidelint.globs import glob_match
from guidelint.textfile import decode
from guidelint.yamlload import load

if TYPE_CHECKING:
    import jsonschema

CONFIG_NAMES = (".guidelint.yaml", "guidelint.yaml", ".guidelint.yml")
DEFAULT_CHAIN_KEYS = ("nextpage", "previouspage", "breadcrumbparent")
DEFAULT_MARKERS = {"GAP": Severity.WARNING, "UPLIFT": Severity.INFO, "TODO": Severity.WARNING}


@dataclass(frozen=True)
class SchemaChoice:
    """One `schemas:` entry: which pages (by layout, path glob or collection) use which file."""

    schema: Path
    layout: str | None = None
    path: str | None = None
    collection: str | None = None


@dataclass(frozen=True)
class LinkPolicy:
    """`links:`: the site's link conventions (None: the site has none) and ignored URLs."""

    baseurl: str | None = None  # "liquid" or "literal"
    trailing_slash: str | None = None  # "never" or "always"
    ignore: tuple[str, ...] = ()

    def ignored(self, site_path: str) -> bool:
        return any(glob_match(glob.lstrip("/"), site_path.lstrip("/")) for glob in self.ignore)


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file read, if any
    schemas: tuple[SchemaChoice, ...] = ()
    chain_keys: tuple[str, ...] = DEFAULT_CHAIN_KEYS
    url_fields: tuple[str, ...] = ()
    markers: dict[str, Severity] = field(default_factory=lambda: dict(DEFAULT_MARKERS))
    rule_packs: tuple[str, ...] = ()
    disabled_terms: frozenset[str] = frozenset()  # `pack:id` entries a site turns off
    includes: dict[str, dict[str, Any]] = field(default_factory=dict)
    links: LinkPolicy = LinkPolicy()
    liquid_tags: tuple[str, ...] = ()  # tags the site adds beyond Liquid's, Jekyll's, plugins'
    liquid_blocks: tuple[str, ...] = ()
    review: dict[str, Any] = field(default_factory=dict)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    precommit_severity: dict[str, Severity] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    baseline: Path | None = None


def find(site_root: Path) -> Path | None:
    """The config file nearest at or above the site root."""
    for folder in (site_root, *site_root.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.schema_path(resources.CONFIG_SCHEMA).read_text("utf-8"))
    import jsonschema  # 50 ms to import: only runs with a config file pay

    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def load_config(path: Path | None) -> Config:
    """Read and validate `path`; None gives the zero-config defaults."""
    if path is None:
        return Config()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GuidelintError(f"{path}: cannot read config: {exc.strerror}") from None
    loaded = load(decode(raw).text)
    if loaded.problems:
        problem = loaded.problems[0]
        raise GuidelintError(f"{path}:{problem.line}:{problem.column}: {problem.message}")
    data = {} if loaded.data is None else loaded.data
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = tuple(error.absolute_path)
        position = loaded.keys.get(where)
        line = f":{position.line}" if position else ""
        raise GuidelintError(f"{path}{line}: {_config_message(error)}")
    return _from_data(path, data)


def _config_message(error: jsonschema.ValidationError) -> str:
    location = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties":
        instance: Any = error.instance
        schema: Any = error.schema
        extra = sorted(set(instance) - set(schema.get("properties", {})))
        keys = ", ".join(repr(k) for k in extra)
        where = f" in '{location}'" if location else ""
        return f"unknown config key {keys}{where}"
    prefix = f"'{location}': " if location else ""
    return prefix + str(error.message)


def _codes(values: Any) -> tuple[str, ...]:
    return tuple(str(v).upper() for v in values or ())


def _from_data(path: Path, data: dict[str, Any]) -> Config:
    base = path.parent
    schemas = tuple(
        SchemaChoice(
            schema=_schema_file(base, entry["schema"]),
            layout=entry.get("layout"),
            path=entry.get("path"),
            collection=entry.get("collection"),
        )
        for entry in data.get("schemas", [])
    )
    chain = data.get("chain", {})
    markers = dict(DEFAULT_MARKERS)
    if "markers" in data:
        markers = {k.upper(): Severity.parse(v) for k, v in data["markers"].items()}
    baseline = data.get("baseline")
    return Config(
        path=path,
        schemas=schemas,
        chain_keys=tuple(chain.get("keys", DEFAULT_CHAIN_KEYS)),
        url_fields=tuple(chain.get("url_fields", ())),
        markers=markers,
        rule_packs=tuple(
            item if isinstance(item, str) else item["pack"] for item in data.get("rule_packs", ())
        ),
        disabled_terms=frozenset(
            f"{item['pack']}:{term}" if "/" not in item["pack"] else term
            for item in data.get("rule_packs", ())
            if isinstance(item, dict)
            for term in item.get("disable", ())
        ),
        includes=data.get("includes", {}),
        liquid_tags=tuple(data.get("liquid", {}).get("tags", ())),
        liquid_blocks=tuple(data.get("liquid", {}).get("blocks", ())),
        links=LinkPolicy(
            baseurl=data.get("links", {}).get("baseurl"),
            trailing_slash=data.get("links", {}).get("trailing_slash"),
            ignore=tuple(data.get("links", {}).get("ignore", ())),
        ),
        review=data.get("review", {}),
        select=_codes(data.get("select")),
        ignore=_codes(data.get("ignore")),
        severity={k: Severity.parse(v) for k, v in data.get("severity", {}).items()},
        precommit_severity={
            k: Severity.parse(v) for k, v in data.get("precommit_severity", {}).items()
        },
        per_file_ignores={k: _codes(v) for k, v in data.get("per_file_ignores", {}).items()},
        baseline=(base / baseline) if baseline else None,
    )


def _schema_file(base: Path, name: str) -> Path:
    """A shipped schema by name (`guide-page.json`), else a path relative to the config."""
    local = base / name
    if local.is_file():
        return local
    shipped = resources.schema_path(name)
    if "/" not in name and shipped.is_file():
        return shipped
    raise GuidelintError(
        f"schema '{name}' is neither a shipped schema "
        f"({', '.join(resources.shipped_schema_names())}) nor a file beside the config"
    )
