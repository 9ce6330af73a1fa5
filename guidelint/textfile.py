"""Bytes to text, recording every encoding problem instead of failing.

Jekyll reads sources as UTF-8. Anything else still has to be linted as far as
it can be (SPEC section 9), so decoding never raises: invalid bytes become
U+FFFD and each problem is kept with its byte offset for TXT002.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_ESCAPED = re.compile("[\udc80-\udcff]+")
_MAX_ISSUES = 50  # a mis-encoded file has a bad byte on every line; a few say enough


@dataclass(frozen=True)
class EncodingIssue:
    """One encoding problem; `line`/`column` are 1-based in the decoded text."""

    kind: str  # "invalid-utf8" | "bom" | "utf16" | "replacement-char" | "binary"
    line: int
    column: int
    byte_offset: int | None
    message: str


@dataclass(frozen=True)
class DecodedText:
    text: str
    issues: tuple[EncodingIssue, ...]
    binary: bool = False


def decode(data: bytes) -> DecodedText:
    """Decode file bytes as Jekyll would read them, noting what is wrong."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
        issue = EncodingIssue(
            "utf16", 1, 1, 0, "file is UTF-16 encoded; Jekyll reads sources as UTF-8"
        )
        return DecodedText(text, (issue,))
    if b"\x00" in data:
        offset = data.index(b"\x00")
        issue = EncodingIssue(
            "binary",
            data.count(b"\n", 0, offset) + 1,
            1,
            offset,
            f"file holds a NUL byte at byte {offset}: it is binary, not a text page",
        )
        return DecodedText("", (issue,), binary=True)

    issues: list[EncodingIssue] = []
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        issues.append(
            EncodingIssue(
                "bom",
                1,
                1,
                0,
                "file starts with a UTF-8 byte-order mark; Jekyll then does not see "
                "its front matter",
            )
        )
        bom_len = len(codecs.BOM_UTF8)
    else:
        bom_len = 0
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_invalid(data, bom_len, issues)
    else:
        if "\ufffd" in text:
            _note_replacement_chars(text, bom_len, issues)
    return DecodedText(text, tuple(issues))


def _decode_invalid(data: bytes, bom_len: int, issues: list[EncodingIssue]) -> str:
    """Decode with U+FFFD for bad bytes, noting the first bad byte of each line.

    One pass: `surrogateescape` turns each bad byte into a lone surrogate,
    which is found, located and replaced afterwards.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    last_line = 0
    line, scanned = 1, 0
    for match in _ESCAPED.finditer(text):
        if len(issues) >= _MAX_ISSUES:
            break
        index = match.start()
        line += text.count("\n", scanned, index)
        scanned = index
        if line == last_line:
            continue
        last_line = line
        offset = len(text[:index].encode("utf-8", errors="surrogateescape")) + bom_len
        byte = ord(text[index]) - 0xDC00
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        issues.append(
            EncodingIssue(
                "invalid-utf8",
                line,
                column,
                offset,
                f"invalid UTF-8 byte 0x{byte:02X} at byte offset {offset}",
            )
        )
    return _ESCAPED.sub("\ufffd", text)


def _note_replacement_chars(text: str, bom_len: int, issues: list[EncodingIssue]) -> None:
    for line_no, line_text in enumerate(text.split("\n"), start=1):
        col = line_text.find("\ufffd")
        if col >= 0 and len(issues) < _MAX_ISSUES:
            issues.append(
                EncodingIssue(
                    "replacement-char",
                    line_no,
                    col + 1,
                    None,
                    "U+FFFD replacement character: text was lost in an earlier conversion",
                )
            )
