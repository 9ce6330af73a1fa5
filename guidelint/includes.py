"""Include calls and variables of a page, read from its Liquid tokens.

Jekyll's include tag: a file name (literal, or Liquid that names one at
render time), then `key=value` parameters whose value is a quoted string
or a variable (`[\\w.-]+`). Variables a page defines are its `capture` and
`assign` names and `for` loop variables, in render order.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from guidelint.liquid import Token

_PARAM = re.compile(
    r"""([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([\w.\-\[\]]+))""", re.S
)
_FILE = re.compile(r"\s*((?:\{\{.*?\}\}|[^\s{])+)", re.S)
_IDENT = re.compile(r"""(?:"[^"]*"|'[^']*')|([A-Za-z_][\w-]*)""")
_DEFINES = {"capture", "assign"}
# Names every page can use without defining them.
GLOBALS = frozenset(
    {"site", "page", "layout", "include", "content", "paginator", "jekyll", "forloop",
     "true", "false", "nil", "null", "empty", "blank", "tablerowloop"}
)  # fmt: skip


class Param(NamedTuple):
    name: str
    value: str
    quoted: bool
    name_offset: int  # body offset of the parameter's name
    value_offset: int


class IncludeCall(NamedTuple):
    token: Token
    relative: bool  # include_relative
    file: str  # as written; Liquid in it means it is named at render time
    file_offset: int
    params: tuple[Param, ...]

    @property
    def variable_file(self) -> bool:
        return "{{" in self.file


def include_calls(tokens: list[Token]) -> list[IncludeCall]:
    """Every `{% include %}` / `{% include_relative %}` with its parts placed.

    A tag's markup starts right after its name (leading space removed), so
    an offset inside it plus `markup_start` is a body offset.
    """
    calls: list[IncludeCall] = []
    in_comment = 0  # `{% comment %}` drops what it holds: its includes never run
    for token in tokens:
        if token.kind != "tag":
            continue
        if token.name in ("comment", "endcomment"):
            in_comment = max(0, in_comment + (1 if token.name == "comment" else -1))
            continue
        if in_comment or token.name not in ("include", "include_relative"):
            continue
        markup = token.markup
        found = _FILE.match(markup)
        if not token.closed or found is None:
            continue
        params = tuple(_param(m, token.markup_start) for m in _PARAM.finditer(markup, found.end()))
        calls.append(
            IncludeCall(
                token,
                token.name == "include_relative",
                found.group(1),
                token.markup_start + found.start(1),
                params,
            )
        )
    return calls


def _param(m: re.Match[str], base: int) -> Param:
    group = next(g for g in (2, 3, 4) if m.group(g) is not None)
    return Param(m.group(1), m.group(group), group != 4, base + m.start(1), base + m.start(group))


def definitions(tokens: list[Token]) -> list[tuple[str, Token]]:
    """(name, tag) for each `capture`, `assign` and `for` variable, in order."""
    found: list[tuple[str, Token]] = []
    for token in tokens:
        if token.kind != "tag" or not token.markup:
            continue
        if token.name in _DEFINES or token.name == "for":
            name = re.match(r"[A-Za-z_][\w-]*", token.markup)
            if name:
                found.append((name.group(), token))
    return found


def uses(token: Token) -> list[str]:
    """Variable names a token reads (outside quoted strings)."""
    if token.kind == "tag" and token.name in ("capture", "comment", "raw", "endraw"):
        return []
    if token.kind == "tag" and token.name in ("include", "include_relative"):
        names: list[str] = []
        for call in include_calls([token]):
            names.extend(
                _IDENT.findall(re.sub(r"\{\{|\}\}", " ", call.file) if call.variable_file else "")
            )
            names.extend(root_name(p.value) for p in call.params if not p.quoted)
        return [n for n in names if n]
    markup = token.markup
    if token.kind == "tag" and token.name in ("assign", "for"):
        markup = re.sub(r"^[A-Za-z_][\w-]*\s*(=|in\b)?", "", markup)
    names = []
    for m in _IDENT.finditer(markup):
        if m.group(1):
            names.append(m.group(1))
    return names


def root_name(value: str) -> str:
    """`note_1` of `note_1`, `page` of `page.title` or `items[0]`."""
    return re.split(r"[.\[]", value, maxsplit=1)[0]
