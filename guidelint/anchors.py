"""Heading IDs exactly as kramdown gives them under Jekyll.

A `#fragment` link is only as good as the id it names, and kramdown's ids are
not a "slugify": they come from the heading's *parsed* text (emphasis gone,
link text kept, images dropped, entities decoded, `--` turned into a dash that
then vanishes), and the algorithm depends on the input format. With GFM input
(Jekyll's default) kramdown-parser-gfm lower-cases that text, keeps Unicode
word characters, `-`, spaces and tabs, turns spaces and tabs into `-` and counts
duplicates per bare id. With `input: kramdown` the converter keeps ASCII only,
cuts leading non-letters, falls back to `section`, and uses the raw source text
unless `auto_id_stripping` is on. Everything here was read from kramdown 2.4.0
and kramdown-parser-gfm 1.1.0 and is checked against ids a real `jekyll build`
published (tests/golden/kramdown, recorded by tools/kramdown_golden.py).

All functions are pure and never raise, whatever the text: linting a page
must not stop on an odd heading.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html as htmllib
import math
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cache

__all__ = [
    "HeadingIds",
    "IdOptions",
    "expand_liquid",
    "html_ids",
    "ial_id",
    "inline_text",
    "split_explicit_id",
]

# Ruby's \s and String#strip are ASCII-only; Python's are not.
_WS = " \t\n\v\f\r"
_RUBY_STRIP = _WS + "\0"
_S = r"[ \t\n\v\f\r]"


def _rstrip(text: str) -> str:
    return text.rstrip(_RUBY_STRIP)


def _strip(text: str) -> str:
    return text.strip(_RUBY_STRIP)


def _downcase(text: str) -> str:
    """Ruby's String#downcase: full case mapping, but no final-sigma rule."""
    return "".join(ch.lower() for ch in text)


# ---------------------------------------------------------------------------
# Options


def _ruby_to_s(value: object) -> str:
    """Roughly Ruby's `to_s` on a YAML value, as kramdown's option parser applies it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "NaN" if math.isnan(value) else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_ruby_inspect(v) for v in value) + "]"
    if isinstance(value, Mapping):
        pairs = (f"{_ruby_inspect(k)}=>{_ruby_inspect(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return str(value)


def _ruby_inspect(value: object) -> str:
    if value is None:
        return "nil"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return _ruby_to_s(value)


def _ruby_bool(value: object, default: bool) -> bool:
    """kramdown's Boolean option parsing; None keeps `default` (Jekyll's merge skips nil)."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = _ruby_to_s(value)
    return _strip(_downcase(text)) != "false" and text != ""


@dataclass(frozen=True)
class IdOptions:
    """The kramdown options that decide heading ids."""

    auto_ids: bool = True
    auto_id_prefix: str = ""
    auto_id_stripping: bool = False
    transliterated_header_ids: bool = False
    gfm: bool = True  # input GFM (Jekyll's default) or plain kramdown

    @classmethod
    def from_config(cls, kramdown: Mapping[str, object] | None) -> IdOptions:
        """From `_config.yml`'s `kramdown:` mapping, merged over Jekyll's defaults.

        Jekyll's deep merge ignores null values, so `auto_ids:` left empty
        stays true; other values go through kramdown's own coercion (any
        string but "false" is true, a number prefix is its digits). Jekyll
        itself fails on `input: gfm` in lower case; here any case means GFM.
        """
        if not isinstance(kramdown, Mapping):
            return cls()
        source = kramdown.get("input")
        return cls(
            auto_ids=_ruby_bool(kramdown.get("auto_ids"), True),
            auto_id_prefix=_ruby_to_s(kramdown.get("auto_id_prefix")),
            auto_id_stripping=_ruby_bool(kramdown.get("auto_id_stripping"), False),
            transliterated_header_ids=_ruby_bool(kramdown.get("transliterated_header_ids"), False),
            gfm=source is None or _strip(_ruby_to_s(source)).upper() == "GFM",
        )


# ---------------------------------------------------------------------------
# Explicit ids: `## Title {#id}`

# REXML's XML name characters, which kramdown's HEADER_ID pattern uses.
_NAME_START = (
    ":A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
_HEADER_ID = re.compile(rf"[\t ]\{{#([{_NAME_START}][{_NAME_CHAR}]*)\}}\Z")
_GFM_CLOSING = re.compile(r"[\t ]#+\Z")
_KRAMDOWN_CLOSING = re.compile(r"(?<!\\)#+\Z")


def split_explicit_id(
    content: str, *, atx: bool = False, gfm: bool = True
) -> tuple[str, str | None]:
    """Heading content -> (text, explicit id or None), per kramdown.

    `content` is what follows the opening #s of an ATX heading, or the text
    line of a setext heading (indentation removed). kramdown takes `{#id}`
    only at the very end, after a space or tab, and only when the id is an
    XML name (so `{#1abc}` and `{#-x}` stay in the text).

    kramdown removes an ATX heading's closing #s *after* looking for the id,
    so `## Title {#x} ##` keeps `{#x}` as text. For that to come out right,
    pass the content with its closing #s and `atx=True` (`gfm` picks the
    closing rule: GFM needs a space before them, kramdown does not, so there
    `## C#` reads "C"). An empty text means kramdown makes no heading.
    """
    text = _rstrip(content.lstrip(" \t") if atx else content)
    explicit: str | None = None
    found = _HEADER_ID.search(text)
    if found:
        explicit = found.group(1)
        text = _rstrip(text[: found.start()])
    if atx:
        stripped, count = (_GFM_CLOSING if gfm else _KRAMDOWN_CLOSING).subn("", text)
        if count:
            text = _rstrip(stripped)
    return text, explicit


# ---------------------------------------------------------------------------
# Inline Markdown, parsed the way kramdown's span parsers do it


class _Node:
    """A span element: `kind` is text, codespan, math, entity, quote, typo or el."""

    __slots__ = ("children", "kind", "raw", "value")

    def __init__(self, kind: str, value: str = "") -> None:
        self.kind = kind
        self.value = value  # text, or the element type for kind "el"
        self.children: list[_Node] = []
        self.raw = False  # an HTML element whose content is not Markdown


_NCNAME = r"[^\W\d][\w.\-]*"
_UNAME = rf"(?:{_NCNAME}:)?{_NCNAME}"
_HTML_TAG = re.compile(
    rf"<((?>{_UNAME})){_S}*((?>{_S}+{_UNAME}(?:{_S}*={_S}*"
    rf"""(?:[^ \t\n\v\f\r"'=<>`/]+|("|').*?\3))?)*){_S}*(/)?>""",
    re.S,
)
_HTML_ATTR = re.compile(
    rf"""{_S}*({_UNAME})(?:{_S}*={_S}*(?:([^ \t\n\v\f\r"'=<>`/]+)|("|')(.*?)\3))?""", re.S
)
_HTML_TAG_CLOSE = re.compile(rf"</({_UNAME}){_S}*>", re.S)
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# kramdown's HTML element tables (parser/html.rb): how span-level tags are read.
_CONTENT_BLOCK = _words(
    "address applet article aside blockquote body dd details div dl fieldset figure "
    "figcaption footer form header hgroup iframe li main map menu nav noscript object "
    "section summary td"
)
_CONTENT_SPAN = _words(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins "
    "label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th "
    "tt"
)
_CONTENT_RAW = _words("script style math option textarea pre code kbd samp var")
_SPAN_ELEMENTS = _words(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label "
    "mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var"
)
_BLOCK_ELEMENTS = _words(
    "address article aside applet body blockquote caption col colgroup dd div dl dt "
    "fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe "
    "legend menu li main map nav ol optgroup p pre section summary table tbody td th "
    "thead tfoot tr ul"
)
_NO_BODY = _words(
    "area base br col command embed hr img input keygen link meta param source track wbr"
)
_KNOWN_ELEMENTS = (
    _SPAN_ELEMENTS | _BLOCK_ELEMENTS | _NO_BODY | _CONTENT_BLOCK | _CONTENT_SPAN | _CONTENT_RAW
)


def _is_word(ch: str) -> bool:
    """Onigmo's \\p{Word}: letters, marks, decimal and letter numbers, connectors.

    Also the circled letters, which are Alphabetic though their category is So.
    """
    cat = unicodedata.category(ch)
    if cat[0] in "LM" or cat in ("Nd", "Nl", "Pc"):
        return True
    code = ord(ch)
    return (
        0x24B6 <= code <= 0x24E9
        or 0x1F130 <= code <= 0x1F149
        or 0x1F150 <= code <= 0x1F169
        or 0x1F170 <= code <= 0x1F189
    )


# Combining marks that count as letters (Unicode's Other_Alphabetic, as the
# regexp engine of Ruby 3.1 has it, Unicode 13; ranges may run over
# non-marks, which are never looked up here). Onigmo's [[:alpha:]] includes
# them, and kramdown asks [[:alpha:]] whether an underscore is inside a word.
_ALPHABETIC_MARK_RANGES = (
    "345 5B0-657 659-6DC 6E1-6E8 6ED-73F 7A6-7B0 816-817 81B-82C 8D4-8DF 8E3-8E9 8F0-93B "
    "93E-94C 94E-94F 955-983 9BE-9CC 9D7-9E3 A01-A03 A3E-A4C A51-A83 ABE-ACC AE2-AFC B01-B03 "
    "B3E-B4C B56-BCC BD7-C03 C3E-C4C C55-C83 CBE-CCC CD5-D03 D3E-D4C D57-D83 DCF-E3A E4D "
    "EB1-EB9 EBB-EBC ECD F71-F81 F8D-FBC 102B-1036 1038 103B-109D 1712-1713 1732-1733 1752-1773 "
    "17B6-17C8 1885-1938 1A17-1A5E 1A61-1A74 1ABF-1B04 1B35-1B43 1B80-1BA9 1BAC-1BAD 1BE7-1BF1 "
    "1C24-1C36 1DE7-1DF4 2DE0-2DFF A674-A67B A69E-A69F A802 A80B-A827 A880-A8C3 A8C5 A8FF-A92A "
    "A947-A952 A980-A983 A9B4-A9BF A9E5-AABE AAEB-AAF5 ABE3-ABEA FB1E 10376-10A0F 10D24-10EAC "
    "11000-11045 11082-110B8 11100-11132 11145-11146 11180-111BF 111CE-11234 11237-112E8 "
    "11300-11303 1133E-1134C 11357-11363 11435-11441 11443-11445 114B0-114C1 115AF-115BE "
    "115DC-1163E 11640-116B5 1171D-1172A 1182C-11838 11930-1193C 11940-11942 119D1-119DF "
    "119E4-11A0A 11A35-11A3E 11A51-11A97 11C2F-11C3E 11C92-11D41 11D43 11D47-11D96 11EF3-11EF6 "
    "16F4F-16F92 16FF0-16FF1 1BC9E 1E000-1E02A 1E947"
)


def _hex_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """`"345 5B0-657"` -> ((0x345, 0x345), (0x5B0, 0x657))."""
    items = (item.partition("-") for item in text.split())
    return tuple((int(lo, 16), int(hi or lo, 16)) for lo, _, hi in items)


_ALPHABETIC_MARKS = _hex_ranges(_ALPHABETIC_MARK_RANGES)
_ALPHABETIC_MARK_STARTS = tuple(start for start, _ in _ALPHABETIC_MARKS)


def _is_alpha(ch: str) -> bool:
    """Onigmo's [[:alpha:]] (Unicode Alphabetic)."""
    cat = unicodedata.category(ch)
    if cat[0] == "L" or cat == "Nl":
        return True
    if cat[0] == "M":
        i = bisect.bisect_right(_ALPHABETIC_MARK_STARTS, ord(ch)) - 1
        return i >= 0 and ord(ch) <= _ALPHABETIC_MARKS[i][1]
    return cat == "So" and _is_word(ch)  # the circled letters


def _is_alnum(ch: str) -> bool:
    """Onigmo's [[:alnum:]]: Alphabetic or a decimal digit."""
    return _is_alpha(ch) or unicodedata.category(ch) == "Nd"


def _is_name(name: str) -> bool:
    """REXML's UNAME with Onigmo's classes: `[[:alpha:]_][-[:alnum:]._]*`, one prefix."""
    return all(
        part != ""
        and (_is_alpha(part[0]) or part[0] == "_")
        and all(_is_alnum(ch) or ch in "-._" for ch in part[1:])
        for part in name.split(":", 1)
    )


def _tag_is_valid(match: re.Match[str]) -> bool:
    """Whether kramdown reads this as a tag (the regexps above are a little wider).

    Names must be made of Ruby's letters and digits, and unquoted values of
    \\p{Word} characters; otherwise kramdown prints the tag as text.
    """
    return _is_name(match.group(1)) and all(
        _is_name(name) and all(_is_word(ch) for ch in unquoted)
        for name, unquoted, _, _ in _HTML_ATTR.findall(match.group(2) or "")
    )


def _attributes(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, lower-cased name, value or None) of each attribute in a tag's attribute text."""
    out: list[tuple[int, str, str | None]] = []
    for found in _HTML_ATTR.finditer(text):
        value = found.group(2) if found.group(2) is not None else found.group(4)
        out.append((found.start(1), found.group(1).lower(), value))
    return out


# kramdown's entity table is HTML 4's plus `apos` and `vellip`, with numeric
# references 128-159 read as Windows-1252 (`&#150;` is an en dash).
_ENTITY_FIXES = {"apos": 39, "vellip": 8942, "lceil": 8969, "rceil": 8968}
_CP1252_UNMAPPED = frozenset({129, 141, 143, 144, 157})


@cache
def _entity_names() -> dict[str, int]:
    from html.entities import name2codepoint

    return {**name2codepoint, **_ENTITY_FIXES}


def _entity_char(code: int) -> str:
    if 128 <= code <= 159 and code not in _CP1252_UNMAPPED:
        return bytes([code]).decode("cp1252")
    if 0 <= code <= 0x10FFFF:
        return chr(code)
    return ""  # kramdown fails the whole build on these


_TYPO_CHARS = {
    "mdash": "\u2014",
    "ndash": "\u2013",
    "hellip": "\u2026",
    "laquo": "\u00ab",
    "raquo": "\u00bb",
    "laquo_space": "\u00ab\u00a0",
    "raquo_space": "\u00a0\u00bb",
}
_TYPO_SUBST = {
    "---": "mdash",
    "--": "ndash",
    "...": "hellip",
    "<< ": "laquo_space",
    " >>": "raquo_space",
    "<<": "laquo",
    ">>": "raquo",
}

# kramdown's smart-quote rules, tried in order at the quote (or the character
# before it); an int gives a group back as text.
_SQ_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_SQ_CLOSE = r"[^ \\\t\r\n\[{(\-]"
_W = "[A-Za-z0-9_]"
_SQ_RULES: list[tuple[re.Pattern[str], tuple[int | str, ...]]] = [
    (re.compile(r"""("|')(?=[_*]{1,2}[^ \t\n\v\f\r])"""), ("lquote1",)),
    # kramdown's pattern ends `(?!\.\.)\B)`; the \B is _sq_boundary_ok's, as only
    # there can a boundary be taken between \p{Word} characters, as Ruby does.
    (re.compile(rf"""("|')(?={_SQ_PUNCT}(?!\.\.))"""), ("rquote1",)),
    (re.compile(rf"""({_S}?)"'(?={_W})"""), (1, "ldquo", "lsquo")),
    (re.compile(rf"""({_S}?)'"(?={_W})"""), (1, "lsquo", "ldquo")),
    (re.compile(rf"""({_S}?)'(?=[0-9][0-9]s)"""), (1, "rsquo")),
    (re.compile(rf"""({_S})('|")(?={_W})"""), (1, "lquote2")),
    (re.compile(rf"""({_SQ_CLOSE})('|")"""), (1, "rquote2")),
    (re.compile(rf"""("|')(?={_S}|s|$)""", re.M), ("rquote1",)),  # s\b: _sq_boundary_ok
    (re.compile(r"(.?)'", re.S), (1, "lsquo")),
    (re.compile(r'(.?)"', re.S), (1, "ldquo")),
]


def _word_at(src: str, pos: int) -> bool:
    """Whether Onigmo's \\b sees a word character at `pos` (it counts ¹²³¼½¾ too)."""
    return 0 <= pos < len(src) and (
        _is_word(src[pos]) or src[pos] in "\u00b2\u00b3\u00b9\u00bc\u00bd\u00be"
    )


def _sq_boundary_ok(rule: int, src: str, end: int) -> bool:
    """The \\B of _SQ_RULES[1] and the \\b of _SQ_RULES[7], as Ruby sees word boundaries."""
    if rule == 1:  # \B after the punctuation character that follows the quote
        return _word_at(src, end) == _word_at(src, end + 1)
    if rule == 7 and src.startswith("s", end):  # `s\b`: the s must end a word
        return not _word_at(src, end + 1)
    return True


_QUOTES = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d"}

_ESCAPABLE = "\\\\.*_+`<>()\\[\\]{}#!:|\"'$=\\-"
_ALD_NAME = r"[A-Za-z0-9_][A-Za-z0-9_\-]*"
_ANY = r"(?:\\\}|[^}])"

# Each span parser: (the pattern that finds where it may start, the pattern
# that must match there). Listed in kramdown's order, which decides ties.
_SPAN = {
    "emphasis": (r"\*|_", re.compile(r"\*\*?|__?")),
    "codespan": (r"`", re.compile(r"`+")),
    "autolink": (r"<", re.compile(r"<((mailto|https?|ftps?):.+?|[\w.\-]+?@[\w.\-]+?)>")),
    "span_html": (r"<", re.compile(rf"<({_UNAME}|!--|/)")),
    "footnote_marker": (r"\[", re.compile(rf"\[\^({_ALD_NAME})\]")),
    "link": (r"!?\[", re.compile(r"!?\[(?=[^^])")),
    "smart_quotes": (r"[^\\]?[\"']", re.compile(r"[^\\]?[\"']")),
    "inline_math": (r"\$", re.compile(r"\$\$(.*?)\$\$", re.S)),
    "span_extensions": (r"\{:", re.compile(r"\{:")),
    "html_entity": (
        r"&",
        re.compile(r"&([\w:][\-\w.:]*);|&#(\d+);|&\#x([0-9a-fA-F]+);", re.ASCII),
    ),
    "typographic_syms": (
        r"--|\.\.\.|(?:\\| )?(?:<<|>>)",
        re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>"),
    ),
    "line_break": (r"(?:  |\\\\)(?=\n)", re.compile(r"(?:  |\\\\)(?=\n)")),
    "escaped_chars": (r"\\", re.compile(rf"\\([{_ESCAPABLE}])")),
    "escaped_chars_gfm": (r"\\", re.compile(rf"\\([{_ESCAPABLE}~])")),
    "strikethrough": (
        r"~~",
        re.compile(r"~~(?![ \t\n\v\f\r]|~).*?[^ \t\n\v\f\r~]~~", re.S),
    ),
}
_KRAMDOWN_PARSERS = (
    "emphasis",
    "codespan",
    "autolink",
    "span_html",
    "footnote_marker",
    "link",
    "smart_quotes",
    "inline_math",
    "span_extensions",
    "html_entity",
    "typographic_syms",
    "line_break",
    "escaped_chars",
)
_GFM_PARSERS = (*_KRAMDOWN_PARSERS[:-1], "escaped_chars_gfm", "strikethrough")
_EXT_SPAN = re.compile(rf"\{{::(\w+)(?:{_S}({_ANY}*?)|)(/)?\}}|\{{:/({_ALD_NAME})?\}}", re.ASCII)
_IAL_SPAN = re.compile(rf"\{{:({_ANY}+)\}}")
_LINK_BRACKET_STOP = re.compile(r"(\])|!?\[")
_LINK_PAREN_STOP = re.compile(r"(\()|(\))|[ \t\n\v\f\r](?=['\"])")
_LINK_INLINE_ID = re.compile(r"[ \t\n\v\f\r]*?\[([^\]]+)?\]")
_LINK_INLINE_TITLE = re.compile(r"[ \t\n\v\f\r]*?([\"'])(.+?)\1[ \t\n\v\f\r]*?\)", re.S)
_LINK_ANGLE_URL = re.compile(r"\(<(.*?)>")
_KRAMDOWN_ESCAPED = re.compile(rf"\\([{_ESCAPABLE}])")
# Past this nesting depth an opener is read as plain text, so that no input
# can exhaust Python's stack (kramdown itself would overflow far later).
_MAX_DEPTH = 60
# kramdown backtracks over unclosed links and emphasis; on some inputs
# (`![![![...`) that is exponential, and Jekyll itself hangs. Past this many
# parser steps for one heading the text is given up as unknown.
_MAX_STEPS = 20_000


class _TooComplex(Exception):
    """The heading is beyond the step budget."""


@cache
def _finder(names: tuple[str, ...], stop: str | None, nocase: bool) -> re.Pattern[str]:
    """Where the next span may start or `stop` matches (kramdown's union regexp)."""
    starts = "|".join(f"(?:{_SPAN[name][0]})" for name in names)
    if stop is None:
        return re.compile(f"(?={starts})", re.S)
    return re.compile(f"(?=(?{'i' if nocase else ''}:{stop})|{starts})", re.S)


def _ends_intraword(src: str, end: int) -> bool:
    """kramdown's `pre_match =~ /[[:alpha:]]-?[[:alpha:]]*\\z/`, without the regex's O(n)."""
    if end > 0 and _is_alpha(src[end - 1]):
        return True
    return end > 1 and src[end - 1] == "-" and _is_alpha(src[end - 2])


def _alnum_after(src: str, pos: int, delim: str) -> bool:
    """`src[pos:]` matches /delim[[:alnum:]]/."""
    after = pos + len(delim)
    return src.startswith(delim, pos) and after < len(src) and _is_alnum(src[after])


def _next_is_space(src: str, pos: int) -> bool:
    return pos < len(src) and src[pos] in _WS


def _normalize_ref(ref: str) -> str:
    return _downcase(re.sub(r"[ \t\n\v\f\r]+", " ", ref))


def _ref_set(refs: Collection[str] | None) -> frozenset[str] | None:
    """Link reference names as kramdown compares them; `^footnote` names as given."""
    if refs is None:
        return None
    return frozenset(r if r.startswith("^") else _normalize_ref(r) for r in refs)


class _Spans:
    """A port of kramdown's span-level parser, reduced to what ids depend on."""

    def __init__(
        self, source: str, gfm: bool, refs: frozenset[str] | None, steps: list[int] | None = None
    ) -> None:
        self.steps = steps if steps is not None else [0]  # shared with nested parsers
        self.src = source
        self.pos = 0
        self.gfm = gfm
        self.refs = refs
        self.parsers = _GFM_PARSERS if gfm else _KRAMDOWN_PARSERS
        self.tree = _Node("el", "header")
        self.stack: list[_Node] = []

    def parse(self) -> _Node:
        root = self.tree
        self.tree = _Node("el", "")  # a parent for the root, as kramdown's stack has
        self.spans(root)
        return root

    # -- kramdown's machinery

    def add_text(self, text: str, tree: _Node | None = None) -> None:
        tree = tree or self.tree
        if tree.children and tree.children[-1].kind == "text":
            tree.children[-1].value += text
        elif text:
            tree.children.append(_Node("text", text))

    def spans(
        self,
        el: _Node,
        stop: re.Pattern[str] | None = None,
        names: tuple[str, ...] | None = None,
        check: Callable[[re.Match[str]], bool] | None = None,
    ) -> bool:
        """kramdown's parse_spans: text and span elements into `el` until `stop`."""
        self.stack.append(self.tree)
        self.tree = el
        names = names or self.parsers
        finder = _finder(names, stop.pattern if stop else None, bool(stop and stop.flags & re.I))
        src = self.src
        found = False
        while self.pos < len(src) and not found:
            self.tick()
            hit = finder.search(src, self.pos)
            if hit is None:
                if stop is None:
                    self.add_text(src[self.pos :])
                    self.pos = len(src)
                break
            self.add_text(src[self.pos : hit.start()])
            self.pos = hit.start()
            stopped = stop.match(src, self.pos) if stop else None
            if stopped:
                found = check(stopped) if check else True
            if found:
                break
            for name in names:
                if _SPAN[name][1].match(src, self.pos):
                    getattr(self, "p_" + name.removesuffix("_gfm"))(name)
                    break
            else:
                self.add_text(src[self.pos])
                self.pos += 1
        self.tree = self.stack.pop()
        return found

    def tick(self) -> None:
        self.steps[0] += 1
        if self.steps[0] > _MAX_STEPS:
            raise _TooComplex

    def in_element(self, *types: str) -> bool:
        return any(n.kind == "el" and n.value in types for n in (self.tree, *self.stack))

    # -- the span parsers

    def p_emphasis(self, _name: str) -> None:
        src, start = self.src, self.pos
        result = _SPAN["emphasis"][1].match(src, start)
        assert result is not None
        delim = result.group()
        element = "strong" if len(delim) == 2 else "em"
        kind = delim[0]
        self.pos = result.end()
        if (
            (kind == "_" and _ends_intraword(src, start))
            or _next_is_space(src, self.pos)
            or self.in_element(element)
            or len(self.stack) >= _MAX_DEPTH
        ):
            self.add_text(delim)
            return

        def sub_parse(d: str, elem: str) -> tuple[bool, _Node, re.Pattern[str]]:
            el = _Node("el", elem)
            stop = re.compile(re.escape(d))
            double = re.compile(re.escape(d * 2) + "(?!" + re.escape(d) + ")")

            def check(_m: re.Match[str]) -> bool:
                p = self.pos
                return (
                    (p == 0 or src[p - 1] not in _WS)
                    and (elem != "em" or not double.match(src, p))
                    and (kind != "_" or not _alnum_after(src, p, d))
                    and bool(el.children)
                )

            return self.spans(el, stop, check=check), el, stop

        found, el, stop = sub_parse(delim, element)
        if (
            not found
            and element == "strong"
            and not (self.tree.kind == "el" and self.tree.value == "em")
        ):
            self.pos = start + 1
            found, el, stop = sub_parse(kind, "em")
        if found:
            end = stop.match(src, self.pos)
            self.pos = end.end() if end else self.pos
            self.tree.children.append(el)
        else:
            self.pos = start + len(delim)
            self.add_text(delim)

    def p_codespan(self, _name: str) -> None:
        src = self.src
        start = self.pos
        delim_match = _SPAN["codespan"][1].match(src, start)
        assert delim_match is not None
        delim = delim_match.group()
        simple = len(delim) == 1
        self.pos = saved = delim_match.end()
        # kramdown: a lone ` after whitespace (or at the start) and before it is text
        after_space = start == 0 or src[start - 1] in _WS
        if simple and after_space and _next_is_space(src, saved):
            self.add_text(delim)
            return
        end = src.find(delim, saved)
        if end < 0:
            self.pos = saved
            self.add_text(delim)
            return
        text = src[saved:end]
        self.pos = end + len(delim)
        if not simple:
            text = text[1:] if text[:1] == " " else text
            text = text[:-1] if text[-1:] == " " else text
        self.tree.children.append(_Node("codespan", text))

    def p_autolink(self, _name: str) -> None:
        found = _SPAN["autolink"][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        el = _Node("el", "a")
        self.add_text(re.sub(r"\Amailto:", "", found.group(1)), el)
        self.tree.children.append(el)

    def p_span_html(self, _name: str) -> None:
        src, pos = self.src, self.pos
        comment = _HTML_COMMENT.match(src, pos)
        if comment:
            self.pos = comment.end()
            self.tree.children.append(_Node("el", "comment"))
            return
        close = _HTML_TAG_CLOSE.match(src, pos)
        if close and _is_name(close.group(1)):
            self.pos = close.end()
            self.add_text(close.group())
            return
        tag = _HTML_TAG.match(src, pos)
        if not tag or not _tag_is_valid(tag):
            self.add_text(src[pos])
            self.pos += 1
            return
        name = tag.group(1)
        if name.lower() in _KNOWN_ELEMENTS:
            name = name.lower()
        self.pos = tag.end()
        if name in _BLOCK_ELEMENTS:
            self.add_text(tag.group())
            return
        if len(self.stack) >= _MAX_DEPTH:
            return  # (see _MAX_DEPTH) the tag is dropped
        model = "block" if name in _CONTENT_BLOCK else "span" if name in _CONTENT_SPAN else "raw"
        parse = not (model == "raw" or self.tree.raw)
        for _, attr, value in _attributes(tag.group(2) or ""):
            if attr == "markdown":
                if value == "0":
                    parse = False
                elif value == "1":
                    parse = model != "raw"
                elif value == "span":
                    parse = True
        el = _Node("el", "html")
        el.raw = not parse
        self.tree.children.append(el)
        if tag.group(4) or name in _NO_BODY:
            return
        stop = re.compile(
            r"</" + re.escape(name) + rf"{_S}*>", re.I if name in _KNOWN_ELEMENTS else 0
        )
        if self.spans(el, stop, None if parse else ("span_html",)):
            end = stop.match(src, self.pos)
            self.pos = end.end() if end else self.pos
        else:
            self.add_text(src[self.pos :], el)
            self.pos = len(src)

    def p_footnote_marker(self, _name: str) -> None:
        found = _SPAN["footnote_marker"][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        if self.refs is None or "^" + found.group(1) in self.refs:
            self.tree.children.append(_Node("el", "footnote"))
        else:
            self.add_text(found.group())

    def p_link(self, _name: str) -> None:
        src = self.src
        opener = _SPAN["link"][1].match(src, self.pos)
        assert opener is not None
        result = opener.group()
        self.pos = saved = opener.end()
        kind = "img" if result.startswith("!") else "a"
        if kind == "a" and self.in_element("a", "img"):
            self.add_text(result)
            return
        if len(self.stack) >= _MAX_DEPTH:
            self.add_text(result)
            return
        el = _Node("el", kind)
        count = 1

        def check(stopped: re.Match[str]) -> bool:
            nonlocal count
            count += -1 if stopped.group(1) else 1
            return count - sum(1 for c in el.children if c.value == "img") == 0

        if not self.spans(el, _LINK_BRACKET_STOP, check=check):
            self.pos = saved
            self.add_text(result)
            return
        alt_text = _KRAMDOWN_ESCAPED.sub(r"\1", src[saved : self.pos])
        closing = _LINK_BRACKET_STOP.match(src, self.pos)
        self.pos = closing.end() if closing else self.pos + 1

        ref_form = _LINK_INLINE_ID.match(src, self.pos)
        if ref_form or not src.startswith("(", self.pos):
            if ref_form:
                self.pos = ref_form.end()
            ref = ref_form.group(1) if ref_form else None
            link_id = _normalize_ref(ref if ref is not None else alt_text)
            if self.refs is None or link_id in self.refs:
                self.add_link(el)
            else:
                self.pos = saved
                self.add_text(result)
            return

        angle = _LINK_ANGLE_URL.match(src, self.pos)
        if angle:
            self.pos = angle.end()
            if src.startswith(")", self.pos):
                self.pos += 1
                self.add_link(el)
                return
        else:
            depth = 0
            while True:
                self.tick()
                stop = _LINK_PAREN_STOP.search(src, self.pos)
                if stop is None:
                    break
                self.pos = stop.end()
                if stop.group(2):
                    depth -= 1
                    if depth == 0:
                        break
                elif stop.group(1):
                    depth += 1
                else:
                    break
            if depth == 0:
                self.add_link(el)
                return
        title = _LINK_INLINE_TITLE.match(src, self.pos)
        if title:
            self.pos = title.end()
            self.add_link(el)
        else:
            self.pos = saved
            self.add_text(result)

    def add_link(self, el: _Node) -> None:
        if el.value == "img":
            el.children.clear()
        self.tree.children.append(el)

    def p_smart_quotes(self, _name: str) -> None:
        for number, (rule, actions) in enumerate(_SQ_RULES):
            found = rule.match(self.src, self.pos)
            if found is None or not _sq_boundary_ok(number, self.src, found.end()):
                continue
            self.pos = found.end()
            for action in actions:
                if isinstance(action, int):
                    self.add_text(found.group(action) or "")
                    continue
                quote = action
                if action[1:6] == "quote":  # lquote1, rquote2...: by the quote matched
                    single = found.group(int(action[-1])) == "'"
                    quote = action[0] + ("squo" if single else "dquo")
                self.tree.children.append(_Node("quote", _QUOTES[quote]))
            return
        self.add_text(self.src[self.pos])
        self.pos += 1

    def p_inline_math(self, _name: str) -> None:
        found = _SPAN["inline_math"][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        self.tree.children.append(_Node("math", _strip(found.group(1))))

    def p_span_extensions(self, _name: str) -> None:
        src, saved = self.src, self.pos
        ext = _EXT_SPAN.match(src, saved)
        if ext:
            self.pos = ext.end()
            name = ext.group(1)
            ok = ext.group(4) is None and ext.group() != "{:/}"
            has_body = ok and not ext.group(3)
            if has_body:
                stop = re.compile(r"\{:/(" + re.escape(name) + r")?\}")
                end = stop.search(src, self.pos)
                ok = end is not None
                if end:
                    self.pos = end.end()
            if ok and name in ("comment", "nomarkdown", "options"):
                if name != "options" and has_body:
                    self.tree.children.append(_Node("el", name))
                return
            self.pos = saved
            self.add_text(src[saved])
            self.pos += 1
            return
        ial = _IAL_SPAN.match(src, saved)
        if ial and self.tree.children and self.tree.children[-1].kind != "text":
            self.pos = ial.end()  # an inline IAL: attributes of the element before it
            return
        self.add_text(src[saved])
        self.pos += 1

    def p_html_entity(self, _name: str) -> None:
        found = _SPAN["html_entity"][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        name, decimal, hexa = found.groups()
        if name is not None:
            code = _entity_names().get(name)
            if code is None:
                self.tree.children.append(_Node("entity", "&"))
                self.add_text(found.group()[1:])
                return
            char = chr(code)
        else:
            char = _entity_char(int(decimal) if decimal is not None else int(hexa, 16))
        self.tree.children.append(_Node("entity", char))

    def p_typographic_syms(self, _name: str) -> None:
        found = _SPAN["typographic_syms"][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        matched = found.group()
        if matched in _TYPO_SUBST:
            self.tree.children.append(_Node("typo", _TYPO_SUBST[matched]))
        else:  # \<< and \>>: two plain characters
            for _ in range(2):
                self.tree.children.append(_Node("entity", matched[1]))

    def p_line_break(self, _name: str) -> None:
        found = _SPAN["line_break"][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        self.tree.children.append(_Node("el", "br"))

    def p_escaped_chars(self, name: str) -> None:
        found = _SPAN[name][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        self.add_text(found.group(1))

    def p_strikethrough(self, _name: str) -> None:
        found = _SPAN["strikethrough"][1].match(self.src, self.pos)
        assert found is not None
        self.pos = found.end()
        el = _Node("el", "del")
        if len(self.stack) < _MAX_DEPTH:
            # kramdown parses the inside as a fresh source: no outer context.
            inner = _Spans(found.group()[2:-2], self.gfm, self.refs, self.steps)
            inner.stack = [_Node("el", "")] * len(self.stack)
            inner.spans(el)
        self.tree.children.append(el)


def _parse(source: str, gfm: bool, refs: frozenset[str] | None) -> _Node | None:
    """The span tree of `source` (`refs` from _ref_set); None beyond the step budget."""
    try:
        return _Spans(source.replace("\r\n", "\n").replace("\r", "\n"), gfm, refs).parse()
    except _TooComplex:
        return None


def _gfm_text(node: _Node) -> str:
    """kramdown-parser-gfm's raw text: text, code, math, entities, quotes, symbols."""
    if node.kind in ("text", "codespan", "math", "entity", "quote"):
        return node.value
    if node.kind == "typo":
        return _TYPO_CHARS[node.value]
    return "".join(_gfm_text(child) for child in node.children)


def _plain_text(node: _Node) -> str:
    """kramdown's own stripped raw text: text elements only."""
    if node.kind == "text":
        return node.value
    return "".join(_plain_text(child) for child in node.children)


# Characters that start no span element, entity, escape or typographic symbol.
_PLAIN_INLINE = re.compile(r"[^\\`*_\[\]{}<>&!'\"~$]*")


def inline_text(source: str, *, gfm: bool = True, refs: Collection[str] | None = None) -> str:
    """The plain text kramdown derives an id from, for inline Markdown `source`.

    With `gfm` (Jekyll's default) this is kramdown-parser-gfm's text:
    emphasis markers gone, link text kept but images dropped, code span
    contents kept, HTML tags dropped (their content kept, except comments),
    entities decoded, escapes resolved, quotes made typographic and `--`,
    `---`, `...`, `<<`, `>>` turned into their symbols. With `gfm=False` it
    is what plain kramdown keeps when `auto_id_stripping` is on: text only,
    so code spans, entities and symbols drop out.

    `refs` are the page's link reference names (compared as kramdown does:
    case and runs of whitespace ignored) plus `^name` for each footnote; a
    reference to anything else stays literal text, as kramdown leaves it.
    None: all references resolve.

    Text so tangled that kramdown's backtracking would take exponential time
    (Jekyll hangs on it) is returned unchanged.
    """
    if _PLAIN_INLINE.fullmatch(source) and "--" not in source and "..." not in source:
        return source  # no markup, entity, escape or typographic sequence: text as it is
    root = _parse(source, gfm, _ref_set(refs))
    if root is None:
        return source
    return _gfm_text(root) if gfm else _plain_text(root)


# ---------------------------------------------------------------------------
# Liquid in headings

_LIQUID_OPEN = re.compile(r"\{\{|\{%")
# Liquid ends an output tag at its first `}`: `{{ x }` is a syntax error.
_LIQUID_VAR = re.compile(r"\{\{(-?)([^}]*?)(-?)\}(\}?)")
_LIQUID_TAG = re.compile(r"\{%(-?)\s*(\w+)(.*?)(-?)%\}", re.S)
_LIQUID_PATH = re.compile(r"(?:site|page)(?:\.[A-Za-z_][\w\-]*)+\Z")
_LIQUID_STRING = re.compile(r"'([^']*)'\Z|\"([^\"]*)\"\Z")
_LIQUID_NUMBER = re.compile(r"-?\d+(?:\.\d+)?\Z")
_HTML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}


def _capitalize(text: str) -> str:
    return text[:1].upper() + _downcase(text[1:])


_FILTERS: dict[str, Callable[[str], str]] = {
    "upcase": str.upper,
    "downcase": _downcase,
    "capitalize": _capitalize,
    "strip": _strip,
    "lstrip": lambda s: s.lstrip(_RUBY_STRIP),
    "rstrip": _rstrip,
    "escape": lambda s: "".join(_HTML_ESCAPES.get(c, c) for c in s),
}


def _liquid_value(value: object) -> str | None:
    """How Liquid prints a scalar; None for values whose printing is not certain."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Ruby prints 1e16 and up, and tiny values, differently from Python.
        if not math.isfinite(value):
            return None
        if value != 0 and not 1e-4 <= abs(value) < 1e16:
            return None
        return repr(value)
    return None


def _evaluate(expr: str, lookup: Callable[[str], object | None]) -> str | None:
    parts = [_strip(p) for p in expr.split("|")]
    base, filters = parts[0], parts[1:]
    if any(q in expr for q in "'\"") and len(parts) > 1:
        return None  # a quoted `|` would be split wrongly; not worth guessing
    literal = _LIQUID_STRING.match(base)
    if base == "":
        text: str | None = ""
    elif literal:
        text = literal.group(1) if literal.group(1) is not None else literal.group(2)
    elif _LIQUID_NUMBER.match(base):
        text = base
    elif _LIQUID_PATH.match(base):
        value = lookup(base)
        text = None if value is None else _liquid_value(value)
    else:
        return None
    for name in filters:
        if text is None or name not in _FILTERS:
            return None
        text = _FILTERS[name](text)
    return text


def expand_liquid(source: str, lookup: Callable[[str], object | None]) -> str | None:
    """`source` with its Liquid output tags replaced, as Jekyll renders them.

    Handles `{{ site.x }}` / `{{ page.x.y }}` (any spacing, `{{-`/`-}}`
    whitespace control), string and number literals, the filters upcase,
    downcase, capitalize, strip, lstrip, rstrip and escape, `{% raw %}` and
    `{% comment %}`. `lookup("site.x")` gives a variable's value, None when
    it is unknown. Returns None when any Liquid cannot be known: an unknown
    variable, tag or filter, a value that is not a plain scalar, or a value
    with a line break (which would change the block structure), so callers
    treat the id as unknown rather than report a false finding.

    Jekyll runs Liquid before kramdown, so expand the whole heading content
    first and split off a `{#id}` afterwards: Liquid may produce one.
    """
    out: list[str] = []
    pos = 0
    trim_next = False
    while True:
        opening = _LIQUID_OPEN.search(source, pos)
        text = source[pos : opening.start() if opening else len(source)]
        if trim_next:
            text = text.lstrip(_RUBY_STRIP)
        if opening is None:
            out.append(text)
            break
        var = _LIQUID_VAR.match(source, opening.start())
        tag = _LIQUID_TAG.match(source, opening.start()) if var is None else None
        if (var is None and tag is None) or (var is not None and not var.group(4)):
            return None
        found = var or tag
        assert found is not None
        if found.group(1):
            text = _rstrip(text)
        out.append(text)
        if var is not None:
            value = _evaluate(var.group(2), lookup)
            if value is None or "\n" in value or "\r" in value:
                return None
            out.append(value)
            trim_next = var.group()[-3] == "-"  # `{{-}}` trims both sides
            pos = var.end()
            continue
        assert tag is not None
        name = tag.group(2)
        if name not in ("raw", "comment") or _strip(tag.group(3)):
            return None
        closing = re.compile(r"\{%(-?)\s*end" + name + r"\s*(-?)%\}")
        end = closing.search(source, tag.end())
        if end is None:
            return None
        if name == "raw":
            # Liquid 5 reports `{% raw -%}` and `{%- endraw` as never closed,
            # and ignores the `-` of `endraw -%}`.
            if tag.group(4) or end.group(1):
                return None
            out.append(source[tag.end() : end.start()])
            trim_next = False
        else:
            trim_next = bool(end.group(2))
        pos = end.end()
    return "".join(out)


# ---------------------------------------------------------------------------
# Assigning ids


_ASCII_NON_WORD = re.compile(r"[^a-z0-9_\- \t]")


def _gfm_id(text: str) -> str:
    """kramdown-parser-gfm's generate_gfm_header_id, before the counter."""
    if text.isascii():  # \p{Word} is [A-Za-z0-9_] here
        return _ASCII_NON_WORD.sub("", text.lower()).replace(" ", "-").replace("\t", "-")
    out: list[str] = []
    for ch in _downcase(text):
        if ch in " \t":
            out.append("-")
        elif ch == "-" or _is_word(ch):
            out.append(ch)
    return "".join(out)


_LEADING_NON_LETTERS = re.compile(r"^[^a-zA-Z]+", re.M)
_KRAMDOWN_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -")


def _kramdown_id(text: str) -> str:
    """kramdown's basic_generate_id: ASCII letters, digits, spaces and dashes."""
    kept = "".join(c for c in _LEADING_NON_LETTERS.sub("", text) if c in _KRAMDOWN_ID_CHARS)
    return kept.replace(" ", "-").lower()


class HeadingIds:
    """Assigns ids to one page's headings in document order.

    kramdown's duplicate counters live here, so use one per page.

    `refs`: the page's link reference names and `^footnote` names, see
    `inline_text` (None: every reference resolves).
    """

    def __init__(self, options: IdOptions, *, refs: Collection[str] | None = None) -> None:
        self.options = options
        self._refs = _ref_set(refs)
        self._gfm_counts: dict[str, int] = {}
        self._used: dict[str, int] = {}

    def assign(
        self,
        text: str,
        explicit: str | None = None,
        *,
        ial: str | None = None,
        inside_html: bool = False,
    ) -> str | None:
        """The id kramdown gives this heading.

        `text` is the heading's Markdown after expand_liquid and
        split_explicit_id (not inline_text's output: which text the id comes
        from depends on the options). `explicit` is its `{#id}`, `ial` the id
        of a block IAL that applies to it (`{: #id}` on the line after it, or
        before it); an IAL id wins over `{#id}`. Either way the heading is
        left out of the duplicate counter, as kramdown leaves it.

        `inside_html`: the heading sits in an HTML block with `markdown="1"`.
        kramdown-parser-gfm never reaches those, so kramdown's converter gives
        them ids with the non-GFM algorithm and a counter of its own.

        None when no id is published: auto ids off, an id that came out empty
        (GFM; the counter still moves). None too when the id cannot be known:
        `transliterated_header_ids` on non-ASCII text with the kramdown
        algorithm (that needs the stringex gem's tables; without the gem
        Jekyll fails to build), or text too tangled to parse (see
        inline_text). Such headings are left out of the counter.
        """
        if ial:
            return ial
        if explicit:
            return explicit
        options = self.options
        if not options.auto_ids:
            return None
        if options.gfm or options.auto_id_stripping:
            root = _parse(text, options.gfm, self._refs)
            if root is None:
                return None
            raw = _gfm_text(root) if options.gfm else _plain_text(root)
        else:
            raw = text
        if options.gfm and not inside_html:
            base = _gfm_id(raw)
            count = self._gfm_counts.get(base, -1) + 1
            self._gfm_counts[base] = count
            result = options.auto_id_prefix + base + (f"-{count}" if count else "")
        else:
            if options.transliterated_header_ids and not raw.isascii():
                return None
            base = _kramdown_id(raw) or "section"
            if base in self._used:
                self._used[base] += 1
                base = f"{base}-{self._used[base]}"
            else:
                self._used[base] = 0
            result = options.auto_id_prefix + base
        return result if _strip(result) else None


# ---------------------------------------------------------------------------
# Ids outside headings

_ALD_START = re.compile(rf"\A {{0,3}}\{{:({_ALD_NAME}):({_ANY}+)\}}{_S}*\Z")
_IAL_BLOCK = re.compile(rf"\A {{0,3}}\{{:(?!:|/)({_ANY}+)\}}{_S}*\Z")
_ALD_TOKEN = re.compile(
    rf"(?:\A|{_S})(?:({_ALD_NAME})=(\"|')((?:\\\}}|\\\2|[^}}\x02])*?)\2"
    rf"|({_ALD_NAME})"
    rf"|((?:#[A-Za-z][A-Za-z0-9_:\-]*|\.[^ \t\n\v\f\r.#]+)+))(?={_S}|\Z)"
)
_ALD_ID_OR_CLASS = re.compile(r"#([A-Za-z][A-Za-z0-9_:\-]*)|\.([^ \t\n\v\f\r.#]+)")


def ial_id(line: str) -> str | None:
    """The `#id` of a block IAL line such as `{: #id .cls}`.

    None when the line is not an IAL or carries no id.

    kramdown's rules: an id token must start with an ASCII letter (`{: #1x}`
    sets nothing), the last id wins, and `id="..."` sets it too (any
    value). An ALD (`{:name: ...}`) is a definition, not an IAL; an IAL
    that only references one (`{: name}`) is not resolved here.
    """
    line = line.rstrip("\r\n")
    if _ALD_START.match(line):
        return None
    found = _IAL_BLOCK.match(line)
    if found is None:
        return None
    result: str | None = None
    for token in _ALD_TOKEN.finditer(found.group(1)):
        key, quote, value, _ref, multi = token.groups()
        if key is not None and key == "id":
            result = re.sub(r"\\(\}|" + re.escape(quote) + ")", r"\1", value)
        elif multi is not None:
            for id_part, _cls in _ALD_ID_OR_CLASS.findall(multi):
                if id_part:
                    result = id_part
    return result


def html_ids(html: str) -> list[tuple[int, str, str]]:
    """(offset, 'id' or 'name', value) for every id= and <a name=> in a raw HTML snippet.

    The offset is the tag's `<`, where kramdown places the element (a tag
    may span lines). Tags are read as kramdown reads
    them, because kramdown prints a tag it cannot read as text: an unquoted
    value must be word characters only (`<div id=a-b>` publishes no id).
    `name` counts on `<a>` only, the one element browsers scroll to by name.
    Values are entity-decoded, as a browser sees them; comments are skipped.
    """
    out: list[tuple[int, str, str]] = []
    pos = 0
    while True:
        lt = html.find("<", pos)
        if lt < 0:
            return out
        comment = _HTML_COMMENT.match(html, lt)
        if comment:
            pos = comment.end()
            continue
        tag = _HTML_TAG.match(html, lt)
        if tag is None or not _tag_is_valid(tag):
            pos = lt + 1
            continue
        element = tag.group(1).lower()
        for _, name, value in _attributes(tag.group(2) or ""):
            if value is None:
                continue
            if name == "id" or (name == "name" and element == "a"):
                out.append((lt, name, htmllib.unescape(value)))
        pos = tag.end()
