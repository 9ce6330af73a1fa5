"""The editors' list of open markers, with their age and author from git.

Built from the markers the engine found (rules MRK001 and MRK002), so the
report and `check` never disagree on what is open. git answers one
question per file that has markers, `git blame --porcelain`, never one per
line. Where git cannot answer truly (outside a repository, a line not yet
committed, a shallow clone's boundary commit) the item says why instead of
giving a wrong date.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from guidelint.findings import Finding
from guidelint.globs import glob_match

MARKER_RULES = ("MRK001", "MRK002")
OTHER_FAMILIES = ("STL", "TXT")  # what `--all` adds: stale references and text hygiene
_TIMEOUT = 120
_NOT_COMMITTED = "0" * 40


@dataclass(frozen=True)
class Item:
    """One open marker, in the shape of SPEC section 6."""

    marker: str
    path: str
    line: int
    text: str
    page_title: str
    visible: bool  # outside a comment: published to readers (MRK002)
    added: datetime.date | None = None
    author: str | None = None
    commit: str | None = None
    age_days: int | None = None
    why_no_date: str = ""  # when git cannot tell: the reason
    url: str | None = None  # the line on the hosting service

    def to_json(self) -> dict[str, object]:
        return {
            "marker": self.marker,
            "path": self.path,
            "line": self.line,
            "text": self.text,
            "page_title": self.page_title,
            "visible": self.visible,
            "added": self.added.isoformat() if self.added else None,
            "author": self.author,
            "age_days": self.age_days,
            "commit": self.commit,
            "url": self.url,
            "note": self.why_no_date or None,
        }


@dataclass(frozen=True)
class Blame:
    commit: str
    author: str
    added: datetime.date
    boundary: bool


def items_from(findings: Iterable[Finding], everything: bool = False) -> list[Item]:
    """The report's items: marker findings, and with `everything` STL/TXT ones too.

    A finding of another rule is listed under its code, its message as the note.
    """
    items: list[Item] = []
    for finding in findings:
        if everything and finding.rule.startswith(OTHER_FAMILIES):
            items.append(Item(finding.rule, finding.path, finding.line, finding.message, "", False))
            continue
        if finding.rule not in MARKER_RULES:
            continue
        extra = dict(finding.data)
        items.append(
            Item(
                marker=str(extra.get("marker", "")),
                path=finding.path,
                line=finding.line,
                text=str(extra.get("text", "")),
                page_title=str(extra.get("title", "")),
                visible=finding.rule == "MRK002",
            )
        )
    return items


def with_history(items: list[Item], root: Path, today: datetime.date) -> list[Item]:
    """Items with the date, author and commit of their line, from `git blame`."""
    top = _git(root, ["rev-parse", "--show-toplevel"])
    if top is None:
        return [replace(item, why_no_date="not in a git repository") for item in items]
    repo = Path(top.strip()).resolve()
    prefix = root.resolve().relative_to(repo).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    shallow = (_git(root, ["rev-parse", "--is-shallow-repository"]) or "").strip() == "true"
    link = _link_template(root)
    by_file: dict[str, list[Item]] = {}
    for item in items:
        by_file.setdefault(item.path, []).append(item)
    out: list[Item] = []
    # One `git blame` per file, several at once: each is a process of its own.
    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) * 2) as pool:
        blames = dict(
            zip(by_file, pool.map(lambda path: _blame(repo, prefix + path), by_file), strict=True)
        )
    for path, file_items in by_file.items():
        blame = blames[path]
        for item in file_items:
            found = blame.get(item.line) if blame is not None else None
            if blame is None:
                out.append(replace(item, why_no_date="not committed to git yet"))
            elif found is None or found.commit == _NOT_COMMITTED:
                out.append(replace(item, why_no_date="line not committed yet"))
            elif found.boundary and shallow:
                out.append(replace(item, why_no_date="shallow clone: the line is older"))
            else:
                out.append(
                    replace(
                        item,
                        added=found.added,
                        author=found.author,
                        commit=found.commit,
                        age_days=(today - found.added).days,
                        url=link.format(commit=found.commit, path=prefix + path, line=item.line)
                        if link
                        else None,
                    )
                )
    return out


def select(
    items: list[Item], markers: Iterable[str], older_than: int | None, path_glob: str | None
) -> list[Item]:
    """The items the filters keep, oldest first (undated last, by place)."""
    wanted = {m.upper() for m in markers}
    kept = [
        item
        for item in items
        if (not wanted or item.marker in wanted)
        and (older_than is None or (item.age_days is not None and item.age_days > older_than))
        and (path_glob is None or glob_match(path_glob, item.path))
    ]
    return sorted(
        kept,
        key=lambda i: (i.age_days is None, -(i.age_days or 0), i.path, i.line),
    )


def totals(items: list[Item]) -> tuple[Counter[str], Counter[str]]:
    """Open items by marker and by page."""
    return Counter(i.marker for i in items), Counter(i.path for i in items)


def parse_age(text: str) -> int:
    """`90d`, `12w` or `90` -> days."""
    m = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", text)
    if m is None:
        raise ValueError(f"not an age: {text!r} (use days like 90d, or weeks like 12w)")
    return int(m.group(1)) * (7 if m.group(2) == "w" else 1)


# -- git -------------------------------------------------------------------------------


def _blame(repo: Path, path: str) -> dict[int, Blame] | None:
    """Final line number -> who added it; None when git does not know the file."""
    output = _git(repo, ["blame", "--porcelain", "--", path])
    if output is None:
        return None
    lines: dict[int, Blame] = {}
    commits: dict[str, dict[str, str]] = {}
    current: str | None = None
    final = 0
    for raw in output.split("\n"):
        if raw.startswith("\t") or not raw:
            continue
        parts = raw.split(" ")
        if len(parts[0]) == 40 and all(c in "0123456789abcdef" for c in parts[0]):
            current = parts[0]
            final = int(parts[2]) if len(parts) > 2 else final
            commits.setdefault(current, {})
            lines[final] = _entry(current, commits[current])
            continue
        if current is None:
            continue
        key, _, value = raw.partition(" ")
        commits[current][key] = value
        lines[final] = _entry(current, commits[current])
    return lines


def _entry(commit: str, meta: dict[str, str]) -> Blame:
    stamp = int(meta.get("author-time", "0") or 0)
    added = datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC).date()
    return Blame(commit, meta.get("author", ""), added, "boundary" in meta)


def _link_template(root: Path) -> str | None:
    """A URL template for a line at a commit, when `origin` is on GitHub or GitLab."""
    remote = (_git(root, ["remote", "get-url", "origin"]) or "").strip()
    m = re.match(
        r"(?:https?://|git@|ssh://git@)(github\.com|gitlab\.com)[:/](.+?)(?:\.git)?$", remote
    )
    if m is None:
        return None
    host, project = m.groups()
    middle = "blob" if host == "github.com" else "-/blob"
    return f"https://{host}/{project}/{middle}/{{commit}}/{{path}}#L{{line}}"


def _git(root: Path, args: list[str]) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None
