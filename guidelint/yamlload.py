"""Load front matter YAML safely, with a position for every key.

The document is composed into nodes by ruamel.yaml (its C parser when
installed) and the nodes are turned into plain Python values here, so that:
- no tag is ever constructed into an object (`!!python/...` is refused);
- scalars resolve as Jekyll's YAML 1.1 loader (Psych) resolves them
  (`yes` is true, `2024-01-31` is a date, an impossible date stays a string);
- aliases cannot expand without bound and nesting cannot recurse without bound;
- every key's line and column is recorded, so findings point at the key.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver

try:  # the C parser is ten times faster; the pure one gives the same nodes
    from _ruamel_yaml import CParser as _Parser

    _C_PARSER = True
except ImportError:  # pragma: no cover - depends on the platform's wheels
    from ruamel.yaml.composer import Composer as _Composer
    from ruamel.yaml.parser import Parser as _PyParser
    from ruamel.yaml.reader import Reader as _Reader
    from ruamel.yaml.scanner import Scanner as _Scanner

    _C_PARSER = False

MAX_NODES = 20_000  # after alias expansion; a real front matter has dozens
MAX_DEPTH = 100
PLAIN = "?plain"  # tag given to untagged plain scalars: resolved below, YAML 1.1 style

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based, in the file
    column: int  # 1-based


@dataclass(frozen=True)
class YamlProblem:
    message: str
    line: int
    column: int


@dataclass
class Loaded:
    """The result of loading one YAML text.

    `data` is None when the text could not be loaded. `keys` maps the path of
    every mapping key (and sequence item) to where it stands; `values` to
    where its value starts.
    """

    data: Any = None
    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)


if _C_PARSER:

    class _Loader(_Parser, BaseResolver):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            _Parser.__init__(self, text)
            BaseResolver.__init__(self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode and implicit[0]:
                return PLAIN
            return str(BaseResolver.resolve(self, kind, value, implicit))

else:  # pragma: no cover

    class _Loader(_Reader, _Scanner, _PyParser, _Composer, BaseResolver):  # type: ignore[no-redef]
        def __init__(self, text: str) -> None:
            _Reader.__init__(self, text, loader=self)
            _Scanner.__init__(self, loader=self)
            _PyParser.__init__(self, loader=self)
            _Composer.__init__(self, loader=self)
            BaseResolver.__init__(self, loadumper=self)

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            if kind is ScalarNode and implicit[0]:
                return PLAIN
            return str(BaseResolver.resolve(self, kind, value, implicit))


def nesting_estimate(text: str) -> int:
    """A cheap upper bound on nesting depth, checked before parsing.

    The composer recurses once per level, so a hostile `[[[[...` must be
    refused before it reaches the parser.
    """
    openers = text.count("[") + text.count("{")
    best = 0
    if openers > MAX_DEPTH:  # only then can flow nesting matter: scan it
        depth = 0
        for ch in text:
            if ch in "[{":
                depth += 1
                best = max(best, depth)
            elif ch in "]}":
                depth = max(0, depth - 1)
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.split("\n")), default=0)
    return best + indent // 2


def load(text: str, first_line: int = 1) -> Loaded:
    """Load `text`, whose first line is `first_line` of the file."""
    result = Loaded()
    if nesting_estimate(text) > MAX_DEPTH * 2:
        result.problems.append(
            YamlProblem(f"YAML is nested more than {MAX_DEPTH} levels deep", first_line, 1)
        )
        return result
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (
            _Placer(text, first_line).place(mark) if mark is not None else Position(first_line, 1)
        )
        problem = exc.problem or exc.context or "invalid YAML"
        result.problems.append(YamlProblem(f"YAML error: {problem}", where.line, where.column))
        return result
    except (YAMLError, RecursionError, ValueError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        result.problems.append(YamlProblem(f"YAML error: {message}", first_line, 1))
        return result
    if node is None:
        return result
    builder = _Builder(_Placer(text, first_line), result)
    try:
        builder.count(node, 0)
    except _TooBig as exc:
        result.problems.append(YamlProblem(str(exc), first_line, 1))
        return result
    result.data = builder.build(node, ())
    return result


class _TooBig(Exception):
    pass


_LONE_CR = re.compile(r"\r(?!\n)")


class _Placer:
    """File positions of YAML marks.

    libyaml also breaks lines at a lone CR, NEL, U+2028 and U+2029 (YAML
    1.1), but every other line number guidelint reports counts `\n` only;
    for such rare texts the position is recounted from the mark's index.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line
        self.exotic = (
            any(ch in text for ch in "\x85\u2028\u2029") or _LONE_CR.search(text) is not None
        )

    def place(self, mark: Any) -> Position:
        if not self.exotic:
            return Position(self.first_line + mark.line, mark.column + 1)
        index = min(mark.index, len(self.text))
        line_start = self.text.rfind("\n", 0, index) + 1
        return Position(self.first_line + self.text.count("\n", 0, index), index - line_start + 1)


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"yes", "true", "on"})
_FALSE = frozenset({"no", "false", "off"})
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_,]*)$")
_INT_BASE = re.compile(r"([-+]?)0(?:(b)[01_]+|(x)[0-9a-fA-F_]+|(o)?[0-7_]+)$")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_,]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"(\d{4})-(1[012]|0\d|\d)-([12]\d|3[01]|0\d|\d)$")
_TIMESTAMP = re.compile(
    r"(\d{4})-(\d\d?)-(\d\d?)(?:[Tt]|[ \t]+)(\d\d?):(\d\d):(\d\d)(?:\.(\d+))?"
    r"[ \t]*(Z|[-+]\d\d?(?::?\d\d)?)?$"
)


def resolve_plain(text: str) -> Any:
    """Resolve an untagged plain scalar the way Psych (YAML 1.1) does."""
    if text in _NULLS:
        return None
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    first = text[0]
    if first.isdigit() or first in "+-.":
        return _resolve_number_or_date(text, low)
    return text


def _resolve_number_or_date(text: str, low: str) -> Any:
    if _INT.match(text):
        try:
            return int(text.replace("_", "").replace(",", ""))
        except ValueError:  # over Python's 4,300-digit limit: no page means such a number
            return text
    based = _INT_BASE.match(text)
    if based:
        sign = -1 if based.group(1) == "-" else 1
        digits = text.lstrip("+-")[1:].replace("_", "")
        if based.group(2):
            return sign * int(digits[1:], 2)
        if based.group(3):
            return sign * int(digits[1:], 16)
        return sign * int(digits.lstrip("o") or "0", 8)
    if low in (".inf", "+.inf"):
        return math.inf
    if low == "-.inf":
        return -math.inf
    if low == ".nan":
        return math.nan
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        try:
            return float(text.replace("_", "").replace(",", ""))
        except ValueError:
            return text
    date = _DATE.match(text)
    if date:
        try:
            return datetime.date(int(date.group(1)), int(date.group(2)), int(date.group(3)))
        except ValueError:
            return text  # Psych keeps an impossible date as a string
    stamp = _TIMESTAMP.match(text)
    if stamp:
        return _timestamp(stamp) or text
    return text


def _timestamp(m: re.Match[str]) -> datetime.datetime | None:
    year, month, day, hour, minute, second = (int(m.group(i)) for i in range(1, 7))
    micro = int((m.group(7) or "0")[:6].ljust(6, "0"))
    tz: datetime.tzinfo | None = None
    zone = m.group(8)
    if zone == "Z":
        tz = datetime.UTC
    elif zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        hours, minutes = digits[:2] if len(digits) > 2 else digits, digits[2:] or "0"
        offset = datetime.timedelta(hours=int(hours), minutes=int(minutes))
        if offset >= datetime.timedelta(hours=24):
            return None
        tz = datetime.timezone(sign * offset)
    try:
        return datetime.datetime(year, month, day, hour, minute, second, micro, tzinfo=tz)
    except ValueError:
        return None


_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}


class _Builder:
    """Nodes to plain values, recording positions; never constructs a tag."""

    def __init__(self, placer: _Placer, out: Loaded) -> None:
        self.placer = placer
        self.out = out
        self.sizes: dict[int, int] = {}

    def pos(self, node: Node) -> Position:
        return self.placer.place(node.start_mark)

    def count(self, node: Node, depth: int) -> int:
        """Size of `node` after alias expansion; raises _TooBig past the limits."""
        key = id(node)
        known = self.sizes.get(key)
        if known is not None:
            if known < 0:
                raise _TooBig("YAML alias refers to itself (a recursive structure)")
            return known
        if depth > MAX_DEPTH:
            raise _TooBig(f"YAML is nested more than {MAX_DEPTH} levels deep")
        self.sizes[key] = -1
        total = 1
        if isinstance(node, MappingNode):
            for k, v in node.value:
                total += self.count(k, depth + 1) + self.count(v, depth + 1)
        elif isinstance(node, SequenceNode):
            for item in node.value:
                total += self.count(item, depth + 1)
        if total > MAX_NODES:
            raise _TooBig(
                f"YAML expands to more than {MAX_NODES} values (an alias bomb?); not loaded"
            )
        self.sizes[key] = total
        return total

    def build(self, node: Node, path: Path) -> Any:
        tag = _tag(node)
        if tag not in _STANDARD_TAGS and tag != PLAIN and not _is_default_tag(tag):
            line = self.pos(node)
            self.out.problems.append(
                YamlProblem(
                    f"YAML tag {_short_tag(tag)} is not supported in front matter; "
                    "it is read as a plain value and never constructed",
                    line.line,
                    line.column,
                )
            )
        if isinstance(node, MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.out.keys.setdefault((*path, index), self.pos(item))
                self.out.values.setdefault((*path, index), self.pos(item))
                items.append(self.build(item, (*path, index)))
            return items
        return self.build_scalar(node, tag)

    def build_scalar(self, node: Node, tag: str) -> Any:
        value = str(node.value)
        if tag == PLAIN:
            return resolve_plain(value)
        if tag == "tag:yaml.org,2002:int":
            resolved = resolve_plain(value)
            return resolved if isinstance(resolved, int) else value
        if tag == "tag:yaml.org,2002:float":
            resolved = resolve_plain(value)
            return float(resolved) if isinstance(resolved, int | float) else value
        if tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"):
            return resolve_plain(value)
        if tag == "tag:yaml.org,2002:timestamp":
            resolved = resolve_plain(value)
            return resolved if isinstance(resolved, datetime.date) else value
        return value

    def build_mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_tag = _tag(key_node)
            if key_tag == "tag:yaml.org,2002:merge" or (
                isinstance(key_node, ScalarNode) and key_node.value == "<<" and key_tag == PLAIN
            ):
                for source in self.merge_sources(value_node, path):
                    for k, v in source.items():
                        merged.setdefault(k, v)
                continue
            if not isinstance(key_node, ScalarNode):
                where = self.pos(key_node)
                self.out.problems.append(
                    YamlProblem(
                        "a key must be a plain value, not a list or mapping",
                        where.line,
                        where.column,
                    )
                )
                continue
            key = _key_text(key_node)
            key_path = (*path, key)
            if key in result:
                where = self.pos(key_node)
                first = self.out.keys.get(key_path)
                earlier = f" (first on line {first.line})" if first else ""
                self.out.problems.append(
                    YamlProblem(
                        f"duplicate key '{key}'{earlier}; the last one wins",
                        where.line,
                        where.column,
                    )
                )
            else:
                self.out.keys[key_path] = self.pos(key_node)
            self.out.values[key_path] = self.pos(value_node)
            result[key] = self.build(value_node, key_path)
        for k, v in merged.items():
            result.setdefault(k, v)
        return result

    def merge_sources(self, node: Node, path: Path) -> list[dict[str, Any]]:
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        sources = []
        for item in nodes:
            if isinstance(item, MappingNode):
                sources.append(self.build_mapping(item, path))
            else:
                where = self.pos(item)
                self.out.problems.append(
                    YamlProblem(
                        "a merge key (<<) needs a mapping or a list of mappings",
                        where.line,
                        where.column,
                    )
                )
        return sources


_TAG_TEXT: dict[tuple[Any, Any], str] = {}


def _tag(node: Node) -> str:
    """A node's tag as text. ruamel decodes it afresh on every access, one
    character at a time; the few distinct tags of a run are decoded once."""
    ctag = node.ctag
    key = (ctag.handle, ctag.suffix)
    text = _TAG_TEXT.get(key)
    if text is None:
        text = str(ctag)
        if len(_TAG_TEXT) < 1000:  # hostile files may hold many distinct tags
            _TAG_TEXT[key] = text
    return text


def _key_text(node: ScalarNode) -> str:
    """A key as Jekyll's templates see it: its text, whatever YAML type it has."""
    if _tag(node) == PLAIN:
        value = resolve_plain(str(node.value))
        if isinstance(value, str):
            return value
    return str(node.value)


def _is_default_tag(tag: str) -> bool:
    # The non-specific tag `!` asks for the kind's default, which is no object.
    return tag in ("!", "?")


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag
