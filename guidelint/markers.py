"""Editorial markers: `[GAP]`, `[UPLIFT]` and the like, in comments and out.

Editors write notes for each other in HTML comments (`<!-- [GAP] ... -->`)
and in `{% comment %}` blocks; neither is published. A marker anywhere
else is: readers see "[GAP]" in the guide. Code spans and code blocks
show their text as an example, and `{% raw %}` content is literal, so a
marker there is not a note.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from guidelint.markdown import BodyStructure

# `[GAP]`, `[Gap]`, `[UPLIFT]`: a bracketed word; `[GAP]:` and `[GAP] -` are the same.
_BRACKETED = re.compile(r"\[([A-Za-z][A-Za-z0-9_-]*)\]")
_NOTE_END = re.compile(r"\s*(?:-->|\{%-?\s*endcomment\s*-?%\})\s*$")
COMMENTS = frozenset({"comment", "liquid-comment"})


class Marker(NamedTuple):
    """A bracketed tag and where it stands; `text` is the rest of its note."""

    tag: str  # as written, e.g. `Gap`
    offset: int  # body offset of the `[`
    text: str
    in_comment: bool
    hidden: bool  # in code, a conditional comment or `{% raw %}`: neither note nor prose


def scan(text: str, structure: BodyStructure, raw: list[tuple[int, int]]) -> list[Marker]:
    """Every bracketed word of a body, classified by where it stands.

    `raw` are the `{% raw %}` contents, as the Liquid tokenizer found them.
    """
    if "[" not in text:
        return []
    found: list[Marker] = []
    for m in _BRACKETED.finditer(text):
        start = m.start()
        if text.startswith("(", m.end()) or (start > 0 and text[start - 1] in "/=!["):
            continue  # a link `[GAP](...)`, an image, part of a URL or a nested bracket
        region = structure.region_at(start)
        in_comment = region is not None and region.kind in COMMENTS
        hidden = (region is not None and not in_comment) or any(a <= start < b for a, b in raw)
        note = ""
        if in_comment and region is not None:
            following = _BRACKETED.search(text, m.end(), region.end)
            end = following.start() if following else region.end
            note = " ".join(_NOTE_END.sub("", text[m.end() : end]).split()).lstrip(":-\u2013 ")
        found.append(Marker(m.group(1), start, note, in_comment, hidden))
    return found
