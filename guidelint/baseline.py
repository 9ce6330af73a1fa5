"""Baselines: adopt guidelint on a guide with old problems, and fail only on new ones.

`--write-baseline FILE` records every current finding by rule, path and a
fingerprint of the offending text: the source line with its spacing
normalised, never the line number, so edits elsewhere in the page do not
disturb it. `--baseline FILE` then drops findings that match an entry. The
same fingerprint may be recorded several times (two broken links on one
line): each entry absorbs one finding, so a third one is new.

The file is JSON, sorted, one entry per finding, so that it reviews well in
a diff and shrinks as problems are fixed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guidelint.errors import GuidelintError
from guidelint.findings import Finding

FORMAT = 1
_DIGITS = re.compile(r"\d+")

Key = tuple[str, str, str]  # rule, path, fingerprint


def fingerprint(finding: Finding) -> str:
    """What identifies a finding across edits: its offending text, or its message.

    The offending text is the finding's source: the line, or for a link its
    target. Where that says nothing (no text, or a line such as the `---`
    that opens front matter, where every missing key is reported), the
    message counts too, with numbers taken out: they are line numbers and
    day counts, which move.
    """
    text = " ".join(finding.source.split())
    if not any(ch.isalnum() for ch in text):
        text += "\nmessage:" + _DIGITS.sub("#", finding.message)
    return hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def key(finding: Finding) -> Key:
    return (finding.rule, finding.path, fingerprint(finding))


@dataclass(frozen=True)
class Outcome:
    """What applying a baseline did: how many findings it absorbed, how many entries are fixed."""

    entries: int
    absorbed: int

    @property
    def fixed(self) -> int:
        return self.entries - self.absorbed


def load(path: Path) -> Counter[Key]:
    """The entries of a baseline file; a bad file stops the run with one line."""
    try:
        data: Any = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise GuidelintError(
            f"{path}: no such baseline; write one with --write-baseline {path}"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GuidelintError(f"{path}: cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise GuidelintError(f"{path}:{exc.lineno}: the baseline is not JSON: {exc.msg}") from None
    except RecursionError:
        raise GuidelintError(f"{path}: not a guidelint baseline: nested too deeply") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list) or data.get("format") != FORMAT:
        raise GuidelintError(
            f"{path}: not a guidelint baseline (format {FORMAT}); write it with --write-baseline"
        )
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(entries, start=1):
        fields = [entry.get(name) if isinstance(entry, dict) else None for name in _KEY_FIELDS]
        rule, site_path, print_ = fields
        if not (isinstance(rule, str) and isinstance(site_path, str) and isinstance(print_, str)):
            raise GuidelintError(
                f"{path}: entry {number} needs string fields {', '.join(_KEY_FIELDS)}"
            )
        counts[(rule, site_path, print_)] += 1
    return counts


_KEY_FIELDS = ("rule", "path", "fingerprint")


def _mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def apply(
    findings: list[Finding], entries: Counter[Key], ran: Callable[[str], bool]
) -> tuple[list[Finding], Outcome]:
    """`findings` not in the baseline; in sorted order, so which of twins is new is stable.

    Entries of rules that did not run (`ran(code)` false) are neither used
    nor counted: they are not fixed, only unchecked.
    """
    left = Counter({key: count for key, count in entries.items() if ran(key[0])})
    entries = Counter(left)
    kept: list[Finding] = []
    for finding in sorted(findings):
        found = key(finding)
        if left[found] > 0:
            left[found] -= 1
        else:
            kept.append(finding)
    total = sum(entries.values())
    return kept, Outcome(entries=total, absorbed=total - sum(left.values()))


def write(path: Path, findings: list[Finding]) -> None:
    """Record `findings` in `path`, atomically: a reader never sees half a file."""
    entries = sorted(
        (
            {"rule": f.rule, "path": f.path, "fingerprint": fingerprint(f), "message": f.message}
            for f in findings
        ),
        key=lambda e: (e["path"], e["rule"], e["fingerprint"], e["message"]),
    )
    text = json.dumps({"format": FORMAT, "findings": entries}, indent=2, ensure_ascii=False)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise GuidelintError(f"{path}: cannot write the baseline: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text + "\n")
        os.chmod(temp, _mode(path))  # a file to commit, not a private temporary one
        os.replace(temp, path)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise GuidelintError(f"{path}: cannot write the baseline: {exc.strerror}") from None
