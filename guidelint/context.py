"""What page checks may consult besides the page: the site and the config.

Built once per run in the parent process and inherited by worker
processes; nothing here reads page files.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidelint import liquidtags, resources
from guidelint.anchors import IdOptions
from guidelint.cache import Deps
from guidelint.config import Config
from guidelint.errors import GuidelintError
from guidelint.globs import glob_match
from guidelint.locate import Locator
from guidelint.model import Page
from guidelint.packs import Term
from guidelint.site import SiteConfig
from guidelint.templates import Templates

DEFAULT_SCHEMA = "default-page.json"


@dataclass
class Context:
    site: SiteConfig
    config: Config
    layouts: frozenset[str]
    templates: Templates = field(default_factory=Templates)
    site_files: frozenset[str] = frozenset()  # every file of the site: read through has_file
    day: datetime.date = field(default_factory=datetime.date.today)  # read through `today`
    terms: list[Term] = field(default_factory=list)  # stale terms of the enabled rule packs
    id_options: IdOptions = field(default_factory=IdOptions)
    locator: Locator = field(init=False)
    liquid_tags: frozenset[str] = field(init=False)  # single tags the site knows
    liquid_blocks: frozenset[str] = field(init=False)  # block tags the site knows
    rule_codes: frozenset[str] = frozenset()  # every rule guidelint has, enabled or not
    _validators: dict[Path, Any] = field(default_factory=dict)
    # What the current page's checks read besides the page, for the cache.
    _read_today: bool = field(default=False, init=False)
    _looked_for: list[tuple[str, bool]] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.locator = Locator(self.site)
        self.liquid_tags = liquidtags.known_tags(self.site.plugins, self.config.liquid_tags)
        self.liquid_blocks = liquidtags.known_blocks(self.config.liquid_blocks)

    @property
    def today(self) -> datetime.date:
        """The date date rules count to; a page result that read it is only cached for it."""
        self._read_today = True
        return self.day

    def has_file(self, path: str) -> bool:
        """Whether the site has the file `path`; remembered with the page's result."""
        found = path in self.site_files
        self._looked_for.append((path, found))
        return found

    def begin_page(self) -> None:
        self._read_today = False
        self._looked_for = []

    def page_deps(self) -> Deps:
        """What the checks of the page since `begin_page` read besides the page."""
        return Deps(self.day if self._read_today else None, tuple(self._looked_for))

    def schema_for(self, page: Page) -> tuple[Path, Any]:
        """The schema file and compiled validator that apply to `page`."""
        layout = page.data.get("layout")
        for choice in self.config.schemas:
            if choice.layout is not None and choice.layout != layout:
                continue
            if choice.path is not None and not glob_match(choice.path, page.path):
                continue
            if choice.collection is not None and choice.collection != page.collection:
                continue
            return choice.schema, self.validator(choice.schema)
        default = resources.schema_path(DEFAULT_SCHEMA)
        return default, self.validator(default)

    def validator(self, path: Path) -> Any:
        """A compiled validator per schema file, built once per run."""
        cached = self._validators.get(path)
        if cached is None:
            cached = self._validators[path] = _compile(path)
        return cached


def _compile(path: Path) -> Any:
    try:
        schema = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GuidelintError(f"{path}: cannot read schema: {exc}") from None
    import jsonschema  # 50 ms to import: warm runs may validate nothing

    try:
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
        cls.check_schema(schema)
    except jsonschema.SchemaError as exc:
        raise GuidelintError(f"{path}: not a valid JSON Schema: {exc.message}") from None
    return cls(_inline_refs(schema, schema, ()), format_checker=cls.FORMAT_CHECKER)


def _inline_refs(node: Any, root: Any, seen: tuple[str, ...]) -> Any:
    """`node` with each plain local `{"$ref": "#/..."}` replaced by what it points at.

    jsonschema resolves references on every validation, which is half the
    cost of checking a page; local ones resolve to the same thing each time.
    Recursive references and any other kind are left to jsonschema.
    """
    if isinstance(node, list):
        return [_inline_refs(item, root, seen) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and len(node) == 1 and ref.startswith("#/") and ref not in seen:
        target: Any = root
        for part in ref[2:].split("/"):
            key = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and key in target:
                target = target[key]
            else:
                return node  # a broken reference: jsonschema will say so
        return _inline_refs(target, root, (*seen, ref))
    return {key: _inline_refs(value, root, seen) for key, value in node.items()}
