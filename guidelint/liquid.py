"""Liquid tags and outputs with their places, found the way Liquid 4 finds them.

Jekyll renders Liquid before Markdown, so tags inside HTML comments and
code blocks still run; only `{% raw %}` keeps its content literal, and
`{% comment %}` drops its content but still parses the block tags in it.
Liquid (5.4 in Debian's Jekyll 4.3) ends a tag at the first `%}` and an
output at the first `}`, quotes or not; an output that does not end with
`}}` fails the build. Liquid stops at the first broken tag; here every
token is kept, a broken one marked, so one run reports every problem.

python-liquid (2.3) was tried first: its lexer gives offsets, but it stops
at the first syntax error and costs about 0.35 ms a page on the bench
corpus, a third of what a whole page's check may cost.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Token(NamedTuple):
    """`{% name markup %}` (kind `tag`) or `{{ markup }}` (kind `output`).

    `start`/`end` are offsets in the text scanned (`end` past the closing
    delimiter, or the end of the text when there is none: `closed` False).
    `markup_start` is where `markup` begins, for placing its parts.
    """

    kind: str
    name: str
    markup: str
    start: int
    end: int
    markup_start: int
    closed: bool = True


# Liquid's tokenizer: a tag ends at its first `%}`, an output at its first `}`
# (closed only when a second `}` follows); `{{`/`{%` with no end at all is a
# token of its own. Either way a broken token fails the build.
_TOKEN = re.compile(r"\{%-?(.*?)-?%\}|\{\{-?(.*?)-?\}(\})?|\{%|\{\{", re.S)
_NAME = re.compile(r"\s*(\w+)\s*")
_RAW_END = re.compile(r"\{%-?\s*endraw\s*-?%\}")


def tokenize(text: str) -> list[Token]:
    """Every tag and output in `text`, in order; `raw` content is skipped.

    `comment` blocks are kept as tokens (their tags still nest and must
    balance in Liquid 4), so callers decide what a comment hides.
    """
    tokens: list[Token] = []
    if "{" not in text:
        return tokens
    pos = 0
    length = len(text)
    while pos < length:
        m = _TOKEN.search(text, pos)
        if m is None:
            break
        start = m.start()
        whole = m.group()
        if whole in ("{%", "{{"):  # never closed
            kind = "tag" if whole == "{%" else "output"
            markup, markup_start, name = text[m.end() :], m.end(), ""
            found = _NAME.match(markup) if kind == "tag" else None
            if found is not None:
                name, markup, markup_start = (
                    found.group(1),
                    markup[found.end() :],
                    m.end() + found.end(),
                )
            tokens.append(Token(kind, name, markup.strip(), start, length, markup_start, False))
            break
        if m.group(1) is not None:
            inner, inner_start = m.group(1), m.start(1)
            found = _NAME.match(inner)
            name = found.group(1) if found else ""
            markup_start = inner_start + (found.end() if found else 0)
            markup = inner[found.end() :] if found else inner
            token = Token("tag", name, markup.strip(), start, m.end(), markup_start)
            tokens.append(token)
            if name == "raw":
                close = _RAW_END.search(text, m.end())
                if close is None:
                    break  # an unclosed raw block: what follows is all literal
                tokens.append(
                    Token("tag", "endraw", "", close.start(), close.end(), close.end() - 2)
                )
                pos = close.end()
                continue
        else:
            inner = m.group(2)
            closed = m.group(3) is not None
            tokens.append(Token("output", "", inner.strip(), start, m.end(), m.start(2), closed))
        pos = m.end()
    return tokens


def raw_spans(tokens: list[Token], length: int) -> list[tuple[int, int]]:
    """Offsets of `{% raw %}` contents (to the end of the text when never closed)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for token in tokens:
        if token.kind != "tag":
            continue
        if token.name == "raw" and start is None:
            start = token.end
        elif token.name == "endraw" and start is not None:
            spans.append((start, token.start))
            start = None
    if start is not None:
        spans.append((start, length))
    return spans
