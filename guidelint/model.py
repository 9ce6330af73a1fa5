"""The page model: what every rule reads. Built once per file by `parse.py`.

Values here are plain and picklable, so pages can be built in worker
processes and, later, cached by content hash.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from guidelint.frontmatter import Split
from guidelint.includes import IncludeCall, include_calls
from guidelint.liquid import Token, raw_spans, tokenize
from guidelint.markdown import BodyStructure, line_of, parse_body
from guidelint.markers import Marker
from guidelint.markers import scan as scan_markers
from guidelint.suppress import Directive
from guidelint.suppress import scan as scan_suppressions
from guidelint.textfile import EncodingIssue
from guidelint.yamlload import Path, Position, YamlProblem


class Kind(enum.Enum):
    """What Jekyll makes of a source file."""

    PAGE = "page"  # rendered and published at `url`
    DOCUMENT = "document"  # a collection item (published only if the collection outputs)
    RAW_MARKDOWN = "raw-markdown"  # Markdown in a page location without front matter
    LAYOUT = "layout"
    INCLUDE = "include"


# Files Jekyll runs Liquid on (a Markdown file without front matter is copied raw).
RENDERED_KINDS = (Kind.PAGE, Kind.DOCUMENT, Kind.LAYOUT, Kind.INCLUDE)


@dataclass(frozen=True)
class SiteFile:
    """A file found by walking the site, before it is read."""

    path: str  # relative to the site root, `/` separators
    kind: Kind
    collection: str | None = None


class Body:
    """The page body (after the front matter), with its structure on demand.

    Markdown structure costs ten times the YAML, so it is built only when a
    rule asks, and only once.
    """

    __slots__ = (
        "_includes",
        "_liquid",
        "_markers",
        "_structure",
        "_suppressions",
        "first_line",
        "gfm",
        "markdown",
        "text",
    )

    def __init__(self, text: str, first_line: int, markdown: bool, gfm: bool = True) -> None:
        self.text = text
        self.first_line = first_line
        self.markdown = markdown
        self.gfm = gfm  # kramdown's input: GFM (Jekyll's default) or plain kramdown
        self._structure: BodyStructure | None = None
        self._liquid: list[Token] | None = None
        self._includes: list[IncludeCall] | None = None
        self._markers: list[Marker] | None = None
        self._suppressions: tuple[Directive, ...] | None = None

    @property
    def structure(self) -> BodyStructure:
        if self._structure is None:
            self._structure = parse_body(self.text, self.first_line, self.markdown, self.gfm)
        return self._structure

    @property
    def liquid(self) -> list[Token]:
        """The Liquid tags and outputs of the body, tokenized once for every rule."""
        if self._liquid is None:
            self._liquid = tokenize(self.text)
        return self._liquid

    @property
    def includes(self) -> list[IncludeCall]:
        """The include calls of the body, read once for every rule."""
        if self._includes is None:
            self._includes = include_calls(self.liquid)
        return self._includes

    @property
    def markers(self) -> list[Marker]:
        """Bracketed tags (`[GAP]`) of the body and where they stand, found once."""
        if self._markers is None:
            raw = raw_spans(self.liquid, len(self.text)) if "raw" in self.text else []
            self._markers = scan_markers(self.text, self.structure, raw)
        return self._markers

    @property
    def suppressions(self) -> tuple[Directive, ...]:
        """The `guidelint-disable` comments of the body, found once."""
        if self._suppressions is None:
            self._suppressions = (
                scan_suppressions(self.text, self.structure, self.first_line)
                if "guidelint-" in self.text
                else ()
            )
        return self._suppressions

    def line_of(self, offset: int) -> int:
        """File line of a body offset, for the few places that need one."""
        return self.first_line + self.text.count("\n", 0, offset)

    def __getstate__(self) -> tuple[str, int, bool, bool]:
        return (self.text, self.first_line, self.markdown, self.gfm)

    def __setstate__(self, state: tuple[str, int, bool, bool]) -> None:
        self.text, self.first_line, self.markdown, self.gfm = state
        self._structure = None
        self._liquid = None
        self._includes = None
        self._markers = None
        self._suppressions = None


@dataclass(frozen=True)
class Page:
    """One parsed source file.

    `front_matter` is the page's own YAML mapping (None without front matter
    or when it could not be loaded); `data` is that merged over the site's
    `defaults`, as Jekyll and its templates see it. `keys`/`values` give the
    file position of each front-matter key and value by path.
    """

    path: str
    kind: Kind
    collection: str | None
    text: str
    encoding_issues: tuple[EncodingIssue, ...]
    split: Split
    front_matter: dict[str, Any] | None
    data: dict[str, Any]
    keys: dict[Path, Position]
    values: dict[Path, Position]
    yaml_problems: tuple[YamlProblem, ...]
    body: Body
    url: str | None = None
    output_path: str | None = None
    binary: bool = False
    from_defaults: frozenset[str] = field(default_factory=frozenset)

    @property
    def title(self) -> str:
        """The page's `title` as templates print it ('' when it has none, or not a string)."""
        title = self.data.get("title")
        return title if isinstance(title, str) else ""

    def line_text(self, line: int) -> str:
        """The text of 1-based `line`, without its newline ('' past the end)."""
        return line_of(self.text, line)

    def key_position(self, path: Path) -> Position:
        """Where a front-matter key stands, or the nearest enclosing key.

        A key absent from the page (missing, or set by `defaults`) points at
        the front matter's first line.
        """
        probe = path
        while probe:
            found = self.keys.get(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return Position(1, 1)
