"""Bytes to text, recording every encoding problem instead of failing.

Jekyll reads sources as UTF-8. Anything else still has to be linted as far as
it can be (SPEC section 9), so decoding never raises: invalid bytes become
U+FFFD and each problem is kept with its byte offset for TXT002.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

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
    """Decode with U+FFFD for bad bytes, noting the first bad byte of each line."""
    parts: list[str] = []
    pos = 0
    seen_lines: set[int] = set()
    line = 1
    line_start_char = 0
    chars = 0
    while True:
        try:
            chunk = data[pos:].decode("utf-8")
        except UnicodeDecodeError as exc:
            good = data[pos : pos + exc.start].decode("utf-8")
            parts.append(good)
            line += good.count("\n")
            if "\n" in good:
                line_start_char = chars + good.rindex("\n") + 1
            chars += len(good)
            bad_at = pos + exc.start
            if line not in seen_lines and len(issues) < _MAX_ISSUES:
                seen_lines.add(line)
                issues.append(
                    EncodingIssue(
                        "invalid-utf8",
                        line,
                        chars - line_start_char + 1,
                        bad_at + bom_len,
                        f"invalid UTF-8 byte 0x{data[bad_at]:02X} at byte offset "
                        f"{bad_at + bom_len}",
                    )
                )
            parts.append("\ufffd")
            chars += 1
            pos += exc.end
        else:
            parts.append(chunk)
            return "".join(parts)


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
                    "U+FFFD replacement character: text was lost in an earlier "
                    "conversion",
                )
            )
